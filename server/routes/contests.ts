import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { contestDraftSchema } from '../../shared/contest-draft.js';
import { parseInput } from '../../shared/validate.js';
import type { Audit } from '../audit.js';
import { ContestSetupError, type ContestService } from '../contests.js';
import type { Db } from '../db/client.js';
import { download, errorResponse, validate, type AppEnv } from '../http.js';
import { requireRole } from './auth.js';
import { publicOrigin } from './quiz.js';
import type { QuizService } from '../quiz.js';
import { parseTeamSheet } from '../team-import.js';

const idParam = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{6,32}$/) });

/**
 * Teams for a contest's draft, for organizers: from a spreadsheet, or the best family teams of a campaign.
 * (Beside `/api/contests`, not under it: there `teams` would sit where a contest id goes, which Hono's
 * RegExp router cannot tell apart, and the whole API would fall back to its slower trie router.)
 */
export function contestTeamRoutes(db: Db, quiz: QuizService, now: () => number) {
  const organizers = requireRole(db, now, 'admin', 'organizer');
  return new Hono<AppEnv>()
    .post('/import', organizers, async (c) => {
      const form = await c.req.formData().catch(() => null);
      const file = form?.get('file');
      const region = form?.get('regionCode');
      if (!file || typeof file === 'string') return errorResponse(c, 400, 'import/no-file');
      // Counties are matched within the contest's region when it has one, else among every county we know.
      const counties = typeof region === 'string' && /^\d{6}$/.test(region) ? await quiz.countiesOf(region) : await quiz.allCounties();
      const result = await parseTeamSheet({ name: file.name, data: new Uint8Array(await file.arrayBuffer()) }, counties, c.get('locale'));
      if (!result.ok) return c.json({ ok: false as const, error: { code: 'import/rejected', message: c.get('locale') === 'en' ? 'Nothing was imported: see the problems' : '文件存在以下问题，未导入', problems: result.problems } }, 422);
      return c.json({ ok: true as const, data: result.teams });
    })
    .get('/from-campaign/:campaignId', organizers, validate('param', z.object({ campaignId: idParam.shape.id })), validate('query', z.object({ perCounty: z.coerce.number().int().min(1).max(16).default(1) })), async (c) => {
      const teams = await quiz.bestTeams(c.req.valid('param').campaignId, c.req.valid('query').perCounty);
      return c.json({ ok: true as const, data: teams.slice(0, 16).map((t, i) => ({ id: `t${i + 1}`, name: t.teamName, members: [], county: t.countyCode, score: t.score })) });
    });
}

/** Contest setup for organizers (and hosts, who read it to run the show): drafts, links, rehearsal reset, record export. */
export function contestRoutes(db: Db, contests: ContestService, now: () => number, audit: Audit, publicUrl?: string) {
  const staff = requireRole(db, now, 'admin', 'organizer', 'host');
  const organizers = requireRole(db, now, 'admin', 'organizer');
  const setupError = (c: Context<AppEnv>, e: unknown) => {
    if (e instanceof ContestSetupError) return errorResponse(c as never, 400, e.code, e.params, e.issues ? { issues: e.issues } : {});
    throw e;
  };
  return new Hono<AppEnv>()
    .get('/', staff, async (c) => c.json({ ok: true as const, data: await contests.list() }))
    .post('/', organizers, async (c) => {
      const parsed = parseInput(contestDraftSchema, await c.req.json().catch(() => undefined), c.get('locale'));
      if (!parsed.ok) return c.json(parsed, 400);
      try {
        const created = await contests.create(parsed.data, c.get('user').id, c.get('locale'));
        await audit(c.get('user').id, 'contest:create', created.id, { title: parsed.data.title });
        return c.json({ ok: true as const, data: created }, 201);
      } catch (e) {
        return setupError(c as never, e);
      }
    })
    .get('/:id', staff, validate('param', idParam), async (c) => {
      const detail = await contests.detail(c.req.valid('param').id, publicOrigin(c, publicUrl));
      if (!detail) return errorResponse(c, 404, 'contest/not-found');
      return c.json({ ok: true as const, data: detail });
    })
    .put('/:id', organizers, validate('param', idParam), async (c) => {
      const { id } = c.req.valid('param');
      const parsed = parseInput(contestDraftSchema, await c.req.json().catch(() => undefined), c.get('locale'));
      if (!parsed.ok) return c.json(parsed, 400);
      try {
        const result = await contests.update(id, parsed.data, c.get('locale'));
        if (result === 'not-found') return errorResponse(c, 404, 'contest/not-found');
        if (result === 'started') return errorResponse(c, 409, 'contest/started');
        await audit(c.get('user').id, 'contest:update', id);
        return c.json({ ok: true as const, data: { id } });
      } catch (e) {
        return setupError(c as never, e);
      }
    })
    .post('/:id/reset', organizers, validate('param', idParam), async (c) => {
      const { id } = c.req.valid('param');
      const result = await contests.reset(id);
      if (result === 'not-found') return errorResponse(c, 404, 'contest/not-found');
      if (result === 'not-rehearsal') return errorResponse(c, 409, 'contest/not-rehearsal');
      await audit(c.get('user').id, 'contest:reset', id);
      return c.json({ ok: true as const, data: { id } });
    })
    .get('/:id/export.xlsx', staff, validate('param', idParam), async (c) => {
      const record = await contests.exportRecord(c.req.valid('param').id);
      if (!record) return errorResponse(c, 404, 'contest/not-found');
      return download(c, `${record.title}-比赛记录.xlsx`, record.data);
    });
}
