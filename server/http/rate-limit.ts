/**
 * Token buckets by key: `capacity` requests at once, refilled at `perSecond`. Keys idle long enough
 * to be full again are forgotten, so the map only holds recent senders.
 */
export class RateLimiter {
  #buckets = new Map<string, { tokens: number; at: number }>();
  #lastSweep = 0;

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one token for `key`; false when the key is over its rate. */
  take(key: string): boolean {
    const t = this.now();
    if (t - this.#lastSweep > 60_000) this.#sweep(t);
    const b = this.#buckets.get(key) ?? { tokens: this.capacity, at: t };
    // A clock stepped back (NTP) refills nothing and takes nothing away.
    b.tokens = Math.min(this.capacity, b.tokens + (Math.max(0, t - b.at) / 1000) * this.perSecond);
    b.at = t;
    this.#buckets.set(key, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  #sweep(t: number) {
    this.#lastSweep = t;
    const full = (this.capacity / this.perSecond) * 1000;
    for (const [k, b] of this.#buckets) if (t - b.at > full) this.#buckets.delete(k);
  }
}

/** No limit (a limiter with rate 0 configured means "off"). */
export const unlimited = { take: () => true } as Pick<RateLimiter, 'take'>;

export function limiter(perSecond: number, burstSeconds: number, now?: () => number): Pick<RateLimiter, 'take'> {
  return perSecond > 0 ? new RateLimiter(Math.max(1, Math.round(perSecond * burstSeconds)), perSecond, now) : unlimited;
}
