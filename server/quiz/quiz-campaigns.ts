import { and, asc, eq, gte, inArray, lt } from 'drizzle-orm';
import { audiencePool, indexPool, type CampaignSettings, type DrawnQuestion, type PoolEntry, type PoolIndex } from '../../shared/quiz/campaign.js';
import type { ErrorCode } from '../../shared/i18n/messages.js';
import type { Question } from '../../shared/bank/question.js';
import { isWithinRegion, regionPrefix } from '../../shared/region/region.js';
import type { Database, Db } from '../db/client.js';
import { attempts, campaigns, guides, questionRevisions, questions, questionSetItems, regions } from '../db/schema.js';
import type { AnswerTally } from './quiz-counters.js';

/** How many villages' townships the start of a quiz keeps in memory (a few MB). */
const VILLAGES_KEPT = 50_000;

/** A domain rejection: an error code with message parameters and an HTTP status. */
export class QuizError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: 400 | 403 | 404 | 409 | 422 | 429 | 503,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
  }
}

/** A campaign as the hot paths use it: settings, its question pool and draw index, and the places it covers. */
export interface LoadedCampaign {
  id: string;
  status: 'draft' | 'published' | 'archived';
  settings: CampaignSettings;
  pool: PoolEntry[];
  index: PoolIndex;
  /** `${id}@${revision}` → question, for every revision an attempt of this campaign may show. */
  questions: Map<string, Question>;
  counties: Map<string, string>;
  /** County code → its townships (code → name), for counties whose townships are in the region tree. */
  townships: Map<string, Map<string, string>>;
  /** `${id}@${revision}` → the counter increments of one answer to it, wrong and right (filled as answers come in: see `answerTally`). */
  answerTallies: Map<string, AnswerTally>;
}

/**
 * The campaigns of the online quiz as the hot paths read them, loaded once and kept until an organizer's edit
 * (`invalidate`), and the places a participant may name (counties, townships, villages) and the guides whose code
 * may bind them. `QuizStatistics` and `QuizService` build on it.
 */
export class QuizCampaigns {
  #campaigns = new Map<string, Promise<LoadedCampaign | null>>();
  protected readonly db: Db;

  constructor(
    database: Database,
    protected readonly now: () => number,
  ) {
    this.db = database.db;
  }

  /** Tells the other processes of a deployment that a campaign changed (set by the server with Redis). */
  notify: (campaignId: string) => void = () => undefined;

  /** Forgets a campaign's cached settings and pool after an organizer edit, here and in every other process. */
  invalidate(campaignId: string, tellOthers = true) {
    this.#campaigns.delete(campaignId);
    if (tellOthers) this.notify(campaignId);
  }

  campaign(id: string): Promise<LoadedCampaign | null> {
    let loading = this.#campaigns.get(id);
    if (!loading) {
      loading = this.#load(id);
      this.#campaigns.set(id, loading);
      // Ids that name no campaign are anyone's to invent: they are not kept, so a stream of made-up ids costs
      // a cheap lookup each (under the per-address limits), never memory.
      loading.then((c) => c === null && this.#campaigns.get(id) === loading && this.#campaigns.delete(id)).catch(() => this.#campaigns.delete(id));
    }
    return loading;
  }

  /** How many campaigns are cached (for the bound's test). */
  get cachedCampaigns(): number {
    return this.#campaigns.size;
  }

  async #load(id: string): Promise<LoadedCampaign | null> {
    const [row] = await this.db.select().from(campaigns).where(eq(campaigns.id, id));
    if (!row) return null;
    const settings = row.settings as CampaignSettings;
    const source = settings.setId
      ? await this.db
          .select({ body: questions.body, revision: questions.revision, status: questions.status })
          .from(questionSetItems)
          .innerJoin(questions, eq(questions.id, questionSetItems.questionId))
          .where(eq(questionSetItems.setId, settings.setId))
      : await this.db.select({ body: questions.body, revision: questions.revision, status: questions.status }).from(questions);
    const active = source.filter((r) => r.status === 'active').map((r) => ({ question: r.body as Question, revision: r.revision }));
    // Grading still knows every active question: an attempt drawn before the organizer excluded adult
    // questions keeps the questions it was shown.
    const map = new Map(active.map((e) => [`${e.question.id}@${e.revision}`, e.question]));
    const pool = audiencePool(active, settings.excludeAdult ?? false);
    // Attempts already drawn may point at older revisions: load those too, so grading uses what was shown.
    const older = await this.db
      .select({ drawn: attempts.drawn })
      .from(attempts)
      .where(and(eq(attempts.campaignId, id), eq(attempts.status, 'open')));
    const missing = new Set<string>();
    for (const a of older) for (const d of a.drawn as DrawnQuestion[]) if (!map.has(`${d.id}@${d.revision}`)) missing.add(`${d.id}@${d.revision}`);
    for (const key of missing) {
      const [qid, rev] = key.split('@') as [string, string];
      const [r] = await this.db.select({ body: questionRevisions.body }).from(questionRevisions).where(and(eq(questionRevisions.questionId, qid), eq(questionRevisions.revision, Number(rev))));
      if (r) map.set(key, r.body as Question);
    }
    const counties = await this.countiesOf(settings.regionCode);
    return { id, status: row.status, settings, pool, index: indexPool(pool, settings.mix), questions: map, counties, townships: await this.#townshipsOf([...counties.keys()]), answerTallies: new Map() };
  }

  /** Every county-level region, code → name. */
  async allCounties(): Promise<Map<string, string>> {
    const rows = await this.db.select({ code: regions.code, name: regions.name }).from(regions).where(eq(regions.level, 'county'));
    return new Map(rows.map((r) => [r.code, r.name]));
  }

  /** The townships of the given counties, grouped by county; counties without any are left out. */
  async #townshipsOf(countyCodes: string[]): Promise<Map<string, Map<string, string>>> {
    const byCounty = new Map<string, Map<string, string>>();
    if (countyCodes.length === 0) return byCounty;
    const rows = await this.db
      .select({ code: regions.code, name: regions.name, parentCode: regions.parentCode })
      .from(regions)
      .where(and(inArray(regions.parentCode, countyCodes), eq(regions.level, 'township')))
      .orderBy(asc(regions.code));
    for (const r of rows) {
      const towns = byCounty.get(r.parentCode!) ?? new Map<string, string>();
      towns.set(r.code, r.name);
      byCounty.set(r.parentCode!, towns);
    }
    return byCounty;
  }

  /**
   * The counties a campaign covers: the region itself if it is a county, else every county below it (a
   * province's through its cities), found by the codes' nesting.
   */
  async countiesOf(regionCode: string): Promise<Map<string, string>> {
    const [self] = await this.db.select().from(regions).where(eq(regions.code, regionCode));
    if (!self) return new Map();
    if (self.level === 'county') return new Map([[self.code, self.name]]);
    if (self.level !== 'province' && self.level !== 'city') return new Map();
    const prefix = regionPrefix(regionCode);
    const below = await this.db
      .select()
      .from(regions)
      .where(and(gte(regions.code, prefix), lt(regions.code, `${prefix}:`), eq(regions.level, 'county')))
      .orderBy(asc(regions.code));
    return new Map(below.map((c) => [c.code, c.name]));
  }

  #guides = new Map<string, string | null>(); // guide id → its region (null: no such guide)

  /** Forgets what was read of guides, after an import added or moved some. */
  forgetGuides() {
    this.#guides.clear();
  }

  /** Whether a guide exists and works within (or over) a campaign's region; guides are read once, then remembered. */
  protected async guideFits(guideId: string, campaignRegion: string): Promise<boolean> {
    if (!/^[A-Za-z0-9_-]{6,32}$/.test(guideId)) return false;
    let region = this.#guides.get(guideId);
    if (region === undefined) {
      const [row] = await this.db.select({ region: guides.regionCode }).from(guides).where(eq(guides.id, guideId));
      region = row?.region ?? null;
      if (this.#guides.size > 100_000) this.#guides.clear();
      this.#guides.set(guideId, region);
    }
    return region !== null && (isWithinRegion(region, campaignRegion) || isWithinRegion(campaignRegion, region));
  }

  #villagesUnder = new Map<string, boolean>();
  /** Village → its township (null: no such village), for the villages participants named. */
  #villageParent = new Map<string, string | null>();

  /** Whether the region tree has villages under a township (remembered: the tree changes only at start-up). */
  protected async hasVillages(township: string): Promise<boolean> {
    let has = this.#villagesUnder.get(township);
    if (has === undefined) {
      has = (await this.db.select({ code: regions.code }).from(regions).where(eq(regions.parentCode, township)).limit(1)).length > 0;
      this.#villagesUnder.set(township, has);
    }
    return has;
  }

  /**
   * Villages are too many to load whole (some 700,000 in the country): each is read by primary key the first time a
   * participant names it, and its township kept, up to VILLAGES_KEPT of them (the oldest forgotten first).
   */
  protected async isVillageOf(village: string, township: string): Promise<boolean> {
    if (!village.startsWith(township)) return false;
    let parent = this.#villageParent.get(village);
    if (parent === undefined) {
      const [row] = await this.db.select({ parent: regions.parentCode }).from(regions).where(and(eq(regions.code, village), eq(regions.level, 'village')));
      parent = row?.parent ?? null;
      if (this.#villageParent.size >= VILLAGES_KEPT) this.#villageParent.delete(this.#villageParent.keys().next().value!);
      this.#villageParent.set(village, parent);
    }
    return parent === township;
  }
}
