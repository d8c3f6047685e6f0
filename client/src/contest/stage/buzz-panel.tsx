import { For, Show } from 'solid-js';
import type { BuzzView, PublicView } from '../../../../shared/contest/views';
import { ts } from '../../i18n/stage';
import { signed, teamName } from './format';

const verdictKey = { correct: 'stage.correct', incorrect: 'stage.incorrect', timeout: 'stage.timeout' } as const;

/** Buzz order with the first buzzer (or the team answering now) highlighted, verdicts and false starts. */
export function BuzzPanel(props: { view: PublicView; buzz: BuzzView; class?: string }) {
  const attempt = (teamId: string) => props.buzz.attempts.find((a) => a.teamId === teamId);
  const status = () => {
    if (props.buzz.dropped) return ts('stage.dropped');
    if (props.view.phase === 'question-shown') return ts('stage.buzzReady');
    if (props.view.phase === 'buzz-open') return ts('stage.buzzOpen');
    return null;
  };
  return (
    <section class={`buzz-panel ${props.class ?? ''}`} aria-label={ts('stage.buzzOrder')} aria-live="polite">
      <h2>{ts('stage.buzzOrder')}</h2>
      <Show when={status()}>{(s) => <p class="buzz-status" classList={{ open: props.view.phase === 'buzz-open' }}>{s()}</p>}</Show>
      <ol class="buzz-order">
        <For each={props.buzz.order}>
          {(b, i) => (
            <li
              classList={{ first: i() === 0, answering: props.buzz.answering === b.teamId, done: attempt(b.teamId) !== undefined }}
              data-team={b.teamId}
            >
              <span class="buzz-pos">{i() + 1}</span>
              <span class="buzz-name">{teamName(props.view, b.teamId)}</span>
              <Show when={props.buzz.answering === b.teamId}>
                <span class="buzz-tag">{ts('stage.answering')}</span>
              </Show>
              <Show when={attempt(b.teamId)}>
                {(a) => (
                  <span class={`buzz-verdict ${a().verdict}`}>
                    {a().rebound ? `${ts('stage.rebound')} · ` : ''}
                    {ts(verdictKey[a().verdict])} {props.view.round?.kind === 'buzzer' ? signed(a().delta) : ''}
                  </span>
                )}
              </Show>
            </li>
          )}
        </For>
      </ol>
      <Show when={props.buzz.falseStarts.length}>
        <ul class="buzz-false">
          <For each={props.buzz.falseStarts}>
            {(f) => (
              <li data-team={f.teamId}>
                {teamName(props.view, f.teamId)} · {f.delta ? ts('stage.falseStartPenalty', { delta: signed(f.delta) }) : ts('stage.falseStart')}
                <Show when={props.buzz.excluded.includes(f.teamId)}> · {ts('stage.excluded')}</Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
