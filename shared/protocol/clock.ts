/**
 * Estimating the server's clock on a device. Time is the server's: deadlines are server timestamps, and a
 * device draws its countdown from its estimate of the server's clock. Pure: callers pass the readings.
 */

/** One round trip: when the request left (device clock), the server's time in its answer, when it came back. */
export interface ClockSample {
  sent: number;
  serverTime: number;
  received: number;
}

/**
 * The server's clock minus the device's, assuming the server read its clock halfway through the round trip
 * (the error is at most half the round trip).
 */
export function clockOffset(sample: ClockSample): number {
  return sample.serverTime - (sample.sent + sample.received) / 2;
}

/**
 * The offset from the sample with the shortest round trip, whose midpoint assumption errs least; null without
 * samples. Samples whose answer came back before they were sent (a device clock stepped meanwhile) are ignored.
 */
export function bestClockOffset(samples: readonly ClockSample[]): number | null {
  let best: ClockSample | null = null;
  for (const s of samples) {
    const rtt = s.received - s.sent;
    if (rtt < 0) continue;
    if (!best || rtt < best.received - best.sent) best = s;
  }
  return best ? clockOffset(best) : null;
}

/** Milliseconds left until a server-time deadline at the estimated server time `serverNow`, never below 0. */
export function remainingMs(deadline: number, serverNow: number): number {
  return Math.max(0, deadline - serverNow);
}
