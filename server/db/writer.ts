import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker, type WorkerOptions } from 'node:worker_threads';
import type { Client, InValue } from '@libsql/client';
import { type NativeStatement, openNativeDatabase, type SyncMode } from './native.js';

const IDENT = /^[a-z_][a-z0-9_]*$/;
const checkIdentifiers = (names: readonly string[]) => {
  for (const name of names) if (!IDENT.test(name)) throw new Error(`bad identifier ${name}`);
};

/**
 * A table of counters: rows found by their key columns, counters added to (a row missing is created).
 * Declared once per shape; its identifiers are checked then, its UPSERT text built once per row count.
 */
export class Counters {
  constructor(
    readonly table: string,
    readonly keyCols: readonly string[],
    readonly incCols: readonly string[],
  ) {
    checkIdentifiers([table, ...keyCols, ...incCols]);
    if (!keyCols.length || !incCols.length) throw new Error(`counters of ${table} need key and counter columns`);
  }

  /** Add `inc` (in `incCols` order) to the row whose key columns hold `key`. */
  add(key: InValue[], inc: number[]): Increment {
    if (key.length !== this.keyCols.length || inc.length !== this.incCols.length) throw new Error(`${this.table}: ${key.length} key and ${inc.length} counter values for ${this.keyCols.length} and ${this.incCols.length} columns`);
    return { counters: this, key, inc };
  }
}

/**
 * A counter increment (made by `Counters.add`). Increments to the same row from many jobs are summed
 * before they reach SQLite, and the rows of one table go in multi-row UPSERTs, so a burst of thousands
 * of answers costs a few statements per table, not one per answer.
 */
export interface Increment {
  counters: Counters;
  key: InValue[];
  inc: number[];
}

/**
 * A statement of a job. With `guard`, it must change at least one row or its whole job is refused:
 * the database's own check that what a process believed (an attempt still open, a score not changed
 * meanwhile, a limit not yet reached) still holds when several processes share one database.
 */
export interface WriteStatement {
  sql: string;
  args: InValue[];
  guard?: boolean;
}

/** A guard changed no row: the job was refused and nothing of it was written. */
export class GuardError extends Error {
  constructor(
    readonly sql: string,
    /** Position of the guard among the statements of the transaction. */
    readonly index: number,
  ) {
    super(`guard failed: ${sql}`);
  }
}

/**
 * A later job of a chain whose earlier job was refused: refused with it, never committed after it. A
 * contest's log entries form a chain per owner, so one refused entry (a stale owner fenced off, a write
 * error) can never leave a hole that the entries queued behind it would commit past.
 */
export class ChainError extends Error {
  constructor(readonly chain: string) {
    super(`an earlier write of ${chain} was refused`);
  }
}

/**
 * A group commit as it goes to an executor: flat arrays of plain values, which cost little to build
 * on the event loop and to copy to the writer thread (a list of small objects costs several times more).
 */
export interface EncodedBatch {
  /** Distinct statement texts. */
  sql: string[];
  /** Per statement: index into `sql`, 1 if a guard else 0, argument count, the arguments. */
  statements: InValue[];
  /** Distinct counter tables: table, key columns, counter columns. */
  counters: [string, string[], string[]][];
  /** Per increment: index into `counters`, the key values, the counter values. */
  increments: InValue[];
  /** Per job (JOB_FIELDS numbers): where its statements and increments lie in the arrays above, and its statement count. */
  jobs: number[];
  /** Per job its chain (see `ChainError`) or null; absent when no job of the batch has one. */
  chains?: (string | null)[];
}

/** Numbers per job in `EncodedBatch.jobs`: statements from, to; increments from, to; statement count. */
const JOB_FIELDS = 5;

/** Encodes jobs' statements and increments, in order, as one batch. */
export function encodeBatch(jobs: readonly { statements: readonly WriteStatement[]; increments: readonly Increment[]; chain?: string }[]): EncodedBatch {
  const batch: EncodedBatch = { sql: [], statements: [], counters: [], increments: [], jobs: [] };
  const sqlIndex = new Map<string, number>();
  const counterIndex = new Map<Counters, number>();
  const { statements, increments } = batch;
  for (const job of jobs) {
    const from = statements.length;
    const incFrom = increments.length;
    for (const st of job.statements) {
      let i = sqlIndex.get(st.sql);
      if (i === undefined) {
        i = batch.sql.push(st.sql) - 1;
        sqlIndex.set(st.sql, i);
      }
      statements.push(i, st.guard ? 1 : 0, st.args.length);
      for (const a of st.args) statements.push(a);
    }
    for (const { counters, key, inc } of job.increments) {
      let i = counterIndex.get(counters);
      if (i === undefined) {
        i = batch.counters.push([counters.table, [...counters.keyCols], [...counters.incCols]]) - 1;
        counterIndex.set(counters, i);
      }
      increments.push(i);
      for (const v of key) increments.push(v);
      for (const v of inc) increments.push(v);
    }
    batch.jobs.push(from, statements.length, incFrom, increments.length, job.statements.length);
  }
  if (jobs.some((j) => j.chain !== undefined)) batch.chains = jobs.map((j) => j.chain ?? null);
  return batch;
}

/** The jobs of a batch at these positions, as a batch of their own (same statement texts and counter tables). */
function pickJobs(batch: EncodedBatch, picked: readonly number[]): EncodedBatch {
  const out: EncodedBatch = { sql: batch.sql, statements: [], counters: batch.counters, increments: [], jobs: [] };
  if (batch.chains) out.chains = picked.map((j) => batch.chains![j]!);
  for (const j of picked) {
    const [from, to, incFrom, incTo, count] = batch.jobs.slice(j * JOB_FIELDS, j * JOB_FIELDS + JOB_FIELDS) as [number, number, number, number, number];
    out.jobs.push(out.statements.length, out.statements.length + to - from, out.increments.length, out.increments.length + incTo - incFrom, count);
    for (let k = from; k < to; k++) out.statements.push(batch.statements[k]!);
    for (let k = incFrom; k < incTo; k++) out.increments.push(batch.increments[k]!);
  }
  return out;
}

/** What became of a batch's jobs: statements run, and per job null (committed) or the error that refused it. */
export interface JobsResult {
  count: number;
  refused: unknown[];
}

/**
 * Commits a batch's jobs with `attempt` (one all-or-nothing transaction per call): all together if it can.
 * A failing job never takes its neighbours down: a job whose guard changes no row is refused alone and the
 * others committed together; on any other error each job is tried on its own. Every retry is done before
 * this returns, so batches committed one after another stay in order.
 */
export async function commitJobs(batch: EncodedBatch, attempt: BatchExecutor): Promise<JobsResult> {
  const n = batch.jobs.length / JOB_FIELDS;
  const refused: unknown[] = new Array<unknown>(n).fill(null);
  const statementsOf = (j: number) => batch.jobs[j * JOB_FIELDS + 4]!;
  const chainOf = (j: number) => batch.chains?.[j] ?? null;
  /** Refuses job j and every later live job of its chain (they must not commit past the hole it leaves). */
  const refuse = (j: number, e: unknown, live: number[]): number[] => {
    refused[j] = e;
    const chain = chainOf(j);
    return live.filter((k) => {
      if (k === j) return false;
      if (chain === null || k < j || chainOf(k) !== chain) return true;
      refused[k] = new ChainError(chain);
      return false;
    });
  };
  let live = Array.from({ length: n }, (_, j) => j);
  while (live.length) {
    try {
      return { count: await attempt(live.length === n ? batch : pickJobs(batch, live)), refused };
    } catch (e) {
      if (e instanceof GuardError) {
        // The guard's position among the statements names its job: refuse that one, commit the rest.
        let at = e.index;
        const culprit = live.find((j) => (at -= statementsOf(j)) < 0);
        if (culprit !== undefined) {
          live = refuse(culprit, new GuardError(e.sql, at + statementsOf(culprit)), live);
          continue;
        }
      }
      if (live.length === 1) {
        refused[live[0]!] = e;
        break;
      }
      let count = 0;
      for (const j of live) {
        if (refused[j] !== null) continue; // a later job of a chain refused just before it
        try {
          count += await attempt(pickJobs(batch, [j]));
        } catch (alone) {
          refuse(j, alone, live);
        }
      }
      return { count, refused };
    }
  }
  return { count: 0, refused };
}

/**
 * Commits batches job by job (`commitJobs`). `ordered`: it takes a batch while earlier ones are still in
 * hand and commits them in the order given, so a writer may hand over the next group before the previous
 * one's result is back.
 */
export interface Committer {
  commit(batch: EncodedBatch): Promise<JobsResult>;
  readonly ordered: boolean;
  /** Takes in at once any results that have arrived but not yet been delivered (see `Writer.poll`). */
  poll?(): void;
}

/** Calls `fn` for each statement of a batch, in order, with its position. */
export function eachStatement(batch: EncodedBatch, fn: (sql: string, args: InValue[], guard: boolean, index: number) => void): void {
  const s = batch.statements;
  for (let at = 0, index = 0; at < s.length; index++) {
    const sql = batch.sql[s[at] as number]!;
    const guard = s[at + 1] === 1;
    const argc = s[at + 2] as number;
    fn(sql, s.slice(at + 3, at + 3 + argc), guard, index);
    at += 3 + argc;
  }
}

/** Multi-row UPSERT texts by table shape and row count. */
const upsertSql = new Map<string, string>();
function upsertFor(table: string, keyCols: string[], incCols: string[], rows: number): string {
  const shape = `${table}|${keyCols.join(',')}|${incCols.join(',')}|${rows}`;
  let sql = upsertSql.get(shape);
  if (sql === undefined) {
    // The texts come from the batch: check the names again where they become SQL.
    checkIdentifiers([table, ...keyCols, ...incCols]);
    const cols = [...keyCols, ...incCols];
    const row = `(${cols.map(() => '?').join(', ')})`;
    sql = `INSERT INTO ${table} (${cols.join(', ')}) VALUES ${Array.from({ length: rows }, () => row).join(', ')} ON CONFLICT (${keyCols.join(', ')}) DO UPDATE SET ${incCols.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`;
    if (upsertSql.size > 1000) upsertSql.clear();
    upsertSql.set(shape, sql);
  }
  return sql;
}

/** Rows per UPSERT statement: a row count is split into these, so each table needs at most seven statement texts. */
const CHUNKS = [64, 32, 16, 8, 4, 2, 1];

/**
 * Sums a batch's increments by row and renders them as multi-row UPSERTs, one table after another.
 * Rows are told apart by counter table and key values.
 */
export function incrementStatements(batch: EncodedBatch): { sql: string; args: InValue[] }[] {
  const byTable = batch.counters.map(() => new Map<string, InValue[]>()); // row id → key values, then counters
  const v = batch.increments;
  for (let at = 0; at < v.length; ) {
    const t = v[at] as number;
    const [, keyCols, incCols] = batch.counters[t]!;
    const k = keyCols.length;
    let id = '';
    for (let j = 1; j <= k; j++) {
      const x = v[at + j];
      id += `${typeof x === 'string' ? 's' : 'n'}${String(x)}\u0000`;
    }
    const rows = byTable[t]!;
    const row = rows.get(id);
    if (row) for (let j = 0; j < incCols.length; j++) (row[k + j] as number) += v[at + 1 + k + j] as number;
    else rows.set(id, v.slice(at + 1, at + 1 + k + incCols.length));
    at += 1 + k + incCols.length;
  }
  const out: { sql: string; args: InValue[] }[] = [];
  byTable.forEach((rows, t) => {
    const [table, keyCols, incCols] = batch.counters[t]!;
    const all = [...rows.values()];
    for (let from = 0; from < all.length; ) {
      const n = CHUNKS.find((c) => c <= all.length - from)!;
      const args: InValue[] = [];
      for (let r = from; r < from + n; r++) for (const x of all[r]!) args.push(x);
      out.push({ sql: upsertFor(table, keyCols, incCols, n), args });
      from += n;
    }
  });
  return out;
}

/**
 * Runs a batch's statements, then its increments merged by row, as one transaction; rejects (having
 * rolled back) if any fails or a guard changes nothing. Resolves to the number of statements run.
 */
export type BatchExecutor = (batch: EncodedBatch) => Promise<number>;

/**
 * The portable executor, for local files and remote servers alike: the libSQL client's batch, or an
 * interactive transaction when a guard has to be checked between statements.
 */
export function clientExecutor(client: Client): BatchExecutor {
  return async (batch) => {
    const all: { sql: string; args: InValue[]; guard?: boolean }[] = [];
    eachStatement(batch, (sql, args, guard) => all.push({ sql, args, guard }));
    all.push(...incrementStatements(batch));
    if (!all.some((st) => st.guard)) {
      if (all.length) await client.batch(all.map(({ sql, args }) => ({ sql, args })), 'write');
      return all.length;
    }
    const tx = await client.transaction('write');
    try {
      for (const [i, st] of all.entries()) {
        const rs = await tx.execute({ sql: st.sql, args: st.args });
        if (st.guard && rs.rowsAffected === 0) throw new GuardError(st.sql, i);
      }
      await tx.commit();
    } finally {
      tx.close();
    }
    return all.length;
  };
}

/**
 * The fast executor for a local file: its own native connection (WAL, `synchronous` per `sync`) with
 * prepared statements cached by SQL text. The libSQL client prepares every statement on every call,
 * which dominated the cost of a group commit; here a burst of submissions reuses a handful of
 * statements. Everything runs synchronously inside one call, so it never interleaves with the
 * client's own connection.
 */
export function nativeExecutor(file: string, sync: SyncMode = 'full'): BatchExecutor & { close(): void } {
  const db = openNativeDatabase(file, sync);
  const cache = new Map<string, NativeStatement>();
  const prepared = (sql: string) => {
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      if (cache.size > 500) cache.clear();
      cache.set(sql, stmt);
    }
    return stmt;
  };
  const toArgs = (args: InValue[]) => {
    for (let i = 0; i < args.length; i++) {
      const v = args[i];
      if (typeof v === 'boolean') args[i] = v ? 1 : 0;
      else if (v instanceof ArrayBuffer) args[i] = Buffer.from(v) as unknown as InValue;
    }
    return args;
  };
  const run: BatchExecutor = async (batch) => {
    if (batch.statements.length === 0 && batch.increments.length === 0) return 0;
    let count = 0;
    db.exec('BEGIN IMMEDIATE');
    try {
      eachStatement(batch, (sql, args, guard, i) => {
        if (prepared(sql).run(...toArgs(args)).changes === 0 && guard) throw new GuardError(sql, i);
        count++;
      });
      for (const st of incrementStatements(batch)) {
        prepared(st.sql).run(...st.args);
        count++;
      }
      db.exec('COMMIT');
    } catch (e) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw e;
    }
    return count;
  };
  return Object.assign(run, { close: () => db.close() });
}

/**
 * A worker thread running the module `name` that sits beside `base` (this module by default): built (`dist/<name>.mjs`, see
 * `scripts/build-server.ts`) when this code runs from the build, else its TypeScript source. Node 20 does
 * not pass `--import tsx` on to workers, so a source worker loads its module through tsx's API (its ESM
 * entry, as tsx's package exports name it).
 */
export function moduleWorker(name: string, workerData: unknown, transferList: MessagePort[] = [], base: string = import.meta.url, options: WorkerOptions = {}): Worker {
  if (!base.endsWith('.ts')) return new Worker(new URL(`./${name}.mjs`, base), { ...options, workerData, transferList });
  const require = createRequire(import.meta.url);
  const tsxDir = path.dirname(require.resolve('tsx/package.json'));
  const exports = (JSON.parse(readFileSync(path.join(tsxDir, 'package.json'), 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports;
  const api = pathToFileURL(path.join(tsxDir, exports['./esm/api']!.import.default)).href;
  const target = JSON.stringify(new URL(`./${name}.ts`, base).href);
  return new Worker(`import(${JSON.stringify(api)}).then(({ tsImport }) => tsImport(${target}, ${target}))`, { ...options, eval: true, workerData, transferList });
}

/** An error as it crosses from the writer thread: its message, SQLite's code, and for a guard its statement. */
export interface ThreadError {
  message: string;
  code?: string;
  guard?: { sql: string; index: number };
  chain?: string;
}

export function toThreadError(e: unknown): ThreadError {
  const err = e as Error & { code?: string };
  return { message: String(err?.message ?? e), code: err?.code, guard: e instanceof GuardError ? { sql: e.sql, index: e.index } : undefined, chain: e instanceof ChainError ? e.chain : undefined };
}

function fromThreadError(e: ThreadError): Error {
  if (e.guard) return new GuardError(e.guard.sql, e.guard.index);
  if (e.chain !== undefined) return new ChainError(e.chain);
  return Object.assign(new Error(e.message), { code: e.code });
}

/** What the writer thread answers for one batch: per job null or why it was refused; or why the batch could not be run at all. */
export type ThreadReply = { id: number; ok: true; count: number; refused: (ThreadError | null)[] } | ({ id: number; ok: false } & ThreadError);

/**
 * The native executor on a thread of its own (`writer-thread.ts`), as an ordered committer: SQLite's work
 * for a group commit (the statements, the merging of increments, COMMIT and the WAL checkpoints it
 * triggers, and any job-by-job retries) leaves the event loop, which meanwhile parses, grades and answers
 * the next requests. A batch crosses by structured clone, once. If the thread dies, every batch in flight
 * and every later one is rejected: nothing is acknowledged that was not committed.
 */
export function writerThread(file: string, sync: SyncMode = 'full'): Committer & { ready: Promise<void>; died: Promise<Error>; poll(): void; close(): Promise<void> } {
  // Replies come back on a port of their own, so the event loop can also take them in between requests.
  const { port1: replies, port2: replyPort } = new MessageChannel();
  const worker = moduleWorker('writer-thread', { file, sync, replies: replyPort }, [replyPort]);
  const waiting = new Map<number, { resolve: (r: JobsResult) => void; reject: (e: unknown) => void }>();
  let nextId = 0;
  let dead: Error | null = null;
  let closing = false;
  let started: { resolve: () => void; reject: (e: unknown) => void };
  let death: (e: Error) => void;
  // Settles with the reason if the thread ends other than by `close()`: no write can be acknowledged after.
  const died = new Promise<Error>((resolve) => (death = resolve));
  // Settles once the thread has its connection open, or with the reason it could not.
  const ready = new Promise<void>((resolve, reject) => (started = { resolve, reject }));
  ready.catch(() => {});
  const fail = (e: Error) => {
    dead ??= e;
    if (!closing) death(dead);
    started.reject(dead);
    for (const w of waiting.values()) w.reject(dead);
    waiting.clear();
  };
  const hear = (reply: ThreadReply | 'ready') => {
    if (reply === 'ready') return started.resolve();
    const w = waiting.get(reply.id);
    if (!w) return;
    waiting.delete(reply.id);
    if (reply.ok) w.resolve({ count: reply.count, refused: reply.refused.map((e) => e && fromThreadError(e)) });
    else w.reject(fromThreadError(reply));
  };
  replies.on('message', hear);
  worker.on('error', (e) => fail(e));
  worker.on('exit', (code) => {
    replies.close();
    fail(new Error(`writer thread exited (${code})`));
  });
  return {
    // The thread runs batches one at a time in the order sent: the next can be sent before this one's result.
    ordered: true,
    commit: (batch) =>
      new Promise((resolve, reject) => {
        if (dead) return reject(dead);
        const id = nextId++;
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, batch });
      }),
    ready,
    died,
    poll: () => {
      for (let m = receiveMessageOnPort(replies); m; m = receiveMessageOnPort(replies)) hear(m.message as ThreadReply);
    },
    close: async () => {
      if (dead) return;
      closing = true;
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.postMessage({ close: true });
      await exited;
    },
  };
}

interface Job {
  statements: WriteStatement[];
  increments: Increment[];
  chain?: string;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/**
 * The single writer: callers enqueue statements (and counter increments) and get a promise that
 * settles after the commit that contains them. A job arriving at an idle writer waits `windowMs` for
 * company (or until `maxBatch` are queued); jobs arriving during a commit form the next group, committed
 * when that one ends or `windowMs` after it began, whichever is later: one transaction for the whole burst,
 * and under load larger groups rather than more of them (a commit's cost is mostly per group). A failing job never
 * takes its neighbours down: a refused guard drops its own job from the batch; on any other batch
 * error each job is retried on its own.
 */
export class Writer {
  #queue: Job[] = [];
  #timer: NodeJS.Timeout | null = null;
  /** Groups handed to the committer whose results are not back yet. */
  #inFlight: Promise<void>[] = [];
  #closed = false;
  /** Commits and statements written, for benchmarks and health. */
  readonly stats = { commits: 0, jobs: 0, statements: 0, busyMs: 0, maxBatchMs: 0 };

  readonly #committer: Committer;
  /** How many groups may be in hand at once: two for a committer that keeps them in order, else one. */
  readonly #depth: number;

  constructor(
    target: Client | BatchExecutor | Committer,
    private readonly windowMs = 20,
    private readonly maxBatch = 2000,
  ) {
    if (typeof target !== 'function' && 'ordered' in target) this.#committer = target;
    else {
      const run = typeof target === 'function' ? target : clientExecutor(target);
      this.#committer = { ordered: false, commit: (batch) => commitJobs(batch, run) };
    }
    this.#depth = this.#committer.ordered ? 2 : 1;
  }

  /**
   * Queues statements to commit atomically together; resolves once they are durable. `urgent` commits
   * on the next turn of the event loop instead of waiting out the group-commit window — for the rare
   * write someone is watching for (a host's step), not for the thousands that arrive together. `chain`:
   * if an earlier write of the same chain in the same group is refused, this one is refused too
   * (`ChainError`) rather than committed after the hole.
   */
  write(statements: WriteStatement[], increments: Increment[] = [], opts: { urgent?: boolean; chain?: string } = {}): Promise<void> {
    if (this.#closed) return Promise.reject(new Error('writer is closed'));
    return new Promise((resolve, reject) => {
      this.#queue.push({ statements, increments, chain: opts.chain, resolve, reject });
      if (this.#queue.length >= this.maxBatch) void this.flush();
      else if (opts.urgent) {
        if (this.#timer) clearTimeout(this.#timer);
        this.#timer = setTimeout(() => void this.flush(), 0);
      } else this.#timer ??= setTimeout(() => void this.flush(), this.windowMs);
    });
  }

  get pending(): number {
    return this.#queue.length;
  }

  /**
   * Takes in finished commits now rather than when the event loop next gets round to them. Under load
   * a commit's reply from the writer thread would wait behind every request already read; the server
   * calls this as each request arrives, so acknowledgements go out (and the next group is sent) sooner.
   */
  poll(): void {
    this.#committer.poll?.();
  }

  /**
   * Commits everything queued so far. With a committer that keeps groups in order, the next group is
   * handed over while the previous one is still being committed, so the writer thread goes from one
   * commit to the next without waiting for this event loop to take in a result and send more.
   */
  async flush(): Promise<void> {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    while (this.#inFlight.length >= this.#depth) await Promise.race(this.#inFlight);
    if (this.#queue.length === 0) {
      // Nothing new: what the caller waits for is already in hand.
      await Promise.all(this.#inFlight);
      return;
    }
    const jobs = this.#queue;
    this.#queue = [];
    const began = performance.now();
    const done: Promise<void> = this.#commit(jobs).finally(() => void this.#inFlight.splice(this.#inFlight.indexOf(done), 1));
    this.#inFlight.push(done);
    await done;
    // What queued up during that commit is the next group: committed once the window since this one began
    // has passed (at once if the commit took longer), so a busy writer commits larger groups, not more of them.
    if (this.#queue.length > 0 && this.#inFlight.length < this.#depth) {
      const wait = this.windowMs - (performance.now() - began);
      if (wait >= 1 && this.#queue.length < this.maxBatch) this.#timer ??= setTimeout(() => void this.flush(), wait);
      else void this.flush();
    }
  }

  /** Commits one group and settles each of its jobs; never rejects. */
  async #commit(jobs: Job[]): Promise<void> {
    const started = performance.now();
    let result: JobsResult;
    try {
      result = await this.#committer.commit(encodeBatch(jobs));
    } catch (e) {
      // The group could not be run at all (the writer thread is gone): none of it was committed.
      for (const j of jobs) j.reject(e);
      return;
    }
    const ms = performance.now() - started;
    this.stats.busyMs += ms;
    this.stats.maxBatchMs = Math.max(this.stats.maxBatchMs, ms);
    if (result.refused.some((e) => e === null)) this.stats.commits++;
    this.stats.jobs += jobs.length;
    this.stats.statements += result.count;
    result.refused.forEach((e, i) => (e === null ? jobs[i]!.resolve() : jobs[i]!.reject(e)));
  }

  /** Stops accepting writes and commits what is queued. */
  async close(): Promise<void> {
    await this.flush();
    this.#closed = true;
  }
}
