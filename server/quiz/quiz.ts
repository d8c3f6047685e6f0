import { createHmac } from 'node:crypto';
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { checkChoice, isCorrect } from '../../shared/bank/answer.js';
import { chinaDay, drawQuestions, gradeAttempt, revealOf, seededRandom, type DrawnQuestion } from '../../shared/quiz/campaign.js';
import { displayOptions, answerIndexes, type Question } from '../../shared/bank/question.js';
import { attemptLimitRefusal, attemptsLeft, attemptStillOpen, campaignWindowRefusal, submissionTooLate, submittedTooFast } from '../../shared/quiz/quiz-rules.js';
import type { Database } from '../db/client.js';
import { attempts, participants } from '../db/schema.js';
import { GuardError, type Increment, type WriteStatement, type Writer } from '../db/writer.js';
import { normalizeRecoveryCode, randomId, randomUint32, recoveryCode, sha256 } from '../auth/hash.js';
import { QuizError, type LoadedCampaign } from './quiz-campaigns.js';
import { countedSubmission, stats } from './quiz-counters.js';
import { QuizStatistics } from './quiz-stats.js';

export { QuizError, type LoadedCampaign } from './quiz-campaigns.js';
export { stats } from './quiz-counters.js';

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
const token = () => randomId(24);

/** 13812345678 → 138****5678 */
export const maskPhone = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`;
/**
 * Online quiz campaigns: draws, deadlines, limits, grading and the pre-summed statistics.
 * Hot paths (start, submit) read only memory; every change goes through the single writer and is
 * acknowledged after its commit. Campaign loading and places live in `QuizCampaigns`, the statistics reads in
 * `QuizStatistics`, the counters a join or a submission moves in `quiz-counters.ts`.
 */
export class QuizService extends QuizStatistics {
  #participants = new Map<string, ParticipantState>(); // by device token (the database keeps only its hash)
  #tokenOf = new Map<string, string>(); // participant id → the device token it was last cached under
  #attempts = new Map<string, AttemptState>();
  /** Campaigns with statistics changed since the last board broadcast. */
  readonly dirty = new Set<string>();

  /** An attempt's status as the database has it (a prepared read): checked before memory resumes an attempt. */
  readonly #attemptStatus: (attemptId: string) => Promise<[string][]>;

  constructor(
    database: Database,
    /** The single writer; other counters of a campaign (每日一学 reads) go through it too. */
    readonly writer: Writer,
    now: () => number,
    private readonly phoneKey: string,
  ) {
    super(database, now);
    this.#attemptStatus = database.read<[string]>('SELECT status FROM attempts WHERE id = ?');
  }

  #checkOpen(c: LoadedCampaign | null): LoadedCampaign {
    if (!c || c.status === 'draft') throw new QuizError('quiz/campaign-not-found', 404);
    const refused = campaignWindowRefusal(c.status, c.settings, this.now());
    if (refused) throw new QuizError(refused.code, 409, refused.params);
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
      if (a.status === 'open' && attemptStillOpen(a.deadline, this.now())) open = a;
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
    if (input.villageCode && !(input.townshipCode && (await this.isVillageOf(input.villageCode, input.townshipCode)))) throw new QuizError('quiz/bad-village', 400);
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
      if (open && open.status === 'open' && attemptStillOpen(open.deadline, t)) {
        // Another process sharing the database may have taken its submission: memory must not outlive
        // the database's truth. If it is no longer open, forget both and decide again from the rows (start()).
        const [row] = await this.#attemptStatus(open.id);
        if (row?.[0] === 'open') return { token: tokenValue!, attemptId: open.id, deadline: open.deadline, questions: this.#playerQuestions(c, open.drawn) };
        this.#attempts.delete(open.id);
        throw new GuardError('attempts.status: no longer open', 0);
      }
    }
    const limit = p && attemptLimitRefusal(s, { total: p.attempts, today: p.perDay.get(day) ?? 0 });
    if (limit) throw new QuizError(limit.code, 409, limit.params);

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
      if (!input.villageCode && township && (await this.hasVillages(township))) throw new QuizError('quiz/village-required', 400);
      tokenValue = token();
      const id = randomId(12);
      // First touch: a guide's code binds a new participant, when the guide works within the campaign's region.
      // An unknown or foreign code binds nobody rather than turning a resident away.
      const guideId = input.guideId && (await this.guideFits(input.guideId, s.regionCode)) ? input.guideId : null;
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
      if (!attemptStillOpen(found.a.deadline, this.now())) throw new QuizError('quiz/deadline-passed', 409);
      return { state: 'open', attempt: { attemptId, deadline: found.a.deadline, questions: this.#playerQuestions(c, found.a.drawn) } };
    }
    const row = 'submitted' in found ? found.submitted : (await this.db.select().from(attempts).where(eq(attempts.id, attemptId)))[0]!;
    const drawn = row.drawn as DrawnQuestion[];
    const chosen = (row.answers as number[][]) ?? [];
    return { state: 'submitted', result: { ...this.#result(c, drawn, chosen, row.score ?? 0, row.correctCount ?? 0, found.p.countedScore ?? row.score ?? 0), attemptsLeft: this.#attemptsLeft(c, found.p) } };
  }

  /** Attempts a participant may still start, today (China day) and in all. */
  #attemptsLeft(c: LoadedCampaign, p: ParticipantState): AttemptsLeft {
    return attemptsLeft(c.settings, { total: p.attempts, today: p.perDay.get(chinaDay(this.now())) ?? 0 });
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
            isCorrect: isCorrect(q, chosenOriginal[i] ?? []),
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
    if (submissionTooLate(a.deadline, t)) throw new QuizError('quiz/deadline-passed', 409);
    if (shown.length !== a.drawn.length) throw new QuizError('quiz/answer-count', 400);
    const questions = a.drawn.map((d) => c.questions.get(`${d.id}@${d.revision}`)!);
    shown.forEach((picked, i) => {
      // Positions as shown: the same rule as option indexes, since the display only reorders the options.
      if (picked?.length && checkChoice(questions[i]!, picked)) throw new QuizError('quiz/bad-answer', 400, { n: i + 1 });
    });
    a.status = 'submitting';
    const grade = gradeAttempt(a.drawn, questions, shown, c.settings.passMark);
    const chosen = grade.answers.map((x) => x.chosen);
    // Faster than a person reads: kept out of the board and the statistics until an organizer looks at it.
    const flagged = submittedTooFast(c.settings, a.drawn.length, a.startedAt, t);
    const counting = flagged ? null : countedSubmission(c, p, t, grade.score, grade.answers);
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
    const answers = drawn.map((d, i) => ({ questionId: d.id, revision: d.revision, correct: isCorrect(questions[i]!, chosen[i] ?? []) }));
    const counting = countedSubmission(c, p, row.submittedAt ?? this.now(), row.score ?? 0, answers);
    await this.writer.write([mark, counting.statement], counting.increments);
    // Memory may hold this participant's scores from before: read them afresh next time.
    const cachedToken = this.#tokenOf.get(p.id);
    if (cachedToken !== undefined) this.#participants.delete(cachedToken);
    this.dirty.add(campaignId);
  }

  /** Drops expired open attempts from memory; their rows stay as started-but-unsubmitted. */
  sweep() {
    const t = this.now();
    for (const [id, a] of this.#attempts) if (a.status === 'open' && submissionTooLate(a.deadline, t)) this.#attempts.delete(id);
    if (this.#participants.size > 500_000) {
      this.#participants.clear();
      this.#tokenOf.clear();
    }
  }
}
