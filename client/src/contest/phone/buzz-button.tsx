import { createSignal } from 'solid-js';
import type { AppError } from '../../../../shared/protocol/result';
import { tp } from '../../i18n/phone';
import { ErrorLine } from './chrome';

/**
 * The buzzer: the whole lower half of a team's device. It reacts on the finger going down (not on
 * release) with a flash and a vibration, then sends the press; the server decides by arrival order.
 * `early` is the question on screen before the host opens buzzing: a press then is a false start.
 */
export function BuzzButton(props: { mode: 'early' | 'open'; press: () => Promise<AppError | null> }) {
  const [pressed, setPressed] = createSignal(false);
  const [error, setError] = createSignal<AppError | null>(null);

  const fire = async () => {
    if (pressed()) return;
    setPressed(true);
    setError(null);
    navigator.vibrate?.(props.mode === 'open' ? 80 : [40, 40, 40]);
    const err = await props.press();
    setPressed(false);
    if (err) setError(err);
  };

  return (
    <div class="ph-buzz-wrap">
      <button
        type="button"
        class="ph-buzz"
        classList={{ open: props.mode === 'open', early: props.mode === 'early', pressed: pressed() }}
        aria-label={props.mode === 'open' ? tp('buzz.label') : tp('buzz.earlyLabel')}
        onPointerDown={(e) => {
          if (e.button === 0) void fire();
        }}
        // Keyboard and switch users: a click without a pointer press (detail 0) buzzes too.
        onClick={(e) => {
          if (e.detail === 0) void fire();
        }}
        onContextMenu={(e) => e.preventDefault()}
      >
        <span class="ph-buzz-word">{props.mode === 'open' ? tp('buzz.go') : tp('buzz.word')}</span>
        <span class="ph-buzz-caption">{props.mode === 'open' ? tp('buzz.openCaption') : tp('buzz.earlyCaption')}</span>
      </button>
      <ErrorLine error={error()} />
    </div>
  );
}
