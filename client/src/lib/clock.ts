import { createSignal, onCleanup } from 'solid-js';

let offset = 0;

/** Records the server's time as seen in a response: later `serverNow()` calls follow the server's clock. */
export function syncClock(serverTime: number, requestStarted: number) {
  const received = Date.now();
  offset = serverTime - (requestStarted + received) / 2;
}

/** The server's current time as estimated on this device. */
export const serverNow = () => Date.now() + offset;

/** A reactive count of milliseconds left until a server-time deadline, ticking 4 times a second. */
export function createCountdown(deadline: () => number | null) {
  const [left, setLeft] = createSignal(0);
  const tick = () => {
    const d = deadline();
    setLeft(d === null ? 0 : Math.max(0, d - serverNow()));
  };
  tick();
  const timer = setInterval(tick, 250);
  onCleanup(() => clearInterval(timer));
  return left;
}

/** 125000 → "2:05" */
export const formatRemaining = (ms: number) => {
  const s = Math.ceil(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};
