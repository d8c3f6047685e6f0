/**
 * `npm run bench:recovery` — how fast a restarted server has its contest and its devices back.
 *
 * `npm run bench:recovery -- <dir>`: a long contest log. Starts a server process on the database a benchmark left in
 * `<dir>` (bench:contest prints it), joins the contest as a screen, and reports the time from process start to the
 * joined view (the log read and replayed).
 *
 * `npm run bench:recovery` (no folder): a restart under a full audience. Starts a server, connects BENCH_SOCKETS
 * (default 10000) audience sockets to a live contest from BENCH_WORKERS load-generator processes (default one per
 * 5,000 sockets, each from its own 127.0.0.x address; bench/contest-worker.ts), which reconnect with the pages' own
 * backoff (client/src/lib/reconnect.ts) and re-join with their token after every reconnect. Then restarts the
 * server (SIGTERM, then a new process on the same database and port) and reports, from the moment the new process
 * answers `/api/health/ready`, when each device had reconnected and re-joined (p50/p90/p99/max), and the peak rate
 * of (re)connections and of connection attempts per second (the thundering-herd check). Reference, in the same run:
 * the new process's own time from start to ready. Target: every device back within 3 s of ready.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../shared/protocol/events.js';
import type { HostView } from '../shared/contest/views.js';
import { openDatabase } from '../server/db/client.js';
import { setUpContest, STAFF_PASSWORD } from '../tests/helpers/contest.js';
import { cpuMsOf } from '../tests/helpers/process.js';
import { ask, fmt, percentile, startServerProcess } from './lib.js';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const dir = process.argv[2];
if (dir) await replayLog(dir);
else await restartUnderAudience();
process.exit(0);

async function replayLog(dir: string) {
  const database = await openDatabase(`file:${path.join(dir, 'bench.db')}`);
  const row = (await database.client.execute('SELECT c.pin AS pin, count(l.seq) AS entries FROM contests c JOIN contest_log l ON l.contest_id = c.id GROUP BY c.id ORDER BY entries DESC LIMIT 1')).rows[0];
  database.close();
  if (!row) throw new Error('no contest with a log in that database');
  const t0 = performance.now();
  const server = await startServerProcess({ LOG_LEVEL: 'error' }, { dir });
  const started = performance.now() - t0;
  try {
    const socket: ClientSocket = connect(server.url, { transports: ['websocket'], forceNew: true });
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
}

/** Polls `/api/health/ready` until it answers 200; resolves with when it first did (Date.now()). */
async function ready(url: string): Promise<number> {
  for (;;) {
    const res = await fetch(`${url}/api/health/ready`).catch(() => null);
    if (res?.status === 200) return Date.now();
    await res?.body?.cancel();
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The kernel's count of connections dropped because a listening socket's accept queue was full (system-wide; Linux). */
function listenOverflows(): number {
  try {
    const lines = readFileSync('/proc/net/netstat', 'utf8').split('\n').filter((l) => l.startsWith('TcpExt:'));
    const [names, values] = lines.map((l) => l.split(/\s+/));
    return Number(values![names!.indexOf('ListenOverflows')] ?? NaN);
  } catch {
    return NaN;
  }
}

/** The most events in any one 100 ms window, as a rate per second. */
function peakPerSecond(times: number[]): number {
  const bins = new Map<number, number>();
  for (const t of times) bins.set(Math.floor(t / 100), (bins.get(Math.floor(t / 100)) ?? 0) + 1);
  return Math.max(0, ...bins.values()) * 10;
}

async function restartUnderAudience() {
  const N = Number(process.env.BENCH_SOCKETS ?? 10_000);
  const W = Number(process.env.BENCH_WORKERS ?? Math.max(1, Math.ceil(N / 5000)));
  const env: Record<string, string> = { ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: STAFF_PASSWORD, LOG_LEVEL: 'error', RATE_LIMIT_PER_IP: '0', SOCKETS_PER_IP: '0' };
  const first = await startServerProcess(env);
  const workers: ChildProcess[] = [];
  let second: Awaited<ReturnType<typeof startServerProcess>> | null = null;
  try {
    // A live contest with a question open, paused (so no phase timer moves it on during the run): the state every
    // phone must find again.
    const { staff, detail } = await setUpContest(first, { rehearsal: false });
    const host: ClientSocket = connect(first.url, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { cookie: staff.cookie } });
    await new Promise<void>((r) => host.once('connect', () => r()));
    const joined = await host.emitWithAck('contest:join', { pin: detail.pin, role: 'host' });
    if (!joined.ok) throw new Error(joined.error.message);
    let before: HostView | null = null;
    for (const type of ['contest:start', 'question:open', 'contest:pause'] as const) {
      const r = await host.emitWithAck('contest:command', { command: { type } });
      if (!r.ok) throw new Error(`${type}: ${r.error.message}`);
      before = r.data.view as HostView;
    }
    host.disconnect();

    for (let i = 0; i < W; i++) {
      const w = fork(path.resolve('bench/contest-worker.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['inherit', 'inherit', 'inherit', 'ipc'] });
      await new Promise<void>((r) => w.once('message', () => r()));
      workers.push(w);
    }
    console.log(`bench:recovery — ${N} audience sockets over ${W} load-generator processes, one server process (pid ${first.child.pid}), database in ${first.dir}`);
    const share = Math.ceil(N / W);
    const t0 = Date.now();
    const connected = await Promise.all(
      workers.map((w, i) => ask(w, { cmd: 'connect', url: first.url, pin: detail.pin, count: Math.min(share, N - i * share), offset: i * share, counties: ['131002', '131003', '131022', '131023'], localAddress: `127.0.0.${2 + i}`, reconnect: true }, 'connected')),
    );
    const joinFailed = connected.reduce((n, r) => n + r.failed, 0);
    console.log(`connect + join: ${N - joinFailed} sockets in ${fmt((Date.now() - t0) / 1000)} s; failed ${joinFailed}; server RSS ${fmt(first.rssMb(), 0)} MB`);

    // The restart: SIGTERM (connections end, phones start their backoff), then a new process on the same file and port.
    const overflowsBefore = listenOverflows();
    const term = Date.now();
    await first.stop();
    const exited = Date.now();
    second = await startServerProcess(env, { dir: first.dir, port: first.port });
    const listening = Date.now();
    const readyAt = await ready(second.url);
    const cpuAtReady = second.cpuMs();
    const generatorsAtReady = workers.reduce((n, w) => n + cpuMsOf(w.pid!), 0);
    const recovered = await Promise.all(workers.map((w) => ask(w, { cmd: 'recovered', since: term, timeoutMs: 120_000 }, 'recovered')));
    const serverCpu = second.cpuMs() - cpuAtReady;
    const overflows = listenOverflows() - overflowsBefore;
    const generatorsCpu = workers.reduce((n, w) => n + cpuMsOf(w.pid!), 0) - generatorsAtReady;
    const fromReady = recovered.flatMap((r) => (r.rejoins as number[]).map((t) => t - readyAt)).sort((a, b) => a - b);
    const missing = recovered.reduce((n, r) => n + r.missing, 0);
    const failed = recovered.reduce((n, r) => n + r.failed, 0);
    const connects = recovered.flatMap((r) => r.connects as number[]);
    const transportBack = connects.map((t) => Math.max(0, t - readyAt)).sort((a, b) => a - b);
    const attempts = recovered.flatMap((r) => r.attempts as number[]);
    const early = fromReady.filter((t) => t < 0).length;
    const back = fromReady.map((t) => Math.max(0, t));
    const toReady = readyAt - exited;
    const max = back.at(-1) ?? NaN;

    console.log(`restart: SIGTERM to exit ${exited - term} ms (drain); new process started to listening ${listening - exited} ms, to ready (/api/health/ready 200) ${toReady} ms — the reference`);
    console.log(
      `devices back (reconnected and re-joined) after ready: ${back.length} of ${N - joinFailed}; p50 ${fmt(percentile(back, 50), 0)} ms, p90 ${fmt(percentile(back, 90), 0)} ms, p99 ${fmt(percentile(back, 99), 0)} ms, max ${fmt(max, 0)} ms (target ≤ 3000 ms); ${early} re-joined before ready answered; ${missing} not back within 120 s; ${failed} re-joins refused`,
    );
    console.log(`  max / time to ready: ${fmt(max / toReady, 2)}; from SIGTERM to the last device back: ${fmt((readyAt + max - term) / 1000, 2)} s`);
    console.log(`  transport reconnected (before the re-join): p50 ${fmt(percentile(transportBack, 50), 0)} ms, p99 ${fmt(percentile(transportBack, 99), 0)} ms after ready`);
    console.log(
      `  CPU from ready until the last device was back: server ${fmt(serverCpu, 0)} ms (${fmt((serverCpu * 1000) / Math.max(1, back.length), 0)} µs per device), load generators ${fmt(generatorsCpu, 0)} ms; the machine's ${os.availableParallelism()} cores over that time: ${fmt(os.availableParallelism() * max, 0)} ms`,
    );
    // The least time the re-joins could take here: their CPU (server and load generators) spread over every core.
    // The ratio says how much the reconnect schedule (backoff, jitter) adds on top of the CPU the work needs.
    const cpuBound = (serverCpu + generatorsCpu) / os.availableParallelism();
    console.log(
      `  CPU bound (that CPU spread over ${os.availableParallelism()} cores): ${fmt(cpuBound, 0)} ms; last device back / CPU bound: ${fmt(max / Math.max(1, cpuBound), 2)}; at ${fmt((serverCpu * 1000) / Math.max(1, back.length), 0)} µs of server CPU per device, one process takes back at most ${fmt(back.length / (serverCpu / 1000), 0)} devices per second of its CPU`,
    );
    console.log(
      `thundering herd: (re)connections peak ${fmt(peakPerSecond(connects), 0)}/s (100 ms windows), ${connects.length} in all; connection attempts (including refused ones while down) peak ${fmt(peakPerSecond(attempts), 0)}/s, ${attempts.length} in all (${fmt(attempts.length / Math.max(1, N - joinFailed), 1)} per device); connections dropped by a full accept queue (kernel ListenOverflows, whole machine): ${overflows}`,
    );

    // The devices found the contest as it was.
    const check: ClientSocket = connect(second.url, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { cookie: staff.cookie } });
    await new Promise<void>((r) => check.once('connect', () => r()));
    const after = await check.emitWithAck('contest:join', { pin: detail.pin, role: 'host' });
    const view = after.ok ? (after.data.view as HostView) : null;
    const same = view !== null && view.phase === before?.phase && view.phaseId === before.phaseId && view.deadline === before.deadline && view.paused && view.audience.joined === N - joinFailed;
    console.log(`contest after the restart: phase ${view?.phase}, paused ${view?.paused}, ${view?.audience.joined} audience members; the same as before: ${same}; server RSS ${fmt(second.rssMb(), 0)} MB`);
    check.disconnect();
  } finally {
    for (const w of workers) w.send({ cmd: 'stop' });
    await first.stop();
    await second?.stop();
  }
}
