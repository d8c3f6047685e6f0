/**
 * The writer thread (see `threadExecutor`): one native connection, one batch at a time, in the order
 * the event loop sent them.
 */
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { type EncodedBatch, GuardError, nativeExecutor, type ThreadReply } from './writer.js';

const { file, replies } = workerData as { file: string; replies: MessagePort };
const port = parentPort!;
const run = nativeExecutor(file);
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
      reply = { id: m.id, ok: true, count: await run(m.batch) };
    } catch (e) {
      const err = e as Error & { code?: string };
      reply = { id: m.id, ok: false, message: err.message, code: err.code, guard: e instanceof GuardError ? { sql: e.sql, index: e.index } : undefined };
    }
    replies.postMessage(reply);
  });
});
