import { randomBytes } from 'node:crypto';
import { and, desc, eq, gte, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import { errorMessage, type Locale } from '../../shared/i18n/messages.js';
import { ancestorCodes, isWithinRegion, regionLevelOf, regionPrefix } from '../../shared/region/region.js';
import { GUIDE_ROLES, type GuideRole } from '../../shared/region/tallies.js';
import { loadSheet } from '../sheets/sheet.js';
import type { Db } from '../db/client.js';
import { campaignGuideStats, campaigns, guides, participants, regions } from '../db/schema.js';

/** How the spreadsheet may name a role. */
const ROLE_NAMES: Record<string, GuideRole> = {
  家庭医生: 'family-doctor',
  家医: 'family-doctor',
  乡村医生: 'village-doctor',
  村医: 'village-doctor',
  村医生: 'village-doctor',
  项目管理员: 'manager',
  管理员: 'manager',
  项目经理: 'manager',
  健康指导员: 'other',
  其他: 'other',
};

const HEADERS = {
  name: ['姓名', '指导员姓名', '名字'],
  phone: ['手机号', '手机', '手机号码', '电话', '联系电话'],
  role: ['角色', '身份', '类别', '人员类别'],
  region: ['所在地区', '地区', '区划代码', '所属地区', '村（社区）', '乡镇（街道）'],
  clinic: ['单位', '诊所', '卫生室', '所在单位', '单位/诊所'],
};

export interface GuideRow {
  name: string;
  phone: string;
  role: GuideRole;
  regionCode: string;
  clinic: string;
}

export interface GuideProblem {
  row: number | null;
  column: string | null;
  message: string;
}

/**
 * Reads guides from an .xlsx or .csv sheet (姓名, 手机号, 角色, 所在地区 by code or by a name unique within the
 * organizer's region, 单位/诊所) with the bank import's loader. All or nothing: every bad row comes back as a
 * problem with its row and column, in the caller's locale, and nothing is imported.
 */
export async function parseGuideSheet(
  db: Db,
  file: { name: string; data: Uint8Array },
  scope: string | null,
  locale: Locale,
): Promise<{ ok: true; guides: GuideRow[] } | { ok: false; problems: GuideProblem[] }> {
  const en = locale === 'en';
  const loaded = await loadSheet(file);
  if (!loaded.ok) return { ok: false, problems: [{ row: loaded.row ?? null, column: null, message: errorMessage(loaded.code, locale) }] };
  const header = loaded.sheet.header.map((h) => h.replace(/[\s*]/g, ''));
  const col = (names: string[]) => header.findIndex((h) => names.includes(h));
  const cols = { name: col(HEADERS.name), phone: col(HEADERS.phone), role: col(HEADERS.role), region: col(HEADERS.region), clinic: col(HEADERS.clinic) };
  const missing = (['name', 'phone', 'role', 'region'] as const).filter((k) => cols[k] < 0);
  if (missing.length) {
    return { ok: false, problems: missing.map((k) => ({ row: 1, column: null, message: en ? `Missing column: ${HEADERS[k][0]}` : `缺少“${HEADERS[k][0]}”列` })) };
  }
  const cell = (cells: string[], i: number) => (i >= 0 ? (cells[i] ?? '').trim() : '');
  const rawRegions = loaded.sheet.rows.map((r) => cell(r.cells, cols.region));
  // Codes are checked in one read; names are matched within the organizer's region (only when some row uses one).
  const codes = rawRegions.filter((v) => regionLevelOf(v));
  const known = new Map<string, string>();
  for (let i = 0; i < codes.length; i += 500) {
    for (const r of await db.select({ code: regions.code, level: regions.level }).from(regions).where(inArray(regions.code, codes.slice(i, i + 500)))) known.set(r.code, r.level);
  }
  const byName = new Map<string, string[]>();
  if (rawRegions.some((v) => v && !regionLevelOf(v))) {
    const prefix = scope ? regionPrefix(scope) : '';
    const rows = await db
      .select({ code: regions.code, name: regions.name })
      .from(regions)
      .where(prefix ? and(gte(regions.code, prefix), lt(regions.code, `${prefix}:`)) : undefined);
    for (const r of rows) byName.set(r.name, [...(byName.get(r.name) ?? []), r.code]);
  }
  const problems: GuideProblem[] = [];
  const out: GuideRow[] = [];
  const phones = new Set<string>();
  for (const [k, { row, cells }] of loaded.sheet.rows.entries()) {
    const problem = (key: keyof typeof cols, zh: string, english: string) => problems.push({ row, column: header[cols[key]] ?? HEADERS[key][0]!, message: en ? english : zh });
    const name = cell(cells, cols.name);
    const phone = cell(cells, cols.phone).replace(/[\s-]/g, '');
    const roleRaw = cell(cells, cols.role);
    const regionRaw = rawRegions[k]!;
    const clinic = cell(cells, cols.clinic);
    if (!name || name.length > 20) problem('name', '姓名应为 1–20 个字', 'A name has 1–20 characters');
    if (!/^1[3-9]\d{9}$/.test(phone)) problem('phone', `手机号“${phone}”不是 11 位手机号码`, `"${phone}" is not an 11-digit mobile number`);
    else if (phones.has(phone)) problem('phone', `手机号 ${phone} 在文件中重复`, `Phone ${phone} appears twice in the file`);
    phones.add(phone);
    const role: GuideRole | undefined = ROLE_NAMES[roleRaw] ?? GUIDE_ROLES.find((r) => r === roleRaw);
    if (!role) problem('role', `角色“${roleRaw}”应为家庭医生、乡村医生、项目管理员或其他`, `Role "${roleRaw}" must be 家庭医生, 乡村医生, 项目管理员 or 其他`);
    if (clinic.length > 50) problem('clinic', '单位名称不超过 50 个字', 'A clinic name has at most 50 characters');
    let regionCode: string | undefined;
    if (regionLevelOf(regionRaw)) {
      if (known.has(regionRaw)) regionCode = regionRaw;
      else problem('region', `没有这个区划代码：${regionRaw}`, `Unknown region code: ${regionRaw}`);
    } else if (!regionRaw) problem('region', '请填写所在地区（名称或区划代码）', 'Fill in the region (name or code)');
    else {
      const matches = byName.get(regionRaw) ?? [];
      if (matches.length === 1) regionCode = matches[0];
      else if (matches.length === 0) problem('region', `您负责的地区内没有“${regionRaw}”`, `No region named "${regionRaw}" within your region`);
      else problem('region', `“${regionRaw}”有 ${matches.length} 处同名，请填写区划代码`, `"${regionRaw}" names ${matches.length} regions; use its code`);
    }
    if (regionCode && scope && !isWithinRegion(regionCode, scope)) {
      problem('region', `${regionRaw} 不在您负责的地区内`, `${regionRaw} lies outside your region`);
      regionCode = undefined;
    }
    if (role && regionCode) out.push({ name, phone, role, regionCode, clinic });
  }
  if (loaded.sheet.rows.length === 0) problems.push({ row: null, column: null, message: en ? 'The file has no guide rows' : '文件中没有健康指导员数据' });
  return problems.length ? { ok: false, problems } : { ok: true, guides: out };
}

/** The county and township a region lies in (each null when the region is above that level). */
function countyAndTownship(code: string): { countyCode: string | null; townshipCode: string | null } {
  const chain = [...ancestorCodes(code), code];
  return { countyCode: chain.find((c) => regionLevelOf(c) === 'county') ?? null, townshipCode: chain.find((c) => regionLevelOf(c) === 'township') ?? null };
}

/**
 * Stores imported guides in one transaction: a phone already known updates that guide (name, role, region,
 * clinic; its id, links and token stay), a new phone adds one. Returns how many of each.
 */
export async function saveGuides(db: Db, rows: GuideRow[], userId: string, now: number): Promise<{ added: number; updated: number }> {
  const existing = new Set<string>();
  for (let i = 0; i < rows.length; i += 500) {
    for (const r of await db.select({ phone: guides.phone }).from(guides).where(inArray(guides.phone, rows.slice(i, i + 500).map((g) => g.phone)))) existing.add(r.phone);
  }
  const statements = rows.map((g) => {
    const place = countyAndTownship(g.regionCode);
    return db
      .insert(guides)
      .values({ id: randomBytes(8).toString('base64url'), token: randomBytes(18).toString('base64url'), ...g, ...place, createdBy: userId, createdAt: now })
      .onConflictDoUpdate({ target: guides.phone, set: { name: g.name, role: g.role, regionCode: g.regionCode, clinic: g.clinic, ...place } });
  });
  if (statements.length) await db.batch(statements as [(typeof statements)[0], ...(typeof statements)[0][]]);
  return { added: rows.length - existing.size, updated: existing.size };
}

/** Ranks `value` among `values` (1 = most), ties sharing the better rank. */
const rankOf = (value: number, values: number[]) => 1 + values.filter((v) => v > value).length;

/**
 * A guide's own page, per campaign of their region that is published: residents bound, attempts, average score,
 * rank by residents bound among the guides of the township and of the county, and the residents (masked). Read
 * from the pre-summed guide tallies and the participants index; nothing scans answers.
 */
export async function guidePage(db: Db, token: string, now: number) {
  const [guide] = await db.select().from(guides).where(eq(guides.token, token));
  if (!guide) return null;
  const open = (await db.select({ id: campaigns.id, title: campaigns.title, regionCode: campaigns.regionCode, endsAt: campaigns.endsAt, startsAt: campaigns.startsAt }).from(campaigns).where(eq(campaigns.status, 'published'))).filter(
    (c) => c.endsAt > now && (isWithinRegion(guide.regionCode, c.regionCode) || isWithinRegion(c.regionCode, guide.regionCode)),
  );
  const names = new Map((await db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, [...ancestorCodes(guide.regionCode), guide.regionCode]))).map((r) => [r.code, r.name]));
  const result = [];
  for (const c of open) {
    const [mine] = await db.select().from(campaignGuideStats).where(and(eq(campaignGuideStats.campaignId, c.id), eq(campaignGuideStats.guideId, guide.id)));
    const peers = async (column: typeof guides.countyCode | typeof guides.townshipCode, code: string | null) => {
      if (!code) return null;
      const rows = await db
        .select({ id: guides.id, participants: sql<number>`coalesce(${campaignGuideStats.participants}, 0)` })
        .from(guides)
        .leftJoin(campaignGuideStats, and(eq(campaignGuideStats.guideId, guides.id), eq(campaignGuideStats.campaignId, c.id)))
        .where(eq(column, code));
      return { rank: rankOf(mine?.participants ?? 0, rows.map((r) => r.participants)), of: rows.length };
    };
    const residents = await db
      .select({ name: participants.name, phoneMasked: participants.phoneMasked, attempts: participants.attempts, score: participants.countedScore, joinedAt: participants.createdAt })
      .from(participants)
      .where(and(eq(participants.campaignId, c.id), eq(participants.guideId, guide.id)))
      .orderBy(desc(participants.createdAt))
      .limit(200);
    result.push({
      id: c.id,
      title: c.title,
      residents: mine?.participants ?? 0,
      submitters: mine?.submitters ?? 0,
      attempts: mine?.attempts ?? 0,
      averageScore: mine?.submitters ? mine.countedScoreSum / mine.submitters : null,
      passRate: mine?.submitters ? mine.passed / mine.submitters : null,
      township: await peers(guides.townshipCode, guide.townshipCode),
      county: await peers(guides.countyCode, guide.countyCode),
      // Names are cut to their first character, phones were stored masked: the page may be shown to anyone.
      list: residents.map((r) => ({ name: r.name ? `${[...r.name][0]}${'*'.repeat(Math.max(1, [...r.name].length - 1))}` : null, phone: r.phoneMasked, attempts: r.attempts, score: r.score, joinedAt: r.joinedAt })),
    });
  }
  return {
    guide: { id: guide.id, name: guide.name, role: guide.role, clinic: guide.clinic, regionCode: guide.regionCode, path: [...ancestorCodes(guide.regionCode), guide.regionCode].flatMap((code) => (names.has(code) ? [names.get(code)!] : [])) },
    campaigns: result,
  };
}

/** The region a guide works in (what decides which organizers see them), if the guide exists. */
export async function guideRegion(db: Db, guideId: string): Promise<string | undefined> {
  return (await db.select({ region: guides.regionCode }).from(guides).where(eq(guides.id, guideId)))[0]?.region;
}

/** What a campaign link with a guide's code shows and presets (the guide's public face: name, clinic, region). */
export async function guideLink(db: Db, guideId: string) {
  const [g] = await db.select({ id: guides.id, name: guides.name, clinic: guides.clinic, role: guides.role, regionCode: guides.regionCode }).from(guides).where(eq(guides.id, guideId));
  if (!g) return null;
  const chain = [...ancestorCodes(g.regionCode), g.regionCode];
  const names = new Map((await db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, chain))).map((r) => [r.code, r.name]));
  return { ...g, path: chain.flatMap((code) => (names.has(code) ? [names.get(code)!] : [])) };
}

/** Guides within a region (an organizer's), with their region's name and the personal page link token, for the organizer's list. */
export async function listGuides(db: Db, within: string | null, limit = 1000) {
  const prefix = within ? regionPrefix(within) : null;
  return db
    .select({ guide: guides, regionName: sql<string>`coalesce(${regions.name}, ${guides.regionCode})` })
    .from(guides)
    .leftJoin(regions, eq(regions.code, guides.regionCode))
    .where(prefix ? and(gte(guides.regionCode, prefix), lt(guides.regionCode, `${prefix}:`)) : isNotNull(guides.id))
    .orderBy(guides.regionCode, guides.name)
    .limit(limit)
    .then((rows) => rows.map((r) => ({ ...r.guide, regionName: r.regionName })));
}
