import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { Client, InStatement, InValue } from '@libsql/client';

/**
 * A counter increment: add `inc` to the row of `table` identified by `key`, creating it if missing.
 * Increments to the same row from many jobs are summed before they reach SQLite, so a burst of
 * thousands of answers costs one UPSERT per (county, question, day) row, not one per answer.
 */
export interface Increment {
  table: string;
  key: Record<string, InValue>;
  inc: Record<string, number>;
}

/**
 * A statement that must change at least one row, or its whole job is refused: the database's own
 * check that what a process believed (an attempt still open, a score not changed meanwhile, a limit
 * not yet reached) still holds when several processes share one database.
 */
export interface Guard {
  sql: string;
  args: InValue[];
  guard: true;
}
export type WriteStatement = InStatement | Guard;

const isGuard = (st: WriteStatement): st is Guard => typeof st !== 'string' && 'guard' in st;

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
 * Runs statements, then the increments merged by row (`incrementStatements`), as one transaction;
 * rejects (having rolled back) if any fails or a guard changes nothing. Resolves to the number of
 * statements run.
 */
export type BatchExecutor = ((statements: WriteStatement[], increments: readonly Increment[]) => Promise<number>) & {
  /** Takes in at once any batch results that have arrived but not yet been delivered (see `Writer.poll`). */
  poll?(): void;
};

/**
 * The portable executor, for local files and remote servers alike: the libSQL client's batch, or an
 * interactive transaction when a guard has to be checked between statements.
 */
export function clientExecutor(client: Client): BatchExecutor {
  return async (statements, increments) => {
    const all = [...statements, ...incrementStatements(increments)];
    if (!all.some(isGuard)) {
      if (all.length) await client.batch(all as InStatement[], 'write');
      return all.length;
    }
    const tx = await client.transaction('write');
    try {
      for (const [i, st] of all.entries()) {
        const rs = await tx.execute(isGuard(st) ? { sql: st.sql, args: st.args } : st);
        if (isGuard(st) && rs.rowsAffected === 0) throw new GuardError(st.sql, i);
      }
      await tx.commit();
    } finally {
      tx.close();
    }
    return all.length;
  };
}

interface NativeStatement {
  run(...args: unknown[]): { changes: number };
  raw(on?: boolean): NativeStatement;
  all(...args: unknown[]): unknown[];
}
export interface NativeDatabase {
  prepare(sql: string): NativeStatement;
  exec(sql: string): void;
  close(): void;
  inTransaction: boolean;
}

/** A native connection (the `libsql` package, better-sqlite3's API) to a local file, in WAL with `synchronous=NORMAL`. */
export function openNativeDatabase(file: string): NativeDatabase {
  const require = createRequire(import.meta.url);
  const Database = require('libsql') as new (path: string) => NativeDatabase;
  const db = new Database(file);
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = NORMAL');
  db.exec('PRAGMA busy_timeout = 5000');
  return db;
}

/**
 * The fast executor for a local file: its own native connection (WAL, synchronous=NORMAL) with
 * prepared statements cached by SQL text. The libSQL client prepares every statement on every call,
 * which dominated the cost of a group commit; here a burst of submissions reuses a handful of
 * statements. Everything runs synchronously inside one call, so it never interleaves with the
 * client's own connection.
 */
export function nativeExecutor(file: string): BatchExecutor & { close(): void } {
  const db = openNativeDatabase(file);
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
  const toArg = (v: InValue) => (typeof v === 'boolean' ? (v ? 1 : 0) : v instanceof ArrayBuffer ? Buffer.from(v) : v);
  const run: BatchExecutor = async (statements, increments) => {
    const all = [...statements, ...incrementStatements(increments)];
    if (all.length === 0) return 0;
    db.exec('BEGIN IMMEDIATE');
    try {
      for (const [i, st] of all.entries()) {
        if (typeof st === 'string') prepared(st).run();
        else if (isGuard(st)) {
          if (prepared(st.sql).run(...st.args.map(toArg)).changes === 0) throw new GuardError(st.sql, i);
        } else if (Array.isArray(st.args)) prepared(st.sql).run(...st.args.map(toArg));
        else if (st.args) prepared(st.sql).run(Object.fromEntries(Object.entries(st.args).map(([k, v]) => [k, toArg(v)])));
        else prepared(st.sql).run();
      }
      db.exec('COMMIT');
    } catch (e) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw e;
    }
    return all.length;
  };
  return Object.assign(run, { close: () => db.close() });
}

/**
 * A worker thread running a TypeScript module. Node 20 does not pass `--import tsx` on to workers, so
 * the worker loads the module through tsx's API (its ESM entry, as tsx's package exports name it).
 */
function tsWorker(module: URL, workerData: unknown, transferList: MessagePort[] = []): Worker {
  const require = createRequire(import.meta.url);
  const tsxDir = path.dirname(require.resolve('tsx/package.json'));
  const exports = (JSON.parse(readFileSync(path.join(tsxDir, 'package.json'), 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports;
  const api = pathToFileURL(path.join(tsxDir, exports['./esm/api']!.import.default)).href;
  const target = JSON.stringify(module.href);
  return new Worker(`import(${JSON.stringify(api)}).then(({ tsImport }) => tsImport(${target}, ${target}))`, { eval: true, workerData, transferList });
}

/** What the writer thread answers for one batch. */
export type ThreadReply = { id: number; ok: true; count: number } | { id: number; ok: false; message: string; code?: string; guard?: { sql: string; index: number } };

/**
 * The native executor on a thread of its own (`writer-thread.ts`): SQLite's work for a group commit
 * (the statements, the merging of increments, COMMIT and the WAL checkpoints it triggers) leaves the
 * event loop, which meanwhile parses, grades and answers the next requests. Statements and increments
 * cross by structured clone, once per batch. If the thread dies, every batch in flight and every later
 * one is rejected: nothing is acknowledged that was not committed.
 */
export function threadExecutor(file: string): BatchExecutor & { ready: Promise<void>; died: Promise<Error>; poll(): void; close(): Promise<void> } {
  // Replies come back on a port of their own, so the event loop can also take them in between requests.
  const { port1: replies, port2: replyPort } = new MessageChannel();
  const worker = tsWorker(new URL('./writer-thread.ts', import.meta.url), { file, replies: replyPort }, [replyPort]);
  const waiting = new Map<number, { resolve: (n: number) => void; reject: (e: unknown) => void }>();
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
    if (reply.ok) w.resolve(reply.count);
    else if (reply.guard) w.reject(new GuardError(reply.guard.sql, reply.guard.index));
    else w.reject(Object.assign(new Error(reply.message), { code: reply.code }));
  };
  replies.on('message', hear);
  worker.on('error', (e) => fail(e));
  worker.on('exit', (code) => {
    replies.close();
    fail(new Error(`writer thread exited (${code})`));
  });
  const run: BatchExecutor = (statements, increments) =>
    new Promise((resolve, reject) => {
      if (dead) return reject(dead);
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      worker.postMessage({ id, statements, increments });
    });
  return Object.assign(run, {
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
  });
}

interface Job {
  statements: WriteStatement[];
  increments: Increment[];
  resolve: () => void;
  reject: (e: unknown) => void;
}

const IDENT = /^[a-z_][a-z0-9_]*$/;

/** An UPSERT's SQL text for one shape of increment (table, key columns, counter columns), built once. */
const upsertSql = new Map<string, string>();
function upsertFor(table: string, keyCols: string[], incCols: string[]): string {
  const shape = `${table}|${keyCols.join(',')}|${incCols.join(',')}`;
  let sql = upsertSql.get(shape);
  if (sql === undefined) {
    for (const name of [table, ...keyCols, ...incCols]) if (!IDENT.test(name)) throw new Error(`bad identifier ${name}`);
    const cols = [...keyCols, ...incCols];
    sql = `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')}) ON CONFLICT (${keyCols.join(', ')}) DO UPDATE SET ${incCols.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`;
    if (upsertSql.size > 1000) upsertSql.clear();
    upsertSql.set(shape, sql);
  }
  return sql;
}

/**
 * Merges increments by row and renders them as UPSERT statements. Rows are told apart by table, key
 * columns and key values in the order the caller gave them: the same row named with its key columns in
 * another order only costs a second UPSERT, never a wrong count.
 */
export function incrementStatements(increments: readonly Increment[]): InStatement[] {
  const merged = new Map<string, { table: string; keyCols: string[]; keyVals: InValue[]; inc: Record<string, number> }>();
  for (const { table, key, inc } of increments) {
    const keyCols = Object.keys(key);
    let id = table;
    for (const k of keyCols) id += `\u0000${k}\u0000${String(key[k])}`;
    const existing = merged.get(id);
    if (!existing) {
      merged.set(id, { table, keyCols, keyVals: keyCols.map((k) => key[k]!), inc: { ...inc } });
      continue;
    }
    for (const col in inc) existing.inc[col] = (existing.inc[col] ?? 0) + inc[col]!;
  }
  const out: InStatement[] = [];
  for (const { table, keyCols, keyVals, inc } of merged.values()) {
    const incCols = Object.keys(inc);
    out.push({ sql: upsertFor(table, keyCols, incCols), args: [...keyVals, ...incCols.map((c) => inc[c]!)] });
  }
  return out;
}

/**
 * The single writer: callers enqueue statements (and counter increments) and get a promise that
 * settles after the commit that contains them. A job arriving at an idle writer waits `windowMs` for
 * company (or until `maxBatch` are queued); jobs arriving during a commit form the next group, committed
 * as soon as that one ends: one transaction for the whole burst. A failing job never
 * takes its neighbours down: a refused guard drops its own job from the batch; on any other batch
 * error each job is retried on its own.
 */
export class Writer {
  #queue: Job[] = [];
  #timer: NodeJS.Timeout | null = null;
  #flushing: Promise<void> | null = null;
  #closed = false;
  /** Commits and statements written, for benchmarks and health. */
  readonly stats = { commits: 0, jobs: 0, statements: 0, busyMs: 0, maxBatchMs: 0 };

  readonly #execute: BatchExecutor;

  constructor(
    target: Client | BatchExecutor,
    private readonly windowMs = 20,
    private readonly maxBatch = 2000,
  ) {
    this.#execute = typeof target === 'function' ? target : clientExecutor(target);
  }

  /**
   * Queues statements to commit atomically together; resolves once they are durable. `urgent` commits
   * on the next turn of the event loop instead of waiting out the group-commit window — for the rare
   * write someone is watching for (a host's step), not for the thousands that arrive together.
   */
  write(statements: WriteStatement[], increments: Increment[] = [], opts: { urgent?: boolean } = {}): Promise<void> {
    if (this.#closed) return Promise.reject(new Error('writer is closed'));
    return new Promise((resolve, reject) => {
      this.#queue.push({ statements, increments, resolve, reject });
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
    this.#execute.poll?.();
  }

  /** Commits everything queued so far; concurrent calls share one run. */
  async flush(): Promise<void> {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    while (this.#flushing) await this.#flushing;
    if (this.#queue.length === 0) return;
    const jobs = this.#queue;
    this.#queue = [];
    this.#flushing = this.#commit(jobs).finally(() => {
      this.#flushing = null;
    });
    await this.#flushing;
    // What queued up during that commit waited long enough: it is the next group, committed at once.
    if (this.#queue.length > 0 && !this.#flushing) void this.flush();
  }

  async #run(jobs: Job[]): Promise<void> {
    const started = performance.now();
    const count = await this.#execute(
      jobs.flatMap((j) => j.statements),
      jobs.flatMap((j) => j.increments),
    );
    const ms = performance.now() - started;
    this.stats.busyMs += ms;
    this.stats.maxBatchMs = Math.max(this.stats.maxBatchMs, ms);
    this.stats.commits++;
    this.stats.jobs += jobs.length;
    this.stats.statements += count;
  }

  async #commit(jobs: Job[]): Promise<void> {
    try {
      await this.#run(jobs);
      for (const j of jobs) j.resolve();
    } catch (batchError) {
      // A refused guard names its statement: refuse that job alone and commit the others together.
      if (batchError instanceof GuardError) {
        let at = batchError.index;
        const culprit = jobs.find((j) => (at -= j.statements.length) < 0);
        if (culprit) {
          culprit.reject(batchError);
          const rest = jobs.filter((j) => j !== culprit);
          if (rest.length) await this.#commit(rest);
          return;
        }
      }
      if (jobs.length === 1) {
        jobs[0]!.reject(batchError);
        return;
      }
      for (const j of jobs) {
        try {
          await this.#run([j]);
          j.resolve();
        } catch (e) {
          j.reject(e);
        }
      }
    }
  }

  /** Stops accepting writes and commits what is queued. */
  async close(): Promise<void> {
    await this.flush();
    this.#closed = true;
  }
}
