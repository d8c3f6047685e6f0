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

interface Job {
  statements: InStatement[];
  increments: Increment[];
  resolve: () => void;
  reject: (e: unknown) => void;
}

const IDENT = /^[a-z_][a-z0-9_]*$/;

/** Merges increments by row and renders them as UPSERT statements. */
export function incrementStatements(increments: readonly Increment[]): InStatement[] {
  const merged = new Map<string, Increment>();
  for (const inc of increments) {
    const keyCols = Object.keys(inc.key).sort();
    const id = `${inc.table}|${keyCols.map((k) => `${k}=${String(inc.key[k])}`).join('|')}`;
    const existing = merged.get(id);
    if (!existing) {
      merged.set(id, { table: inc.table, key: inc.key, inc: { ...inc.inc } });
      continue;
    }
    for (const [col, n] of Object.entries(inc.inc)) existing.inc[col] = (existing.inc[col] ?? 0) + n;
  }
  return [...merged.values()].map(({ table, key, inc }) => {
    const keyCols = Object.keys(key).sort();
    const incCols = Object.keys(inc).sort();
    for (const name of [table, ...keyCols, ...incCols]) if (!IDENT.test(name)) throw new Error(`bad identifier ${name}`);
    const cols = [...keyCols, ...incCols];
    return {
      sql: `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')}) ON CONFLICT (${keyCols.join(', ')}) DO UPDATE SET ${incCols.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`,
      args: [...keyCols.map((k) => key[k]!), ...incCols.map((c) => inc[c]!)],
    };
  });
}

/**
 * The single writer: callers enqueue statements (and counter increments) and get a promise that
 * settles after the commit that contains them. Jobs are group-committed every `windowMs` (or as soon
 * as `maxBatch` are queued): one transaction and one fsync for the whole burst. A failing job never
 * takes its neighbours down: on a batch error each job is retried on its own.
 */
export class Writer {
  #queue: Job[] = [];
  #timer: NodeJS.Timeout | null = null;
  #flushing: Promise<void> | null = null;
  #closed = false;
  /** Commits and statements written, for benchmarks and health. */
  readonly stats = { commits: 0, jobs: 0, statements: 0 };

  constructor(
    private readonly client: Client,
    private readonly windowMs = 20,
    private readonly maxBatch = 2000,
  ) {}

  /** Queues statements to commit atomically together; resolves once they are durable. */
  write(statements: InStatement[], increments: Increment[] = []): Promise<void> {
    if (this.#closed) return Promise.reject(new Error('writer is closed'));
    return new Promise((resolve, reject) => {
      this.#queue.push({ statements, increments, resolve, reject });
      if (this.#queue.length >= this.maxBatch) void this.flush();
      else this.#timer ??= setTimeout(() => void this.flush(), this.windowMs);
    });
  }

  get pending(): number {
    return this.#queue.length;
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
    if (this.#queue.length > 0 && !this.#timer) this.#timer = setTimeout(() => void this.flush(), this.windowMs);
  }

  async #run(jobs: Job[]): Promise<void> {
    const statements = [...jobs.flatMap((j) => j.statements), ...incrementStatements(jobs.flatMap((j) => j.increments))];
    if (statements.length) await this.client.batch(statements, 'write');
    this.stats.commits++;
    this.stats.jobs += jobs.length;
    this.stats.statements += statements.length;
  }

  async #commit(jobs: Job[]): Promise<void> {
    try {
      await this.#run(jobs);
      for (const j of jobs) j.resolve();
    } catch (batchError) {
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
