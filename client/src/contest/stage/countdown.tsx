import { createMemo, Show } from 'solid-js';
import { createCountdown } from '../../lib/clock';
import { ts } from '../../i18n/stage';
import { clockText } from './format';

export interface CountdownProps {
  /** Server-time deadline, or null when the phase has no limit. */
  deadline: number | null;
  /** Time left as the server last said (frozen while paused). */
  remainingMs: number | null;
  paused: boolean;
  /** Identifies the phase: the ring's full length is the time left when the phase was first seen. */
  phaseId: number;
  size: 'screen' | 'overlay' | 'host';
}

/**
 * A large countdown on the server's clock: a ring that empties and the seconds left. Frozen at the
 * server's remaining time while the contest is paused.
 */
export function Countdown(props: CountdownProps) {
  const live = createCountdown(() => (props.paused ? null : props.deadline));
  const left = () => (props.paused ? props.remainingMs : live());
  let seen = { phaseId: -1, total: 1 };
  const total = createMemo(() => {
    const ms = props.remainingMs ?? 0;
    if (seen.phaseId !== props.phaseId) seen = { phaseId: props.phaseId, total: Math.max(1, ms) };
    else if (ms > seen.total) seen = { phaseId: props.phaseId, total: ms };
    return seen.total;
  });
  const R = 45;
  const C = 2 * Math.PI * R;
  return (
    <Show when={left() !== null}>
      <div
        class={`countdown countdown-${props.size}`}
        classList={{ urgent: (left() ?? 0) <= 5000, paused: props.paused }}
        role="timer"
        aria-label={`${ts('stage.timeLeft')} ${clockText(left() ?? 0)}`}
      >
        <svg viewBox="0 0 100 100" aria-hidden="true">
          <circle class="countdown-track" cx="50" cy="50" r={R} />
          <circle
            class="countdown-ring"
            cx="50"
            cy="50"
            r={R}
            stroke-dasharray={String(C)}
            stroke-dashoffset={String(C * (1 - Math.min(1, (left() ?? 0) / total())))}
          />
        </svg>
        <span class="countdown-value">{clockText(left() ?? 0)}</span>
      </div>
    </Show>
  );
}
