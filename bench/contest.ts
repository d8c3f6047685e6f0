/**
 * `npm run bench:contest` — N audience sockets in one live contest, against a real server process.
 *
 * Load generators are separate processes (BENCH_WORKERS, default 2), each with its own share of
 * sockets and its own 127.0.0.x source address. Reports: connect+join time, question fan-out (host
 * command → `contest:public` on every audience socket) p50/p99, answer acknowledgement (durable, in the
 * contest log) p50/p99, and the server's RSS.
 *
 * BENCH_SOCKETS (default 10000), BENCH_WORKERS (default 2), BENCH_SPREAD_MS (default 0: every member answers at
 * once, the harshest burst; real audiences answer over several seconds), BENCH_HOLD_S (default 0: hold the
 * sockets this long before the question, sampling RSS and connected sockets every minute).
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { io as connect } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../shared/events.js';
import type { HostView } from '../shared/contest/views.js';
import type { Socket } from 'socket.io-client';
import { setUpContest, STAFF_PASSWORD } from '../tests/helpers/contest.js';
import { fmt, percentile, startServerProcess } from './lib.js';

const N = Number(process.env.BENCH_SOCKETS ?? 10_000);
const W = Number(process.env.BENCH_WORKERS ?? 2);
const SPREAD = Number(process.env.BENCH_SPREAD_MS ?? 0);
const HOLD = Number(process.env.BENCH_HOLD_S ?? 0);
const COUNTIES = ['131002', '131003', '131022', '131023', '131024', '131025', '131026', '131028', '131081', '131082'];

const server = await startServerProcess({ ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: STAFF_PASSWORD, LOG_LEVEL: 'error', RATE_LIMIT_PER_IP: '0' });
const workers: ChildProcess[] = [];
try {
  const { staff, detail } = await setUpContest(server, { rehearsal: false });
  const host: Socket<ServerToClientEvents, ClientToServerEvents> = connect(server.url, { transports: ['websocket'], extraHeaders: { cookie: staff.cookie } });
  await new Promise<void>((r) => host.once('connect', () => r()));
  const joined = await host.emitWithAck('contest:join', { pin: detail.pin, role: 'host' });
  if (!joined.ok) throw new Error(joined.error.message);

  const ask = (w: ChildProcess, msg: Record<string, unknown>, type: string) =>
    new Promise<any>((resolve) => {
      const on = (m: any) => {
        if (m.type === type) {
          w.off('message', on);
          resolve(m);
        }
      };
      w.on('message', on);
      w.send(msg);
    });
  for (let i = 0; i < W; i++) {
    const w = fork(path.resolve('bench/contest-worker.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['inherit', 'inherit', 'inherit', 'ipc'] });
    await new Promise<void>((r) => w.once('message', () => r()));
    workers.push(w);
  }
  console.log(`bench:contest — ${N} audience sockets over ${W} load-generator processes, server pid ${server.child.pid}`);
  const rss0 = server.rssMb();
  const t0 = Date.now();
  const share = Math.ceil(N / W);
  const results = await Promise.all(
    workers.map((w, i) => ask(w, { cmd: 'connect', url: server.url, pin: detail.pin, count: Math.min(share, N - i * share), offset: i * share, counties: COUNTIES, localAddress: `127.0.0.${2 + i}` }, 'connected')),
  );
  const joinTimes = results.flatMap((r) => r.joinTimes as number[]).sort((a, b) => a - b);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  console.log(`connect + join (new audience member, logged durably): ${N - failed} sockets in ${fmt((Date.now() - t0) / 1000)} s; per socket p50 ${fmt(percentile(joinTimes, 50))} ms, p99 ${fmt(percentile(joinTimes, 99))} ms; failed ${failed}`);
  console.log(`server RSS: ${fmt(rss0, 0)} MB before, ${fmt(server.rssMb(), 0)} MB with ${N - failed} sockets`);

  if (HOLD > 0) {
    const started = Date.now();
    let peak = 0;
    while (Date.now() - started < HOLD * 1000) {
      await new Promise((r) => setTimeout(r, Math.min(60_000, HOLD * 1000 - (Date.now() - started))));
      const connected = (await Promise.all(workers.map((w) => ask(w, { cmd: 'count' }, 'count')))).reduce((n, r) => n + r.connected, 0);
      peak = Math.max(peak, server.rssMb());
      console.log(`  held ${fmt((Date.now() - started) / 60_000)} min: ${connected} sockets connected, server RSS ${fmt(server.rssMb(), 0)} MB`);
    }
    console.log(`hold: ${HOLD} s, peak server RSS ${fmt(peak, 0)} MB`);
  }
  const command = (c: Record<string, unknown>) => host.emitWithAck('contest:command', { command: c });
  const start = await command({ type: 'contest:start' });
  if (!start.ok) throw new Error(start.error.message);
  // The next phaseId is what the question's broadcast carries.
  const nextPhase = (start.data.view as HostView).phaseId + 1;
  const watching = workers.map((w) => ask(w, { cmd: 'watch', phaseId: nextPhase }, 'seen'));
  await new Promise((r) => setTimeout(r, 200));
  const sent = Date.now();
  const opened = await command({ type: 'question:open' });
  if (!opened.ok) throw new Error(opened.error.message);
  const seen = (await Promise.all(watching)).flatMap((r) => (r.times as number[]).map((t) => t - sent)).sort((a, b) => a - b);
  console.log(`question fan-out to ${seen.length} audience sockets: p50 ${fmt(percentile(seen, 50))} ms, p99 ${fmt(percentile(seen, 99))} ms, max ${fmt(seen.at(-1) ?? 0)} ms`);

  const key = (opened.data.view as HostView).question!.key!;
  const a0 = Date.now();
  const answered = await Promise.all(workers.map((w) => ask(w, { cmd: 'answer', options: key, spreadMs: SPREAD }, 'answered')));
  const lat = answered.flatMap((r) => r.latencies as number[]).sort((a, b) => a - b);
  console.log(
    `audience answers${SPREAD ? ` (spread over ${SPREAD} ms)` : ' (all at once)'}: ${lat.length} acknowledged (durable) in ${fmt((Date.now() - a0) / 1000, 2)} s; ack p50 ${fmt(percentile(lat, 50))} ms, p99 ${fmt(percentile(lat, 99))} ms; failed ${answered.reduce((n, r) => n + r.failed, 0)}`,
  );
  const r0 = Date.now();
  await command({ type: 'answer:lock' });
  const revealed = await command({ type: 'question:reveal' });
  console.log(`lock + reveal with ${lat.length} answers (leaderboard + per-member views): ${Date.now() - r0} ms; audience answers counted ${(revealed.ok && (revealed.data.view as HostView).audience.revealed?.answers) || 0}`);
  console.log(`server RSS at the end: ${fmt(server.rssMb(), 0)} MB`);
  host.disconnect();
} finally {
  for (const w of workers) w.send({ cmd: 'stop' });
  await server.stop();
}
