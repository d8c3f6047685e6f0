/**
 * `npm run bench:recovery -- <dir>`: how long a killed server takes to bring back a long contest. Starts
 * a server process on the database a benchmark left in `<dir>` (bench:contest prints it), joins the
 * contest as a screen, and reports the time from process start to the joined view (the log replayed).
 */
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../shared/events.js';
import { openDatabase } from '../server/db/client.js';
import { fmt, startServerProcess } from './lib.js';
import path from 'node:path';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: npm run bench:recovery -- <dir of a benchmark database>');
  process.exit(1);
}
const database = await openDatabase(`file:${path.join(dir, 'bench.db')}`);
const row = (await database.client.execute('SELECT c.pin AS pin, count(l.seq) AS entries FROM contests c JOIN contest_log l ON l.contest_id = c.id GROUP BY c.id ORDER BY entries DESC LIMIT 1')).rows[0];
database.close();
if (!row) throw new Error('no contest with a log in that database');
const t0 = performance.now();
const server = await startServerProcess({ LOG_LEVEL: 'error' }, { dir });
const started = performance.now() - t0;
try {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(server.url, { transports: ['websocket'], forceNew: true });
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  const j0 = performance.now();
  const joined = await socket.emitWithAck('contest:join', { pin: String(row.pin), role: 'screen' });
  if (!joined.ok) throw new Error(joined.error.message);
  const replayed = performance.now() - j0;
  console.log(
    `contest with ${Number(row.entries).toLocaleString('en')} log entries: server up in ${fmt(started, 0)} ms, first join (log read and replayed) ${fmt(replayed, 0)} ms, total ${fmt(performance.now() - t0, 0)} ms; RSS ${fmt(server.rssMb(), 0)} MB`,
  );
  socket.disconnect();
} finally {
  await server.stop();
}
