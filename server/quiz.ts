import { createHmac } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import {
  chinaDay,
  drawQuestions,
  gradeAttempt,
  indexPool,
  seededRandom,
  type CampaignSettings,
  type DrawnQuestion,
  type PoolEntry,
  type PoolIndex,
} from '../shared/campaign.js';
import type { ErrorCode } from '../shared/i18n.js';
import { answerIndexes, displayOptions, literacyDimension, type LiteracyEdition, type Question } from '../shared/question.js';
import { type Database, type Db, readSelect } from './db/client.js';
import { randomId, randomUint32, sha256 } from './hash.js';
import {
  attempts,
  campaignCountyStats,
  campaignDailyStats,
  campaignItemStats,
  campaignQuestionStats,
  campaignTownshipStats,
  campaigns,
  participants,
  questionRevisions,
  questions,
  questionSetItems,
  regions,
} from './db/schema.js';
import { Counters, GuardError, type Increment, type WriteStatement, type Writer } from './db/writer.js';

/** A domain rejection: an error code with message parameters and an HTTP status. */
export class QuizError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: 400 | 403 | 404 | 409 | 422 | 503,
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
  name?: string;
  phone?: string;
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
};

/** Submissions accepted this long after the deadline, for the network's sake. */
export const DEADLINE_GRACE_MS = 3000;

const token = () => randomId(24);

/** A campaign's per-day counter rows, optionally within a range of China days (inclusive). */
const dailyRows = (campaignId: string, from?: string, to?: string) =>
  and(eq(campaignDailyStats.campaignId, campaignId), from ? sql`${campaignDailyStats.day} >= ${from}` : undefined, to ? sql`${campaignDailyStats.day} <= ${to}` : undefined);

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

  private readonly db: Db;

  constructor(
    database: Database,
    private readonly writer: Writer,
    private readonly now: () => number,
    private readonly phoneKey: string,
  ) {
    this.db = database.db;
    this.#boards = leaderboardQueries(database);
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
      loading.catch(() => this.#campaigns.delete(id));
    }
    return loading;
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
    const pool = source.filter((r) => r.status === 'active').map((r) => ({ question: r.body as Question, revision: r.revision }));
    const map = new Map(pool.map((e) => [`${e.question.id}@${e.revision}`, e.question]));
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

  /** The counties a campaign covers: the region itself if it is a county, else its county children. */
  async countiesOf(regionCode: string): Promise<Map<string, string>> {
    const [self] = await this.db.select().from(regions).where(eq(regions.code, regionCode));
    if (!self) return new Map();
    if (self.level === 'county') return new Map([[self.code, self.name]]);
    const children = await this.db.select().from(regions).where(and(eq(regions.parentCode, regionCode), eq(regions.level, 'county'))).orderBy(asc(regions.code));
    return new Map(children.map((c) => [c.code, c.name]));
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
      .select({ id: attempts.id, day: attempts.day, status: attempts.status, deadline: attempts.deadline, drawn: attempts.drawn, countyCode: attempts.countyCode })
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
      attempts: row.attempts,
      countedScore: row.countedScore,
      bestScore: row.bestScore,
      lastDay: row.lastDay,
      perDay,
      openAttemptId: open?.id ?? null,
    };
    if (open && !this.#attempts.has(open.id)) {
      this.#attempts.set(open.id, { id: open.id, campaignId: row.campaignId, participantId: row.id, countyCode: open.countyCode, deadline: open.deadline, drawn: open.drawn as DrawnQuestion[], status: 'open' });
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
  async start(campaignId: string, input: StartInput): Promise<AttemptView & { token: string }> {
    try {
      return await this.#start(campaignId, input);
    } catch (e) {
      if (!(e instanceof GuardError)) throw e;
      // Another process started an attempt for this participant meanwhile: read them afresh and decide
      // again (resume that attempt, or refuse with the limit that now applies).
      if (input.token) this.#participants.delete(input.token);
      return this.#start(campaignId, input);
    }
  }

  async #start(campaignId: string, input: StartInput): Promise<AttemptView & { token: string }> {
    const c = this.#checkOpen(await this.campaign(campaignId));
    const s = c.settings;
    if (!c.counties.has(input.countyCode)) throw new QuizError('quiz/bad-county', 400);
    // Where the region tree has the county's townships, the participant names theirs too.
    const towns = c.townships.get(input.countyCode);
    if (towns && !input.townshipCode) throw new QuizError('quiz/township-required', 400);
    if (input.townshipCode && !towns?.has(input.townshipCode)) throw new QuizError('quiz/bad-township', 400);
    const t = this.now();
    const day = chinaDay(t);

    let tokenValue = input.token;
    let p = tokenValue ? await this.#participantByToken(campaignId, tokenValue) : null;
    let phoneHash: string | null = null;
    if (s.fields.phone) {
      if (!input.phone || !/^1[3-9]\d{9}$/.test(input.phone)) throw new QuizError('quiz/bad-phone', 400);
      phoneHash = createHmac('sha256', this.phoneKey).update(`${campaignId}:${input.phone}`).digest('hex');
      if (!p) {
        const [row] = await this.db.select().from(participants).where(and(eq(participants.campaignId, campaignId), eq(participants.phoneHash, phoneHash)));
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
        return { token: tokenValue!, attemptId: open.id, deadline: open.deadline, questions: this.#playerQuestions(c, open.drawn) };
      }
    }
    // All attempts used is the more useful thing to hear than "come back tomorrow".
    if (p && p.attempts >= s.attemptsTotal) throw new QuizError('quiz/limit-total', 409, { n: s.attemptsTotal });
    if (p && (p.perDay.get(day) ?? 0) >= s.attemptsPerDay) throw new QuizError('quiz/limit-day', 409, { n: s.attemptsPerDay });

    const draw = drawQuestions(c.index, s.mix, seededRandom(randomUint32()));
    if (!draw.ok) throw new QuizError('quiz/pool-too-small', 503, { slice: draw.slice + 1, available: draw.available });
    const attemptId = randomId(16);
    const deadline = t + s.timeLimitSec * 1000;
    const statements: WriteStatement[] = [];
    const increments: Increment[] = [];
    const county = p?.countyCode ?? input.countyCode;
    const township = p ? p.townshipCode : (input.townshipCode ?? null);
    let created: ParticipantState | null = null;
    if (!p) {
      tokenValue = token();
      const id = randomId(12);
      statements.push({
        sql: 'INSERT INTO participants (id, campaign_id, token_hash, county_code, township_code, name, phone_hash, phone_masked, team_name, attempts, last_day, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)',
        args: [id, campaignId, sha256(tokenValue), county, township, s.fields.name ? input.name!.trim().slice(0, 50) : null, phoneHash, phoneHash ? maskPhone(input.phone!) : null, s.fields.team ? input.teamName!.trim().slice(0, 50) : null, day, t],
      });
      increments.push(stats.countyJoined.add([campaignId, county], [1]));
      if (township) increments.push(stats.townshipJoined.add([campaignId, township], [1]));
      increments.push(stats.dayJoined.add([campaignId, day, county], [1, 1]));
      created = { id, campaignId, countyCode: county, townshipCode: township, attempts: 1, countedScore: null, bestScore: null, lastDay: day, perDay: new Map([[day, 1]]), openAttemptId: attemptId };
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
    this.#attempts.set(attemptId, { id: attemptId, campaignId, participantId, countyCode: county, deadline, drawn: draw.drawn, status: 'open' });
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
    return { token: tokenValue!, attemptId, deadline, questions: this.#playerQuestions(c, draw.drawn) };
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
      const state: AttemptState = { id: row.id, campaignId, participantId: p.id, countyCode: row.countyCode, deadline: row.deadline, drawn: row.drawn as DrawnQuestion[], status: 'open' };
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
    return { state: 'submitted', result: this.#result(c, drawn, chosen, row.score ?? 0, row.correctCount ?? 0, found.p.countedScore ?? row.score ?? 0) };
  }

  #result(c: LoadedCampaign, drawn: DrawnQuestion[], chosenOriginal: number[][], score: number, correctCount: number, counted: number): SubmitResult {
    const review = c.settings.showExplanations
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
      const n = q.type === 'truefalse' ? 2 : q.options.length;
      const distinct = new Set(picked);
      if (distinct.size !== picked.length || picked.some((k) => k < 0 || k >= n) || (q.type !== 'multiple' && picked.length > 1)) {
        throw new QuizError('quiz/bad-answer', 400, { n: i + 1 });
      }
    });
    a.status = 'submitting';
    const grade = gradeAttempt(a.drawn, questions, shown, c.settings.passMark);
    const before = { counted: p.countedScore, best: p.bestScore };
    const best = Math.max(p.bestScore ?? 0, grade.score);
    const counted = c.settings.counting === 'best' ? best : grade.score;
    const pass = c.settings.passMark;
    const wasPassed = before.counted !== null && before.counted >= pass ? 1 : 0;
    const wasFull = before.counted !== null && before.counted >= 100 ? 1 : 0;
    const county = p.countyCode;
    const submitters = before.counted === null ? 1 : 0;
    const countedDelta = counted - (before.counted ?? 0);
    const passedDelta = (counted >= pass ? 1 : 0) - wasPassed;
    const increments: Increment[] = [
      stats.countySubmitted.add([campaignId, county], [1, submitters, countedDelta, passedDelta, (counted >= 100 ? 1 : 0) - wasFull, grade.answers.length, grade.correctCount]),
      stats.daySubmitted.add([campaignId, chinaDay(t), county], [1, grade.score]),
    ];
    if (p.townshipCode) increments.push(stats.townshipSubmitted.add([campaignId, p.townshipCode], [1, submitters, countedDelta, passedDelta]));
    grade.answers.forEach((ans, i) => {
      const { literacy } = questions[i]!;
      const correct = ans.correct ? 1 : 0;
      increments.push(stats.question.add([campaignId, ans.questionId], [1, correct]), stats.item.add([campaignId, literacy.edition, literacy.item], [1, correct]));
    });
    const chosen = grade.answers.map((x) => x.chosen);
    try {
      await this.writer.write(
        [
          // Guards: the attempt is still open, and the participant's scores are still the ones the
          // statistics' increments were computed from.
          {
            sql: "UPDATE attempts SET status = 'submitted', submitted_at = ?, score = ?, correct_count = ?, answers = ? WHERE id = ? AND status = 'open'",
            args: [t, grade.score, grade.correctCount, JSON.stringify(chosen), attemptId],
            guard: true,
          },
          {
            sql: 'UPDATE participants SET counted_score = ?, best_score = ? WHERE id = ? AND counted_score IS ? AND best_score IS ?',
            args: [counted, best, p.id, before.counted, before.best],
            guard: true,
          },
        ],
        increments,
      );
    } catch (e) {
      a.status = 'open';
      throw e;
    }
    a.status = 'submitted';
    this.#attempts.delete(attemptId);
    p.countedScore = counted;
    p.bestScore = best;
    if (p.openAttemptId === attemptId) p.openAttemptId = null;
    this.dirty.add(campaignId);
    return this.#result(c, a.drawn, chosen, grade.score, grade.correctCount, counted);
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

  async daily(campaignId: string, from?: string, to?: string) {
    return this.db
      .select({
        day: campaignDailyStats.day,
        newParticipants: sql<number>`sum(${campaignDailyStats.newParticipants})`,
        activeParticipants: sql<number>`sum(${campaignDailyStats.activeParticipants})`,
        attempts: sql<number>`sum(${campaignDailyStats.attempts})`,
        scoreSum: sql<number>`sum(${campaignDailyStats.scoreSum})`,
      })
      .from(campaignDailyStats)
      .where(dailyRows(campaignId, from, to))
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

