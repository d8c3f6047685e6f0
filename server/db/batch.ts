/**
 * What the single writer commits, and how: statements and counter increments, a group of jobs encoded as one
 * flat batch, the job-by-job commit that keeps one failing job from taking its neighbours down, and the
 * multi-row UPSERTs the increments become.
 */
import type { InValue } from '@libsql/client';

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
  /** The distinct key values of the increments, each sent once however many increments name it. */
  keys: InValue[];
  /**
   * Per increment: index into `counters`, per key column an index into `keys`, the counter values. Numbers only, so
   * the whole list crosses to the writer thread as one block of memory rather than value by value.
   */
  increments: Float64Array;
  /** Per job (JOB_FIELDS numbers): where its statements and increments lie in the arrays above, and its statement count. */
  jobs: number[];
  /** Per job its chain (see `ChainError`) or null; absent when no job of the batch has one. */
  chains?: (string | null)[];
}

/** Numbers per job in `EncodedBatch.jobs`: statements from, to; increments from, to; statement count. */
const JOB_FIELDS = 5;

/** Encodes jobs' statements and increments, in order, as one batch. */
export function encodeBatch(jobs: readonly { statements: readonly WriteStatement[]; increments: readonly Increment[]; chain?: string }[]): EncodedBatch {
  const batch: EncodedBatch = { sql: [], statements: [], counters: [], keys: [], increments: new Float64Array(0), jobs: [] };
  const sqlIndex = new Map<string, number>();
  const counterIndex = new Map<Counters, number>();
  const keyIndex = new Map<InValue, number>();
  const { statements } = batch;
  const increments: number[] = [];
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
      for (const v of key) {
        let k = keyIndex.get(v);
        if (k === undefined) {
          k = batch.keys.push(v) - 1;
          keyIndex.set(v, k);
        }
        increments.push(k);
      }
      for (const v of inc) increments.push(v);
    }
    batch.jobs.push(from, statements.length, incFrom, increments.length, job.statements.length);
  }
  batch.increments = Float64Array.from(increments);
  if (jobs.some((j) => j.chain !== undefined)) batch.chains = jobs.map((j) => j.chain ?? null);
  return batch;
}

/** The jobs of a batch at these positions, as a batch of their own (same statement texts and counter tables). */
function pickJobs(batch: EncodedBatch, picked: readonly number[]): EncodedBatch {
  const out: EncodedBatch = { sql: batch.sql, statements: [], counters: batch.counters, keys: batch.keys, increments: new Float64Array(0), jobs: [] };
  if (batch.chains) out.chains = picked.map((j) => batch.chains![j]!);
  const increments: number[] = [];
  for (const j of picked) {
    const [from, to, incFrom, incTo, count] = batch.jobs.slice(j * JOB_FIELDS, j * JOB_FIELDS + JOB_FIELDS) as [number, number, number, number, number];
    out.jobs.push(out.statements.length, out.statements.length + to - from, increments.length, increments.length + incTo - incFrom, count);
    for (let k = from; k < to; k++) out.statements.push(batch.statements[k]!);
    for (let k = incFrom; k < incTo; k++) increments.push(batch.increments[k]!);
  }
  out.increments = Float64Array.from(increments);
  return out;
}

/**
 * Several batches, in order, as one (their jobs one after another): the writer thread commits the batches that
 * reached it during a commit in a single transaction, so a busy writer syncs once for all of them.
 */
export function concatBatches(batches: readonly EncodedBatch[]): EncodedBatch {
  if (batches.length === 1) return batches[0]!;
  const out: EncodedBatch = { sql: [], statements: [], counters: [], keys: [], increments: new Float64Array(0), jobs: [] };
  const sqlIndex = new Map<string, number>();
  const counterIndex = new Map<string, number>();
  const keyIndex = new Map<InValue, number>();
  const increments: number[] = [];
  const index = <T>(map: Map<T, number>, list: unknown[], key: T, value: unknown) => {
    let i = map.get(key);
    if (i === undefined) {
      i = list.push(value) - 1;
      map.set(key, i);
    }
    return i;
  };
  for (const b of batches) {
    const sqlOf = b.sql.map((text) => index(sqlIndex, out.sql, text, text));
    const counterOf = b.counters.map((c) => index(counterIndex, out.counters, c.flat().join('|'), c));
    const keyOf = b.keys.map((v) => index(keyIndex, out.keys, v, v));
    const statementsAt = out.statements.length;
    const incrementsAt = increments.length;
    for (let at = 0; at < b.statements.length; ) {
      const argc = b.statements[at + 2] as number;
      out.statements.push(sqlOf[b.statements[at] as number]!, b.statements[at + 1]!, argc);
      for (let k = 0; k < argc; k++) out.statements.push(b.statements[at + 3 + k]!);
      at += 3 + argc;
    }
    const v = b.increments;
    for (let at = 0; at < v.length; ) {
      const [, keyCols, incCols] = b.counters[v[at]!]!;
      increments.push(counterOf[v[at]!]!);
      for (let j = 1; j <= keyCols.length; j++) increments.push(keyOf[v[at + j]!]!);
      for (let j = 1 + keyCols.length; j <= keyCols.length + incCols.length; j++) increments.push(v[at + j]!);
      at += 1 + keyCols.length + incCols.length;
    }
    for (let j = 0; j < b.jobs.length; j += JOB_FIELDS) {
      out.jobs.push(b.jobs[j]! + statementsAt, b.jobs[j + 1]! + statementsAt, b.jobs[j + 2]! + incrementsAt, b.jobs[j + 3]! + incrementsAt, b.jobs[j + 4]!);
    }
  }
  if (batches.some((b) => b.chains)) out.chains = batches.flatMap((b) => b.chains ?? new Array<null>(b.jobs.length / JOB_FIELDS).fill(null));
  out.increments = Float64Array.from(increments);
  return out;
}

/** How many jobs a batch holds. */
export const jobCount = (batch: EncodedBatch): number => batch.jobs.length / JOB_FIELDS;

/** What became of a batch's jobs: statements run, and per job null (committed) or the error that refused it. */
export interface JobsResult {
  count: number;
  refused: unknown[];
  /** Committed in the same transaction as the batch before it (the writer thread joins batches that wait). */
  joined?: true;
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
  const byTable = batch.counters.map(() => new Map<number | string, number[]>()); // row id → key indexes, then counters
  const v = batch.increments;
  // A row's id is its key indexes as one number (base: the number of distinct keys), or joined when that would not fit.
  const base = batch.keys.length + 1;
  const numeric = batch.counters.map(([, keyCols]) => base ** keyCols.length < Number.MAX_SAFE_INTEGER);
  for (let at = 0; at < v.length; ) {
    const t = v[at]!;
    const [, keyCols, incCols] = batch.counters[t]!;
    const k = keyCols.length;
    let id: number | string;
    if (numeric[t]) {
      id = 0;
      for (let j = 1; j <= k; j++) id = id * base + v[at + j]!;
    } else id = v.subarray(at + 1, at + 1 + k).join(',');
    const rows = byTable[t]!;
    const row = rows.get(id);
    if (row) for (let j = 0; j < incCols.length; j++) row[k + j]! += v[at + 1 + k + j]!;
    else rows.set(id, Array.from(v.subarray(at + 1, at + 1 + k + incCols.length)));
    at += 1 + k + incCols.length;
  }
  const out: { sql: string; args: InValue[] }[] = [];
  byTable.forEach((rows, t) => {
    const [table, keyCols, incCols] = batch.counters[t]!;
    const k = keyCols.length;
    const all = [...rows.values()];
    for (let from = 0; from < all.length; ) {
      const n = CHUNKS.find((c) => c <= all.length - from)!;
      const args: InValue[] = [];
      for (let r = from; r < from + n; r++) {
        const row = all[r]!;
        for (let j = 0; j < k; j++) args.push(batch.keys[row[j]!]!);
        for (let j = k; j < row.length; j++) args.push(row[j]!);
      }
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
