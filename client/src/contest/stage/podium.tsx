import { For, Show } from 'solid-js';
import type { TeamRow } from '../../../../shared/contest/views';
import { ts } from '../i18n-stage';
import { fmt, ranked } from './format';

/** The final podium: second, first, third from left to right; everyone else in rank order below. */
export function Podium(props: { teams: TeamRow[]; countyName: (code: string | null) => string }) {
  const order = () => ranked(props.teams);
  const stand = () => [order()[1], order()[0], order()[2]].map((t, i) => ({ t, place: [2, 1, 3][i]! }));
  const podiumKey = (rank: number) => (rank === 1 || rank === 2 || rank === 3 ? (`stage.podium.${rank}` as const) : null);
  return (
    <div class="podium-wrap">
      <ol class="podium" aria-label={ts('stage.finished')}>
        <For each={stand()}>
          {(s) => (
            <Show when={s.t}>
              {(t) => (
                <li class={`podium-step place-${s.place} rank-${Math.min(t().rank, 4)}`} data-team={t().id} data-rank={t().rank}>
                  <span class="podium-name">{t().name}</span>
                  <Show when={t().county}>
                    <span class="podium-county">{props.countyName(t().county)}</span>
                  </Show>
                  <span class="podium-score">{fmt(t().score)}</span>
                  <span class="podium-block">
                    <span class="podium-place">{podiumKey(t().rank) ? ts(podiumKey(t().rank)!) : t().rank}</span>
                  </span>
                </li>
              )}
            </Show>
          )}
        </For>
      </ol>
      <ol class="podium-rest">
        <For each={order().slice(3)}>
          {(t) => (
            <li data-team={t.id}>
              <span class="sb-rank">{t.rank}</span>
              <span class="podium-rest-name">{t.name}</span>
              <span class="podium-rest-score">{fmt(t.score)}</span>
            </li>
          )}
        </For>
      </ol>
    </div>
  );
}
