import { createSignal, For, Show } from 'solid-js';
import type { Stake } from '../../../../shared/contest/types';
import type { AppError } from '../../../../shared/protocol/result';
import { tp } from '../../i18n/phone';
import { ErrorLine } from './chrome';

/**
 * 风险题 stake tiles: the round's stakes, the ones this team used already greyed out, tappable only on
 * the team's turn; 放弃本题 when the round allows passing.
 */
export function StakePicker(props: {
  tiles: number[];
  used: number[];
  active: boolean;
  allowPass: boolean;
  pick: Stake | null;
  choose: (stake: Stake) => Promise<AppError | null>;
}) {
  const [pending, setPending] = createSignal<Stake | null>(null);
  const [error, setError] = createSignal<AppError | null>(null);
  const enabled = () => props.active && props.pick === null && pending() === null;

  const choose = async (stake: Stake) => {
    if (!enabled()) return;
    setPending(stake);
    setError(null);
    navigator.vibrate?.(30);
    const err = await props.choose(stake);
    setPending(null);
    if (err) setError(err);
  };

  return (
    <div class="ph-stakes">
      <div class="ph-stake-tiles" role="group" aria-label={tp('stake.tiles')}>
        <For each={props.tiles}>
          {(tile) => {
            const used = () => props.used.includes(tile) && props.pick !== tile;
            return (
              <button
                type="button"
                class="ph-stake"
                classList={{ used: used(), chosen: props.pick === tile || pending() === tile, live: enabled() && !used() }}
                disabled={!enabled() || used()}
                aria-label={used() ? tp('stake.usedLabel', { n: tile }) : tp('stake.label', { n: tile })}
                onClick={() => void choose(tile)}
              >
                <span class="ph-stake-value">{tile}</span>
                <span class="ph-stake-unit">{used() ? tp('stake.used') : tp('stake.points')}</span>
              </button>
            );
          }}
        </For>
      </div>
      <Show when={props.allowPass}>
        <button type="button" class="ph-secondary ph-pass" classList={{ chosen: props.pick === 'pass' }} disabled={!enabled()} onClick={() => void choose('pass')}>
          {tp('stake.pass')}
        </button>
      </Show>
      <ErrorLine error={error()} />
    </div>
  );
}
