import { chinaDay } from '../quiz/campaign.js';
import { addDays } from '../quiz/daily.js';
import type { RegionLevel } from './region.js';
import type { GuideRole, Tally, TallyRow } from './tallies.js';

/**
 * Briefings (周调度 weekly, 月通报 monthly): a campaign's standing in a region at the time it was made, what
 * changed since the previous briefing of the same kind, the ranking of the level below, who is behind, and the
 * literacy items answered worst. Pure: the caller gathers the tallies and passes the clock.
 */
export const BRIEFING_KINDS = ['weekly', 'monthly'] as const;
export type BriefingKind = (typeof BRIEFING_KINDS)[number];

/**
 * The period a briefing made at `at` covers, as days in China's time zone (start inclusive, end exclusive):
 * the week from Monday, or the calendar month, that `at` falls in.
 */
export function briefingPeriod(kind: BriefingKind, at: number): { start: string; end: string } {
  const day = chinaDay(at);
  if (kind === 'weekly') {
    const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
    const start = addDays(day, -weekday);
    return { start, end: addDays(start, 7) };
  }
  const [y, m] = day.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return { start: `${day.slice(0, 7)}-01`, end: next };
}

/** A kept briefing's line in the list (`GET /api/briefings`). */
export interface BriefingSummary {
  id: string;
  kind: BriefingKind;
  regionCode: string;
  periodStart: string;
  periodEnd: string;
  createdAt: number;
}

/** The last day of a period (its end is exclusive): what a reader sees as "to". */
export const periodLastDay = (end: string): string => addDays(end, -1);

export interface BriefingTotals {
  participants: number;
  submitters: number;
  attempts: number;
  averageScore: number | null;
  passRate: number | null;
}

export interface BriefingRow extends BriefingTotals {
  rank: number;
  code: string;
  name: string;
  target: number | null;
  rate: number | null;
  /** New participants since the previous briefing (null: no previous briefing). */
  change: number | null;
}

export interface BriefingGuide {
  id: string;
  name: string;
  role: GuideRole;
  clinic: string;
  participants: number;
  change: number | null;
}

export interface BriefingItem {
  edition: string;
  item: number;
  text: string;
  answered: number;
  accuracy: number;
}

export interface Briefing {
  campaignId: string;
  campaignTitle: string;
  kind: BriefingKind;
  periodStart: string;
  periodEnd: string;
  generatedAt: number;
  region: { code: string; name: string; level: RegionLevel };
  childLevel: RegionLevel;
  /** The briefing the changes are counted from: the latest earlier one of this kind for this region. */
  previous: { periodStart: string; generatedAt: number } | null;
  totals: BriefingTotals;
  change: { participants: number; submitters: number; attempts: number } | null;
  ranking: BriefingRow[];
  /** Regions below with a target they have not reached, furthest behind first. */
  belowTarget: BriefingRow[];
  /** Guides with no new resident since the previous briefing (with none bound at all, the first time). */
  guidesBehind: { total: number; rows: BriefingGuide[] };
  /** How many guides the region has. */
  guideCount: number;
  worstItems: BriefingItem[];
  /** Bound residents per guide id, for the next briefing's changes. */
  guideParticipants: Record<string, number>;
}

export interface BriefingInput {
  campaignId: string;
  campaignTitle: string;
  kind: BriefingKind;
  at: number;
  region: { code: string; name: string; level: RegionLevel };
  childLevel: RegionLevel;
  total: Tally;
  rows: TallyRow[];
  guides: { id: string; name: string; role: GuideRole; clinic: string; participants: number }[];
  items: { edition: string; item: number; text: string; answered: number; correct: number }[];
  previous: Briefing | null;
}

/** Guides listed as behind, and items listed as worst, at most. */
export const BRIEFING_GUIDES_LISTED = 50;
export const BRIEFING_ITEMS_LISTED = 5;
/** An item needs this many answers before its accuracy says anything. */
export const BRIEFING_ITEM_MIN_ANSWERS = 20;

function totalsOf(t: Tally): BriefingTotals {
  return {
    participants: t.participants,
    submitters: t.submitters,
    attempts: t.attempts,
    averageScore: t.submitters ? t.countedScoreSum / t.submitters : null,
    passRate: t.submitters ? t.passed / t.submitters : null,
  };
}

export function buildBriefing(input: BriefingInput): Briefing {
  const { previous } = input;
  const period = briefingPeriod(input.kind, input.at);
  const before = new Map(previous?.ranking.map((r) => [r.code, r.participants]) ?? []);
  const ranking = [...input.rows]
    .sort((a, b) => b.participants - a.participants || (b.averageScore ?? 0) - (a.averageScore ?? 0) || a.code.localeCompare(b.code))
    .map(
      (r, i): BriefingRow => ({
        rank: i + 1,
        code: r.code,
        name: r.name,
        ...totalsOf(r),
        target: r.target,
        rate: r.rate,
        change: previous ? r.participants - (before.get(r.code) ?? 0) : null,
      }),
    );
  const belowTarget = ranking.filter((r) => r.target !== null && r.rate !== null && r.rate < 1).sort((a, b) => a.rate! - b.rate! || a.code.localeCompare(b.code));

  const guideParticipants = Object.fromEntries(input.guides.map((g) => [g.id, g.participants]));
  const behind = input.guides
    .map((g): BriefingGuide => ({ ...g, change: previous ? g.participants - (previous.guideParticipants[g.id] ?? 0) : null }))
    .filter((g) => (g.change === null ? g.participants === 0 : g.change <= 0))
    .sort((a, b) => a.participants - b.participants || a.name.localeCompare(b.name, 'zh-CN') || a.id.localeCompare(b.id));

  const worstItems = input.items
    .filter((i) => i.answered >= BRIEFING_ITEM_MIN_ANSWERS)
    .map((i) => ({ edition: i.edition, item: i.item, text: i.text, answered: i.answered, accuracy: i.correct / i.answered }))
    .sort((a, b) => a.accuracy - b.accuracy || a.item - b.item)
    .slice(0, BRIEFING_ITEMS_LISTED);

  const totals = totalsOf(input.total);
  return {
    campaignId: input.campaignId,
    campaignTitle: input.campaignTitle,
    kind: input.kind,
    periodStart: period.start,
    periodEnd: period.end,
    generatedAt: input.at,
    region: input.region,
    childLevel: input.childLevel,
    previous: previous ? { periodStart: previous.periodStart, generatedAt: previous.generatedAt } : null,
    totals,
    change: previous
      ? { participants: totals.participants - previous.totals.participants, submitters: totals.submitters - previous.totals.submitters, attempts: totals.attempts - previous.totals.attempts }
      : null,
    ranking,
    belowTarget,
    guidesBehind: { total: behind.length, rows: behind.slice(0, BRIEFING_GUIDES_LISTED) },
    guideCount: input.guides.length,
    worstItems,
    guideParticipants,
  };
}
