import { and, asc, eq, gt, lte } from 'drizzle-orm';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { unlimited, type RateLimiter } from '../rate-limit.js';
import { z } from 'zod';
import { questionsPerAttempt } from '../../shared/campaign.js';
import type { CampaignSummary } from '../../shared/public.js';
import { regionCodeSchema } from '../../shared/region.js';
import { publicName } from '../../shared/text.js';
import type { Db } from '../db/client.js';
import { campaigns } from '../db/schema.js';
import { clientIp, errorResponse, validate, type AppEnv } from '../http.js';
import { QuizError, type QuizService } from '../quiz.js';

const campaignParam = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{6,32}$/) });
const attemptParam = campaignParam.extend({ attemptId: z.string().regex(/^[A-Za-z0-9_-]{22}$/) });
const tokenSchema = z.string().regex(/^[A-Za-z0-9_-]{32}$/);
const startSchema = z.object({
  token: tokenSchema.optional(),
  countyCode: regionCodeSchema,
  townshipCode: regionCodeSchema.optional(),
  name: z.union([z.literal(''), publicName(1, 50)]).optional(),
  phone: z.string().trim().max(20).optional(),
  teamName: z.union([z.literal(''), publicName(1, 50)]).optional(),
});
const submitSchema = z.object({ answers: z.array(z.array(z.number().int().min(0).max(5)).max(6).nullable()).max(200) });

/** Turns a domain rejection into a localized JSON error; anything else is a real failure. */
export async function quizCall<T>(c: Context<AppEnv>, fn: () => Promise<T>) {
  try {
    return c.json({ ok: true as const, data: await fn() });
  } catch (e) {
    if (e instanceof QuizError) return errorResponse(c, e.status, e.code, e.params);
    throw e;
  }
}

/** The public origin players reach us at, for links and QR codes. */
export function publicOrigin(c: Context, configured?: string): string {
  if (configured) return configured.replace(/\/$/, '');
  const url = new URL(c.req.url);
  const proto = c.req.header('x-forwarded-proto') ?? url.protocol.replace(':', '');
  return `${proto}://${c.req.header('x-forwarded-host') ?? c.req.header('host') ?? url.host}`;
}

/**
 * The citizen side of campaigns, no login: those open now, what one is, start or resume an attempt, submit, and the
 * public county board (with its QR code). The participant token travels in a header, never the URL.
 */
export function quizRoutes(db: Db, quiz: QuizService, now: () => number, publicUrl?: string, perIp: Pick<RateLimiter, 'take'> = unlimited) {
  /** The per-IP limit of the two hot write paths. */
  const limited: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (!perIp.take(clientIp(c))) return errorResponse(c, 429, 'rate/limited');
    await next();
  };
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const t = now();
      const rows: CampaignSummary[] = await db
        .select({ id: campaigns.id, title: campaigns.title, description: campaigns.description, startsAt: campaigns.startsAt, endsAt: campaigns.endsAt, regionCode: campaigns.regionCode })
        .from(campaigns)
        .where(and(eq(campaigns.status, 'published'), lte(campaigns.startsAt, t), gt(campaigns.endsAt, t)))
        .orderBy(asc(campaigns.endsAt));
      return c.json({ ok: true as const, data: rows });
    })
    .get('/:id', validate('param', campaignParam), async (c) => {
      const loaded = await quiz.campaign(c.req.valid('param').id);
      if (!loaded || loaded.status === 'draft') return errorResponse(c, 404, 'quiz/campaign-not-found');
      const s = loaded.settings;
      const t = now();
      return c.json({
        ok: true as const,
        data: {
          id: loaded.id,
          title: s.title,
          description: s.description,
          startsAt: s.startsAt,
          endsAt: s.endsAt,
          state: loaded.status === 'archived' || t >= s.endsAt ? ('ended' as const) : t < s.startsAt ? ('not-started' as const) : ('open' as const),
          counties: [...loaded.counties].map(([code, name]) => {
            const towns = loaded.townships.get(code);
            return towns ? { code, name, townships: [...towns].map(([t, n]) => ({ code: t, name: n })) } : { code, name };
          }),
          fields: s.fields,
          questionCount: questionsPerAttempt(s),
          timeLimitSec: s.timeLimitSec,
          attemptsPerDay: s.attemptsPerDay,
          attemptsTotal: s.attemptsTotal,
          passMark: s.passMark,
          serverTime: t,
        },
      });
    })
    .post('/:id/attempts', limited, validate('param', campaignParam), validate('json', startSchema), (c) =>
      quizCall(c, async () => ({ ...(await quiz.start(c.req.valid('param').id, c.req.valid('json'))), serverTime: now() })),
    )
    .get('/:id/attempts/:attemptId', validate('param', attemptParam), async (c) => {
      const tokenValue = tokenSchema.safeParse(c.req.header('x-participant-token'));
      if (!tokenValue.success) return errorResponse(c, 404, 'quiz/attempt-not-found');
      const { id, attemptId } = c.req.valid('param');
      return quizCall(c, async () => ({ ...(await quiz.resume(id, attemptId, tokenValue.data)), serverTime: now() }));
    })
    .post('/:id/attempts/:attemptId/submit', limited, validate('param', attemptParam), validate('json', submitSchema), async (c) => {
      const tokenValue = tokenSchema.safeParse(c.req.header('x-participant-token'));
      if (!tokenValue.success) return errorResponse(c, 404, 'quiz/attempt-not-found');
      const { id, attemptId } = c.req.valid('param');
      return quizCall(c, () => quiz.submit(id, attemptId, tokenValue.data, c.req.valid('json').answers));
    })
    .get('/:id/board', validate('param', campaignParam), async (c) => {
      const { id } = c.req.valid('param');
      const loaded = await quiz.campaign(id);
      if (!loaded || loaded.status === 'draft') return errorResponse(c, 404, 'quiz/campaign-not-found');
      return c.json({ ok: true as const, data: { title: loaded.settings.title, link: `${publicOrigin(c, publicUrl)}/quiz/${id}`, counties: await quiz.countyTable(id) } });
    })
    .get('/:id/qr.svg', validate('param', campaignParam), async (c) => {
      const { id } = c.req.valid('param');
      const loaded = await quiz.campaign(id);
      if (!loaded || loaded.status === 'draft') return errorResponse(c, 404, 'quiz/campaign-not-found');
      const { default: QRCode } = await import('qrcode'); // loaded on the first code drawn, not at start-up
      const svg = await QRCode.toString(`${publicOrigin(c, publicUrl)}/quiz/${id}`, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      return c.body(svg, 200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=300' });
    });
}
