import { For, Show } from 'solid-js';
import type { PublicView } from '../../../../shared/contest/views';
import { ts } from '../../i18n/stage';

/**
 * Who has answered the question on screen (never what, before the reveal); in the risk round with
 * each team's stake. Teams that passed are left out.
 */
export function TeamStatus(props: { view: PublicView; class?: string }) {
  const stakes = () => props.view.stakes;
  const rows = () =>
    props.view.teams.filter((t) => {
      const pick = stakes()?.picks[t.id];
      return stakes() === null || (pick !== undefined && pick !== 'pass');
    });
  const answered = (id: string) => props.view.answered.includes(id);
  const locked = () => props.view.phase === 'locked';
  return (
    <ul class={`team-status ${props.class ?? ''}`} aria-label={ts('stage.teams')} aria-live="polite">
      <For each={rows()}>
        {(t) => (
          <li classList={{ answered: answered(t.id), missed: locked() && !answered(t.id) }} data-team={t.id}>
            <span class="ts-name">{t.name}</span>
            <Show when={stakes()}>
              {(s) => <span class="ts-stake">{String(s().picks[t.id] ?? '')}</span>}
            </Show>
            <span class="ts-state">{answered(t.id) ? `✓ ${ts('stage.answered')}` : locked() ? ts('stage.notAnswered') : ts('stage.waiting')}</span>
          </li>
        )}
      </For>
    </ul>
  );
}
