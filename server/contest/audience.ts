import { reduce, type Actor, type ContestError, type ContestEvent, type ContestState } from '../../shared/contest/index.js';
import { aboveValue, checkAnswer, localScore, recordAnswer, restoreAudience, sharedBoard, type StoredAnswer, type StoredMember } from '../../shared/contest/audience-ledger.js';
import { displayOptions } from '../../shared/bank/question.js';
import type { AudienceStore, TallyAnswer, TallyMember } from './audience-store.js';
import type { ContestRuntime } from './contest-runtime.js';
import type { Database } from '../db/client.js';
import { GuardError, type Writer } from '../db/writer.js';
import { storageFailure, type StorageFailure } from '../db/health.js';

export type AudienceResult = { ok: true; events: ContestEvent[] } | { ok: false; error: ContestError | { code: 'server/internal' | StorageFailure } };

const INSERT_ANSWER =
  'INSERT INTO contest_audience_answers (contest_id, opening_id, member_id, options, at, correct, points, county) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ' +
  'ON CONFLICT (contest_id, opening_id, member_id) DO NOTHING';
const UPSERT_MEMBER =
  'INSERT INTO contest_audience (contest_id, member_id, nickname, county, joined_at) VALUES (?, ?, ?, ?, ?) ' +
  'ON CONFLICT (contest_id, member_id) DO UPDATE SET nickname = excluded.nickname, county = excluded.county';

/** How often a process sends its batch of joins and answers to the shared tally and reads the merged counters back. */
const SYNC_MS = 200;
/** How long the owner waits at a reveal for every process to score its answers before it scores the missing ones from the database. */
const SETTLE_MS = 1500;

interface Pending {
  joins: TallyMember[];
  answers: Map<number, { optionCount: number; list: TallyAnswer[] }>;
}

export interface DeskDeps {
  database: Database;
  writer: Writer;
  now: () => number;
  /** The shared tally (Redis); null with one process, where the replica's audience is the whole audience. */
  store: AudienceStore | null;
  /** The contests this process has loaded. */
  runtimes(): Promise<ContestRuntime[]>;
  /** The audience moved (counters, members): listeners refresh the views. */
  changed(runtime: ContestRuntime, events: ContestEvent[]): void;
  /** A shared leaderboard was read into the runtime: everyone's rank may have moved. */
  board(runtime: ContestRuntime): void;
  /** Tells the other processes the leaderboard of an opening is complete. */
  publishBoard(contestId: string, openingId: number): void;
  onError(err: unknown): void;
}

/**
 * The audience of live contests, handled by the process each phone is connected to rather than by the
 * contest's owner. A join or an answer is checked against this process's replica (the engine's rules, the
 * server clock), written through the group-committing writer (the answer's key — contest, opening, member —
 * lets the database refuse a second answer from anywhere), then recorded in the replica and acknowledged.
 *
 * With one process that is the whole story: the replica's audience is everything, and the engine builds the
 * leaderboard at each reveal as before. With several (a shared tally in Redis), each process sends its joins
 * and answers in batches every `SYNC_MS` and reads the merged counters back, scores its own answers at a
 * reveal, and the owner, once every answer the database holds is scored (it scores any a dead process left
 * itself, from the database), tells every process to read the leaderboard.
 */
export class AudienceDesk {
  #pending = new Map<string, Pending>();
  /** Answers accepted here, per contest and opening: what this process scores at a reveal. */
  #accepted = new Map<string, Map<number, TallyAnswer[]>>();
  #ticker: NodeJS.Timeout | null = null;
  #syncing: Promise<void> | null = null;
  #flushing: Promise<void> | null = null;
  #waiters: (() => void)[] = [];
  readonly #members;
  readonly #memberAnswers;
  readonly #allMembers;
  readonly #allAnswers;
  readonly #openingAnswers;
  readonly #counts;

  constructor(private readonly deps: DeskDeps) {
    const read = deps.database.read.bind(deps.database);
    this.#members = read<[string, string, string | null, number]>('SELECT member_id, nickname, county, joined_at FROM contest_audience WHERE contest_id = ? AND member_id = ?');
    this.#memberAnswers = read<[number, string, number, number, number]>('SELECT opening_id, options, at, correct, points FROM contest_audience_answers WHERE contest_id = ? AND member_id = ?');
    this.#allMembers = read<[string, string, string | null, number]>('SELECT member_id, nickname, county, joined_at FROM contest_audience WHERE contest_id = ?');
    this.#allAnswers = read<[string, number, string, number, number, number]>('SELECT member_id, opening_id, options, at, correct, points FROM contest_audience_answers WHERE contest_id = ?');
    this.#openingAnswers = read<[string, string, number, number, string | null]>(
      'SELECT member_id, options, correct, points, county FROM contest_audience_answers WHERE contest_id = ? AND opening_id = ?',
    );
    this.#counts = read<[number, number]>(
      'SELECT (SELECT count(*) FROM contest_audience_answers WHERE contest_id = ? AND opening_id = ?), (SELECT count(*) FROM contest_audience WHERE contest_id = ?)',
    );
    if (deps.store) {
      this.#ticker = setInterval(() => void this.sync(), SYNC_MS);
      this.#ticker.unref();
    }
  }

  get shared() {
    return this.deps.store !== null;
  }

  /** An audience command (`audience:join`, `audience:answer`) from a phone connected to this process. */
  async command(runtime: ContestRuntime, command: unknown, actor: Extract<Actor, { role: 'audience' }>): Promise<AudienceResult> {
    const type = (command as { type?: unknown } | null)?.type;
    if (type === 'audience:answer') return this.#answer(runtime, command, actor.memberId);
    return this.#join(runtime, command, actor);
  }

  async #join(runtime: ContestRuntime, command: unknown, actor: Extract<Actor, { role: 'audience' }>): Promise<AudienceResult> {
    const state = runtime.state;
    const now = this.deps.now();
    // A member already joined came into this replica when their phone connected here (`attach`).
    const existing = Object.hasOwn(state.audience.members, actor.memberId) ? state.audience.members[actor.memberId]! : undefined;
    // The engine's rules on a shadow first: the replica changes only once the member is durable.
    const shadow: ContestState = {
      ...state,
      audience: { members: existing ? { [actor.memberId]: { ...existing, answers: existing.answers.slice() } } : {}, count: 0, participants: {}, stats: {} },
    };
    const checked = reduce(shadow, command, { now, actor });
    if (!checked.ok) return checked;
    const m = shadow.audience.members[actor.memberId]!;
    try {
      await this.deps.writer.write([{ sql: UPSERT_MEMBER, args: [runtime.id, m.id, m.nickname, m.county, m.joinedAt] }]);
    } catch (e) {
      return { ok: false, error: { code: storageFailure(e) ?? 'server/internal' } };
    }
    const r = reduce(runtime.state, command, { now, actor });
    if (!r.ok) return r;
    if (this.deps.store && !existing) {
      this.#pendingOf(runtime.id).joins.push({ memberId: m.id, nickname: m.nickname, county: m.county });
      await this.#sent();
    }
    this.deps.changed(runtime, r.events);
    return { ok: true, events: r.events };
  }

  async #answer(runtime: ContestRuntime, command: unknown, memberId: string): Promise<AudienceResult> {
    const now = this.deps.now();
    const checked = checkAnswer(runtime.state, memberId, command, now);
    if (!checked.ok) return checked;
    const { answer, optionCount, county } = checked;
    try {
      await this.deps.writer.write([
        { sql: INSERT_ANSWER, args: [runtime.id, answer.openingId, memberId, JSON.stringify(answer.options), answer.at, answer.correct ? 1 : 0, answer.points, county], guard: true },
      ]);
    } catch (e) {
      if (e instanceof GuardError) {
        // Answered already, through another process this replica has not heard from: learn that answer.
        await this.#refresh(runtime, memberId).catch(this.deps.onError);
        return { ok: false, error: { code: 'contest/already-answered' } };
      }
      return { ok: false, error: { code: storageFailure(e) ?? 'server/internal' } };
    }
    // Durable: from here on the answer counts, even if the replica moved on (a reveal) meanwhile.
    const audience = runtime.state.audience;
    const member = audience.members[memberId]!;
    recordAnswer(audience, member, answer, optionCount, true);
    if (this.deps.store) {
      const tally: TallyAnswer = { memberId, options: answer.options, correct: answer.correct, points: answer.points, county };
      const pending = this.#pendingOf(runtime.id).answers;
      const batch = pending.get(answer.openingId) ?? { optionCount, list: [] };
      batch.list.push(tally);
      pending.set(answer.openingId, batch);
      let byOpening = this.#accepted.get(runtime.id);
      if (!byOpening) this.#accepted.set(runtime.id, (byOpening = new Map()));
      const list = byOpening.get(answer.openingId) ?? [];
      list.push(tally);
      byOpening.set(answer.openingId, list);
      // Accepted just before a reveal this replica has already applied: scored now, and the board read again.
      if (runtime.state.core.openings.some((o) => o.openingId === answer.openingId && o.revealed)) void this.#lateScore(runtime, answer.openingId, tally);
      // Acknowledged once the shared tally has it too, so a process dying right after the acknowledgement
      // leaves nothing uncounted. Batches follow one another back to back: one script call per batch, not per answer.
      await this.#sent();
    }
    const events: ContestEvent[] = [{ type: 'audience-answer', memberId, openingId: answer.openingId, answers: audience.stats[answer.openingId]?.answers ?? 0 }];
    this.deps.changed(runtime, events);
    return { ok: true, events };
  }

  /**
   * Makes sure a member who connects here is in this replica, with every answer the database holds for them
   * (they may have answered through another process). Null when the contest has no such member.
   */
  async attach(runtime: ContestRuntime, memberId: string): Promise<{ county: string | null } | null> {
    const known = Object.hasOwn(runtime.state.audience.members, memberId) ? runtime.state.audience.members[memberId]! : undefined;
    if (known && !this.shared) return known;
    const [row] = await this.#members(runtime.id, memberId);
    if (!row) return known ?? null;
    if (!known) restoreAudience(runtime.state, [{ memberId: row[0], nickname: row[1], county: row[2], joinedAt: row[3] }], [], () => 0, false);
    await this.#refresh(runtime, memberId);
    return runtime.state.audience.members[memberId] ?? null;
  }

  /** Reads a member's stored answers into the replica (answers already there stay as they are). */
  async #refresh(runtime: ContestRuntime, memberId: string) {
    const member = runtime.state.audience.members[memberId];
    if (!member) return;
    for (const [openingId, options, at, correct, points] of await this.#memberAnswers(runtime.id, memberId)) {
      recordAnswer(runtime.state.audience, member, { openingId, options: JSON.parse(options) as number[], at, correct: correct === 1, points }, 0, false);
    }
  }

  /**
   * Puts the stored audience into a state rebuilt from the log. With one process: every member and answer
   * (the replica is the whole audience). With a shared tally: the merged counters and the leaderboard;
   * members come in as their phones connect (`attach`).
   */
  async restore(runtime: { id: string; state: ContestState }, all = !this.shared): Promise<void> {
    if (all) {
      const members: StoredMember[] = (await this.#allMembers(runtime.id)).map(([memberId, nickname, county, joinedAt]) => ({ memberId, nickname, county, joinedAt }));
      const answers: StoredAnswer[] = (await this.#allAnswers(runtime.id)).map(([memberId, openingId, options, at, correct, points]) => ({
        memberId,
        openingId,
        options: JSON.parse(options) as number[],
        at,
        correct: correct === 1,
        points,
      }));
      answers.sort((a, b) => a.openingId - b.openingId);
      const optionCount = (openingId: number) => Math.max(0, ...answers.filter((a) => a.openingId === openingId).flatMap((a) => a.options)) + 1;
      restoreAudience(runtime.state, members, answers, optionCountOf(runtime.state, optionCount));
      return;
    }
    await this.#read(runtime.state, runtime.id, runtime.state.core.openings.map((o) => o.openingId));
  }

  async #read(state: ContestState, contestId: string, openingIds: number[]) {
    const r = await this.deps.store!.read(contestId, openingIds);
    const audience = state.audience;
    let moved = audience.count !== r.joined;
    audience.count = r.joined;
    audience.participants = r.participants;
    for (const [openingId, stats] of r.stats) {
      moved ||= audience.stats[openingId]?.answers !== stats.answers;
      audience.stats[openingId] = stats;
    }
    return moved;
  }

  #pendingOf(contestId: string) {
    let p = this.#pending.get(contestId);
    if (!p) this.#pending.set(contestId, (p = { joins: [], answers: new Map() }));
    return p;
  }

  /** Sends what this process took since the last time; a failed batch goes back to be sent again (the scripts count each member once). */
  async #flush(contestId: string) {
    const p = this.#pending.get(contestId);
    if (!p) return;
    this.#pending.delete(contestId);
    const store = this.deps.store!;
    try {
      await store.join(contestId, p.joins);
      p.joins = [];
      for (const [openingId, batch] of p.answers) {
        await store.count(contestId, openingId, batch.optionCount, batch.list);
        p.answers.delete(openingId);
      }
    } catch (err) {
      const again = this.#pendingOf(contestId);
      again.joins.unshift(...p.joins);
      for (const [openingId, batch] of p.answers) {
        const b = again.answers.get(openingId);
        if (b) b.list.unshift(...batch.list);
        else again.answers.set(openingId, batch);
      }
      throw err;
    }
  }

  /**
   * Resolves once what is pending now has been sent to the shared tally (or failed to be: it stays pending,
   * and the database still holds it for the reveal's check).
   */
  #sent(): Promise<void> {
    return new Promise((resolve) => {
      this.#waiters.push(resolve);
      if (!this.#flushing) this.#runFlush();
    });
  }

  #runFlush() {
    const waiters = this.#waiters;
    this.#waiters = [];
    this.#flushing = (async () => {
      for (const contestId of [...this.#pending.keys()]) await this.#flush(contestId).catch(this.deps.onError);
    })().finally(() => {
      this.#flushing = null;
      for (const w of waiters) w();
      if (this.#waiters.length) this.#runFlush();
    });
  }

  /** One sync round: send the batches, then read back the merged counters of every contest followed here that has not finished. */
  sync(): Promise<void> {
    // One process keeps the whole audience in its replica: there is no shared tally to send to or read.
    if (!this.deps.store) return Promise.resolve();
    if (!this.#syncing) {
      this.#syncing = (async () => {
        if (this.#pending.size) await this.#sent();
        for (const runtime of await this.deps.runtimes()) {
          const q = runtime.state.core.question;
          // Joins can come in through any process until the end: the joined count and participants are read
          // every round, the counters of the question on screen while it is open.
          if (runtime.state.core.phase === 'finished') continue;
          try {
            const openings = q?.openingId != null ? [q.openingId] : [];
            if (await this.#read(runtime.state, runtime.id, openings)) this.deps.changed(runtime, [{ type: 'audience-answer', memberId: '', openingId: q?.openingId ?? 0, answers: 0 }]);
          } catch (err) {
            this.deps.onError(err);
          }
        }
      })().finally(() => (this.#syncing = null));
    }
    return this.#syncing;
  }

  /** A replica applied entries: at a reveal, this process scores the answers it took for that opening. */
  changed(runtime: ContestRuntime, events: readonly ContestEvent[], owner: boolean) {
    if (!this.deps.store) return;
    for (const e of events) {
      if (e.type !== 'reveal') continue;
      void this.#scoreReveal(runtime, e.openingId, owner).catch(this.deps.onError);
    }
  }

  async #scoreReveal(runtime: ContestRuntime, openingId: number, owner: boolean) {
    const store = this.deps.store!;
    await this.#flush(runtime.id);
    await store.score(runtime.id, openingId, this.#accepted.get(runtime.id)?.get(openingId) ?? []);
    if (owner) await this.#settle(runtime, openingId);
  }

  async #lateScore(runtime: ContestRuntime, openingId: number, answer: TallyAnswer) {
    try {
      await this.#flush(runtime.id);
      await this.deps.store!.score(runtime.id, openingId, [answer]);
      this.deps.publishBoard(runtime.id, openingId);
      await this.readBoard(runtime, openingId);
    } catch (err) {
      this.deps.onError(err);
    }
  }

  /**
   * The owner at a reveal: waits until the shared tally holds every member and has counted and scored every
   * answer the database holds for the opening. What is still missing after `SETTLE_MS` (a process died
   * between acknowledging and sending) is sent again from the database — the scripts skip what they already
   * have. Then every process reads the leaderboard.
   */
  async #settle(runtime: ContestRuntime, openingId: number) {
    const store = this.deps.store!;
    const until = performance.now() + SETTLE_MS;
    for (;;) {
      const [[answers, members]] = (await this.#counts(runtime.id, openingId, runtime.id)) as [[number, number]];
      const p = await store.progress(runtime.id, openingId);
      if (p.counted >= answers && p.scored >= answers && p.members >= members) break;
      if (performance.now() >= until) {
        if (p.members < members) {
          await store.join(
            runtime.id,
            (await this.#allMembers(runtime.id)).map(([memberId, nickname, county]) => ({ memberId, nickname, county })),
          );
        }
        const rows: TallyAnswer[] = (await this.#openingAnswers(runtime.id, openingId)).map(([memberId, options, correct, points, county]) => ({
          memberId,
          options: JSON.parse(options) as number[],
          correct: correct === 1,
          points,
          county,
        }));
        await store.count(runtime.id, openingId, optionCountOf(runtime.state, () => 0)(openingId), rows);
        await store.score(runtime.id, openingId, rows);
        break;
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    this.deps.publishBoard(runtime.id, openingId);
    await this.readBoard(runtime, openingId);
  }

  /** Reads the shared leaderboard and the opening's final counters into the replica, with each local member's rank. */
  async readBoard(runtime: ContestRuntime, openingId: number) {
    const state = runtime.state;
    const local = Object.values(state.audience.members).map((m) => ({ memberId: m.id, score: localScore(state, m).score }));
    const thresholds = new Map([...new Set(local.map((m) => m.score))].map((s) => [s, aboveValue(s)]));
    const size = state.config.audience.leaderboardSize;
    const [r] = await Promise.all([this.deps.store!.board(runtime.id, size, thresholds), this.#read(state, runtime.id, [openingId])]);
    const current = runtime.state.core;
    // Applies only while that reveal still stands (an undo may have taken it back meanwhile).
    if (!current.openings.some((o) => o.openingId === openingId && o.revealed)) return;
    current.board = sharedBoard(r.top, r.ranked, r.above, local, size, openingId);
    this.deps.board(runtime);
  }

  /** Forgets a contest's audience (a rehearsal reset): shared tally and this process's batches. */
  async clear(contestId: string) {
    this.forget(contestId);
    await this.deps.store?.clear(contestId);
  }

  /** Drops this process's batches and accepted answers of a contest (reset elsewhere: its openings start again). */
  forget(contestId: string) {
    this.#pending.delete(contestId);
    this.#accepted.delete(contestId);
  }

  deleteStatements(contestId: string) {
    return [
      { sql: 'DELETE FROM contest_audience_answers WHERE contest_id = ?', args: [contestId] },
      { sql: 'DELETE FROM contest_audience WHERE contest_id = ?', args: [contestId] },
    ];
  }

  stop() {
    if (this.#ticker) clearInterval(this.#ticker);
  }
}

/** Option count of each opening's question, from the config (falls back to `fallback` for an opening the core no longer lists). */
function optionCountOf(state: ContestState, fallback: (openingId: number) => number) {
  return (openingId: number) => {
    const o = state.core.openings.find((x) => x.openingId === openingId);
    const round = o ? state.config.rounds[o.roundIndex] : undefined;
    const question = round && 'questions' in round ? round.questions[o!.questionIndex] : undefined;
    return question ? displayOptions(question).length : fallback(openingId);
  };
}
