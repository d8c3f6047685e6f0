import { and, asc, desc, eq, gte, lt, sql } from 'drizzle-orm';
import { childLevel, regionLevelOf, regionPrefix, type RegionLevel } from '../../shared/region/region.js';
import { addTally as add, byParticipation, share, tallyRates, ZERO_TALLY as ZERO } from '../../shared/quiz/statistics.js';
import type { CampaignDrill, GuideRankRow, Tally, TallyRow } from '../../shared/region/tallies.js';
import type { Db } from '../db/client.js';
import { campaignCountyStats, campaignGuideStats, campaignTownshipStats, campaignVillageStats, guides, regions } from '../db/schema.js';

/** [prefix, prefix + ':') is every code starting with the prefix (':' sorts right after '9'). */
const below = (column: Parameters<typeof gte>[0], code: string) => and(gte(column, regionPrefix(code)), lt(column, `${regionPrefix(code)}:`));

/** The code of the region at `level` that `code` lies in (codes nest: a county's city is its first four digits + 00). */
function ancestorAt(code: string, level: RegionLevel): string {
  switch (level) {
    case 'province':
      return `${code.slice(0, 2)}0000`;
    case 'city':
      return `${code.slice(0, 4)}00`;
    case 'county':
      return code.slice(0, 6);
    case 'township':
      return code.slice(0, 9);
    default:
      return code;
  }
}

/**
 * One level of a campaign's tallies below a region: a province's cities, a city's counties (both summed from the
 * per-county counters: a province has some hundred counties), a county's townships, a township's villages (their own
 * counters), every child listed even at zero, plus the region's own total. Nothing reads answers or participants.
 */
export async function drillDown(db: Db, campaignId: string, regionCode: string, targets: Record<string, number> = {}): Promise<Omit<CampaignDrill, 'guides'> | null> {
  const level = regionLevelOf(regionCode);
  const next = level ? childLevel(level) : null;
  if (!level || !next) return null;
  const [self] = await db.select({ name: regions.name }).from(regions).where(eq(regions.code, regionCode));
  if (!self) return null;
  const children = await db.select({ code: regions.code, name: regions.name }).from(regions).where(eq(regions.parentCode, regionCode)).orderBy(asc(regions.code));
  const sums = new Map<string, Tally>();
  let total: Tally = ZERO;
  const pick = (r: Tally): Tally => ({ participants: r.participants, submitters: r.submitters, attempts: r.attempts, countedScoreSum: r.countedScoreSum, passed: r.passed });
  if (level === 'province' || level === 'city') {
    const rows = await db.select().from(campaignCountyStats).where(and(eq(campaignCountyStats.campaignId, campaignId), below(campaignCountyStats.countyCode, regionCode)));
    for (const r of rows) {
      const child = ancestorAt(r.countyCode, next);
      sums.set(child, add(sums.get(child) ?? ZERO, pick(r)));
      total = add(total, pick(r));
    }
  } else {
    const table = level === 'county' ? campaignTownshipStats : campaignVillageStats;
    const column = level === 'county' ? campaignTownshipStats.townshipCode : campaignVillageStats.villageCode;
    const rows = await db.select().from(table).where(and(eq(table.campaignId, campaignId), below(column, regionCode)));
    for (const r of rows) {
      const code = 'townshipCode' in r ? r.townshipCode : r.villageCode;
      sums.set(code, add(sums.get(code) ?? ZERO, pick(r)));
    }
    // The region's own total comes from its own counters, not from its children: the two agreeing is what the
    // property test checks.
    if (level === 'county') {
      const [own] = await db.select().from(campaignCountyStats).where(and(eq(campaignCountyStats.campaignId, campaignId), eq(campaignCountyStats.countyCode, regionCode)));
      total = own ? pick(own) : ZERO;
    } else {
      const [own] = await db.select().from(campaignTownshipStats).where(and(eq(campaignTownshipStats.campaignId, campaignId), eq(campaignTownshipStats.townshipCode, regionCode)));
      total = own ? pick(own) : ZERO;
    }
  }
  const row = (code: string, name: string, t: Tally): TallyRow => {
    const target = targets[code] ?? null;
    const { averageScore, passRate, rate } = tallyRates(t, target);
    return { code, name, ...t, averageScore, passRate, target, rate };
  };
  const rows = children.map((c) => row(c.code, c.name, sums.get(c.code) ?? ZERO));
  rows.sort(byParticipation);
  return { region: regionCode, level, childLevel: next, total: row(regionCode, self.name, total), rows: rows.map((r, i) => ({ rank: i + 1, ...r })) };
}

/**
 * The guides of a region ranked by residents bound (then by id), from the per-guide counters. For a province or a
 * city (thousands of guides) the page is read first from the counters' ranking index, which stops after `limit`
 * guides of the region; guides without a counter row have bound nobody, so that page is the answer whenever its
 * last guide has bound someone. Otherwise, and for a county or below (tens of guides, found by their region
 * index), every guide of the region is read and sorted, the zeros in id order.
 */
export async function guideRanking(db: Db, campaignId: string, regionCode: string, limit = 100): Promise<GuideRankRow[]> {
  const fields = { id: guides.id, name: guides.name, role: guides.role, clinic: guides.clinic, regionCode: guides.regionCode };
  const ranked = (rows: Omit<GuideRankRow, 'rank' | 'averageScore'>[]) => rows.map((r, i) => ({ rank: i + 1, ...r, averageScore: share(r.countedScoreSum, r.submitters) }));
  const wide = regionLevelOf(regionCode) === 'province' || regionLevelOf(regionCode) === 'city';
  const page = !wide
    ? []
    : await db
    .select({ ...fields, participants: campaignGuideStats.participants, submitters: campaignGuideStats.submitters, countedScoreSum: campaignGuideStats.countedScoreSum })
    .from(campaignGuideStats)
    .innerJoin(guides, eq(guides.id, campaignGuideStats.guideId))
    .where(and(eq(campaignGuideStats.campaignId, campaignId), below(guides.regionCode, regionCode)))
    .orderBy(desc(campaignGuideStats.participants), asc(campaignGuideStats.guideId))
    .limit(limit);
  if (wide && page.length === limit && (page.at(-1)?.participants ?? 0) > 0) return ranked(page);
  const rows = await db
    .select({
      ...fields,
      participants: sql<number>`coalesce(${campaignGuideStats.participants}, 0)`,
      submitters: sql<number>`coalesce(${campaignGuideStats.submitters}, 0)`,
      countedScoreSum: sql<number>`coalesce(${campaignGuideStats.countedScoreSum}, 0)`,
    })
    .from(guides)
    .leftJoin(campaignGuideStats, and(eq(campaignGuideStats.guideId, guides.id), eq(campaignGuideStats.campaignId, campaignId)))
    .where(below(guides.regionCode, regionCode))
    .orderBy(desc(sql`coalesce(${campaignGuideStats.participants}, 0)`), asc(guides.id))
    .limit(limit);
  return ranked(rows);
}
