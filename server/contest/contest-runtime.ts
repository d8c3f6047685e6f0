import { createContest, reduce, replay, type Actor, type ContestConfig, type ContestError, type ContestEvent, type ContestState, type LoggedCommand } from '../../shared/contest/index.js';
import type { Database } from '../db/client.js';
import { ChainError, GuardError, type Writer } from '../db/writer.js';
import { storageFailure, type StorageFailure } from '../db/health.js';
import type { LogEntry } from '../coordination/coordination.js';

/** One contest log entry as read back. */
export interface LogRow {
  seq: number;
  at: number;
  actor: Actor;
  command: unknown;
}
/** Reads up to `limit` log entries of a contest after `afterSeq`, in order. */
export type LogReader = (contestId: string, afterSeq: number, limit: number) => Promise<LogRow[]>;

/** Log entries are read and replayed this many at a time, so a long contest's recovery holds one page in memory, not the whole log. */
export const LOG_PAGE = 20_000;

/**
 * Reads a contest's log as prepared plain rows (`Database.read`): on a local file the client's object per
 * row and drizzle's mapping of every column were most of the time of recovering a long contest.
 */
export function logReader(database: Database): LogReader {
  const page = database.read<[number, number, string, string]>('SELECT seq, at, actor, command FROM contest_log WHERE contest_id = ? AND seq > ? ORDER BY seq LIMIT ?');
  return async (contestId, afterSeq, limit) =>
    (await page(contestId, afterSeq, limit)).map(([seq, at, actor, command]) => ({ seq, at, actor: JSON.parse(actor) as Actor, command: JSON.parse(command) as unknown }));
}

export type DispatchResult =
  | { ok: true; events: ContestEvent[] }
  | { ok: false; error: ContestError | { code: 'server/internal' | 'contest/owner-moved' | StorageFailure } | { code: 'contest/read-only'; params: { seq: number } } };

/**
 * A log append, fenced: it inserts only while the contest's epoch is still the one this owner raised and
 * the entry before it is in the log, both checked by the INSERT itself. A guard of the writer, so an
 * append that fails either check is refused (and with it the rest of that owner's queued entries).
 */
const APPEND_SQL =
  'INSERT INTO contest_log (contest_id, seq, at, actor, command) SELECT ?, ?, ?, ?, ? ' +
  'WHERE EXISTS (SELECT 1 FROM contest_epochs WHERE contest_id = ? AND epoch = ?) ' +
  'AND coalesce((SELECT max(seq) FROM contest_log WHERE contest_id = ?), 0) = ?';


export interface RuntimeDeps {
  writer: Writer;
  now: () => number;
  /** Whether this process still holds the contest's lease, by its own clock. */
  holds(): boolean;
  /** After a command took effect: `owner` when this process ran it, false when it replayed the owner's entry. */
  changed(runtime: ContestRuntime, events: ContestEvent[], owner: boolean): void;
  /** The log could not be written: the in-memory state is no longer trustworthy. */
  broken(id: string): void;
  /** The owner tells the other processes what it logged; settles once it has left (null: there are none to tell). */
  logged(entry: LogEntry): Promise<void> | null;
}

/**
 * One live contest in memory: the engine state and the seq of the last log entry in it. On the
 * owner process it also decides the order of commands (one at a time, synchronously), appends each
 * to the log, which must commit before anyone hears of it, and runs the phase timer. On every other
 * process it is a replica that applies the owner's entries in seq order, so each process can serve
 * its own sockets. Built by replaying the log, which is also how a restart or a takeover recovers.
 */
export class ContestRuntime {
  #timer: NodeJS.Timeout | null = null;
  #seq: number;
  #broken = false;
  #owned = false;
  /** The fencing token every append of this owner carries (see `contestEpochs`). */
  #epoch = 0;
  #waiters = new Set<{ seq: number; resolve: () => void }>();
  /**
   * Set when the log could not be replayed past an entry: the contest is served as it stood before that
   * entry, and every command is refused with a message saying so, instead of "internal error".
   */
  readOnly: { seq: number } | null = null;

  constructor(
    readonly id: string,
    readonly pin: string,
    readonly rehearsal: boolean,
    public state: ContestState,
    seq: number,
    private readonly deps: RuntimeDeps,
  ) {
    this.#seq = seq;
  }

  get seq() {
    return this.#seq;
  }
  get owned() {
    return this.#owned && !this.#broken && this.deps.holds();
  }

  /**
   * Runs a command on the owner: reduce, append to the log, and only after the commit tell the
   * listeners and the other processes. A rejection is a value and changes nothing. If the log cannot
   * be written (a disk error, or another process took over and wrote this seq first), the runtime is
   * dropped and rebuilt from the log on next use.
   */
  async dispatch(command: unknown, actor: Actor): Promise<(DispatchResult & { seq?: number }) | { ok: false; notOwner: true }> {
    if (this.readOnly) return { ok: false, error: { code: 'contest/read-only', params: { seq: this.readOnly.seq } } };
    if (this.#broken) return { ok: false, error: { code: 'server/internal' } };
    // Not the owner, or no longer by this process's own clock (a stall outlived the lease): not ours to decide.
    if (!this.owned) return { ok: false, notOwner: true };
    const at = this.deps.now();
    const r = reduce(this.state, command, { now: at, actor });
    if (!r.ok) return r;
    this.state = r.state;
    const seq = ++this.#seq;
    try {
      // Team-level steps are few and everyone is waiting to see them: commit at once. Audience answers
      // arrive by the thousand and share the group commit.
      await this.deps.writer.write(
        [{ sql: APPEND_SQL, args: [this.id, seq, at, JSON.stringify(actor), JSON.stringify(command), this.id, this.#epoch, this.id, seq - 1], guard: true }],
        [],
        { urgent: actor.role !== 'audience', chain: `contest_log:${this.id}:${this.#epoch}` },
      );
    } catch (e) {
      // Refused (fenced off by a newer owner, or the write failed): this copy holds entries the log does
      // not. Every later entry already queued is refused with it (same chain); rebuild once from the log.
      if (!this.#broken) {
        this.#broken = true;
        this.stop();
        this.deps.broken(this.id);
      }
      // The fence refused the append (a newer owner raised the epoch while this process stalled) or an earlier
      // entry of this owner's was refused: the contest moved on elsewhere, which the device is told as such —
      // not as an internal error — and it tries again at the new owner.
      if (e instanceof GuardError || e instanceof ChainError) return { ok: false, error: { code: 'contest/owner-moved' } };
      return { ok: false, error: { code: storageFailure(e) ?? 'server/internal' } };
    }
    const published = this.deps.logged({ contestId: this.id, seq, at, actor, command });
    // A step everyone watches: let the entry leave for the other processes before this one starts its
    // own fan-out (a long synchronous loop the write would otherwise wait behind), so they fan out
    // alongside it. Audience answers are fanned out only in coalesced summaries: no wait.
    if (published && actor.role !== 'audience') await published;
    this.#changed(r.events, true);
    return { ok: true, events: r.events, seq };
  }

  /**
   * A replica applies the owner's entry. `stale`: already in; `gap`: an earlier one is missing (read
   * the log); `bad`: the engine refuses what the owner accepted, so this replica must be rebuilt.
   */
  apply(entry: { seq: number; at: number; actor: Actor; command: unknown }): 'applied' | 'stale' | 'gap' | 'bad' {
    if (entry.seq <= this.#seq) return 'stale';
    if (entry.seq !== this.#seq + 1) return 'gap';
    const r = reduce(this.state, entry.command, { now: entry.at, actor: entry.actor });
    if (!r.ok) return 'bad';
    this.state = r.state;
    this.#seq = entry.seq;
    this.#changed(r.events, false);
    return 'applied';
  }

  #changed(events: ContestEvent[], owner: boolean) {
    if (owner && events.some(rearms)) this.#armTimer();
    for (const w of this.#waiters) {
      if (this.#seq < w.seq) continue;
      this.#waiters.delete(w);
      w.resolve();
    }
    this.deps.changed(this, events, owner);
  }

  /** Resolves true once this copy holds entry `seq`, false after `timeoutMs` without it. */
  reach(seq: number, timeoutMs: number): Promise<boolean> {
    if (this.#seq >= seq) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = { seq, resolve: () => (clearTimeout(timer), resolve(true)) };
      const timer = setTimeout(() => (this.#waiters.delete(waiter), resolve(false)), timeoutMs);
      this.#waiters.add(waiter);
    });
  }

  /** This process now holds the lease, raised the epoch to `epoch` and then read the log to its end: run commands and the timer. */
  promote(epoch: number) {
    this.#epoch = epoch;
    this.#owned = true;
    this.#armTimer();
  }

  /** The lease went to another process: stop deciding, keep following. */
  demote() {
    this.#owned = false;
    this.stop();
  }

  /** One timer per contest, for the current phase; a stale one firing is ignored by the engine. */
  #armTimer() {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const { core, pausedAt, phaseId } = this.state;
    if (!this.#owned || core.deadline === null || pausedAt !== null || core.phase === 'finished') return;
    const delay = Math.max(0, core.deadline - this.deps.now());
    this.#timer = setTimeout(() => void this.dispatch({ type: 'timer:expire', phaseId }, { role: 'system' }), Math.min(delay, 2 ** 31 - 1));
  }

  stop() {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }
}

/** Events after which the phase timer must be set again. */
const rearms = (e: ContestEvent) => e.type === 'timer' || e.type === 'phase' || e.type === 'paused' || e.type === 'resumed' || e.type === 'undo';

/**
 * A contest's state as its log makes it, read and replayed a page at a time. An entry the engine refuses ends
 * it: the state before that entry comes back with the entry's seq and the reason (the contest is then read-only).
 */
export async function replayLog(readLog: LogReader, id: string, config: ContestConfig): Promise<{ state: ContestState; seq: number; failed: { seq: number; reason: string } | null }> {
    let state = createContest(config);
    let seq = 0;
    let failed: { seq: number; reason: string } | null = null;
    for (;;) {
      const page = await readLog(id, seq, LOG_PAGE);
      const entries: LoggedCommand[] = page.map((e) => ({ command: e.command, actor: e.actor, now: e.at }));
      const replayed = replay(config, entries, state);
      state = replayed.state;
      // A command the engine accepted once is accepted again on replay; anything else (a forked log, a
      // rule changed under a running contest) is served read-only as it stood before that entry.
      if (!replayed.ok) {
        failed = { seq: page[replayed.index]!.seq, reason: `no longer replays (${replayed.error.code})` };
        seq = replayed.index > 0 ? page[replayed.index - 1]!.seq : seq;
        break;
      }
      seq = page.at(-1)?.seq ?? seq;
      if (page.length < LOG_PAGE) break;
    }
    return { state, seq, failed };
  }
