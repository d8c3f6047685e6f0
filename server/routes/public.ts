import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { contestPinSchema, type ContestSummary } from '../../shared/public.js';
import type { Db } from '../db/client.js';
import { contests } from '../db/schema.js';
import { errorResponse, validate, type AppEnv } from '../http.js';

/**
 * What a citizen reaches without an account: a contest looked up by its PIN.
 */
export function publicRoutes(db: Db) {
  return new Hono<AppEnv>()
    .get('/contest-pins/:pin', validate('param', z.object({ pin: contestPinSchema })), async (c) => {
      const { pin } = c.req.valid('param');
      const [row] = await db.select({ id: contests.id, title: contests.title, status: contests.status }).from(contests).where(eq(contests.pin, pin));
      if (!row) return errorResponse(c, 404, 'contest/pin-not-found', { pin });
      if (row.status === 'finished') return errorResponse(c, 409, 'contest/finished');
      const data: ContestSummary = row;
      return c.json({ ok: true as const, data });
    });
}
