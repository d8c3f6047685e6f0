import { describe, expect, it } from 'vitest';
import { bestClockOffset, clockOffset, remainingMs } from '../../shared/protocol/clock';

describe('clock offset', () => {
  it('puts the server reading at the middle of the round trip', () => {
    // The device is 5 s behind the server; 200 ms round trip, the server answered halfway.
    expect(clockOffset({ sent: 1_000, serverTime: 6_100, received: 1_200 })).toBe(5_000);
  });

  it('keeps the fastest round trip, whose error is smallest', () => {
    const samples = [
      { sent: 0, serverTime: 5_400, received: 600 }, // slow: says 5,100
      { sent: 1_000, serverTime: 6_020, received: 1_040 }, // fast: says 5,000
      { sent: 2_000, serverTime: 7_300, received: 2_300 }, // says 5,150
    ];
    expect(bestClockOffset(samples)).toBe(5_000);
  });

  it('has no estimate without samples, and ignores a sample from a clock that stepped back', () => {
    expect(bestClockOffset([])).toBeNull();
    expect(bestClockOffset([{ sent: 5_000, serverTime: 9_000, received: 4_000 }])).toBeNull();
    expect(bestClockOffset([{ sent: 5_000, serverTime: 9_000, received: 4_000 }, { sent: 0, serverTime: 100, received: 100 }])).toBe(50);
  });

  it('counts down to the deadline and stops at 0', () => {
    expect(remainingMs(10_000, 7_500)).toBe(2_500);
    expect(remainingMs(10_000, 12_000)).toBe(0);
  });
});
