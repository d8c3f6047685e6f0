import { z } from 'zod';
import type { Result } from './result.js';

/** Payload of `clock:ping`: the client's send time, echoed back so it can measure the round trip. */
export const clockPingSchema = z.object({ clientTime: z.number().finite() });
export type ClockPing = z.infer<typeof clockPingSchema>;
export interface ClockPong {
  clientTime: number;
  serverTime: number;
}

export type Ack<T> = (result: Result<T>) => void;

/** Events a client emits; every one is answered through its acknowledgement. */
export interface ClientToServerEvents {
  'clock:ping': (payload: ClockPing, ack: Ack<ClockPong>) => void;
}

/** Events the server pushes. */
export interface ServerToClientEvents {
  'server:hello': (info: { version: string; serverTime: number }) => void;
}

export interface InterServerEvents {}

/** Per-connection data set by the server at handshake; the actor of a command comes from here, never from a payload. */
export interface SocketData {
  locale: 'zh-CN' | 'en';
}

/**
 * Estimates the offset between the server's clock and ours from ping samples, NTP-style:
 * the sample with the smallest round trip is the most trustworthy.
 * Returns `serverTime - clientTime` in milliseconds.
 */
export function estimateClockOffset(samples: readonly { sent: number; received: number; serverTime: number }[]): number {
  if (samples.length === 0) return 0;
  let best = samples[0]!;
  for (const s of samples) if (s.received - s.sent < best.received - best.sent) best = s;
  return best.serverTime - (best.sent + best.received) / 2;
}
