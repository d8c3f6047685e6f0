import { and, desc, eq, lt } from 'drizzle-orm';
import literacy2024 from '../../questions/literacy-2024.json';
import { briefingPeriod, buildBriefing, type Briefing, type BriefingKind, type BriefingSummary } from '../../shared/region/briefing.js';
import type { Db } from '../db/client.js';
import { briefings } from '../db/schema.js';
import { randomId } from '../auth/hash.js';
import type { QuizService } from '../quiz/quiz.js';
import { drillDown, guideRanking } from './tallies.js';

const ITEM_TEXT = new Map(literacy2024.items.map((i) => [`2024:${i.item}`, i.text]));

/**
 * Makes the briefing of the period `at` falls in for a campaign and region, from the pre-summed tallies (no scan
 * of answers), counting changes from the latest briefing of an earlier period, and keeps it. The current period's
 * briefing is replaced when made again (the period is still running); an earlier period's is never touched.
 * Null when the region has no level below it (a village).
 */
export async function makeBriefing(
  db: Db,
  quiz: Pick<QuizService, 'itemAccuracy'> & { campaign(id: string): Promise<{ settings: { title: string; targets: Record<string, number> } } | null> },
  opts: { campaignId: string; regionCode: string; kind: BriefingKind; at: number; userId: string | null },
): Promise<{ id: string; briefing: Briefing } | null> {
  const loaded = await quiz.campaign(opts.campaignId);
  if (!loaded) return null;
  const drill = await drillDown(db, opts.campaignId, opts.regionCode, loaded.settings.targets);
  if (!drill) return null;
  const period = briefingPeriod(opts.kind, opts.at);
  const [previousRow] = await db
    .select()
    .from(briefings)
    .where(and(eq(briefings.campaignId, opts.campaignId), eq(briefings.regionCode, opts.regionCode), eq(briefings.kind, opts.kind), lt(briefings.periodStart, period.start)))
    .orderBy(desc(briefings.periodStart))
    .limit(1);
  const guides = await guideRanking(db, opts.campaignId, opts.regionCode, Number.MAX_SAFE_INTEGER);
  const items = (await quiz.itemAccuracy(opts.campaignId)).map((i) => ({ ...i, text: ITEM_TEXT.get(`${i.edition}:${i.item}`) ?? '' }));
  const briefing = buildBriefing({
    campaignId: opts.campaignId,
    campaignTitle: loaded.settings.title,
    kind: opts.kind,
    at: opts.at,
    region: { code: drill.region, name: drill.total.name, level: drill.level },
    childLevel: drill.childLevel,
    total: drill.total,
    rows: drill.rows,
    guides: guides.map((g) => ({ id: g.id, name: g.name, role: g.role, clinic: g.clinic, participants: g.participants })),
    items,
    previous: (previousRow?.data as Briefing | undefined) ?? null,
  });
  const id = randomId(9);
  const row = { id, campaignId: opts.campaignId, regionCode: opts.regionCode, kind: opts.kind, periodStart: period.start, periodEnd: period.end, data: briefing, createdBy: opts.userId, createdAt: opts.at };
  // One row per campaign, region, kind and period: made again in the same period, it takes the place of the earlier one.
  const [kept] = await db
    .insert(briefings)
    .values(row)
    .onConflictDoUpdate({ target: [briefings.campaignId, briefings.regionCode, briefings.kind, briefings.periodStart], set: { data: briefing, createdBy: opts.userId, createdAt: opts.at } })
    .returning({ id: briefings.id });
  return { id: kept!.id, briefing };
}

export async function listBriefings(db: Db, campaignId: string, regionCode: string): Promise<BriefingSummary[]> {
  return db
    .select({ id: briefings.id, kind: briefings.kind, regionCode: briefings.regionCode, periodStart: briefings.periodStart, periodEnd: briefings.periodEnd, createdAt: briefings.createdAt })
    .from(briefings)
    .where(and(eq(briefings.campaignId, campaignId), eq(briefings.regionCode, regionCode)))
    .orderBy(desc(briefings.periodStart), desc(briefings.createdAt));
}

export async function getBriefing(db: Db, id: string): Promise<{ regionCode: string; briefing: Briefing } | null> {
  const [row] = await db.select().from(briefings).where(eq(briefings.id, id));
  return row ? { regionCode: row.regionCode, briefing: row.data as Briefing } : null;
}
