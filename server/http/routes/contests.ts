import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { contestDraftSchema } from '../../../shared/contest/draft.js';
import type { Audit } from '../../auth/audit.js';
import { ContestSetupError, type ContestService } from '../../contest/contests.js';
import type { Db } from '../../db/client.js';
import { download, errorResponse, importFailure, uploadSchema, validate, validateUpload, type AppEnv } from '../http.js';
import { requireRole } from './auth.js';
import { campaignRegion } from '../../quiz/campaigns.js';
import { contestRegion } from '../../contest/contest-rows.js';
import { hostAccounts } from '../../auth/staff.js';
import { allows, inScope, outOfScope, requireScope, scopeOf } from '../../auth/scope.js';
import { publicOrigin } from './quiz.js';
import type { QuizService } from '../../quiz/quiz.js';
import { runImport } from '../../sheets/imports.js';

const idParam = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{6,32}$/) });

/**
 * Teams for a contest's draft, for organizers: from a spreadsheet, or the best family teams of a campaign.
 * (Beside `/api/contests`, not under it: there `teams` would sit where a contest id goes, which Hono's
 * RegExp router cannot tell apart, and the whole API would fall back to its slower trie router.)
 */
export function contestTeamRoutes(db: Db, quiz: QuizService, now: () => number) {
  const organizers = requireRole(db, now, 'admin', 'organizer');
  const campaignScoped = requireScope((id) => campaignRegion(db, id), { param: 'campaignId' });
  return new Hono<AppEnv>()
    .post('/import', organizers, validateUpload(uploadSchema.extend({ regionCode: z.string().optional() })), async (c) => {
      const { file, regionCode: region } = c.req.valid('form');
      // Counties are matched within the contest's region when it has one, else among every county we know.
      const scope = scopeOf(c.get('user'));
      if (typeof region === 'string' && /^\d{6}$/.test(region) && !allows(c.get('user'), region, 'manage')) return outOfScope(c);
      const counties = typeof region === 'string' && /^\d{6}$/.test(region) ? await quiz.countiesOf(region) : scope ? await quiz.countiesOf(scope) : await quiz.allCounties();
      const result = await runImport({ kind: 'teams', file: { name: file.name, data: new Uint8Array(await file.arrayBuffer()) }, counties: [...counties], locale: c.get('locale') });
      if ('failure' in result) return importFailure(c, result.failure);
      if (!result.ok) return c.json({ ok: false as const, error: { code: 'import/rejected', message: c.get('locale') === 'en' ? 'Nothing was imported: see the problems' : '文件存在以下问题，未导入', problems: result.problems } }, 422);
      return c.json({ ok: true as const, data: result.teams });
    })
    .get('/from-campaign/:campaignId', organizers, campaignScoped, validate('param', z.object({ campaignId: idParam.shape.id })), validate('query', z.object({ perCounty: z.coerce.number().int().min(1).max(16).default(1) })), async (c) => {
      const teams = (await quiz.bestTeams(c.req.valid('param').campaignId, c.req.valid('query').perCounty)).filter((t) => inScope(c.get('user'), t.countyCode));
      return c.json({ ok: true as const, data: teams.slice(0, 16).map((t, i) => ({ id: `t${i + 1}`, name: t.teamName, members: [] as string[], county: t.countyCode, score: t.score })) });
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
  const scoped = requireScope((id) => contestRegion(db, id), { overlap: false });
  return new Hono<AppEnv>()
    .use('/:id', staff, scoped)
    .use('/:id/*', staff, scoped)
    .get('/', staff, async (c) => c.json({ ok: true as const, data: (await contests.list(c.get('user'))).filter((r) => allows(c.get('user'), r.regionCode, 'manage')) }))
    .post('/', organizers, validate('json', contestDraftSchema), async (c) => {
      const draft = c.req.valid('json');
      if (!allows(c.get('user'), draft.regionCode ?? scopeOf(c.get('user')), 'manage')) return outOfScope(c);
      try {
        const created = await contests.create(draft, c.get('user').id, c.get('locale'), scopeOf(c.get('user')));
        await audit(c.get('user').id, 'contest:create', created.id, { title: draft.title });
        return c.json({ ok: true as const, data: created }, 201);
      } catch (e) {
        return setupError(c as never, e);
      }
    })
    .get('/:id', staff, validate('param', idParam), async (c) => {
      // Device links are the keys to a team's turn: a host sees them only for the contests assigned to them.
      if (!(await contests.mayDrive(c.req.valid('param').id, c.get('user')))) return errorResponse(c, 403, 'contest/not-assigned');
      const detail = await contests.detail(c.req.valid('param').id, publicOrigin(c, publicUrl));
      if (!detail) return errorResponse(c, 404, 'contest/not-found');
      return c.json({ ok: true as const, data: detail });
    })
    .put('/:id', organizers, validate('param', idParam), validate('json', contestDraftSchema), async (c) => {
      const { id } = c.req.valid('param');
      const draft = c.req.valid('json');
      if (draft.regionCode && !allows(c.get('user'), draft.regionCode, 'manage')) return outOfScope(c);
      try {
        const result = await contests.update(id, draft, c.get('locale'));
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
    // Which host accounts may run this contest (organizers assign them; a host sees only its own contests).
    .get('/:id/hosts', organizers, validate('param', idParam), async (c) => {
      const { id } = c.req.valid('param');
      if (!(await contests.byId(id))) return errorResponse(c, 404, 'contest/not-found');
      const assigned = new Set(await contests.hostsOf(id));
      const hosts = await hostAccounts(db);
      return c.json({ ok: true as const, data: hosts.map((h) => ({ ...h, assigned: assigned.has(h.id) })) });
    })
    .put('/:id/hosts', organizers, validate('param', idParam), validate('json', z.object({ userIds: z.array(z.string().min(1).max(64)).max(50) })), async (c) => {
      const { id } = c.req.valid('param');
      if (!(await contests.byId(id))) return errorResponse(c, 404, 'contest/not-found');
      const { userIds } = c.req.valid('json');
      const hosts = new Set((await hostAccounts(db)).map((u) => u.id));
      const unknown = userIds.find((u) => !hosts.has(u));
      if (unknown) return errorResponse(c, 400, 'contest/not-a-host', { userId: unknown });
      await contests.assignHosts(id, userIds);
      await audit(c.get('user').id, 'contest:hosts', id, { userIds });
      return c.json({ ok: true as const, data: { id, userIds } });
    })
    // A team's or judge's device failed or its link leaked: a new link, and the old one stops working.
    .post('/:id/devices/:kind/:subjectId/reissue', staff, validate('param', idParam.extend({ kind: z.enum(['team', 'judge']), subjectId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/) })), async (c) => {
      const { id, kind, subjectId } = c.req.valid('param');
      if (!(await contests.mayDrive(id, c.get('user')))) return errorResponse(c, 403, 'contest/not-assigned');
      const row = await contests.byId(id);
      if (!row) return errorResponse(c, 404, 'contest/not-found');
      const issued = await contests.reissue(id, kind, subjectId);
      if (!issued) return errorResponse(c, 404, 'contest/no-device');
      await audit(c.get('user').id, 'contest:reissue', id, { kind, subjectId });
      const url = `${publicOrigin(c, publicUrl)}/${kind}/${row.pin}?t=${issued.token}`;
      return c.json({ ok: true as const, data: { kind, subjectId, url } });
    })
    .get('/:id/export.xlsx', staff, validate('param', idParam), async (c) => {
      const locale = c.get('locale');
      if (!(await contests.mayDrive(c.req.valid('param').id, c.get('user')))) return errorResponse(c, 403, 'contest/not-assigned');
      const record = await contests.exportRecord(c.req.valid('param').id, locale);
      if (!record) return errorResponse(c, 404, 'contest/not-found');
      return download(c, `${record.title}-${locale === 'en' ? 'record' : '比赛记录'}.xlsx`, record.data);
    });
}
