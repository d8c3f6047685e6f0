/**
 * The single writer: every write of the server goes through it, committed in groups. Its parts live beside it
 * (`batch.ts`, `executors.ts`, `thread.ts`) and are re-exported here.
 */
import type { Client } from '@libsql/client';
import { type BatchExecutor, commitJobs, type Committer, encodeBatch, type Increment, type JobsResult, type WriteStatement } from './batch.js';
import { clientExecutor } from './executors.js';

export {
  ChainError,
  commitJobs,
  Counters,
  eachStatement,
  encodeBatch,
  GuardError,
  incrementStatements,
  type BatchExecutor,
  type Committer,
  type EncodedBatch,
  type Increment,
  type JobsResult,
  type WriteStatement,
} from './batch.js';
export { clientExecutor, nativeExecutor } from './executors.js';
export { moduleWorker, toThreadError, writerThread, type ThreadError, type ThreadReply } from './thread.js';

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
  /**
   * How many groups may be in hand at once: one, or for a committer that keeps them in order (the writer thread)
   * eight, which it commits as they come, those that arrived during a commit together in the next one.
   */
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
    this.#depth = this.#committer.ordered ? 8 : 1;
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
    if (!result.joined && result.refused.some((e) => e === null)) this.stats.commits++;
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
