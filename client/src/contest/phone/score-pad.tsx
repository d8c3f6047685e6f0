import { createSignal, For, Show } from 'solid-js';
import type { AppError } from '../../../../shared/protocol/result';
import { tp } from '../../i18n/phone';
import { ErrorLine } from './chrome';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '.', '0', '⌫'] as const;

/**
 * A judge's score entry: a big number field with its own keypad (the phone's keyboard would cover
 * half the pad), checked against the round's range before it is sent; the server checks it again.
 */
export function ScorePad(props: { range: { min: number; max: number } | null; submit: (score: number) => Promise<AppError | null> }) {
  const [value, setValue] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [problem, setProblem] = createSignal<string | null>(null);
  const [error, setError] = createSignal<AppError | null>(null);

  const press = (key: (typeof KEYS)[number]) => {
    setProblem(null);
    setError(null);
    setValue((v) => {
      if (key === '⌫') return v.slice(0, -1);
      if (key === '.') return v.includes('.') ? v : (v || '0') + '.';
      if (/\.\d\d$/.test(v) || v.length >= 8) return v;
      return v === '0' ? key : v + key;
    });
  };

  const send = async (e: SubmitEvent) => {
    e.preventDefault();
    if (busy()) return;
    const text = value().trim();
    const n = Number(text);
    if (!text || !Number.isFinite(n)) return setProblem(tp('judge.enterScore'));
    if (!/^\d+(\.\d{1,2})?$/.test(text)) return setProblem(tp('judge.decimals'));
    const r = props.range;
    if (r && (n < r.min || n > r.max)) return setProblem(tp('judge.outOfRange', { min: r.min, max: r.max }));
    setBusy(true);
    setError(null);
    const err = await props.submit(n);
    setBusy(false);
    if (err) setError(err);
  };

  return (
    <form class="ph-scorepad" onSubmit={send}>
      <label class="ph-score-field">
        <span>{tp('judge.scoreLabel')}</span>
        <input
          type="text"
          inputmode="decimal"
          autocomplete="off"
          value={value()}
          placeholder={props.range ? `${props.range.min}–${props.range.max}` : '0'}
          onInput={(e) => {
            setProblem(null);
            setError(null);
            setValue(e.currentTarget.value.replace(/[^\d.]/g, ''));
          }}
        />
      </label>
      <p class="ph-hint">{props.range ? tp('judge.rangeHint', { min: props.range.min, max: props.range.max }) : tp('judge.decimalsHint')}</p>
      <div class="ph-keypad" role="group" aria-label={tp('judge.keypad')}>
        <For each={KEYS}>
          {(key) => (
            <button type="button" class="ph-key" aria-label={key === '⌫' ? tp('judge.backspace') : key === '.' ? tp('judge.point') : key} onClick={() => press(key)}>
              {key}
            </button>
          )}
        </For>
      </div>
      <Show when={problem()}>
        <p class="ph-error" role="alert">
          {problem()}
        </p>
      </Show>
      <ErrorLine error={error()} />
      <button type="submit" class="ph-primary" disabled={busy() || !value()}>
        {busy() ? tp('judge.sending') : value() ? tp('judge.submitN', { n: value() }) : tp('judge.submit')}
      </button>
    </form>
  );
}
