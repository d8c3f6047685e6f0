import type { Client, InStatement } from '@libsql/client';

interface Job {
  statements: InStatement[];
  resolve: () => void;
  reject: (e: unknown) => void;
}

/**
 * The single writer: callers enqueue statements and get a promise that settles after the commit that
 * contains them. Jobs are group-committed every `windowMs` (or as soon as `maxBatch` are queued), so a
 * burst of thousands of answers costs one transaction and one fsync instead of thousands.
 * A failing job never takes its neighbours down: on a batch error each job is retried on its own.
 */
export class Writer {
  #queue: Job[] = [];
  #timer: NodeJS.Timeout | null = null;
  #flushing: Promise<void> | null = null;
  #closed = false;

  constructor(
    private readonly client: Client,
    private readonly windowMs = 20,
    private readonly maxBatch = 2000,
  ) {}

  /** Queues statements to commit atomically together; resolves once they are durable. */
  write(statements: InStatement[]): Promise<void> {
    if (this.#closed) return Promise.reject(new Error('writer is closed'));
    return new Promise((resolve, reject) => {
      this.#queue.push({ statements, resolve, reject });
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

  async #commit(jobs: Job[]): Promise<void> {
    try {
      await this.client.batch(
        jobs.flatMap((j) => j.statements),
        'write',
      );
      for (const j of jobs) j.resolve();
    } catch (batchError) {
      if (jobs.length === 1) {
        jobs[0]!.reject(batchError);
        return;
      }
      for (const j of jobs) {
        try {
          await this.client.batch(j.statements, 'write');
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
