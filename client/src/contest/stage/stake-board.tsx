import { For, Show } from 'solid-js';
import type { StakeView, TeamRow } from '../../../../shared/contest/views';
import { ts } from '../../i18n/stage';

/**
 * The risk round's stake board: one row per team (in picking order once picking opened), one tile per
 * stake. The stake picked for this question glows; tiles used on earlier questions are greyed out.
 */
export function StakeBoard(props: { stakes: StakeView; teams: TeamRow[]; class?: string }) {
  const rows = () => {
    const order = props.stakes.order.length ? props.stakes.order : props.teams.map((t) => t.id);
    return order.map((id) => props.teams.find((t) => t.id === id)).filter((t): t is TeamRow => t !== undefined);
  };
  const pick = (id: string) => (Object.hasOwn(props.stakes.picks, id) ? props.stakes.picks[id] : undefined);
  const usedBefore = (id: string, tile: number) => (props.stakes.used[id] ?? []).includes(tile) && pick(id) !== tile;
  return (
    <table class={`stake-board ${props.class ?? ''}`} aria-label={ts('stage.stakeBoard')}>
      <tbody>
        <For each={rows()}>
          {(team) => (
            <tr classList={{ picker: props.stakes.picker === team.id, done: pick(team.id) !== undefined }} data-team={team.id}>
              <th scope="row">
                {team.name}
                <Show when={props.stakes.picker === team.id}>
                  <span class="stake-picking">{ts('stage.picking')}</span>
                </Show>
              </th>
              <For each={props.stakes.tiles}>
                {(tile) => (
                  <td>
                    <span
                      class="stake-tile"
                      classList={{ used: usedBefore(team.id, tile), picked: pick(team.id) === tile }}
                      aria-label={`${tile}${usedBefore(team.id, tile) ? ` (${ts('stage.used')})` : ''}`}
                    >
                      {tile}
                    </span>
                  </td>
                )}
              </For>
              <Show when={props.stakes.allowPass}>
                <td>
                  <span class="stake-tile pass" classList={{ picked: pick(team.id) === 'pass' }}>
                    {ts('stage.pass')}
                  </span>
                </td>
              </Show>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}
