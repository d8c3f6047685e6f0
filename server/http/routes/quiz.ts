import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { unlimited, type RateLimiter } from '../rate-limit.js';
import { z } from 'zod';
import { questionsPerAttempt } from '../../../shared/quiz/campaign.js';
import type { QuizInfo } from '../../../shared/protocol/first-data.js';
import type { CampaignSummary } from '../../../shared/protocol/public.js';
import { regionCodeSchema } from '../../../shared/region/region.js';
import { publicName } from '../../../shared/protocol/text.js';
import type { Db } from '../../db/client.js';
import { openCampaigns } from '../../quiz/campaigns.js';
import { clientIp, errorResponse, requestHost, requestScheme, validate, type AppEnv } from '../http.js';
import { QuizError, type QuizService } from '../../quiz/quiz.js';

const campaignParam = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{6,32}$/) });
const attemptParam = campaignParam.extend({ attemptId: z.string().regex(/^[A-Za-z0-9_-]{22}$/) });
const tokenSchema = z.string().regex(/^[A-Za-z0-9_-]{32}$/);
const startSchema = z.object({
  token: tokenSchema.optional(),
  countyCode: regionCodeSchema,
  townshipCode: regionCodeSchema.optional(),
  villageCode: regionCodeSchema.optional(),
  guideId: z.string().regex(/^[A-Za-z0-9_-]{6,32}$/).optional(),
  name: z.union([z.literal(''), publicName(1, 50)]).optional(),
  phone: z.string().trim().max(20).optional(),
  recoveryCode: z.string().trim().max(20).optional(),
  teamName: z.union([z.literal(''), publicName(1, 50)]).optional(),
  /** A random id the page keeps across campaigns: new participants are limited per device as well as per address. */
  deviceId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/).optional(),
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

/**
 * What a citizen sees of a campaign before starting (null for an unknown or draft one): served by
 * `GET /api/quiz/:id` and sent inside the quiz page's document on its first load.
 */
export async function quizInfo(quiz: QuizService, id: string, t: number): Promise<QuizInfo | null> {
  const loaded = await quiz.campaign(id);
  if (!loaded || loaded.status === 'draft') return null;
  const s = loaded.settings;
  return {
    id: loaded.id,
    title: s.title,
    description: s.description,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    regionCode: s.regionCode,
    state: loaded.status === 'archived' || t >= s.endsAt ? 'ended' : t < s.startsAt ? 'not-started' : 'open',
    counties: [...loaded.counties].map(([code, name]) => {
      const towns = loaded.townships.get(code);
      return towns ? { code, name, townships: [...towns].map(([tc, n]) => ({ code: tc, name: n })) } : { code, name };
    }),
    fields: s.fields,
    questionCount: questionsPerAttempt(s),
    timeLimitSec: s.timeLimitSec,
    attemptsPerDay: s.attemptsPerDay,
    attemptsTotal: s.attemptsTotal,
    passMark: s.passMark,
    serverTime: t,
  };
}

/** The public origin players reach us at, for links and QR codes. */
export function publicOrigin(c: Context, configured?: string): string {
  if (configured) return configured.replace(/\/$/, '');
  // Scheme and host as the client used them: forwarded headers only from a proxy TRUST_PROXY names.
  return `${requestScheme(c)}://${requestHost(c) ?? new URL(c.req.url).host}`;
}

/**
 * The citizen side of campaigns, no login: those open now, what one is, start or resume an attempt, submit, and the
 * public county board (with its QR code). The participant token travels in a header, never the URL.
 */
export function quizRoutes(
  db: Db,
  quiz: QuizService,
  now: () => number,
  publicUrl?: string,
  perIp: Pick<RateLimiter, 'take'> = unlimited,
  newParticipants: { perIp: Pick<RateLimiter, 'take'>; perDevice: Pick<RateLimiter, 'take'> } = { perIp: unlimited, perDevice: unlimited },
) {
  /** The per-IP limit of the two hot write paths. */
  const limited: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (!perIp.take(clientIp(c))) return errorResponse(c, 429, 'rate/limited');
    await next();
  };
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const rows: CampaignSummary[] = await openCampaigns(db, now());
      return c.json({ ok: true as const, data: rows });
    })
    .get('/:id', validate('param', campaignParam), async (c) => {
      const info = await quizInfo(quiz, c.req.valid('param').id, now());
      if (!info) return errorResponse(c, 404, 'quiz/campaign-not-found');
      return c.json({ ok: true as const, data: info });
    })
    .post('/:id/attempts', limited, validate('param', campaignParam), validate('json', startSchema), (c) => {
      const { deviceId, ...input } = c.req.valid('json');
      const ip = clientIp(c);
      const admitNew = () => newParticipants.perIp.take(ip) && (!deviceId || newParticipants.perDevice.take(deviceId));
      return quizCall(c, async () => ({ ...(await quiz.start(c.req.valid('param').id, input, admitNew)), serverTime: now() }));
    })
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
    // Where the participant of this device stands: attempts left, the county's rank, their rank in the county.
    .get('/:id/standing', validate('param', campaignParam), async (c) => {
      const tokenValue = tokenSchema.safeParse(c.req.header('x-participant-token'));
      if (!tokenValue.success) return errorResponse(c, 404, 'quiz/participant-not-found');
      return quizCall(c, () => quiz.standing(c.req.valid('param').id, tokenValue.data));
    })
    .get('/:id/board', validate('param', campaignParam), async (c) => {
      const { id } = c.req.valid('param');
      const loaded = await quiz.campaign(id);
      if (!loaded || loaded.status === 'draft') return errorResponse(c, 404, 'quiz/campaign-not-found');
      return c.json({ ok: true as const, data: { title: loaded.settings.title, link: `${publicOrigin(c, publicUrl)}/quiz/${id}`, counties: await quiz.boardTable(id) } });
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
