import { Manager } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { RECONNECT } from '../../client/src/lib/reconnect';

/** The delays socket.io-client's own backoff draws with the page's options, for `tries` tries in a row. */
function delays(tries: number): number[] {
  const manager = new Manager('http://127.0.0.1:1', { autoConnect: false, ...RECONNECT });
  const backoff = (manager as unknown as { backoff: { duration(): number } }).backoff;
  return Array.from({ length: tries }, () => backoff.duration());
}

describe('pages reconnect with a jittered backoff starting near 250 ms', () => {
  it('first try within 125–375 ms, no gap over 2.25 s, and the tries of many phones spread out', () => {
    const firsts: number[] = [];
    for (let phone = 0; phone < 2000; phone++) {
      const d = delays(8);
      firsts.push(d[0]!);
      expect(d[0]).toBeGreaterThanOrEqual(125);
      expect(d[0]).toBeLessThanOrEqual(375);
      for (const gap of d) expect(gap).toBeLessThanOrEqual(2250);
    }
    // Not one wave: the first tries of 2,000 phones cover most of their ±50% window.
    firsts.sort((a, b) => a - b);
    expect(firsts.at(-1)! - firsts[0]!).toBeGreaterThan(200);
  });
});
