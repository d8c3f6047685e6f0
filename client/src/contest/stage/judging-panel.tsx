import { For, Show } from 'solid-js';
import { aggregateScores } from '../../../../shared/contest/scoring';
import type { JudgingView, PublicView } from '../../../../shared/contest/views';
import { ts } from '../i18n-stage';
import { fmt, signed, teamName } from './format';

/** The team a judged round is about now: the one performing, or the one scored last. */
export function judgingFocus(j: JudgingView): { teamId: string; live: boolean } | null {
  if (j.teamId) return { teamId: j.teamId, live: true };
  const last = Object.keys(j.results).at(-1);
  return last ? { teamId: last, live: false } : null;
}

/**
 * A judged round: the team on stage, each judge's score as it comes in, and the aggregate (mean, or
 * trimmed mean) computed live; then the scored teams with what they earned.
 */
export function JudgingPanel(props: { view: PublicView; judging: JudgingView; class?: string; showResults?: boolean }) {
  const focus = () => judgingFocus(props.judging);
  const scores = (): Record<string, number> => {
    const f = focus();
    if (!f) return {};
    return f.live ? props.judging.scores : (props.judging.results[f.teamId]?.scores ?? {});
  };
  const values = () => Object.values(scores());
  const aggregate = () => {
    const f = focus();
    if (f && !f.live) return props.judging.results[f.teamId]?.aggregate ?? null;
    return values().length ? aggregateScores(values(), props.judging.aggregate) : null;
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
                  const s = () => (Object.hasOwn(scores(), j.id) ? scores()[j.id] : undefined);
                  return (
                    <li classList={{ scored: s() !== undefined }} data-judge={j.id}>
                      <span class="judge-name">{j.name}</span>
                      <span class="judge-score">{s() === undefined ? ts('stage.pendingScore') : fmt(s()!)}</span>
                    </li>
                  );
                }}
              </For>
            </ul>
            <p class="judging-aggregate">
              <span>{f().live ? ts('stage.aggregate') : ts('stage.aggregateFinal')}</span>
              <strong>{aggregate() === null ? '—' : fmt(aggregate()!)}</strong>
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
