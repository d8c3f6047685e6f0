import { createSignal, onCleanup } from 'solid-js';
import { clockOffset, remainingMs } from '../../../shared/protocol/clock';

let offset = 0;

/** Records the server's time as seen in a response: later `serverNow()` calls follow the server's clock. */
export function syncClock(serverTime: number, requestStarted: number, received = Date.now()) {
  offset = clockOffset({ sent: requestStarted, serverTime, received });
}

/** Sets the offset worked out elsewhere (e.g. the best of several ping round trips). */
export function setClockOffset(ms: number) {
  offset = ms;
}

/** The server's current time as estimated on this device. */
export const serverNow = () => Date.now() + offset;

/**
 * Milliseconds left until a server-time deadline (null without one). Derived on read from a clock
 * signal ticking 4 times a second, so a new deadline shows its full time at once, never a stale 0.
 */
export function createCountdown(deadline: () => number | null): () => number | null {
  const [now, setNow] = createSignal(serverNow());
  const timer = setInterval(() => setNow(serverNow()), 250);
  onCleanup(() => clearInterval(timer));
  return () => {
    const d = deadline();
    return d === null ? null : remainingMs(d, Math.max(now(), serverNow() - 250));
  };
}

/** 125000 → "2:05" */
export const formatRemaining = (ms: number) => {
  const s = Math.ceil(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};
