import { createEffect, createSignal, For, on, Show, type JSX } from 'solid-js';
import type { QuestionView } from '../../../../shared/contest/views';
import type { AppError } from '../../../../shared/protocol/result';
import '../../components/question-card.css';
import { tp } from '../../i18n/phone';
import { ErrorLine } from './chrome';

const LETTERS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];

export interface QuestionPanelProps {
  question: QuestionView;
  /** Option texts as shown (true/false in the page's language). */
  labels: string[];
  /** Whether this device may answer now. */
  active: boolean;
  /** The answer the server holds for this device, if any. */
  answer: number[] | null;
  /** Sends the answer; resolves with null once the server accepted it, else the (localized) refusal. */
  submit: (options: number[]) => Promise<AppError | null>;
  /** The outcome is already known (a buzzer answer is judged at once): no "waiting for the reveal" line. */
  judged?: boolean;
  children?: JSX.Element;
}

/**
 * The question on a phone, in the look of the shared question card, with options that are buttons:
 * a tap answers a single-choice or true/false question at once (pressed at once, then confirmed by
 * the server); a multiple-choice question toggles options and sends them with 确认提交. After the
 * reveal it marks the right options, this device's wrong ones, and shows the explanation.
 */
export function QuestionPanel(props: QuestionPanelProps) {
  const [picked, setPicked] = createSignal<number[]>([]);
  const [pending, setPending] = createSignal<number[] | null>(null);
  const [accepted, setAccepted] = createSignal<number[] | null>(null);
  const [error, setError] = createSignal<AppError | null>(null);

  // A new question starts clean: nothing picked, nothing in flight.
  createEffect(
    on(
      () => props.question.openingId,
      () => {
        setPicked([]);
        setPending(null);
        setAccepted(null);
        setError(null);
      },
    ),
  );

  const multiple = () => props.question.type === 'multiple';
  const mine = () => props.answer ?? accepted() ?? pending();
  const settled = () => props.answer !== null || accepted() !== null;
  const open = () => props.active && mine() === null;
  const revealed = () => props.question.key !== undefined;
  const isKey = (i: number) => props.question.key?.includes(i) ?? false;

  const send = async (options: number[]) => {
    const openingId = props.question.openingId;
    setPending(options);
    setError(null);
    navigator.vibrate?.(20);
    const err = await props.submit(options);
    if (props.question.openingId !== openingId) return;
    if (err) {
      setPending(null);
      setError(err);
    } else setAccepted(options);
  };

  const tap = (i: number) => {
    if (!open()) return;
    if (multiple()) setPicked((p) => (p.includes(i) ? p.filter((x) => x !== i) : [...p, i].sort((a, b) => a - b)));
    else void send([i]);
  };

  const typeLabel = () =>
    props.question.type === 'multiple' ? tp('type.multiple') : props.question.type === 'truefalse' ? tp('type.truefalse') : props.question.type === 'shortanswer' ? tp('type.shortanswer') : tp('type.single');

  return (
    <div class="qcard qcard-phone ph-question">
      <div class="qcard-type">{typeLabel()}</div>
      <p class="qcard-stem">{props.question.stem}</p>
      <div class="ph-options" classList={{ pair: props.labels.length === 2 && props.labels.every((l) => l.length <= 8) }} role="group" aria-label={tp('answer.options')}>
        <For each={props.labels}>
          {(label, i) => {
            const chosen = () => mine()?.includes(i()) ?? false;
            const toggled = () => multiple() && open() && picked().includes(i());
            return (
              <button
                type="button"
                class="qcard-option ph-option"
                classList={{
                  chosen: chosen() || toggled(),
                  pending: chosen() && !settled(),
                  correct: revealed() && isKey(i()),
                  wrong: revealed() && chosen() && !isKey(i()),
                  dim: revealed() && !isKey(i()) && !chosen(),
                  live: open(),
                }}
                aria-pressed={multiple() ? chosen() || toggled() : chosen()}
                aria-disabled={!open()}
                aria-label={`${LETTERS[i()]}. ${label}`}
                onClick={() => tap(i())}
              >
                <span class="qcard-letter">{LETTERS[i()]}</span>
                <span class="ph-option-text">{label}</span>
                <Show when={revealed() && isKey(i())}>
                  <span class="ph-mark" aria-hidden="true">
                    ✓
                  </span>
                </Show>
                <Show when={revealed() && chosen() && !isKey(i())}>
                  <span class="ph-mark" aria-hidden="true">
                    ✗
                  </span>
                </Show>
              </button>
            );
          }}
        </For>
      </div>
      <Show when={multiple() && open()}>
        <p class="ph-hint">{tp('answer.multipleHint')}</p>
        <button type="button" class="ph-primary" disabled={picked().length === 0} onClick={() => void send(picked())}>
          {picked().length ? tp('answer.confirmN', { n: picked().length }) : tp('answer.confirm')}
        </button>
      </Show>
      <Show when={!revealed() && !props.judged && mine() !== null}>
        <p class="ph-status" classList={{ ok: settled() }} role="status">
          {settled() ? tp('answer.sent') : tp('answer.sending')}
        </p>
      </Show>
      <ErrorLine error={error()} />
      {props.children}
      <Show when={revealed() && props.question.explanation}>
        <div class="qcard-explanation">
          <strong>{tp('answer.explanation')}</strong>
          {props.question.explanation}
        </div>
      </Show>
    </div>
  );
}
