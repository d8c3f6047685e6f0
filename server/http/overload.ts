import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { MiddlewareHandler } from 'hono';
import { errorResponse, type AppEnv } from './http.js';
import type { Writer } from '../db/writer.js';

/**
 * Load shedding: when the event loop falls behind (its delay over the last half second or so passes
 * `maxDelayMs`) or the writer's queue passes `maxQueue`, new writes are answered at once with 503
 * `server/overloaded` and `Retry-After`, so phones back off and retry instead of waiting into a timeout
 * while the server works off what it already accepted.
 */
export class Overload {
  readonly #delay = monitorEventLoopDelay({ resolution: 10 });
  #lastWindowMaxMs = 0;
  #timer: NodeJS.Timeout;

  constructor(
    private readonly writer: Writer,
    private readonly maxDelayMs: number,
    private readonly maxQueue: number,
  ) {
    this.#delay.enable();
    // Two windows of 500 ms: a stall shows until a whole quiet window has passed after it.
    this.#timer = setInterval(() => {
      this.#lastWindowMaxMs = this.#delay.max / 1e6;
      this.#delay.reset();
    }, 500);
    this.#timer.unref();
  }

  /** Why new work should wait now, or null. */
  reason(): { delayMs: number } | { queue: number } | null {
    if (this.maxQueue > 0 && this.writer.pending > this.maxQueue) return { queue: this.writer.pending };
    const delayMs = Math.max(this.#lastWindowMaxMs, this.#delay.max / 1e6);
    if (this.maxDelayMs > 0 && delayMs > this.maxDelayMs) return { delayMs };
    return null;
  }

  /** Sheds state-changing API requests (not health checks, not reads) while overloaded. */
  middleware(retryAfterS = 2): MiddlewareHandler<AppEnv> {
    return async (c, next) => {
      if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && this.reason()) {
        c.header('Retry-After', String(retryAfterS));
        return errorResponse(c, 503, 'server/overloaded', { seconds: retryAfterS });
      }
      await next();
    };
  }

  stop() {
    clearInterval(this.#timer);
    this.#delay.disable();
  }
}
