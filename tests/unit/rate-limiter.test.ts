import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../server/http/rate-limit';

describe('rate limiter', () => {
  it('refills at its rate up to its capacity', () => {
    let t = 0;
    const l = new RateLimiter(2, 1, () => t);
    expect([l.take('a'), l.take('a'), l.take('a')]).toEqual([true, true, false]);
    t += 1000;
    expect([l.take('a'), l.take('a')]).toEqual([true, false]);
    t += 60_000;
    expect([l.take('a'), l.take('a'), l.take('a')]).toEqual([true, true, false]);
  });

  it('a clock stepped back takes no credit away: the key is served again after the rate’s own wait', () => {
    let t = 10 * 86_400_000;
    const l = new RateLimiter(2, 1, () => t);
    expect([l.take('a'), l.take('a'), l.take('a')]).toEqual([true, true, false]);
    t -= 86_400_000; // a day back
    expect(l.take('a')).toBe(false);
    t += 1000;
    expect(l.take('a')).toBe(true);
  });
});
