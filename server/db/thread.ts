/**
 * Worker threads: a module run on a thread of its own (from the build or from source), and the writer thread
 * the event loop hands its batches to, with errors carried across the thread boundary.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker, type WorkerOptions } from 'node:worker_threads';
import { ChainError, type Committer, GuardError, type JobsResult } from './batch.js';
import type { SyncMode } from './native.js';

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
export type ThreadReply = { id: number; ok: true; count: number; refused: (ThreadError | null)[]; joined?: true } | ({ id: number; ok: false } & ThreadError);

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
    if (reply.ok) w.resolve({ count: reply.count, refused: reply.refused.map((e) => e && fromThreadError(e)), ...(reply.joined ? { joined: true as const } : {}) });
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
