import { Hono } from 'hono';
import { z } from 'zod';
import { BRIEFING_KINDS } from '../../../shared/region/briefing.js';
import { regionCodeSchema, regionLevelOf } from '../../../shared/region/region.js';
import type { Audit } from '../../auth/audit.js';
import { briefingFileName, briefingWorkbook } from '../../reports/briefing-export.js';
import { getBriefing, listBriefings, makeBriefing } from '../../reports/briefings.js';
import type { Db } from '../../db/client.js';
import { download, errorResponse, validate, type AppEnv } from '../http.js';
import type { QuizService } from '../../quiz/quiz.js';
import { inScope, outOfScope } from '../../auth/scope.js';
import { requireRole } from './auth.js';
import { campaignRegionFor } from './campaigns.js';

const campaignId = z.string().regex(/^[A-Za-z0-9_-]{6,32}$/);
const briefingParam = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{12}$/) });

/**
 * 周调度 / 月通报 of a campaign for a region: list the kept ones, make the running period's (replacing it if made
 * before), read one, download it as xlsx. The region is the caller's own or one below it, within the campaign's:
 * a county's organizer makes its county's briefing of the city's campaign.
 */
export function briefingRoutes(db: Db, quiz: QuizService, now: () => number, audit: Audit) {
  /** A kept briefing, if its region is the caller's. */
  const kept = async (c: Parameters<typeof outOfScope>[0], id: string) => {
    const found = await getBriefing(db, id);
    if (!found) return errorResponse(c, 404, 'briefing/not-found');
    if (!inScope(c.get('user'), found.regionCode)) return outOfScope(c);
    return found;
  };
  return new Hono<AppEnv>()
    .use('*', requireRole(db, now, 'admin', 'organizer'))
    .get('/', validate('query', z.object({ campaign: campaignId, region: regionCodeSchema.optional() })), async (c) => {
      const { campaign, region: asked } = c.req.valid('query');
      const region = await campaignRegionFor(c, quiz, campaign, asked);
      if (region instanceof Response) return region;
      return c.json({ ok: true as const, data: { region, briefings: await listBriefings(db, campaign, region) } });
    })
    .post('/', validate('json', z.object({ campaign: campaignId, kind: z.enum(BRIEFING_KINDS), region: regionCodeSchema.optional() })), async (c) => {
      const { campaign, kind, region: asked } = c.req.valid('json');
      const region = await campaignRegionFor(c, quiz, campaign, asked);
      if (region instanceof Response) return region;
      const made = await makeBriefing(db, quiz, { campaignId: campaign, regionCode: region, kind, at: now(), userId: c.get('user').id });
      if (!made) return regionLevelOf(region) === 'village' ? errorResponse(c, 400, 'briefing/no-level-below') : errorResponse(c, 404, 'region/not-found', { code: region });
      await audit(c.get('user').id, 'briefing:make', campaign, { region, kind, periodStart: made.briefing.periodStart });
      return c.json({ ok: true as const, data: made }, 201);
    })
    .get('/:id', validate('param', briefingParam), async (c) => {
      const found = await kept(c, c.req.valid('param').id);
      if (found instanceof Response) return found;
      return c.json({ ok: true as const, data: found.briefing });
    })
    .get('/:id/export.xlsx', validate('param', briefingParam), async (c) => {
      const found = await kept(c, c.req.valid('param').id);
      if (found instanceof Response) return found;
      return download(c, briefingFileName(found.briefing), await briefingWorkbook(found.briefing));
    });
}
