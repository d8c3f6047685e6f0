/**
 * The writer thread (see `writerThread`): one native connection, batches committed in the order the event loop
 * sent them, each commit's job-by-job retries (`commitJobs`) done before the next begins. The batches that arrive
 * while a commit runs are committed together in the next transaction: under load one sync serves all of them.
 */
import { type MessagePort, parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import type { SyncMode } from './native.js';
import { commitJobs, concatBatches, type EncodedBatch, jobCount } from './batch.js';
import { nativeExecutor } from './executors.js';
import { type ThreadReply, toThreadError } from './thread.js';

type Message = { close: true } | { id: number; batch: EncodedBatch };

const { file, sync, replies } = workerData as { file: string; sync: SyncMode; replies: MessagePort };
const port = parentPort!;
const run = nativeExecutor(file, sync);
let pending: Message[] = [];
let busy = false;
replies.postMessage('ready');

/** Commits these batches as one transaction and answers each with its own jobs' outcome. */
async function commitTogether(batches: { id: number; batch: EncodedBatch }[]) {
  let replied: ThreadReply[];
  try {
    const { count, refused } = await commitJobs(concatBatches(batches.map((b) => b.batch)), run);
    let at = 0;
    replied = batches.map(({ id, batch }, i) => {
      const jobs = refused.slice(at, (at += jobCount(batch)));
      const reply: ThreadReply = { id, ok: true, count: i === 0 ? count : 0, refused: jobs.map((e) => (e === null ? null : toThreadError(e))) };
      return i === 0 ? reply : { ...reply, joined: true };
    });
  } catch (e) {
    replied = batches.map(({ id }) => ({ id, ok: false, ...toThreadError(e) }));
  }
  for (const reply of replied) replies.postMessage(reply);
}

/** Commits what has arrived, everything that arrived together in one go, until nothing is left or a close comes. */
async function drain() {
  if (busy) return;
  busy = true;
  for (;;) {
    for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) pending.push(m.message as Message);
    if (pending.length === 0) break;
    const close = pending.findIndex((m) => 'close' in m);
    const batches = (close < 0 ? pending : pending.slice(0, close)) as { id: number; batch: EncodedBatch }[];
    pending = close < 0 ? [] : pending.slice(close);
    if (batches.length) await commitTogether(batches);
    else {
      run.close();
      replies.close();
      port.close();
      pending = [];
      break;
    }
  }
  busy = false;
}

port.on('message', (m: Message) => {
  pending.push(m);
  void drain();
});
