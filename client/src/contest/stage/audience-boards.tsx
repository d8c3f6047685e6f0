import { For, Show } from 'solid-js';
import type { BoardEntry } from '../../../../shared/contest/types';
import type { CountyTally } from '../../../../shared/contest/scoring';
import { locale } from '../../i18n';
import { ts } from '../../i18n/stage';
import { pct } from './format';

/** The audience leaderboard as of the last reveal. */
export function AudienceLeaderboard(props: { entries: BoardEntry[]; limit: number; countyName: (code: string | null) => string; class?: string }) {
  // Nobody is celebrated for zero points: the board lists members who have scored.
  const scored = () => props.entries.filter((e) => e.score > 0).slice(0, props.limit);
  return (
    <section class={`aud-board ${props.class ?? ''}`} aria-label={ts('stage.audienceBoard')}>
      <h2>{ts('stage.audienceBoard')}</h2>
      <Show when={scored().length} fallback={<p class="aud-empty">{ts('stage.noAudienceYet')}</p>}>
        <ol>
          <For each={scored()}>
            {(e) => (
              <li classList={{ top3: e.rank <= 3 }}>
                <span class="aud-rank">{e.rank}</span>
                <span class="aud-name">
                  {e.nickname}
                  <Show when={e.county}>
                    <small>{props.countyName(e.county)}</small>
                  </Show>
                </span>
                <span class="aud-score">{e.score.toLocaleString(locale())}</span>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </section>
  );
}

/** Audience participation by county: people joined, then right answers. */
export function CountyBoard(props: { rows: CountyTally[]; limit: number; countyName: (code: string | null) => string; class?: string }) {
  const sorted = () => [...props.rows].sort((a, b) => b.participants - a.participants || b.correct - a.correct || a.county.localeCompare(b.county));
  const max = () => Math.max(1, ...props.rows.map((r) => r.participants));
  return (
    <section class={`county-board ${props.class ?? ''}`} aria-label={ts('stage.countyTally')}>
      <h2>{ts('stage.countyTally')}</h2>
      <Show when={props.rows.length} fallback={<p class="aud-empty">{ts('stage.noAudienceYet')}</p>}>
        <ol>
          <For each={sorted().slice(0, props.limit)}>
            {(r) => (
              <li data-county={r.county}>
                <span class="county-name">{props.countyName(r.county)}</span>
                <span class="county-bar">
                  <span style={{ width: `${(r.participants / max()) * 100}%` }} />
                </span>
                <span class="county-num">{ts('stage.participants', { n: r.participants.toLocaleString(locale()) })}</span>
                <span class="county-acc">{r.answers ? ts('stage.accuracy', { rate: pct(r.correct, r.answers) }) : ''}</span>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </section>
  );
}
