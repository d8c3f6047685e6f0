import { createSignal, onCleanup, onMount, Show } from 'solid-js';
import type { ContestJoined } from '../../../../shared/protocol/contest-protocol';
import type { AppError } from '../../../../shared/protocol/result';
import { ts } from '../../i18n/stage';

/** Scale factor that fits a fixed 1920×1080 stage into the window (projectors are not all 1080p). */
export function useStageScale() {
  const fit = () => Math.min(window.innerWidth / 1920, window.innerHeight / 1080) || 1;
  const [scale, setScale] = createSignal(fit());
  onMount(() => {
    const onResize = () => setScale(fit());
    window.addEventListener('resize', onResize);
    onCleanup(() => window.removeEventListener('resize', onResize));
  });
  return scale;
}

/** County code → name, from the counties the server listed at join (falls back to the code). */
export function countyNamer(joined: () => ContestJoined | null) {
  return (code: string | null) => {
    if (!code) return '';
    return joined()?.counties.find((c) => c.code === code)?.name ?? code;
  };
}

/** A join or connection problem, in words. */
export function StageError(props: { error: AppError; class?: string }) {
  return (
    <div class={`stage-error ${props.class ?? ''}`} role="alert">
      <p>{props.error.code === 'network/failed' || !props.error.message ? ts('stage.networkError') : props.error.message}</p>
    </div>
  );
}

/** Shown on every stage page while the socket is down (it reconnects and re-joins by itself). */
export function Reconnecting(props: { connected: boolean; hasView: boolean }) {
  return (
    <Show when={!props.connected && props.hasView}>
      <div class="stage-reconnecting" role="status">
        {ts('stage.reconnecting')}
      </div>
    </Show>
  );
}
