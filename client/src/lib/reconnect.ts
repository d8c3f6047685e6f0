/**
 * How a page retries its realtime connection after losing it (a restart, a deploy, a process that died):
 * first after about 250 ms, doubling to at most 1.5 s, each delay jittered by ±50%. The server is usually
 * back within 1–2 s, so every phone is back within about 2 s of it being ready (the longest gap is
 * 1.5 s × 1.5), and thousands of phones spread their tries instead of arriving in one wave.
 */
export const RECONNECT = { reconnectionDelay: 250, reconnectionDelayMax: 1500, randomizationFactor: 0.5 } as const;
