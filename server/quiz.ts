import { createHmac } from 'node:crypto';
import { and, asc, desc, eq, gte, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import { isWithinRegion, regionLevelOf, regionPrefix } from '../shared/region.js';
import {
  chinaDay,
  drawQuestions,
  gradeAttempt,
  indexPool,
  audiencePool,
  revealOf,
  seededRandom,
  type CampaignSettings,
  type DrawnQuestion,
  type PoolEntry,
  type PoolIndex,
} from '../shared/campaign.js';
import type { ErrorCode } from '../shared/i18n.js';
import { answerIndexes, displayOptions, literacyDimension, type LiteracyEdition, type Question } from '../shared/question.js';
import { type Database, type Db, readSelect } from './db/client.js';
import { normalizeRecoveryCode, randomId, randomUint32, recoveryCode, sha256 } from './hash.js';
import {
  attempts,
  campaignCountyStats,
  campaignDailyStats,
  campaignItemStats,
  campaignQuestionStats,
  campaignTownshipStats,
  campaigns,
  guides,
  participants,
  questionRevisions,
  questions,
  questionSetItems,
  regions,
} from './db/schema.js';
import { Counters, GuardError, type Increment, type WriteStatement, type Writer } from './db/writer.js';

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

interface LoadedCampaign {
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
}

interface ParticipantState {
  id: string;
  campaignId: string;
  countyCode: string;
  townshipCode: string | null;
  villageCode: string | null;
  guideId: string | null;
  attempts: number;
  countedScore: number | null;
  bestScore: number | null;
  lastDay: string | null;
  /** Attempts started per China day, for the daily limit. */
  perDay: Map<string, number>;
  openAttemptId: string | null;
}

interface AttemptState {
  id: string;
  campaignId: string;
  participantId: string;
  countyCode: string;
  startedAt: number;
  deadline: number;
  drawn: DrawnQuestion[];
  status: 'open' | 'submitting' | 'submitted';
}

/** A question as a player sees it before submitting: no key, no explanation, options in shown order. */
export interface PlayerQuestion {
  type: Question['type'];
  stem: string;
  options: string[];
}

export interface StartInput {
  token?: string;
  countyCode: string;
  townshipCode?: string;
  /** The village (村、社区) within the township, optional; checked against the region tree when given. */
  villageCode?: string;
  /** The guide whose code brought the participant here (`?g=` of the link); binds a new participant only. */
  guideId?: string;
  name?: string;
  phone?: string;
  /** With the phone number, moves a participant of a phone campaign to this device (shown at their first start). */
  recoveryCode?: string;
  teamName?: string;
}

export interface AttemptView {
  attemptId: string;
  deadline: number;
  questions: PlayerQuestion[];
}

export interface ReviewItem {
  stem: string;
  options: string[];
  chosen: number[];
  correct: number[];
  isCorrect: boolean;
  explanation?: string;
}

export interface SubmitResult {
  score: number;
  correctCount: number;
  total: number;
  passed: boolean;
  countedScore: number;
  review: ReviewItem[] | null;
  /** Attempts the participant may still start today and in all (a result's "try again" depends on them). */
  attemptsLeft?: AttemptsLeft;
}

export interface AttemptsLeft {
  today: number;
  total: number;
}

/** Where a participant stands in a campaign: attempts used and left, their county's rank, their rank in it. */
export interface Standing {
  /** Started so far (in all and today), the campaign's limits, and what is left of them. */
  attempts: { used: number; usedToday: number; perDay: number; total: number; left: AttemptsLeft };
  countedScore: number | null;
  /** The county's place on the campaign's board (by participants, as the big screen ranks them). */
  county: { code: string; name: string; rank: number; of: number };
  /** 1 + the county's participants with a higher counted score (ties share a rank); null before a first result. */
  rankInCounty: number | null;
  /** Participants of the county with a counted score. */
  rankedInCounty: number;
}

/** The pre-summed statistics, by the event that moves them. */
export const stats = {
  countyJoined: new Counters('campaign_county_stats', ['campaign_id', 'county_code'], ['participants']),
  townshipJoined: new Counters('campaign_township_stats', ['campaign_id', 'township_code'], ['participants']),
  dayJoined: new Counters('campaign_daily_stats', ['campaign_id', 'day', 'county_code'], ['new_participants', 'active_participants']),
  dayActive: new Counters('campaign_daily_stats', ['campaign_id', 'day', 'county_code'], ['active_participants']),
  countySubmitted: new Counters('campaign_county_stats', ['campaign_id', 'county_code'], ['attempts', 'submitters', 'counted_score_sum', 'passed', 'full_marks', 'answers', 'correct']),
  townshipSubmitted: new Counters('campaign_township_stats', ['campaign_id', 'township_code'], ['attempts', 'submitters', 'counted_score_sum', 'passed']),
  daySubmitted: new Counters('campaign_daily_stats', ['campaign_id', 'day', 'county_code'], ['attempts', 'score_sum']),
  question: new Counters('campaign_question_stats', ['campaign_id', 'question_id'], ['answered', 'correct']),
  item: new Counters('campaign_item_stats', ['campaign_id', 'edition', 'item'], ['answered', 'correct']),
  villageJoined: new Counters('campaign_village_stats', ['campaign_id', 'village_code'], ['participants']),
  villageSubmitted: new Counters('campaign_village_stats', ['campaign_id', 'village_code'], ['attempts', 'submitters', 'counted_score_sum', 'passed']),
  guideJoined: new Counters('campaign_guide_stats', ['campaign_id', 'guide_id'], ['participants']),
  guideSubmitted: new Counters('campaign_guide_stats', ['campaign_id', 'guide_id'], ['attempts', 'submitters', 'counted_score_sum', 'passed']),
};

/** Submissions accepted this long after the deadline, for the network's sake. */
export const DEADLINE_GRACE_MS = 3000;

const token = () => randomId(24);

/** A campaign's per-day counter rows, optionally within a range of China days (inclusive). */
const dailyRows = (campaignId: string, from?: string, to?: string, within?: string | null) =>
  and(
    eq(campaignDailyStats.campaignId, campaignId),
    from ? sql`${campaignDailyStats.day} >= ${from}` : undefined,
    to ? sql`${campaignDailyStats.day} <= ${to}` : undefined,
    // Only the counties below a region (an organizer's), by the codes' nesting.
    within ? and(gte(campaignDailyStats.countyCode, regionPrefix(within)), lt(campaignDailyStats.countyCode, `${regionPrefix(within)}:`)) : undefined,
  );

/** 13812345678 → 138****5678 */
export const maskPhone = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`;

/**
 * The two leaderboard reads, prepared once (`readSelect`): a board refresh then costs the query alone, not
 * its preparation and the mapping of its rows.
 */
function leaderboardQueries(database: Database) {
  const { db } = database;
  const county = campaignCountyStats;
  return {
    countyStats: readSelect(
      database,
      {
        countyCode: county.countyCode,
        participants: county.participants,
        submitters: county.submitters,
        attempts: county.attempts,
        countedScoreSum: county.countedScoreSum,
        passed: county.passed,
        fullMarks: county.fullMarks,
        answers: county.answers,
        correct: county.correct,
      },
      (fields) => db.select(fields).from(county).where(eq(county.campaignId, sql.placeholder('campaignId'))),
    ),
    countyTop: readSelect(database, { name: participants.name, teamName: participants.teamName, phoneMasked: participants.phoneMasked, score: participants.countedScore }, (fields) =>
      db
        .select(fields)
        .from(participants)
        .where(and(eq(participants.campaignId, sql.placeholder('campaignId')), eq(participants.countyCode, sql.placeholder('countyCode')), isNotNull(participants.countedScore)))
        .orderBy(desc(participants.countedScore))
        .limit(sql.placeholder('limit')),
    ),
  };
}

/**
 * Online quiz campaigns: draws, deadlines, limits, grading and the pre-summed statistics.
 * Hot paths (start, submit) read only memory; every change goes through the single writer and is
 * acknowledged after its commit.
 */
export class QuizService {
  #campaigns = new Map<string, Promise<LoadedCampaign | null>>();
  #participants = new Map<string, ParticipantState>(); // by device token (the database keeps only its hash)
  #tokenOf = new Map<string, string>(); // participant id → the device token it was last cached under
  #attempts = new Map<string, AttemptState>();
  /** Campaigns with statistics changed since the last board broadcast. */
  readonly dirty = new Set<string>();

  readonly #boards: ReturnType<typeof leaderboardQueries>;
  /** An attempt's status as the database has it (a prepared read): checked before memory resumes an attempt. */
  readonly #attemptStatus: (attemptId: string) => Promise<[string][]>;

  private readonly db: Db;

  constructor(
    database: Database,
    /** The single writer; other counters of a campaign (每日一学 reads) go through it too. */
    readonly writer: Writer,
    private readonly now: () => number,
    private readonly phoneKey: string,
  ) {
    this.db = database.db;
    this.#boards = leaderboardQueries(database);
    this.#attemptStatus = database.read<[string]>('SELECT status FROM attempts WHERE id = ?');
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
    return { id, status: row.status, settings, pool, index: indexPool(pool, settings.mix), questions: map, counties, townships: await this.#townshipsOf([...counties.keys()]) };
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
  async #guideFits(guideId: string, campaignRegion: string): Promise<boolean> {
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
  async #hasVillages(township: string): Promise<boolean> {
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
  async #isVillageOf(village: string, township: string): Promise<boolean> {
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

  #checkOpen(c: LoadedCampaign | null): LoadedCampaign {
    if (!c || c.status === 'draft') throw new QuizError('quiz/campaign-not-found', 404);
    const t = this.now();
    if (c.status === 'archived' || t >= c.settings.endsAt) throw new QuizError('quiz/ended', 409);
    if (t < c.settings.startsAt) throw new QuizError('quiz/not-started', 409, { at: new Date(c.settings.startsAt).toISOString() });
    return c;
  }

  async #participantByToken(campaignId: string, tokenValue: string): Promise<ParticipantState | null> {
    const cached = this.#participants.get(tokenValue);
    if (cached) return cached.campaignId === campaignId ? cached : null;
    const [row] = await this.db.select().from(participants).where(and(eq(participants.tokenHash, sha256(tokenValue)), eq(participants.campaignId, campaignId)));
    if (!row) return null;
    return this.#remember(tokenValue, row);
  }

  async #remember(tokenValue: string, row: typeof participants.$inferSelect): Promise<ParticipantState> {
    const started = await this.db
      .select({ id: attempts.id, day: attempts.day, status: attempts.status, deadline: attempts.deadline, startedAt: attempts.startedAt, drawn: attempts.drawn, countyCode: attempts.countyCode })
      .from(attempts)
      .where(eq(attempts.participantId, row.id));
    const perDay = new Map<string, number>();
    let open: (typeof started)[number] | undefined;
    for (const a of started) {
      perDay.set(a.day, (perDay.get(a.day) ?? 0) + 1);
      if (a.status === 'open' && a.deadline + DEADLINE_GRACE_MS > this.now()) open = a;
    }
    const state: ParticipantState = {
      id: row.id,
      campaignId: row.campaignId,
      countyCode: row.countyCode,
      townshipCode: row.townshipCode,
      villageCode: row.villageCode,
      guideId: row.guideId,
      attempts: row.attempts,
      countedScore: row.countedScore,
      bestScore: row.bestScore,
      lastDay: row.lastDay,
      perDay,
      openAttemptId: open?.id ?? null,
    };
    if (open && !this.#attempts.has(open.id)) {
      this.#attempts.set(open.id, { id: open.id, campaignId: row.campaignId, participantId: row.id, countyCode: open.countyCode, startedAt: open.startedAt, deadline: open.deadline, drawn: open.drawn as DrawnQuestion[], status: 'open' });
    }
    this.#cache(tokenValue, state);
    return state;
  }

  #cache(tokenValue: string, state: ParticipantState) {
    this.#participants.set(tokenValue, state);
    this.#tokenOf.set(state.id, tokenValue);
  }

  #playerQuestions(c: LoadedCampaign, drawn: DrawnQuestion[]): PlayerQuestion[] {
    return drawn.map((d) => {
      const q = c.questions.get(`${d.id}@${d.revision}`)!;
      const options = displayOptions(q);
      return { type: q.type, stem: q.stem, options: d.order.length ? d.order.map((i) => options[i]!) : options };
    });
  }

  /**
   * Starts (or resumes) an attempt. A device token identifies the participant; a phone number, when
   * the campaign collects it, identifies them across devices. Limits count attempts started, so
   * abandoning an attempt to see new questions does not give extra tries.
   */
  async start(campaignId: string, input: StartInput, admitNew: () => boolean = () => true): Promise<AttemptView & { token: string; recoveryCode?: string }> {
    try {
      return await this.#start(campaignId, input, admitNew);
    } catch (e) {
      if (!(e instanceof GuardError)) throw e;
      // Another process started an attempt for this participant meanwhile: read them afresh and decide
      // again (resume that attempt, or refuse with the limit that now applies).
      if (input.token) this.#participants.delete(input.token);
      return this.#start(campaignId, input, admitNew);
    }
  }

  async #start(campaignId: string, input: StartInput, admitNew: () => boolean): Promise<AttemptView & { token: string; recoveryCode?: string }> {
    const c = this.#checkOpen(await this.campaign(campaignId));
    const s = c.settings;
    if (!c.counties.has(input.countyCode)) throw new QuizError('quiz/bad-county', 400);
    // Where the region tree has the county's townships, the participant names theirs too.
    const towns = c.townships.get(input.countyCode);
    if (towns && !input.townshipCode) throw new QuizError('quiz/township-required', 400);
    if (input.townshipCode && !towns?.has(input.townshipCode)) throw new QuizError('quiz/bad-township', 400);
    if (input.villageCode && !(input.townshipCode && (await this.#isVillageOf(input.villageCode, input.townshipCode)))) throw new QuizError('quiz/bad-village', 400);
    const t = this.now();
    const day = chinaDay(t);

    let tokenValue = input.token;
    let p = tokenValue ? await this.#participantByToken(campaignId, tokenValue) : null;
    let phoneHash: string | null = null;
    if (s.fields.phone) {
      if (!input.phone || !/^1[3-9]\d{9}$/.test(input.phone)) throw new QuizError('quiz/bad-phone', 400);
      phoneHash = createHmac('sha256', this.phoneKey).update(`${campaignId}:${input.phone}`).digest('hex');
      if (!p) {
        // Only the phone number and the recovery code shown at its first start move a participant to this
        // device: anyone may know a phone number. Without a code the start is a new participant's, so the
        // answer is the same whether or not the number took part before.
        const code = input.recoveryCode ? normalizeRecoveryCode(input.recoveryCode) : '';
        const [row] = code
          ? await this.db
              .select()
              .from(participants)
              .where(and(eq(participants.campaignId, campaignId), eq(participants.phoneHash, phoneHash), eq(participants.recoveryHash, sha256(`${phoneHash}:${code}`))))
          : [];
        if (code && !row) throw new QuizError('quiz/bad-recovery-code', 400);
        if (row) {
          // Same phone on a new device: move the participant to this device's new token.
          tokenValue = token();
          const hash = sha256(tokenValue);
          await this.writer.write([{ sql: 'UPDATE participants SET token_hash = ? WHERE id = ?', args: [hash, row.id] }]);
          // The old device's token no longer stands for the participant.
          const old = this.#tokenOf.get(row.id);
          if (old !== undefined && this.#participants.get(old)?.id === row.id) this.#participants.delete(old);
          p = await this.#remember(tokenValue, { ...row, tokenHash: hash });
        }
      }
    }
    if (s.fields.name && !input.name?.trim()) throw new QuizError('quiz/name-required', 400);
    if (s.fields.team && !input.teamName?.trim()) throw new QuizError('quiz/team-required', 400);

    if (p?.openAttemptId) {
      const open = this.#attempts.get(p.openAttemptId);
      if (open && open.status === 'open' && open.deadline + DEADLINE_GRACE_MS > t) {
        // Another process sharing the database may have taken its submission: memory must not outlive
        // the database's truth. If it is no longer open, forget both and decide again from the rows (start()).
        const [row] = await this.#attemptStatus(open.id);
        if (row?.[0] === 'open') return { token: tokenValue!, attemptId: open.id, deadline: open.deadline, questions: this.#playerQuestions(c, open.drawn) };
        this.#attempts.delete(open.id);
        throw new GuardError('attempts.status: no longer open', 0);
      }
    }
    // All attempts used is the more useful thing to hear than "come back tomorrow".
    if (p && p.attempts >= s.attemptsTotal) throw new QuizError('quiz/limit-total', 409, { n: s.attemptsTotal });
    if (p && (p.perDay.get(day) ?? 0) >= s.attemptsPerDay) throw new QuizError('quiz/limit-day', 409, { n: s.attemptsPerDay });

    // New participants are limited per address and device: throwaway entries are how answer keys get collected.
    if (!p && !admitNew()) throw new QuizError('quiz/too-many-new', 429);
    const draw = drawQuestions(c.index, s.mix, seededRandom(randomUint32()));
    if (!draw.ok) throw new QuizError('quiz/pool-too-small', 503, { slice: draw.slice + 1, available: draw.available });
    const attemptId = randomId(16);
    const deadline = t + s.timeLimitSec * 1000;
    const statements: WriteStatement[] = [];
    const increments: Increment[] = [];
    const county = p?.countyCode ?? input.countyCode;
    const township = p ? p.townshipCode : (input.townshipCode ?? null);
    let created: ParticipantState | null = null;
    let recovery: string | undefined;
    if (!p) {
      // Where the tree has the township's villages, a new participant names theirs too (as with townships).
      if (!input.villageCode && township && (await this.#hasVillages(township))) throw new QuizError('quiz/village-required', 400);
      tokenValue = token();
      const id = randomId(12);
      // First touch: a guide's code binds a new participant, when the guide works within the campaign's region.
      // An unknown or foreign code binds nobody rather than turning a resident away.
      const guideId = input.guideId && (await this.#guideFits(input.guideId, s.regionCode)) ? input.guideId : null;
      recovery = phoneHash ? recoveryCode() : undefined;
      statements.push({
        sql: 'INSERT INTO participants (id, campaign_id, token_hash, county_code, township_code, village_code, guide_id, name, phone_hash, phone_masked, recovery_hash, team_name, attempts, last_day, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)',
        args: [id, campaignId, sha256(tokenValue), county, township, township ? (input.villageCode ?? null) : null, guideId, s.fields.name ? input.name!.trim().slice(0, 50) : null, phoneHash, phoneHash ? maskPhone(input.phone!) : null, recovery ? sha256(`${phoneHash}:${normalizeRecoveryCode(recovery)}`) : null, s.fields.team ? input.teamName!.trim().slice(0, 50) : null, day, t],
      });
      increments.push(stats.countyJoined.add([campaignId, county], [1]));
      if (township) increments.push(stats.townshipJoined.add([campaignId, township], [1]));
      increments.push(stats.dayJoined.add([campaignId, day, county], [1, 1]));
      if (guideId) increments.push(stats.guideJoined.add([campaignId, guideId], [1]));
      const village = township ? (input.villageCode ?? null) : null;
      if (village) increments.push(stats.villageJoined.add([campaignId, village], [1]));
      created = { id, campaignId, countyCode: county, townshipCode: township, villageCode: village, guideId, attempts: 1, countedScore: null, bestScore: null, lastDay: day, perDay: new Map([[day, 1]]), openAttemptId: attemptId };
    } else {
      // The limits once more, by the database: they hold even if another process served this participant.
      statements.push({
        sql: 'UPDATE participants SET attempts = attempts + 1, last_day = ? WHERE id = ? AND attempts < ? AND (SELECT count(*) FROM attempts WHERE participant_id = ? AND day = ?) < ?',
        args: [day, p.id, s.attemptsTotal, p.id, day, s.attemptsPerDay],
        guard: true,
      });
      if (p.lastDay !== day) increments.push(stats.dayActive.add([campaignId, day, county], [1]));
    }
    const participantId = created?.id ?? p!.id;
    statements.push({
      sql: "INSERT INTO attempts (id, campaign_id, participant_id, county_code, day, started_at, deadline, drawn, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open')",
      args: [attemptId, campaignId, participantId, county, day, t, deadline, JSON.stringify(draw.drawn)],
    });
    // Reserve the attempt in memory before the commit so a double tap cannot start two.
    if (p) {
      p.attempts++;
      p.perDay.set(day, (p.perDay.get(day) ?? 0) + 1);
      p.lastDay = day;
      p.openAttemptId = attemptId;
    }
    this.#attempts.set(attemptId, { id: attemptId, campaignId, participantId, countyCode: county, startedAt: t, deadline, drawn: draw.drawn, status: 'open' });
    try {
      await this.writer.write(statements, increments);
    } catch (e) {
      this.#attempts.delete(attemptId);
      if (p) {
        p.attempts--;
        p.perDay.set(day, (p.perDay.get(day) ?? 1) - 1);
        p.openAttemptId = null;
      }
      throw e;
    }
    if (created) this.#cache(tokenValue!, created);
    return { token: tokenValue!, attemptId, deadline, questions: this.#playerQuestions(c, draw.drawn), ...(recovery ? { recoveryCode: recovery } : {}) };
  }

  async #attemptFor(campaignId: string, attemptId: string, tokenValue: string): Promise<{ p: ParticipantState; a: AttemptState } | { p: ParticipantState; submitted: typeof attempts.$inferSelect }> {
    const p = await this.#participantByToken(campaignId, tokenValue);
    if (!p) throw new QuizError('quiz/attempt-not-found', 404);
    const a = this.#attempts.get(attemptId);
    if (a) {
      if (a.participantId !== p.id || a.campaignId !== campaignId) throw new QuizError('quiz/attempt-not-found', 404);
      return { p, a };
    }
    const [row] = await this.db.select().from(attempts).where(and(eq(attempts.id, attemptId), eq(attempts.participantId, p.id)));
    if (!row) throw new QuizError('quiz/attempt-not-found', 404);
    if (row.status === 'open') {
      const state: AttemptState = { id: row.id, campaignId, participantId: p.id, countyCode: row.countyCode, startedAt: row.startedAt, deadline: row.deadline, drawn: row.drawn as DrawnQuestion[], status: 'open' };
      this.#attempts.set(row.id, state);
      return { p, a: state };
    }
    return { p, submitted: row };
  }

  /** Resumes an attempt after a reload: its questions and deadline, or its result once submitted. */
  async resume(campaignId: string, attemptId: string, tokenValue: string): Promise<{ state: 'open'; attempt: AttemptView } | { state: 'submitted'; result: SubmitResult }> {
    const c = await this.campaign(campaignId);
    if (!c) throw new QuizError('quiz/campaign-not-found', 404);
    const found = await this.#attemptFor(campaignId, attemptId, tokenValue);
    if ('a' in found && found.a.status !== 'submitted') {
      if (found.a.deadline + DEADLINE_GRACE_MS <= this.now()) throw new QuizError('quiz/deadline-passed', 409);
      return { state: 'open', attempt: { attemptId, deadline: found.a.deadline, questions: this.#playerQuestions(c, found.a.drawn) } };
    }
    const row = 'submitted' in found ? found.submitted : (await this.db.select().from(attempts).where(eq(attempts.id, attemptId)))[0]!;
    const drawn = row.drawn as DrawnQuestion[];
    const chosen = (row.answers as number[][]) ?? [];
    return { state: 'submitted', result: { ...this.#result(c, drawn, chosen, row.score ?? 0, row.correctCount ?? 0, found.p.countedScore ?? row.score ?? 0), attemptsLeft: this.#attemptsLeft(c, found.p) } };
  }

  /** Attempts a participant may still start, today (China day) and in all. */
  #attemptsLeft(c: LoadedCampaign, p: ParticipantState): AttemptsLeft {
    const total = Math.max(0, c.settings.attemptsTotal - p.attempts);
    return { today: Math.min(total, Math.max(0, c.settings.attemptsPerDay - (p.perDay.get(chinaDay(this.now())) ?? 0))), total };
  }

  /**
   * Where the participant of a device token stands: attempts used and left, their county's rank on the
   * campaign board, and their own rank among the county's participants (read through the
   * (campaign, county, counted score) index).
   */
  async standing(campaignId: string, tokenValue: string): Promise<Standing> {
    const c = await this.campaign(campaignId);
    if (!c || c.status === 'draft') throw new QuizError('quiz/campaign-not-found', 404);
    const p = await this.#participantByToken(campaignId, tokenValue);
    if (!p) throw new QuizError('quiz/participant-not-found', 404);
    const board = await this.countyTable(campaignId);
    const row = board.find((r) => r.code === p.countyCode);
    const [ranks] = await this.db
      .select({
        better: sql<number>`coalesce(sum(case when ${participants.countedScore} > ${p.countedScore ?? -1} then 1 else 0 end), 0)`,
        ranked: sql<number>`count(*)`,
      })
      .from(participants)
      .where(and(eq(participants.campaignId, campaignId), eq(participants.countyCode, p.countyCode), isNotNull(participants.countedScore)));
    return {
      attempts: { used: p.attempts, usedToday: p.perDay.get(chinaDay(this.now())) ?? 0, perDay: c.settings.attemptsPerDay, total: c.settings.attemptsTotal, left: this.#attemptsLeft(c, p) },
      countedScore: p.countedScore,
      county: { code: p.countyCode, name: c.counties.get(p.countyCode) ?? p.countyCode, rank: row?.rank ?? board.length, of: board.length },
      rankInCounty: p.countedScore === null ? null : Number(ranks?.better ?? 0) + 1,
      rankedInCounty: Number(ranks?.ranked ?? 0),
    };
  }

  #result(c: LoadedCampaign, drawn: DrawnQuestion[], chosenOriginal: number[][], score: number, correctCount: number, counted: number): SubmitResult {
    // Answers and explanations only when the campaign says so: right after the attempt, or once it has ended.
    const reveal = revealOf(c.settings);
    const show = reveal === 'after-attempt' || (reveal === 'after-end' && (c.status === 'archived' || this.now() >= c.settings.endsAt));
    const review = show
      ? drawn.map((d, i) => {
          const q = c.questions.get(`${d.id}@${d.revision}`)!;
          const toShown = (orig: number) => (d.order.length ? d.order.indexOf(orig) : orig);
          const options = displayOptions(q);
          const correct = answerIndexes(q).map(toShown).sort((a, b) => a - b);
          const chosen = (chosenOriginal[i] ?? []).map(toShown).sort((a, b) => a - b);
          return {
            stem: q.stem,
            options: d.order.length ? d.order.map((k) => options[k]!) : options,
            chosen,
            correct,
            isCorrect: chosen.length === correct.length && chosen.every((v, k) => v === correct[k]),
            explanation: q.explanation,
          };
        })
      : null;
    return { score, correctCount, total: drawn.length, passed: score >= c.settings.passMark, countedScore: counted, review };
  }

  /**
   * Grades and stores a submission. The attempt is claimed in memory first, so a replayed or
   * concurrent submission is refused before anything is counted; statistics move in the same commit
   * as the attempt, so they can never disagree.
   */
  async submit(campaignId: string, attemptId: string, tokenValue: string, shown: (number[] | null)[]): Promise<SubmitResult> {
    try {
      return await this.#submit(campaignId, attemptId, tokenValue, shown);
    } catch (e) {
      if (!(e instanceof GuardError)) throw e;
      // What this process remembered was out of date (another process took this submission, or
      // changed the participant's score): read both afresh and decide again.
      this.#participants.delete(tokenValue);
      this.#attempts.delete(attemptId);
      return this.#submit(campaignId, attemptId, tokenValue, shown);
    }
  }

  async #submit(campaignId: string, attemptId: string, tokenValue: string, shown: (number[] | null)[]): Promise<SubmitResult> {
    const c = await this.campaign(campaignId);
    if (!c) throw new QuizError('quiz/campaign-not-found', 404);
    const found = await this.#attemptFor(campaignId, attemptId, tokenValue);
    if (!('a' in found) || found.a.status !== 'open') throw new QuizError('quiz/already-submitted', 409);
    const { p, a } = found;
    const t = this.now();
    if (t > a.deadline + DEADLINE_GRACE_MS) throw new QuizError('quiz/deadline-passed', 409);
    if (shown.length !== a.drawn.length) throw new QuizError('quiz/answer-count', 400);
    const questions = a.drawn.map((d) => c.questions.get(`${d.id}@${d.revision}`)!);
    shown.forEach((picked, i) => {
      if (!picked) return;
      const q = questions[i]!;
      const n = displayOptions(q).length;
      const distinct = new Set(picked);
      if (distinct.size !== picked.length || picked.some((k) => k < 0 || k >= n) || (q.type !== 'multiple' && picked.length > 1)) {
        throw new QuizError('quiz/bad-answer', 400, { n: i + 1 });
      }
    });
    a.status = 'submitting';
    const grade = gradeAttempt(a.drawn, questions, shown, c.settings.passMark);
    const chosen = grade.answers.map((x) => x.chosen);
    // Faster than a person reads: kept out of the board and the statistics until an organizer looks at it.
    const minMs = (c.settings.minSecondsPerQuestion ?? 0) * 1000 * a.drawn.length;
    const flagged = t - a.startedAt < minMs;
    const counting = flagged ? null : this.#counting(c, { id: p.id, countyCode: p.countyCode, townshipCode: p.townshipCode, villageCode: p.villageCode, guideId: p.guideId, countedScore: p.countedScore, bestScore: p.bestScore }, t, grade.score, questions, grade.answers);
    try {
      await this.writer.write(
        [
          // Guards: the attempt is still open, and the participant's scores are still the ones the
          // statistics' increments were computed from.
          {
            sql: "UPDATE attempts SET status = 'submitted', submitted_at = ?, score = ?, correct_count = ?, answers = ?, review = ? WHERE id = ? AND status = 'open'",
            args: [t, grade.score, grade.correctCount, JSON.stringify(chosen), flagged ? 'flagged' : null, attemptId],
            guard: true,
          },
          ...(counting ? [counting.statement] : []),
        ],
        counting?.increments ?? [],
      );
    } catch (e) {
      a.status = 'open';
      throw e;
    }
    a.status = 'submitted';
    this.#attempts.delete(attemptId);
    if (counting) {
      p.countedScore = counting.counted;
      p.bestScore = counting.best;
      this.dirty.add(campaignId);
    }
    if (p.openAttemptId === attemptId) p.openAttemptId = null;
    const counted = counting?.counted ?? p.countedScore ?? grade.score;
    return { ...this.#result(c, a.drawn, chosen, grade.score, grade.correctCount, counted), attemptsLeft: this.#attemptsLeft(c, p) };
  }

  /**
   * What a counted submission changes: the participant's counted and best score (with the guard that they are
   * still what the increments were computed from) and the statistics' increments.
   */
  #counting(
    c: LoadedCampaign,
    p: { id: string; countyCode: string; townshipCode: string | null; villageCode: string | null; guideId: string | null; countedScore: number | null; bestScore: number | null },
    t: number,
    score: number,
    questions: Question[],
    answers: { questionId: string; correct: boolean }[],
  ): { statement: WriteStatement; increments: Increment[]; counted: number; best: number } {
    const campaignId = c.id;
    const best = Math.max(p.bestScore ?? 0, score);
    const counted = c.settings.counting === 'best' ? best : score;
    const pass = c.settings.passMark;
    const wasPassed = p.countedScore !== null && p.countedScore >= pass ? 1 : 0;
    const wasFull = p.countedScore !== null && p.countedScore >= 100 ? 1 : 0;
    const county = p.countyCode;
    const submitters = p.countedScore === null ? 1 : 0;
    const countedDelta = counted - (p.countedScore ?? 0);
    const passedDelta = (counted >= pass ? 1 : 0) - wasPassed;
    const correctCount = answers.filter((x) => x.correct).length;
    const increments: Increment[] = [
      stats.countySubmitted.add([campaignId, county], [1, submitters, countedDelta, passedDelta, (counted >= 100 ? 1 : 0) - wasFull, answers.length, correctCount]),
      stats.daySubmitted.add([campaignId, chinaDay(t), county], [1, score]),
    ];
    if (p.townshipCode) increments.push(stats.townshipSubmitted.add([campaignId, p.townshipCode], [1, submitters, countedDelta, passedDelta]));
    if (p.villageCode) increments.push(stats.villageSubmitted.add([campaignId, p.villageCode], [1, submitters, countedDelta, passedDelta]));
    if (p.guideId) increments.push(stats.guideSubmitted.add([campaignId, p.guideId], [1, submitters, countedDelta, passedDelta]));
    answers.forEach((ans, i) => {
      const { literacy } = questions[i]!;
      const correct = ans.correct ? 1 : 0;
      increments.push(stats.question.add([campaignId, ans.questionId], [1, correct]), stats.item.add([campaignId, literacy.edition, literacy.item], [1, correct]));
    });
    return {
      statement: {
        sql: 'UPDATE participants SET counted_score = ?, best_score = ? WHERE id = ? AND counted_score IS ? AND best_score IS ?',
        args: [counted, best, p.id, p.countedScore, p.bestScore],
        guard: true,
      },
      increments,
      counted,
      best,
    };
  }

  /** Attempts flagged as faster than a person reads, waiting for an organizer's decision. */
  async flaggedAttempts(campaignId: string) {
    return this.db
      .select({ id: attempts.id, participantId: attempts.participantId, countyCode: attempts.countyCode, startedAt: attempts.startedAt, submittedAt: attempts.submittedAt, score: attempts.score, questions: sql<number>`json_array_length(${attempts.drawn})` })
      .from(attempts)
      .where(and(eq(attempts.campaignId, campaignId), eq(attempts.review, 'flagged')))
      .orderBy(asc(attempts.submittedAt))
      .limit(1000);
  }

  /**
   * An organizer's decision on a flagged attempt: rejected, it stays out; accepted, it counts as a submission
   * made now (on the participant's scores as they are now, guarded like a submission).
   */
  async reviewAttempt(campaignId: string, attemptId: string, decision: 'accepted' | 'rejected'): Promise<void> {
    const c = await this.campaign(campaignId);
    if (!c) throw new QuizError('quiz/campaign-not-found', 404);
    const [row] = await this.db.select().from(attempts).where(and(eq(attempts.id, attemptId), eq(attempts.campaignId, campaignId), eq(attempts.review, 'flagged')));
    if (!row) throw new QuizError('quiz/attempt-not-found', 404);
    const mark: WriteStatement = { sql: "UPDATE attempts SET review = ? WHERE id = ? AND review = 'flagged'", args: [decision, attemptId], guard: true };
    if (decision === 'rejected') return void (await this.writer.write([mark]));
    const [p] = await this.db.select().from(participants).where(eq(participants.id, row.participantId));
    if (!p) throw new QuizError('quiz/attempt-not-found', 404);
    const drawn = row.drawn as DrawnQuestion[];
    const chosen = (row.answers as number[][]) ?? [];
    const questions = drawn.map((d) => c.questions.get(`${d.id}@${d.revision}`)!);
    const answers = drawn.map((d, i) => {
      const key = answerIndexes(questions[i]!);
      const picked = [...(chosen[i] ?? [])].sort((x, y) => x - y);
      return { questionId: d.id, correct: picked.length === key.length && picked.every((v, k) => v === key[k]) };
    });
    const counting = this.#counting(c, p, row.submittedAt ?? this.now(), row.score ?? 0, questions, answers);
    await this.writer.write([mark, counting.statement], counting.increments);
    // Memory may hold this participant's scores from before: read them afresh next time.
    const cachedToken = this.#tokenOf.get(p.id);
    if (cachedToken !== undefined) this.#participants.delete(cachedToken);
    this.dirty.add(campaignId);
  }

  /** Drops expired open attempts from memory; their rows stay as started-but-unsubmitted. */
  sweep() {
    const t = this.now();
    for (const [id, a] of this.#attempts) if (a.status === 'open' && a.deadline + DEADLINE_GRACE_MS < t) this.#attempts.delete(id);
    if (this.#participants.size > 500_000) {
      this.#participants.clear();
      this.#tokenOf.clear();
    }
  }

  // ---- statistics (read from pre-summed tables only) ----

  /** One row per county: participants, submitters, attempts, rate against target, average, pass and full-marks rates, accuracy. */
  async countyTable(campaignId: string) {
    const c = await this.campaign(campaignId);
    if (!c) throw new QuizError('quiz/campaign-not-found', 404);
    const rows = await this.#boards.countyStats({ campaignId });
    const byCounty = new Map(rows.map((r) => [r.countyCode, r]));
    const table = [...c.counties].map(([code, name]) => {
      const r = byCounty.get(code);
      const target = c.settings.targets[code] ?? 0;
      const participantsN = r?.participants ?? 0;
      const submitters = r?.submitters ?? 0;
      return {
        code,
        name,
        participants: participantsN,
        submitters,
        attempts: r?.attempts ?? 0,
        target,
        rate: target > 0 ? participantsN / target : null,
        averageScore: submitters ? (r!.countedScoreSum / submitters) : null,
        passRate: submitters ? r!.passed / submitters : null,
        fullMarksRate: submitters ? r!.fullMarks / submitters : null,
        accuracy: r?.answers ? r.correct / r.answers : null,
      };
    });
    table.sort((x, y) => y.participants - x.participants || (y.averageScore ?? 0) - (x.averageScore ?? 0) || x.code.localeCompare(y.code));
    return table.map((row, i) => ({ rank: i + 1, ...row }));
  }

  #cityNames = new Map<string, string>();

  /**
   * The big-screen board's rows: a province's campaign ranks its cities ("first in the province by participation"),
   * summed from the county counters; any other campaign ranks its counties (`countyTable`).
   */
  async boardTable(campaignId: string) {
    const c = await this.campaign(campaignId);
    if (!c) throw new QuizError('quiz/campaign-not-found', 404);
    const counties = await this.countyTable(campaignId);
    if (regionLevelOf(c.settings.regionCode) !== 'province') return counties;
    const cities = new Map<string, { participants: number; submitters: number; attempts: number; target: number; scoreSum: number; passed: number; full: number; answers: number; correct: number }>();
    for (const r of counties) {
      const city = `${r.code.slice(0, 4)}00`;
      const x = cities.get(city) ?? { participants: 0, submitters: 0, attempts: 0, target: 0, scoreSum: 0, passed: 0, full: 0, answers: 0, correct: 0 };
      x.participants += r.participants;
      x.submitters += r.submitters;
      x.attempts += r.attempts;
      x.target += r.target;
      // The county rows carry averages and rates; weighted back to sums here, so nothing re-reads a counter.
      x.scoreSum += (r.averageScore ?? 0) * r.submitters;
      x.passed += (r.passRate ?? 0) * r.submitters;
      x.full += (r.fullMarksRate ?? 0) * r.submitters;
      // Every attempt of a campaign has the same number of questions: attempts weigh accuracy as answers would.
      x.answers += r.attempts;
      x.correct += (r.accuracy ?? 0) * r.attempts;
      cities.set(city, x);
    }
    const unnamed = [...cities.keys()].filter((code) => !this.#cityNames.has(code));
    if (unnamed.length) for (const r of await this.db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, unnamed))) this.#cityNames.set(r.code, r.name);
    const rows = [...cities].map(([code, x]) => ({
      code,
      name: this.#cityNames.get(code) ?? code,
      participants: x.participants,
      submitters: x.submitters,
      attempts: x.attempts,
      target: x.target,
      rate: x.target > 0 ? x.participants / x.target : null,
      averageScore: x.submitters ? x.scoreSum / x.submitters : null,
      passRate: x.submitters ? x.passed / x.submitters : null,
      fullMarksRate: x.submitters ? x.full / x.submitters : null,
      accuracy: x.answers ? x.correct / x.answers : null,
    }));
    rows.sort((a, b) => b.participants - a.participants || (b.averageScore ?? 0) - (a.averageScore ?? 0) || a.code.localeCompare(b.code));
    return rows.map((row, i) => ({ rank: i + 1, ...row }));
  }

  /**
   * Participation per township, for the counties whose townships are in the region tree (empty
   * otherwise): grouped by county in county order, busiest township first within each.
   */
  async townshipTable(campaignId: string) {
    const c = await this.campaign(campaignId);
    if (!c) throw new QuizError('quiz/campaign-not-found', 404);
    if (c.townships.size === 0) return [];
    const rows = await this.db.select().from(campaignTownshipStats).where(eq(campaignTownshipStats.campaignId, campaignId));
    const byTownship = new Map(rows.map((r) => [r.townshipCode, r]));
    return [...c.townships].flatMap(([countyCode, towns]) =>
      [...towns]
        .map(([code, name]) => {
          const r = byTownship.get(code);
          const submitters = r?.submitters ?? 0;
          return {
            code,
            name,
            countyCode,
            countyName: c.counties.get(countyCode) ?? countyCode,
            participants: r?.participants ?? 0,
            submitters,
            attempts: r?.attempts ?? 0,
            averageScore: submitters ? r!.countedScoreSum / submitters : null,
            passRate: submitters ? r!.passed / submitters : null,
          };
        })
        .sort((x, y) => y.participants - x.participants || x.code.localeCompare(y.code)),
    );
  }

  /**
   * Activity per county within a date range (China days), summed from the per-day counters: new
   * participants, participant-days active, submissions and their average score. Totals that need
   * distinct people (rates against the roster, pass rates) are all-time by nature and stay in `countyTable`.
   */
  async countyRange(campaignId: string, from?: string, to?: string) {
    const c = await this.campaign(campaignId);
    if (!c) throw new QuizError('quiz/campaign-not-found', 404);
    const rows = await this.db
      .select({
        countyCode: campaignDailyStats.countyCode,
        newParticipants: sql<number>`sum(${campaignDailyStats.newParticipants})`,
        activeDays: sql<number>`sum(${campaignDailyStats.activeParticipants})`,
        attempts: sql<number>`sum(${campaignDailyStats.attempts})`,
        scoreSum: sql<number>`sum(${campaignDailyStats.scoreSum})`,
      })
      .from(campaignDailyStats)
      .where(dailyRows(campaignId, from, to))
      .groupBy(campaignDailyStats.countyCode);
    const byCounty = new Map(rows.map((r) => [r.countyCode, r]));
    return [...c.counties].map(([code, name]) => {
      const r = byCounty.get(code);
      return { code, name, newParticipants: r?.newParticipants ?? 0, activeDays: r?.activeDays ?? 0, attempts: r?.attempts ?? 0, averageScore: r?.attempts ? r.scoreSum / r.attempts : null };
    }).sort((a, b) => b.newParticipants - a.newParticipants || b.attempts - a.attempts || a.code.localeCompare(b.code));
  }

  /** Participation per China day, summed over the campaign's counties (or those below `within`). */
  async daily(campaignId: string, from?: string, to?: string, within?: string | null) {
    return this.db
      .select({
        day: campaignDailyStats.day,
        newParticipants: sql<number>`sum(${campaignDailyStats.newParticipants})`,
        activeParticipants: sql<number>`sum(${campaignDailyStats.activeParticipants})`,
        attempts: sql<number>`sum(${campaignDailyStats.attempts})`,
        scoreSum: sql<number>`sum(${campaignDailyStats.scoreSum})`,
      })
      .from(campaignDailyStats)
      .where(dailyRows(campaignId, from, to, within))
      .groupBy(campaignDailyStats.day)
      .orderBy(asc(campaignDailyStats.day));
  }

  /** The questions most often answered wrong (at least `minAnswers` answers). */
  async hardestQuestions(campaignId: string, limit = 20, minAnswers = 1) {
    const rows = await this.db
      .select({ questionId: campaignQuestionStats.questionId, answered: campaignQuestionStats.answered, correct: campaignQuestionStats.correct, stem: questions.stem, topic: questions.topic, edition: questions.edition, item: questions.item })
      .from(campaignQuestionStats)
      .innerJoin(questions, eq(questions.id, campaignQuestionStats.questionId))
      .where(and(eq(campaignQuestionStats.campaignId, campaignId), sql`${campaignQuestionStats.answered} >= ${minAnswers}`))
      .orderBy(sql`CAST(${campaignQuestionStats.correct} AS REAL) / ${campaignQuestionStats.answered}`, desc(campaignQuestionStats.answered))
      .limit(limit);
    return rows.map((r) => ({ ...r, accuracy: r.correct / r.answered }));
  }

  async itemAccuracy(campaignId: string) {
    const rows = await this.db.select().from(campaignItemStats).where(eq(campaignItemStats.campaignId, campaignId)).orderBy(asc(campaignItemStats.edition), asc(campaignItemStats.item));
    return rows.map((r) => ({
      edition: r.edition,
      item: r.item,
      dimension: literacyDimension(r.edition as LiteracyEdition, r.item),
      answered: r.answered,
      correct: r.correct,
      accuracy: r.answered ? r.correct / r.answered : null,
    }));
  }

  /** Accuracy per dimension of health literacy (knowledge, lifestyle, skills), summed from the item counters. */
  async dimensionAccuracy(campaignId: string) {
    const sums = new Map<string, { answered: number; correct: number }>();
    for (const r of await this.itemAccuracy(campaignId)) {
      const d = sums.get(r.dimension) ?? { answered: 0, correct: 0 };
      d.answered += r.answered;
      d.correct += r.correct;
      sums.set(r.dimension, d);
    }
    return (['knowledge', 'lifestyle', 'skills'] as const).map((dimension) => {
      const d = sums.get(dimension) ?? { answered: 0, correct: 0 };
      return { dimension, ...d, accuracy: d.answered ? d.correct / d.answered : null };
    });
  }

  /** Top participants of a county by the score that counts (index-backed). */
  async topInCounty(campaignId: string, countyCode: string, limit = 50) {
    return this.#boards.countyTop({ campaignId, countyCode, limit });
  }

  /**
   * The best family teams of a campaign, `perCounty` per county, by the score that counts: the
   * preliminary-to-final path of real events. Only participants who gave a team name qualify.
   */
  async bestTeams(campaignId: string, perCounty: number) {
    const rows = await this.db
      .select({ teamName: participants.teamName, countyCode: participants.countyCode, score: participants.countedScore })
      .from(participants)
      .where(and(eq(participants.campaignId, campaignId), isNotNull(participants.teamName), isNotNull(participants.countedScore)))
      .orderBy(asc(participants.countyCode), desc(participants.countedScore));
    const taken = new Map<string, number>();
    const names = new Set<string>();
    const out: { teamName: string; countyCode: string; score: number }[] = [];
    for (const r of rows) {
      const n = taken.get(r.countyCode) ?? 0;
      if (n >= perCounty || names.has(r.teamName!)) continue;
      taken.set(r.countyCode, n + 1);
      names.add(r.teamName!);
      out.push({ teamName: r.teamName!, countyCode: r.countyCode, score: r.score! });
    }
    return out.sort((a, b) => b.score - a.score);
  }

  /** Ids of open attempts whose deadline passed long ago (for maintenance and tests). */
  async staleOpenAttempts(before: number) {
    return (await this.db.select({ id: attempts.id }).from(attempts).where(and(eq(attempts.status, 'open'), lt(attempts.deadline, before)))).map((r) => r.id);
  }
}

