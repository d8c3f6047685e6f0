import { For, Show } from 'solid-js';
import type { TeamRow } from '../../../../shared/contest/views';
import { ts } from '../../i18n/stage';
import { fmt, ranked } from './format';

/**
 * The final podium: the best three ranks as steps (second, first, third from left to right), every team
 * of a shared rank on its step (ranks 1, 2, 2, 2 give two steps, the second holding three teams);
 * everyone else in rank order below. Ranks come from the server: never recounted here.
 */
export function Podium(props: { teams: TeamRow[]; countyName: (code: string | null) => string }) {
  const order = () => ranked(props.teams);
  const groups = () => {
    const byRank = new Map<number, TeamRow[]>();
    for (const t of order()) byRank.set(t.rank, [...(byRank.get(t.rank) ?? []), t]);
    return [...byRank.entries()].filter(([rank]) => rank <= 3).map(([rank, teams]) => ({ rank, teams }));
  };
  const stand = () => {
    const g = groups();
    return [g[1], g[0], g[2]].map((x, i) => ({ g: x, place: [2, 1, 3][i]! }));
  };
  const onPodium = () => new Set(groups().flatMap((g) => g.teams.map((t) => t.id)));
  const podiumKey = (rank: number) => (rank === 1 || rank === 2 || rank === 3 ? (`stage.podium.${rank}` as const) : null);
  return (
    <div class="podium-wrap">
      <ol class="podium" aria-label={ts('stage.finished')}>
        <For each={stand()}>
          {(s) => (
            <Show when={s.g}>
              {(g) => (
                <li class={`podium-step place-${s.place} rank-${Math.min(g().rank, 4)}`} classList={{ shared: g().teams.length > 1 }} data-rank={g().rank}>
                  <For each={g().teams}>
                    {(t) => (
                      <div class="podium-team" data-team={t.id} data-rank={t.rank}>
                        <span class="podium-name">{t.name}</span>
                        <Show when={t.county}>
                          <span class="podium-county">{props.countyName(t.county)}</span>
                        </Show>
                        <span class="podium-score">{fmt(t.score)}</span>
                      </div>
                    )}
                  </For>
                  <span class="podium-block">
                    <span class="podium-place">{podiumKey(g().rank) ? ts(podiumKey(g().rank)!) : g().rank}</span>
                  </span>
                </li>
              )}
            </Show>
          )}
        </For>
      </ol>
      <ol class="podium-rest">
        <For each={order().filter((t) => !onPodium().has(t.id))}>
          {(t) => (
            <li data-team={t.id} data-rank={t.rank}>
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
