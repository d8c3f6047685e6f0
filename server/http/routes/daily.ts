import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { addDays, chinaDay, daysBetween, isDay } from '../../../shared/quiz/daily.js';
import { regionCodeSchema } from '../../../shared/region/region.js';
import type { DailyService } from '../../quiz/daily.js';
import type { Db } from '../../db/client.js';
import { campaignRegion } from '../../quiz/campaigns.js';
import { clientIp, errorResponse, validate, type AppEnv } from '../http.js';
import { unlimited, type RateLimiter } from '../rate-limit.js';
import { requireScope } from '../../auth/scope.js';
import { requireRole } from './auth.js';
import { quizCall } from './quiz.js';

const campaignParam = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{6,32}$/) });
const readSchema = z.object({ countyCode: z.union([z.literal(''), regionCodeSchema]).optional() });
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine(isDay);
const rangeQuery = z.object({ from: day.optional(), to: day.optional() });

/** Days an organizer's range may span at most. */
export const MAX_RANGE_DAYS = 366;
/** The statistics' range when none is asked for: the last 7 China days, today included. */
export const DEFAULT_RANGE_DAYS = 7;

/**
 * 每日一学 for residents (mounted under `/api/quiz`): today's card of a published campaign, and the report that it
 * was read (a phone sends it once a day), limited per address like the other public writes.
 */
export function dailyRoutes(daily: DailyService, perIp: Pick<RateLimiter, 'take'> = unlimited) {
  const limited: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (!perIp.take(clientIp(c))) return errorResponse(c, 429, 'rate/limited');
    await next();
  };
  return new Hono<AppEnv>()
    .get('/:id/daily', validate('param', campaignParam), (c) => quizCall(c, () => daily.card(c.req.valid('param').id)))
    .post('/:id/daily/read', limited, validate('param', campaignParam), validate('json', readSchema), (c) =>
      quizCall(c, () => daily.read(c.req.valid('param').id, c.req.valid('json').countyCode ?? '', clientIp(c))),
    );
}

/**
 * The organizer's view (mounted under `/api/campaigns`, ahead of the campaign routes): reads per county over a
 * range of China days, the last 7 by default. Scoped like the other statistics: a county's organizer reads the
 * city's campaign, but only its own county's row.
 */
export function dailyReadRoutes(db: Db, daily: DailyService, now: () => number) {
  const scoped = requireScope((id) => campaignRegion(db, id));
  return new Hono<AppEnv>().get('/:id/daily-reads', requireRole(db, now, 'admin', 'organizer'), scoped, validate('param', campaignParam), validate('query', rangeQuery), (c) => {
    const asked = c.req.valid('query');
    // Without an end: today (China time); without a start: the 7 days up to the end.
    const to = asked.to ?? chinaDay(now());
    const from = asked.from ?? addDays(to, -(DEFAULT_RANGE_DAYS - 1));
    const span = daysBetween(from, to);
    if (span < 0 || span >= MAX_RANGE_DAYS) return errorResponse(c, 400, 'daily/bad-range', { max: MAX_RANGE_DAYS });
    return quizCall(c, () => daily.table(c.req.valid('param').id, from, to, c.get('user')));
  })
    // The card's pushes, newest first: what went out each day, through which channel, and what failed.
    .get('/:id/daily-pushes', requireRole(db, now, 'admin', 'organizer'), scoped, validate('param', campaignParam), (c) => quizCall(c, () => daily.pushes(c.req.valid('param').id)));
}
