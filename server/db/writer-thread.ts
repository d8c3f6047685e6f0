/**
 * The writer thread (see `writerThread`): one native connection, one batch at a time, in the order
 * the event loop sent them, each with its jobs' retries (`commitJobs`) done before the next begins.
 */
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import type { SyncMode } from './native.js';
import { commitJobs, type EncodedBatch, nativeExecutor, type ThreadReply, toThreadError } from './writer.js';

const { file, sync, replies } = workerData as { file: string; sync: SyncMode; replies: MessagePort };
const port = parentPort!;
const run = nativeExecutor(file, sync);
let queue = Promise.resolve();
replies.postMessage('ready');

port.on('message', (m: { close: true } | { id: number; batch: EncodedBatch }) => {
  queue = queue.then(async () => {
    if ('close' in m) {
      run.close();
      replies.close();
      port.close();
      return;
    }
    let reply: ThreadReply;
    try {
      const { count, refused } = await commitJobs(m.batch, run);
      reply = { id: m.id, ok: true, count, refused: refused.map((e) => (e === null ? null : toThreadError(e))) };
    } catch (e) {
      reply = { id: m.id, ok: false, ...toThreadError(e) };
    }
    replies.postMessage(reply);
  });
});
