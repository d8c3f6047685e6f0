import { For, Show } from 'solid-js';
import type { JudgingView, PublicView } from '../../../../shared/contest/views';
import { ts } from '../../i18n/stage';
import { fmt, signed, teamName } from './format';

/** The team a judged round is about now: the one performing, or the one scored last. */
export function judgingFocus(j: JudgingView): { teamId: string; live: boolean } | null {
  if (j.teamId) return { teamId: j.teamId, live: true };
  const last = Object.keys(j.results).at(-1);
  return last ? { teamId: last, live: false } : null;
}

/**
 * A judged round: the team on stage and which judges have scored; once the host publishes, each
 * judge's score and the aggregate (mean, or trimmed mean); then the scored teams with what they earned.
 */
export function JudgingPanel(props: { view: PublicView; judging: JudgingView; class?: string; showResults?: boolean }) {
  const focus = () => judgingFocus(props.judging);
  // While a team is being judged only who has scored is public; the scores come with the host's publish.
  const published = (): Record<string, number> => {
    const f = focus();
    return f && !f.live ? (props.judging.results[f.teamId]?.scores ?? {}) : {};
  };
  const result = () => {
    const f = focus();
    return f && !f.live ? props.judging.results[f.teamId] : undefined;
  };
  const done = () => props.judging.performers.filter((t) => Object.hasOwn(props.judging.results, t));
  return (
    <section class={`judging-panel ${props.class ?? ''}`} aria-label={ts('stage.judges')} aria-live="polite">
      <Show when={focus()} fallback={<p class="judging-wait">{ts('stage.betweenPerformances')}</p>}>
        {(f) => (
          <>
            <p class="judging-label">{f().live ? ts('stage.performing') : ts('stage.aggregateFinal')}</p>
            <p class="judging-team" data-team={f().teamId}>
              {teamName(props.view, f().teamId)}
            </p>
            <ul class="judge-tiles">
              <For each={props.judging.judges}>
                {(j) => {
                  const s = () => (Object.hasOwn(published(), j.id) ? published()[j.id] : undefined);
                  const done = () => s() !== undefined || (focus()?.live === true && props.judging.scored.includes(j.id));
                  return (
                    <li classList={{ scored: done() }} data-judge={j.id}>
                      <span class="judge-name">{j.name}</span>
                      <span class="judge-score">{s() !== undefined ? fmt(s()!) : done() ? ts('stage.scoredMark') : ts('stage.pendingScore')}</span>
                    </li>
                  );
                }}
              </For>
            </ul>
            <p class="judging-aggregate">
              <span>{f().live ? (props.judging.closed ? ts('stage.reviewing') : ts('stage.aggregate')) : ts('stage.aggregateFinal')}</span>
              <strong>{result() ? fmt(result()!.aggregate) : '—'}</strong>
              <Show when={result()}>{(r) => <em class="sb-delta up">{signed(r().delta)}</em>}</Show>
            </p>
            <p class="judging-rule">{ts(`stage.aggregate.${props.judging.aggregate}`)}</p>
          </>
        )}
      </Show>
      <Show when={props.showResults !== false && done().length}>
        <div class="judging-results">
          <h3>{ts('stage.judgedResults')}</h3>
          <ul>
            <For each={done()}>
              {(id) => (
                <li>
                  <span>{teamName(props.view, id)}</span>
                  <span>{fmt(props.judging.results[id]!.aggregate)}</span>
                  <span class="sb-delta up">{signed(props.judging.results[id]!.delta)}</span>
                </li>
              )}
            </For>
          </ul>
        </div>
      </Show>
    </section>
  );
}
