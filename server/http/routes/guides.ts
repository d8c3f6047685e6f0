import { Hono } from 'hono';
import { z } from 'zod';
import type { Audit } from '../../auth/audit.js';
import type { Db } from '../../db/client.js';
import { campaignTitle } from '../../quiz/campaigns.js';
import { guideLink, guidePage, guideRegion, listGuides, parseGuideSheet, saveGuides } from '../../reports/guides.js';
import { errorResponse, uploadSchema, validate, validateUpload, type AppEnv } from '../http.js';
import type { QuizService } from '../../quiz/quiz.js';
import { requireScope, scopeOf } from '../../auth/scope.js';
import { requireRole } from './auth.js';
import { publicOrigin } from './quiz.js';

const idParam = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{6,32}$/) });
const campaignQuery = z.object({ campaign: z.string().regex(/^[A-Za-z0-9_-]{6,32}$/) });

/** A guide's personal link for a campaign: the campaign's page with the guide's code. */
export const guideUrl = (origin: string, campaignId: string, guideId: string) => `${origin}/quiz/${campaignId}?g=${guideId}`;

/**
 * Guides for organizers (`/api/guides`): import from a spreadsheet (all or nothing), the list within the
 * organizer's region with each guide's personal page link, and a poster's data per guide per campaign.
 */
export function guideRoutes(db: Db, quiz: QuizService, now: () => number, audit: Audit, publicUrl?: string) {
  const scoped = requireScope((id) => guideRegion(db, id), { overlap: false });
  return new Hono<AppEnv>()
    .use('*', requireRole(db, now, 'admin', 'organizer'))
    .post('/import', validateUpload(uploadSchema), async (c) => {
      const { file } = c.req.valid('form');
      const parsed = await parseGuideSheet(db, { name: file.name, data: new Uint8Array(await file.arrayBuffer()) }, scopeOf(c.get('user')), c.get('locale'));
      if (!parsed.ok) return c.json({ ok: false as const, error: { code: 'import/rejected', message: c.get('locale') === 'en' ? 'Nothing was imported: see the problems' : '文件存在以下问题，未导入', problems: parsed.problems } }, 422);
      const saved = await saveGuides(db, parsed.guides, c.get('user').id, now());
      quiz.forgetGuides();
      await audit(c.get('user').id, 'guides:import', null, saved);
      return c.json({ ok: true as const, data: saved });
    })
    .get('/', async (c) => {
      const origin = publicOrigin(c, publicUrl);
      const rows = await listGuides(db, scopeOf(c.get('user')));
      return c.json({
        ok: true as const,
        data: rows.map((g) => ({ id: g.id, name: g.name, role: g.role, clinic: g.clinic, regionCode: g.regionCode, regionName: g.regionName, phone: g.phone, pageLink: `${origin}/guide/${g.token}` })),
      });
    })
    .get('/:id/poster', scoped, validate('param', idParam), validate('query', campaignQuery), async (c) => {
      const { id } = c.req.valid('param');
      const { campaign } = c.req.valid('query');
      const guide = await guideLink(db, id);
      if (!guide) return errorResponse(c, 404, 'guide/not-found');
      const row = await campaignTitle(db, campaign);
      if (!row) return errorResponse(c, 404, 'quiz/campaign-not-found');
      return c.json({ ok: true as const, data: { guide, campaign: { id: campaign, title: row.title }, link: guideUrl(publicOrigin(c, publicUrl), campaign, id), qr: `/api/guide-links/${id}/qr.svg?campaign=${campaign}` } });
    });
}

/**
 * What needs no account: a guide's public face for a campaign link (`/api/guide-links/:id`), the QR code of the
 * guide's link, and the guide's own page by its personal token (`/api/guide-page/:token`).
 */
export function guideLinkRoutes(db: Db, publicUrl?: string) {
  return new Hono<AppEnv>()
    .get('/:id', validate('param', idParam), async (c) => {
      const guide = await guideLink(db, c.req.valid('param').id);
      if (!guide) return errorResponse(c, 404, 'guide/not-found');
      return c.json({ ok: true as const, data: guide });
    })
    .get('/:id/qr.svg', validate('param', idParam), validate('query', campaignQuery), async (c) => {
      const { id } = c.req.valid('param');
      const { campaign } = c.req.valid('query');
      if ((await guideRegion(db, id)) === undefined || !(await campaignTitle(db, campaign))) return errorResponse(c, 404, 'guide/not-found');
      const { default: QRCode } = await import('qrcode');
      const svg = await QRCode.toString(guideUrl(publicOrigin(c, publicUrl), campaign, id), { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      return c.body(svg, 200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=300' });
    });
}

export function guidePageRoutes(db: Db, now: () => number, publicUrl?: string) {
  return new Hono<AppEnv>().get('/:token', validate('param', z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,40}$/) })), async (c) => {
    const page = await guidePage(db, c.req.valid('param').token, now());
    if (!page) return errorResponse(c, 404, 'guide/not-found');
    const origin = publicOrigin(c, publicUrl);
    return c.json({
      ok: true as const,
      data: { ...page, campaigns: page.campaigns.map((x) => ({ ...x, link: guideUrl(origin, x.id, page.guide.id), qr: `/api/guide-links/${page.guide.id}/qr.svg?campaign=${x.id}` })) },
    });
  });
}
