import { Hono } from 'hono';
import { z } from 'zod';
import { contestPinSchema, type ContestSummary } from '../../../shared/protocol/public.js';
import type { Db } from '../../db/client.js';
import { contestByPin } from '../../contest/contest-rows.js';
import { clientIp, errorResponse, validate, type AppEnv } from '../http.js';
import { RateLimiter } from '../rate-limit.js';

/**
 * What a citizen reaches without an account: a contest looked up by its PIN. Wrong PINs are limited per
 * address (20 at once, then one every 6 s); past that the address gets 429 for every PIN for a minute, hits
 * included, so a script cannot tell a live PIN from a dead one by the answer. People type the PIN shown
 * on the big screen: a hall behind one address makes few misses.
 */
export function publicRoutes(db: Db, now: () => number = Date.now) {
  const misses = new RateLimiter(20, 1 / 6, now);
  const blocked = new Map<string, number>();
  return new Hono<AppEnv>()
    .get('/contest-pins/:pin', validate('param', z.object({ pin: contestPinSchema })), async (c) => {
      const { pin } = c.req.valid('param');
      const ip = clientIp(c);
      const until = blocked.get(ip);
      if (until !== undefined && until > now()) return errorResponse(c, 429, 'rate/limited');
      if (until !== undefined) blocked.delete(ip);
      const row = await contestByPin(db, pin);
      if (!row) {
        if (!misses.take(ip)) {
          blocked.set(ip, now() + 60_000);
          while (blocked.size > 100_000) blocked.delete(blocked.keys().next().value!);
          return errorResponse(c, 429, 'rate/limited');
        }
        return errorResponse(c, 404, 'contest/pin-not-found', { pin });
      }
      if (row.status === 'finished') return errorResponse(c, 409, 'contest/finished');
      const data: ContestSummary = row;
      return c.json({ ok: true as const, data });
    });
}
