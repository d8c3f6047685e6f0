import { randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { campaignSettingsSchema, drawQuestions, seededRandom, type CampaignSettings } from '../../../shared/quiz/campaign.js';
import { parseInput } from '../../../shared/protocol/validate.js';
import type { Audit } from '../../auth/audit.js';
import type { Db } from '../../db/client.js';
import { campaignRegion, campaignRow, insertCampaign, listCampaignRows, participantRows, setCampaignStatus, updateCampaignSettings } from '../../quiz/campaigns.js';
import { download, errorResponse, validate, type AppEnv } from '../http.js';
import type { QuizService } from '../../quiz/quiz.js';
import { addTableSheet, newWorkbook, type SheetColumn } from '../../sheets/xlsx.js';
import { requireRole } from './auth.js';
import { allows, inScope, outOfScope, requireScope, scopeOf } from '../../auth/scope.js';
import type { CampaignDrill } from '../../../shared/region/tallies.js';
import { drillDown, guideRanking } from '../../reports/tallies.js';
import { isWithinRegion, regionCodeSchema } from '../../../shared/region/region.js';
import { publicOrigin, quizCall } from './quiz.js';

const reviewSchema = z.object({ attemptId: z.string().regex(/^[A-Za-z0-9_-]{22}$/), decision: z.enum(['accepted', 'rejected']) });
const idParam = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{6,32}$/) });
const dayRe = /^\d{4}-\d{2}-\d{2}$/;
const statsQuery = z.object({ from: z.string().regex(dayRe).optional(), to: z.string().regex(dayRe).optional() });

/**
 * Organizer side of online quiz campaigns: create and edit (drafts and live), publish and archive,
 * statistics from the pre-summed tables, and the Excel export of every table.
 */
export function campaignRoutes(db: Db, quiz: QuizService, now: () => number, audit: Audit, publicUrl?: string) {
  /** Whether the settings' region has counties to take part. */
  const regionKnown = async (s: CampaignSettings) => (await quiz.countiesOf(s.regionCode)).size > 0;
  const checkDrawable = async (id: string) => {
    quiz.invalidate(id);
    const loaded = await quiz.campaign(id);
    const draw = drawQuestions(loaded!.pool, loaded!.settings.mix, seededRandom(1));
    return draw.ok ? null : { slice: draw.slice + 1, available: draw.available };
  };

  const scoped = requireScope((id) => campaignRegion(db, id));
  /** The statistics an organizer may see: the rows of the counties within their region. */
  const scopedStats = async (c: Context<AppEnv>, id: string, from?: string, to?: string, limit = 20) => {
    const user = c.get('user');
    const mine = <T extends { code: string }>(rows: T[]) => rows.filter((r) => inScope(user, r.code));
    return {
      counties: mine(await quiz.countyTable(id)),
      townships: (await quiz.townshipTable(id)).filter((r) => inScope(user, r.countyCode)),
      range: from || to ? mine(await quiz.countyRange(id, from, to)) : null,
      daily: await quiz.daily(id, from, to, scopeOf(user)),
      hardest: await quiz.hardestQuestions(id, limit),
      items: await quiz.itemAccuracy(id),
      dimensions: await quiz.dimensionAccuracy(id),
    };
  };

  return new Hono<AppEnv>()
    .use('*', requireRole(db, now, 'admin', 'organizer'))
    .use('/:id', scoped)
    .use('/:id/*', scoped)
    .get('/', async (c) => {
      const rows = (await listCampaignRows(db)).filter((r) => allows(c.get('user'), r.regionCode, 'read'));
      return c.json({ ok: true as const, data: rows.map((r) => ({ id: r.id, title: r.title, status: r.status, startsAt: r.startsAt, endsAt: r.endsAt, regionCode: r.regionCode })) });
    })
    .post('/', validate('json', campaignSettingsSchema), async (c) => {
      const s = c.req.valid('json');
      if (!(await regionKnown(s))) return errorResponse(c, 400, 'region/not-found', { code: s.regionCode });
      if (!allows(c.get('user'), s.regionCode, 'manage')) return outOfScope(c);
      const id = randomBytes(6).toString('base64url');
      await insertCampaign(db, id, s, now());
      const problem = await checkDrawable(id);
      await audit(c.get('user').id, 'campaign:create', id, { title: s.title });
      return c.json({ ok: true as const, data: { id, warning: problem } }, 201);
    })
    .get('/:id', validate('param', idParam), async (c) => {
      const row = await campaignRow(db, c.req.valid('param').id);
      if (!row) return errorResponse(c, 404, 'quiz/campaign-not-found');
      return c.json({ ok: true as const, data: { id: row.id, status: row.status, settings: row.settings as CampaignSettings, link: `${publicOrigin(c, publicUrl)}/quiz/${row.id}` } });
    })
    .put('/:id', validate('param', idParam), validate('json', campaignSettingsSchema), async (c) => {
      const { id } = c.req.valid('param');
      if (!(await campaignRow(db, id))) return errorResponse(c, 404, 'quiz/campaign-not-found');
      const s = c.req.valid('json');
      if (!(await regionKnown(s))) return errorResponse(c, 400, 'region/not-found', { code: s.regionCode });
      if (!allows(c.get('user'), s.regionCode, 'manage')) return outOfScope(c);
      await updateCampaignSettings(db, id, s);
      const problem = await checkDrawable(id);
      await audit(c.get('user').id, 'campaign:update', id);
      return c.json({ ok: true as const, data: { id, warning: problem } });
    })
    // One POST route for every action on a campaign: Hono's RegExp router cannot place a second two-segment POST
    // beside this one, and a route it cannot place sends the whole app to the slower trie router.
    .post('/:id/:action{publish|archive|unpublish|review}', validate('param', idParam.extend({ action: z.enum(['publish', 'archive', 'unpublish', 'review']) })), async (c) => {
      const { id, action } = c.req.valid('param');
      if (action === 'review') {
        // An organizer's decision on an attempt flagged as faster than a person reads.
        const body = parseInput(reviewSchema, await c.req.json().catch(() => undefined), c.get('locale'));
        if (!body.ok) return c.json(body, 400);
        return quizCall(c, async () => {
          await quiz.reviewAttempt(id, body.data.attemptId, body.data.decision);
          await audit(c.get('user').id, `attempt:${body.data.decision}`, body.data.attemptId, { campaign: id });
          return { id: body.data.attemptId, review: body.data.decision };
        });
      }
      if (!(await campaignRow(db, id))) return errorResponse(c, 404, 'quiz/campaign-not-found');
      if (action === 'publish') {
        const problem = await checkDrawable(id);
        if (problem) return errorResponse(c, 409, 'quiz/pool-too-small', problem);
      }
      const status = action === 'publish' ? 'published' : action === 'archive' ? 'archived' : 'draft';
      await setCampaignStatus(db, id, status);
      quiz.invalidate(id);
      await audit(c.get('user').id, `campaign:${action}`, id);
      return c.json({ ok: true as const, data: { id, status } });
    })
    .get('/:id/stats', validate('param', idParam), validate('query', statsQuery), (c) =>
      quizCall(c, async () => {
        const { id } = c.req.valid('param');
        const { from, to } = c.req.valid('query');
        const loaded = await quiz.campaign(id);
        const data = await scopedStats(c as never, id, from, to);
        // Totals over the rows this organizer may see: a county's organizer gets their county's.
        return { title: loaded?.settings.title ?? '', totals: campaignTotals(data.counties), ...data };
      }),
    )
    .get('/:id/flagged', validate('param', idParam), (c) => quizCall(c, () => quiz.flaggedAttempts(c.req.valid('param').id)))
    .get('/:id/stats/top', validate('param', idParam), validate('query', z.object({ county: z.string().regex(/^\d{6}$/) })), (c) => {
      if (!inScope(c.get('user'), c.req.valid('query').county)) return outOfScope(c as never);
      return quizCall(c, () => quiz.topInCounty(c.req.valid('param').id, c.req.valid('query').county, 50));
    })
    .get('/:id/drill', validate('param', idParam), validate('query', z.object({ region: regionCodeSchema.optional() })), async (c) => {
      const { id } = c.req.valid('param');
      const region = await campaignRegionFor(c, quiz, id, c.req.valid('query').region);
      if (region instanceof Response) return region;
      const loaded = (await quiz.campaign(id))!;
      const drill = await drillDown(db, id, region, loaded.settings.targets);
      if (!drill) return errorResponse(c, 400, 'region/not-found', { code: region });
      const data: CampaignDrill = { ...drill, guides: await guideRanking(db, id, region) };
      return c.json({ ok: true as const, data });
    })
    .get('/:id/export.xlsx', validate('param', idParam), validate('query', statsQuery), async (c) => {
      const { id } = c.req.valid('param');
      const { from, to } = c.req.valid('query');
      const loaded = await quiz.campaign(id);
      if (!loaded) return errorResponse(c, 404, 'quiz/campaign-not-found');
      const data = await scopedStats(c as never, id, from, to, 1000);
      const everyone = await participantRows(db, loaded);
      const user = c.get('user');
      const book = await statsWorkbook(loaded.settings.title, {
        ...data,
        range: data.range ? { from: from ?? '', to: to ?? '', rows: data.range } : null,
        participants: { ...everyone, rows: everyone.rows.filter((r) => inScope(user, r.countyCode)) },
      });
      return download(c, `${loaded.settings.title}-参与统计.xlsx`, book);
    });
}

/**
 * The whole campaign in one line: people, attempts, and the average and pass rate over everyone who submitted
 * (each county's figures weighted by its submitters, so a big county counts for its size).
 */
export function campaignTotals(counties: Awaited<ReturnType<QuizService['countyTable']>>) {
  let participants = 0;
  let submitters = 0;
  let attempts = 0;
  let scoreSum = 0;
  let passed = 0;
  for (const r of counties) {
    participants += r.participants;
    submitters += r.submitters;
    attempts += r.attempts;
    scoreSum += (r.averageScore ?? 0) * r.submitters;
    passed += (r.passRate ?? 0) * r.submitters;
  }
  return { participants, submitters, attempts, averageScore: submitters ? scoreSum / submitters : null, passRate: submitters ? Math.round(passed) / submitters : null };
}

/** A moment as China's wall-clock time, the way organizers read it: 2026-03-01 09:30. */
const chinaTime = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

const pct = (v: number | null) => (v === null ? '' : Math.round(v * 1000) / 10);
const score = (v: number | null) => (v === null ? '' : Math.round(v * 10) / 10);

/** The four statistics tables as one workbook, with Chinese headers (the shape of national bulletins). */
export async function statsWorkbook(
  title: string,
  data: {
    counties: Awaited<ReturnType<QuizService['countyTable']>>;
    townships: Awaited<ReturnType<QuizService['townshipTable']>>;
    daily: Awaited<ReturnType<QuizService['daily']>>;
    hardest: Awaited<ReturnType<QuizService['hardestQuestions']>>;
    items: Awaited<ReturnType<QuizService['itemAccuracy']>>;
    dimensions: Awaited<ReturnType<QuizService['dimensionAccuracy']>>;
    range: { from: string; to: string; rows: Awaited<ReturnType<QuizService['countyRange']>> } | null;
    participants?: Awaited<ReturnType<typeof participantRows>>;
  },
): Promise<Uint8Array> {
  const book = await newWorkbook();
  const sheet = (name: string, columns: SheetColumn[], rows: Record<string, unknown>[]) => addTableSheet(book, name, columns, rows);
  sheet(
    '县区统计',
    [
      { header: '排名', key: 'rank', width: 6 },
      { header: '县区', key: 'name', width: 16 },
      { header: '区划代码', key: 'code', width: 10 },
      { header: '参与人数', key: 'participants', width: 10 },
      { header: '完成答题人数', key: 'submitters', width: 12 },
      { header: '目标人数', key: 'target', width: 10 },
      { header: '参与率(%)', key: 'rate', width: 10 },
      { header: '答题次数', key: 'attempts', width: 10 },
      { header: '平均分', key: 'averageScore', width: 8 },
      { header: '及格率(%)', key: 'passRate', width: 10 },
      { header: '满分率(%)', key: 'fullMarksRate', width: 10 },
      { header: '正确率(%)', key: 'accuracy', width: 10 },
    ],
    data.counties.map((r) => ({ ...r, rate: pct(r.rate), averageScore: score(r.averageScore), passRate: pct(r.passRate), fullMarksRate: pct(r.fullMarksRate), accuracy: pct(r.accuracy) })),
  );
  if (data.townships.length) {
    sheet(
      '乡镇（街道）统计',
      [
        { header: '县区', key: 'countyName', width: 12 },
        { header: '乡镇（街道）', key: 'name', width: 16 },
        { header: '区划代码', key: 'code', width: 12 },
        { header: '参与人数', key: 'participants', width: 10 },
        { header: '完成答题人数', key: 'submitters', width: 12 },
        { header: '答题次数', key: 'attempts', width: 10 },
        { header: '平均分', key: 'averageScore', width: 8 },
        { header: '及格率(%)', key: 'passRate', width: 10 },
      ],
      data.townships.map((r) => ({ ...r, averageScore: score(r.averageScore), passRate: pct(r.passRate) })),
    );
  }
  sheet(
    '每日参与',
    [
      { header: '日期', key: 'day', width: 12 },
      { header: '新增参与人数', key: 'newParticipants', width: 12 },
      { header: '当日活跃人数', key: 'activeParticipants', width: 12 },
      { header: '提交答卷数', key: 'attempts', width: 12 },
      { header: '平均分', key: 'average', width: 8 },
    ],
    data.daily.map((d) => ({ ...d, average: score(d.attempts ? d.scoreSum / d.attempts : null) })),
  );
  sheet(
    '易错题',
    [
      { header: '题目编号', key: 'questionId', width: 14 },
      { header: '题干', key: 'stem', width: 60 },
      { header: '作答次数', key: 'answered', width: 10 },
      { header: '答对次数', key: 'correct', width: 10 },
      { header: '正确率(%)', key: 'accuracy', width: 10 },
      { header: '健康素养条目', key: 'item', width: 12 },
    ],
    data.hardest.map((h) => ({ ...h, accuracy: pct(h.accuracy), item: `${h.edition}-${h.item}` })),
  );
  sheet(
    '知识点正确率',
    [
      { header: '版本', key: 'edition', width: 8 },
      { header: '条目', key: 'item', width: 8 },
      { header: '作答次数', key: 'answered', width: 10 },
      { header: '答对次数', key: 'correct', width: 10 },
      { header: '正确率(%)', key: 'accuracy', width: 10 },
    ],
    data.items.map((i) => ({ ...i, accuracy: pct(i.accuracy) })),
  );
  const dimensionNames = { knowledge: '基本健康知识和理念', lifestyle: '健康生活方式与行为', skills: '健康基本技能' } as const;
  sheet(
    '素养维度正确率',
    [
      { header: '维度', key: 'name', width: 22 },
      { header: '作答次数', key: 'answered', width: 10 },
      { header: '答对次数', key: 'correct', width: 10 },
      { header: '正确率(%)', key: 'accuracy', width: 10 },
    ],
    data.dimensions.map((d) => ({ ...d, name: dimensionNames[d.dimension], accuracy: pct(d.accuracy) })),
  );
  if (data.participants) {
    const { fields, hasTownships, rows } = data.participants;
    sheet(
      '参与者名单',
      [
        { header: '序号', key: 'no', width: 6 },
        { header: '县区', key: 'countyName', width: 12 },
        ...(hasTownships ? [{ header: '乡镇（街道）', key: 'townshipName', width: 14 }] : []),
        ...(fields.name ? [{ header: '姓名', key: 'name', width: 10 }] : []),
        ...(fields.phone ? [{ header: '手机号码', key: 'phoneMasked', width: 14 }] : []),
        ...(fields.team ? [{ header: '家庭战队', key: 'teamName', width: 16 }] : []),
        { header: '答题次数', key: 'attempts', width: 10 },
        { header: '计分成绩', key: 'countedScore', width: 10 },
        { header: '最高分', key: 'bestScore', width: 8 },
        { header: '首次参与时间', key: 'joined', width: 18 },
      ],
      rows.map((r, i) => ({ ...r, no: i + 1, countedScore: score(r.countedScore), bestScore: score(r.bestScore), joined: chinaTime(r.createdAt), name: r.name ?? '', phoneMasked: r.phoneMasked ?? '', teamName: r.teamName ?? '' })),
    );
  }
  if (data.range) {
    sheet(
      `县区统计(${data.range.from || '开始'}至${data.range.to || '今'})`.slice(0, 31),
      [
        { header: '县区', key: 'name', width: 16 },
        { header: '区划代码', key: 'code', width: 10 },
        { header: '新增参与人数', key: 'newParticipants', width: 12 },
        { header: '活跃人次', key: 'activeDays', width: 10 },
        { header: '提交答卷数', key: 'attempts', width: 10 },
        { header: '答卷平均分', key: 'averageScore', width: 10 },
      ],
      data.range.rows.map((r) => ({ ...r, averageScore: score(r.averageScore) })),
    );
  }
  book.title = title;
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/**
 * The region a drill-down or briefing of a campaign is for: the one asked for, else the campaign's, or the
 * organizer's own when it lies below the campaign's. A Response when the campaign is unknown or the region is not
 * the caller's (or not within the campaign's).
 */
export async function campaignRegionFor(c: Context<AppEnv>, quiz: Pick<QuizService, 'campaign'>, id: string, asked: string | undefined): Promise<string | ReturnType<typeof errorResponse>> {
  const loaded = await quiz.campaign(id);
  if (!loaded) return errorResponse(c, 404, 'quiz/campaign-not-found');
  const user = c.get('user');
  const region = asked ?? (inScope(user, loaded.settings.regionCode) ? loaded.settings.regionCode : scopeOf(user)!);
  if (!inScope(user, region) || !isWithinRegion(region, loaded.settings.regionCode)) return outOfScope(c);
  return region;
}
