import { and, eq, gte, lte, sql } from 'drizzle-orm';
import literacy2024 from '../../questions/literacy-2024.json';
import { addDays, chinaDay, dailyCard, type DailyCard, type DailyPushRow, type LiteracyItem } from '../../shared/quiz/daily.js';
import { listDailyPushes } from './daily-push.js';
import type { SessionUser } from '../auth/auth.js';
import type { Db } from '../db/client.js';
import { campaignDailyReads } from '../db/schema.js';
import { Counters } from '../db/writer.js';
import { QuizError, type QuizService } from './quiz.js';
import { inScope } from '../auth/scope.js';

const ITEMS = literacy2024.items as LiteracyItem[];

/** 每日一学 reads per campaign, China day and county ('' when the reader named none). */
export const dailyReads = new Counters('campaign_daily_reads', ['campaign_id', 'day', 'county_code'], ['reads']);

/**
 * Reads counted per address per campaign on one China day. A phone reports once a day by itself; this bounds
 * what a script can add. Generous, because a clinic's Wi-Fi or a carrier's address is shared by many phones.
 */
export const READS_PER_ADDRESS_PER_DAY = 50;

/** The per-address count of the current China day, held in memory (a new day starts afresh). */
export class ReadAllowance {
  #day = '';
  #counts = new Map<string, number>();

  constructor(private readonly perDay = READS_PER_ADDRESS_PER_DAY) {}

  /** Takes one read for `key` on `day`; false when the key has had its reads that day. */
  take(key: string, day: string): boolean {
    if (day !== this.#day || this.#counts.size > 500_000) {
      this.#day = day;
      this.#counts.clear();
    }
    const n = this.#counts.get(key) ?? 0;
    if (n >= this.perDay) return false;
    this.#counts.set(key, n + 1);
    return true;
  }

  /** Gives back a read that was not recorded after all. */
  giveBack(key: string, day: string) {
    const n = this.#counts.get(key);
    if (day === this.#day && n) this.#counts.set(key, n - 1);
  }
}

/** Reads per county of a campaign over a range of China days, as an organizer may see them. */
export interface DailyReadTable {
  from: string;
  to: string;
  counties: { code: string; name: string; reads: number }[];
  /** Reads of phones that named no county: shown to those who see the whole campaign's region, else null. */
  unknown: number | null;
  total: number;
}

/** Today's card of a published campaign (`quiz/campaign-not-found` for any other, `daily/no-item` without a usable item). */
export async function todaysCard(quiz: QuizService, campaignId: string, t: number): Promise<DailyCard> {
  const c = await quiz.campaign(campaignId);
  if (!c || c.status !== 'published') throw new QuizError('quiz/campaign-not-found', 404);
  const card = dailyCard(campaignId, chinaDay(t), ITEMS);
  if (!card) throw new QuizError('daily/no-item', 404);
  return card;
}

/** Minutes until the next China day begins (for a refusal's Retry-After). */
const minutesToNextDay = (now: number) => Math.max(1, Math.ceil((Date.parse(`${addDays(chinaDay(now), 1)}T00:00:00+08:00`) - now) / 60_000));

/**
 * 每日一学 for residents and organizers: the card of the day of a published campaign, the count of its reads
 * (an increment through the writer, grouped with everything else that commits; nothing read from the
 * database on the way), and the reads per county for the statistics page.
 */
export class DailyService {
  constructor(
    private readonly db: Db,
    private readonly quiz: QuizService,
    private readonly now: () => number,
    private readonly allowance = new ReadAllowance(),
  ) {}

  async #published(campaignId: string) {
    const c = await this.quiz.campaign(campaignId);
    if (!c || c.status !== 'published') throw new QuizError('quiz/campaign-not-found', 404);
    return c;
  }

  /** Today's card of a published campaign. */
  card(campaignId: string): Promise<DailyCard> {
    return todaysCard(this.quiz, campaignId, this.now());
  }

  /** Counts one read of today's card, for a county of the campaign or none (''). */
  async read(campaignId: string, countyCode: string, address: string): Promise<{ day: string }> {
    const c = await this.#published(campaignId);
    if (countyCode && !c.counties.has(countyCode)) throw new QuizError('quiz/bad-county', 400);
    const t = this.now();
    const day = chinaDay(t);
    const key = `${campaignId}|${address}`;
    if (!this.allowance.take(key, day)) throw new QuizError('daily/read-limit', 429, { minutes: minutesToNextDay(t) });
    try {
      await this.quiz.writer.write([], [dailyReads.add([campaignId, day, countyCode], [1])]);
    } catch (e) {
      this.allowance.giveBack(key, day);
      throw e;
    }
    return { day };
  }

  /** The latest pushes of a campaign's card, newest first. */
  async pushes(campaignId: string): Promise<DailyPushRow[]> {
    if (!(await this.quiz.campaign(campaignId))) throw new QuizError('quiz/campaign-not-found', 404);
    return listDailyPushes(this.db, campaignId);
  }

  /**
   * Reads per county between two China days (inclusive), every county of the campaign the user may see listed
   * even at zero, most read first; reads without a county only for a user whose region covers the campaign's.
   */
  async table(campaignId: string, from: string, to: string, user: SessionUser): Promise<DailyReadTable> {
    const c = await this.quiz.campaign(campaignId);
    if (!c) throw new QuizError('quiz/campaign-not-found', 404);
    const rows = await this.db
      .select({ countyCode: campaignDailyReads.countyCode, reads: sql<number>`sum(${campaignDailyReads.reads})` })
      .from(campaignDailyReads)
      .where(and(eq(campaignDailyReads.campaignId, campaignId), gte(campaignDailyReads.day, from), lte(campaignDailyReads.day, to)))
      .groupBy(campaignDailyReads.countyCode);
    const byCounty = new Map(rows.map((r) => [r.countyCode, Number(r.reads)]));
    const counties = [...c.counties]
      .filter(([code]) => inScope(user, code))
      .map(([code, name]) => ({ code, name, reads: byCounty.get(code) ?? 0 }))
      .sort((a, b) => b.reads - a.reads || a.code.localeCompare(b.code));
    const unknown = inScope(user, c.settings.regionCode) ? (byCounty.get('') ?? 0) : null;
    return { from, to, counties, unknown, total: counties.reduce((n, r) => n + r.reads, unknown ?? 0) };
  }
}
