import { For, Show } from 'solid-js';

const LETTERS = ['A', 'B', 'C', 'D', 'E', 'F'];

export interface QuestionCardProps {
  stem: string;
  options: string[];
  /** Label of the question type (单选 / 多选 / 判断), shown as a tag. */
  typeLabel: string;
  /** Correct option indexes, shown only when revealed. */
  correct?: number[];
  explanation?: string;
  variant: 'phone' | 'screen';
}

/**
 * A question as players see it: on a phone (one column, large tap targets) or on the big screen
 * (two option columns, type sized to be read from 20 m). Shared by the editor preview and the live pages.
 */
export function QuestionCard(props: QuestionCardProps) {
  const isCorrect = (i: number) => props.correct?.includes(i) ?? false;
  return (
    <div class={`qcard qcard-${props.variant}`}>
      <div class="qcard-type">{props.typeLabel}</div>
      <p class="qcard-stem">{props.stem}</p>
      <ol class="qcard-options">
        <For each={props.options}>
          {(option, i) => (
            <li class="qcard-option" classList={{ correct: isCorrect(i()), dim: props.correct !== undefined && !isCorrect(i()) }}>
              <span class="qcard-letter">{LETTERS[i()]}</span>
              <span>{option}</span>
            </li>
          )}
        </For>
      </ol>
      <Show when={props.correct !== undefined && props.explanation}>
        <div class="qcard-explanation">{props.explanation}</div>
      </Show>
    </div>
  );
}
