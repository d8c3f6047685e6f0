import { and, asc, eq, gt, lte } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { contestPinSchema, type CampaignSummary, type ContestSummary } from '../../shared/public.js';
import type { Db } from '../db/client.js';
import { campaigns, contests } from '../db/schema.js';
import { errorResponse, validate, type AppEnv } from '../http.js';

/**
 * What a citizen reaches without an account: campaigns open right now, and a contest looked up by PIN.
 */
export function publicRoutes(db: Db, now: () => number) {
  return new Hono<AppEnv>()
    .get('/campaigns/open', async (c) => {
      const t = now();
      const rows: CampaignSummary[] = await db
        .select({ id: campaigns.id, title: campaigns.title, description: campaigns.description, startsAt: campaigns.startsAt, endsAt: campaigns.endsAt, regionCode: campaigns.regionCode })
        .from(campaigns)
        .where(and(eq(campaigns.status, 'published'), lte(campaigns.startsAt, t), gt(campaigns.endsAt, t)))
        .orderBy(asc(campaigns.endsAt));
      return c.json({ ok: true as const, data: rows });
    })
    .get('/contests/by-pin/:pin', validate('param', z.object({ pin: contestPinSchema })), async (c) => {
      const { pin } = c.req.valid('param');
      const [row] = await db.select({ id: contests.id, title: contests.title, status: contests.status }).from(contests).where(eq(contests.pin, pin));
      if (!row) return errorResponse(c, 404, 'contest/pin-not-found', { pin });
      if (row.status === 'finished') return errorResponse(c, 409, 'contest/finished');
      const data: ContestSummary = row;
      return c.json({ ok: true as const, data });
    });
}
