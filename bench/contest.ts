/**
 * `npm run bench:contest` — N audience sockets in one live contest, against real server processes.
 *
 * Load generators are separate processes (BENCH_WORKERS, default 2), each with its own share of
 * sockets and its own 127.0.0.x source address. Reports: connect+join time, question fan-out (host
 * command → `contest:public` on every audience socket) p50/p99, answer acknowledgement (durable, in the
 * contest log) p50/p99, and the servers' RSS.
 *
 * BENCH_SOCKETS (default 10000), BENCH_WORKERS (default 2), BENCH_SPREAD_MS (default 0: every member answers at
 * once, the harshest burst; real audiences answer over several seconds), BENCH_HOLD_S (default 0: hold the
 * sockets this long before the question, sampling RSS and connected sockets every minute).
 * BENCH_PROCESSES (default 1): server processes sharing one database and Redis (REDIS_URL, default the local
 * one); load generator i connects to process i mod N, the host to the first. With several processes the run also
 * reports the audience commands forwarded to the contest's owner (counted on Redis's rpc channels, expected 0: each
 * process takes its own phones' answers) and the commands Redis executed during the answers and the reveal, per
 * answer and per process. A list (`BENCH_PROCESSES=1,2`) runs once per count and prints the figures side by side
 * with the ratio of each to the first count's.
 * BENCH_SOAK_S (default 0): instead of one question, run question after question for this long with steady
 * audience traffic (answers spread over 8 s, 2% of phones reconnecting each question), sampling RSS and the live
 * heap after a forced full GC (through the first server's inspector) each minute.
 * BENCH_SYNC (default `full`): the database's `DATABASE_SYNC`; `BENCH_SYNC=full,normal` runs the benchmark once per
 * mode and prints the figures side by side (what syncing each group commit before acknowledging it costs).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { io as connect } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../shared/protocol/events.js';
import type { HostView } from '../shared/contest/views.js';
import type { ClientCommand } from '../shared/protocol/contest-protocol.js';
import type { Socket } from 'socket.io-client';
import { makeSet, setUpContest, STAFF_PASSWORD } from '../tests/helpers/contest.js';
import { liveHeapMb } from './heap.js';
import { ask, fmt, percentile, sideBySide, startServerProcess, type ServerProcess } from './lib.js';

const N = Number(process.env.BENCH_SOCKETS ?? 10_000);
const W = Number(process.env.BENCH_WORKERS ?? 2);
const SPREAD = Number(process.env.BENCH_SPREAD_MS ?? 0);
const HOLD = Number(process.env.BENCH_HOLD_S ?? 0);
const PROCESS_COUNTS = (process.env.BENCH_PROCESSES ?? '1').split(',').filter(Boolean);
if (PROCESS_COUNTS.length > 1) await processesSideBySide(PROCESS_COUNTS);
const P = Number(PROCESS_COUNTS[0]);
const SOAK = Number(process.env.BENCH_SOAK_S ?? 0);
const SYNC = (process.env.BENCH_SYNC ?? 'full').split(',').filter(Boolean);
if (SYNC.some((m) => m !== 'full' && m !== 'normal')) throw new Error(`BENCH_SYNC must list full and/or normal, not ${process.env.BENCH_SYNC}`);
if (SYNC.length > 1) await sideBySide('BENCH_SYNC', 'DATABASE_SYNC', SYNC, /^(connect \+ join|question fan-out|audience answers|lock \+ reveal)/);
const COUNTIES = ['131002', '131003', '131022', '131023', '131024', '131025', '131026', '131028', '131081', '131082'];

const env: Record<string, string> = { ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: STAFF_PASSWORD, LOG_LEVEL: 'error', RATE_LIMIT_PER_IP: '0', SOCKETS_PER_IP: '0', DATABASE_SYNC: SYNC[0]! };
if (P > 1) Object.assign(env, { REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', REDIS_STREAM: `bench:${randomUUID()}` });
const servers: ServerProcess[] = [await startServerProcess(env)];
const redisWatch = P > 1 ? await watchRedis(env.REDIS_URL!, env.REDIS_STREAM!) : null;
for (let i = 1; i < P; i++) servers.push(await startServerProcess(env, { dir: servers[0]!.dir }));
const server = servers[0]!;
const rss = () => servers.map((s) => fmt(s.rssMb(), 0)).join(' + ');
const workers: ChildProcess[] = [];
try {
  const { staff, detail } = await setUpContest(server, { rehearsal: false });
  if (SOAK > 0) {
    // Enough questions for the whole soak: two compulsory rounds of 100.
    const soakSet = await makeSet(staff, '长稳测试', 'single', 100);
    const edited = await staff.request(`/api/contests/${detail.id}`, {
      method: 'PUT',
      json: {
        ...detail.draft,
        rounds: [
          { id: 'r1', kind: 'compulsory', title: '必答题一', setId: soakSet, timeLimitMs: 60_000 },
          { id: 'r2', kind: 'compulsory', title: '必答题二', setId: await makeSet(staff, '长稳测试二', 'single', 100, 2), timeLimitMs: 60_000 },
        ],
      },
    });
    if (!edited.ok) throw new Error(`soak contest edit failed: ${await edited.text()}`);
  }
  const host: Socket<ServerToClientEvents, ClientToServerEvents> = connect(server.url, { transports: ['websocket'], extraHeaders: { cookie: staff.cookie } });
  await new Promise<void>((r) => host.once('connect', () => r()));
  const joined = await host.emitWithAck('contest:join', { pin: detail.pin, role: 'host' });
  if (!joined.ok) throw new Error(joined.error.message);

  for (let i = 0; i < W; i++) {
    const w = fork(path.resolve('bench/contest-worker.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['inherit', 'inherit', 'inherit', 'ipc'] });
    await new Promise<void>((r) => w.once('message', () => r()));
    workers.push(w);
  }
  console.log(`bench:contest — ${N} audience sockets over ${W} load-generator processes, ${P} server process(es), pids ${servers.map((x) => x.child.pid).join(", ")}, database in ${server.dir}`);
  const rss0 = rss();
  const t0 = Date.now();
  const share = Math.ceil(N / W);
  const results = await Promise.all(
    workers.map((w, i) => ask(w, { cmd: 'connect', url: servers[i % P]!.url, pin: detail.pin, count: Math.min(share, N - i * share), offset: i * share, counties: COUNTIES, localAddress: `127.0.0.${2 + i}` }, 'connected')),
  );
  const joinTimes = results.flatMap((r) => r.joinTimes as number[]).sort((a, b) => a - b);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  console.log(`connect + join (new audience member, logged durably): ${N - failed} sockets in ${fmt((Date.now() - t0) / 1000)} s; per socket p50 ${fmt(percentile(joinTimes, 50))} ms, p99 ${fmt(percentile(joinTimes, 99))} ms; failed ${failed}`);
  console.log(`server RSS: ${rss0} MB before, ${rss()} MB with ${N - failed} sockets`);

  if (HOLD > 0) {
    const started = Date.now();
    let peak = 0;
    while (Date.now() - started < HOLD * 1000) {
      await new Promise((r) => setTimeout(r, Math.min(60_000, HOLD * 1000 - (Date.now() - started))));
      const connected = (await Promise.all(workers.map((w) => ask(w, { cmd: 'count' }, 'count')))).reduce((n, r) => n + r.connected, 0);
      peak = Math.max(peak, ...servers.map((x) => x.rssMb()));
      console.log(`  held ${fmt((Date.now() - started) / 60_000)} min: ${connected} sockets connected, server RSS ${rss()} MB`);
    }
    console.log(`hold: ${HOLD} s, peak server RSS ${fmt(peak, 0)} MB`);
  }
  const command = (c: ClientCommand) => host.emitWithAck('contest:command', { command: c });
  const start = await command({ type: 'contest:start' });
  if (!start.ok) throw new Error(start.error.message);
  // The next phaseId is what the question's broadcast carries.
  const nextPhase = (start.data.view as HostView).phaseId + 1;
  const watching = workers.map((w) => ask(w, { cmd: 'watch', phaseId: nextPhase }, 'seen'));
  await new Promise((r) => setTimeout(r, 200));
  const sent = Date.now();
  const opened = await command({ type: 'question:open' });
  if (!opened.ok) throw new Error(opened.error.message);
  const watched = await Promise.all(watching);
  const seenBy = watched.map((r) => (r.times as number[]).map((t) => t - sent).sort((a, b) => a - b));
  const seen = seenBy.flat().sort((a, b) => a - b);
  const expected = watched.reduce((n, r) => n + r.expected, 0);
  console.log(`question fan-out to ${seen.length} audience sockets${seen.length < expected ? ` (of ${expected} connected: ${expected - seen.length} did not receive it within 20 s)` : ''}: p50 ${fmt(percentile(seen, 50))} ms, p99 ${fmt(percentile(seen, 99))} ms, max ${fmt(seen.at(-1) ?? 0)} ms`);
  if (W > 1) console.log(`  by load generator (generator i on process i mod ${P}): ${seenBy.map((xs, i) => `#${i} ${xs.length} sockets, p50 ${fmt(percentile(xs, 50))} / p99 ${fmt(percentile(xs, 99))} ms`).join(', ')}`);

  const key = (opened.data.view as HostView).question!.key!;
  const beforeAnswers = await redisWatch?.commands();
  const a0 = Date.now();
  const answered = await Promise.all(workers.map((w) => ask(w, { cmd: 'answer', options: key, spreadMs: SPREAD }, 'answered')));
  const lat = answered.flatMap((r) => r.latencies as number[]).sort((a, b) => a - b);
  console.log(
    `audience answers${SPREAD ? ` (spread over ${SPREAD} ms)` : ' (all at once)'}: ${lat.length} acknowledged (durable) in ${fmt((Date.now() - a0) / 1000, 2)} s; ack p50 ${fmt(percentile(lat, 50))} ms, p99 ${fmt(percentile(lat, 99))} ms; failed ${answered.reduce((n, r) => n + r.failed, 0)}`,
  );
  const afterAnswers = await redisWatch?.commands();
  const r0 = Date.now();
  await command({ type: 'answer:lock' });
  // With several processes the leaderboard follows the reveal once every process has scored its own answers.
  const board = new Promise<HostView | null>((resolve) => {
    const timer = setTimeout(() => (host.off('contest:view', on), resolve(null)), 20_000);
    const on = (v: unknown) => {
      const view = v as HostView;
      if (view.phase !== 'revealed' || view.audience.revealed?.answers !== lat.length || view.leaderboard.length === 0) return;
      clearTimeout(timer);
      host.off('contest:view', on);
      resolve(view);
    };
    host.on('contest:view', on);
  });
  const revealed = await command({ type: 'question:reveal' });
  const revealMs = Date.now() - r0;
  const revealedView = revealed.ok ? (revealed.data.view as HostView) : null;
  // One process: the reveal's own view has the leaderboard. Several: the owner announces it once every answer is scored.
  const boardAt = redisWatch ? await redisWatch.board(20_000) : Date.now();
  const final = redisWatch ? await board : revealedView;
  console.log(
    `lock + reveal with ${lat.length} answers (leaderboard + per-member views): ${revealMs} ms; leaderboard of every process's answers complete ${boardAt ? `${boardAt - r0} ms` : 'not within 20 s'} after the lock; audience answers counted ${final?.audience.revealed?.answers ?? revealedView?.audience.revealed?.answers ?? 0}`,
  );
  if (redisWatch) {
    await new Promise((r) => setTimeout(r, 500));
    const afterReveal = await redisWatch.commands();
    const during = diff(beforeAnswers!, afterAnswers!);
    const reveal = diff(afterAnswers!, afterReveal);
    const total = (d: Map<string, number>) => [...d.values()].reduce((n, x) => n + x, 0);
    // Requests are what crosses the network (a script call, a MULTI…EXEC, a publish); the sorted-set, set and hash
    // updates run inside the scripts and the reads inside MULTI…EXEC.
    const inside = new Set(['hincrby', 'sadd', 'zincrby', 'zadd', 'hsetnx', 'pexpire', 'hset', 'hgetall', 'hlen', 'scard', 'zrange', 'zcard', 'zcount', 'multi']);
    const requests = (d: Map<string, number>) => total(new Map([...d].filter(([c]) => !inside.has(c))));
    const top = (d: Map<string, number>) => [...d].sort((x, y) => y[1] - x[1]).slice(0, 8).map(([c, n]) => `${c} ${n}`).join(', ');
    console.log(`audience commands forwarded to the owner: ${redisWatch.forwardedAudience()} (all forwards: ${redisWatch.forwarded()})`);
    console.log(
      `redis during the answers: ${requests(during)} requests for ${lat.length} answers (${fmt(requests(during) / Math.max(1, lat.length), 4)} per answer), ${total(during)} commands run (${fmt(total(during) / Math.max(1, lat.length), 2)} per answer: ${top(during)})`,
    );
    console.log(
      `redis during lock + reveal + leaderboard: ${requests(reveal)} requests (${fmt(requests(reveal) / P, 1)} per process), ${total(reveal)} commands run (${top(reveal)}); contest news messages for the question: ${redisWatch.news()}`,
    );
  }
  console.log(`BENCH_FIGURES ${JSON.stringify({ joinP99: percentile(joinTimes, 99), fanoutP99: percentile(seen, 99), ackP99: percentile(lat, 99), ackP50: percentile(lat, 50), answers: lat.length, revealMs, boardMs: boardAt ? boardAt - r0 : -1 })}`);
  console.log(`server RSS at the end: ${rss()} MB`);
  if (SOAK > 0) await soak(command);
  host.disconnect();
} finally {
  for (const w of workers) w.send({ cmd: 'stop' });
  for (const x of servers) await x.stop();
  await redisWatch?.close();
}

/**
 * What crosses Redis, watched from outside the servers: commands executed (INFO commandstats, by command),
 * requests on the rpc channels (forwards to a contest's owner; those of audience members separately) and the
 * contest news messages.
 */
async function watchRedis(url: string, prefix: string) {
  const { createClient } = await import('redis');
  const client = createClient({ url });
  await client.connect();
  const sub = client.duplicate();
  await sub.connect();
  let forwarded = 0;
  let forwardedAudience = 0;
  let news = 0;
  await sub.pSubscribe(`${prefix}:rpc:*`, (message) => {
    const m = JSON.parse(message) as { kind: string; request?: { actor: { role: string } } };
    if (m.kind !== 'request') return;
    forwarded++;
    if (m.request?.actor.role === 'audience') forwardedAudience++;
  });
  let boardAt: number | null = null;
  await sub.subscribe(`${prefix}:contest-news`, (message) => {
    news++;
    if ((JSON.parse(message) as { news: { type: string } }).news.type === 'board') boardAt ??= Date.now();
  });
  return {
    async commands(): Promise<Map<string, number>> {
      const info = await client.info('commandstats');
      return new Map([...info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)].map((m) => [m[1]!, Number(m[2])]));
    },
    forwarded: () => forwarded,
    forwardedAudience: () => forwardedAudience,
    news: () => news,
    /** Resolves with when the owner announced a complete shared leaderboard (null after `timeoutMs`). */
    async board(timeoutMs: number): Promise<number | null> {
      const until = Date.now() + timeoutMs;
      while (boardAt === null && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
      return boardAt;
    },
    async close() {
      await sub.close();
      await client.close();
    },
  };
}

/** Commands executed between two snapshots, by command, without the watcher's own INFO calls. */
function diff(before: Map<string, number>, after: Map<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [c, n] of after) {
    const d = n - (before.get(c) ?? 0) - (c === 'info' ? 1 : 0);
    if (d > 0) out.set(c, d);
  }
  return out;
}

/**
 * `BENCH_PROCESSES=1,2`: one run per process count (fresh servers and database each), echoed, then the figures side
 * by side with each one's ratio to the first count's (below 1: better with more processes).
 */
async function processesSideBySide(counts: string[]): Promise<never> {
  const { spawn } = await import('node:child_process');
  const figures = new Map<string, Record<string, number>>();
  for (const count of counts) {
    console.log(`\n=== BENCH_PROCESSES=${count} ===`);
    const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!], { env: { ...process.env, BENCH_PROCESSES: count }, stdio: ['ignore', 'pipe', 'inherit'] });
    let rest = '';
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      const parts = (rest + chunk.toString('utf8')).split('\n');
      rest = parts.pop()!;
      for (const line of parts) if (line.startsWith('BENCH_FIGURES ')) figures.set(count, JSON.parse(line.slice('BENCH_FIGURES '.length)) as Record<string, number>);
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    if (code !== 0) throw new Error(`the ${count}-process run exited with ${code}`);
  }
  const first = figures.get(counts[0]!)!;
  const labels: [string, string][] = [
    ['joinP99', 'connect + join p99 (ms)'],
    ['fanoutP99', 'question fan-out p99 (ms)'],
    ['ackP50', 'answer ack p50 (ms)'],
    ['ackP99', 'answer ack p99 (ms)'],
    ['revealMs', 'lock + reveal (ms)'],
    ['boardMs', 'leaderboard complete (ms)'],
  ];
  console.log(`\n=== side by side: ${N} audience sockets, answers ${SPREAD ? `spread over ${SPREAD} ms` : 'all at once'} ===`);
  for (const [k, label] of labels) {
    console.log(`${label.padEnd(28)} ${counts.map((c) => `${c} process(es): ${fmt(figures.get(c)![k]!)}${c === counts[0] ? '' : ` (×${fmt(figures.get(c)![k]! / Math.max(1e-9, first[k]!), 2)})`}`).join('   ')}`);
  }
  process.exit(0);
}

/**
 * Question after question for BENCH_SOAK_S: each opens (fan-out measured), the audience answers over
 * 8 s, the host locks and reveals, 2% of phones reconnect, then a 3 s pause. RSS of every server
 * process is sampled each minute; the contest's stored answers grow by design, so the report gives
 * both.
 */
async function soak(command: (c: ClientCommand) => Promise<any>) {
  const t0 = Date.now();
  let nextSample = t0 + 60_000;
  let questions = 0;
  let answers = 0;
  let failedAnswers = 0;
  let rejoined = 0;
  let failedRejoins = 0;
  const fanoutP99: number[] = [];
  const ackP99: number[] = [];
  const samples: { min: number; rss: number[]; heap: number; answers: number }[] = [];
  console.log(`soak: ${SOAK} s of questions with steady audience traffic`);
  while (Date.now() - t0 < SOAK * 1000) {
    let next = await command({ type: 'question:next' });
    if (!next.ok) next = await command({ type: 'round:next' });
    if (!next.ok) throw new Error(`soak: cannot go on (${next.error.code}) after ${questions} questions`);
    const phaseId = (next.data.view as HostView).phaseId + 1;
    const watching = workers.map((w) => ask(w, { cmd: 'watch', phaseId }, 'seen'));
    await new Promise((r) => setTimeout(r, 100));
    const sent = Date.now();
    const opened = await command({ type: 'question:open' });
    if (!opened.ok) throw new Error(`soak: question:open refused (${opened.error.code})`);
    const seen = (await Promise.all(watching)).flatMap((r) => (r.times as number[]).map((t) => t - sent)).sort((a, b) => a - b);
    fanoutP99.push(percentile(seen, 99));
    const key = (opened.data.view as HostView).question!.key!;
    const answered = await Promise.all(workers.map((w) => ask(w, { cmd: 'answer', options: key, spreadMs: 8000 }, 'answered')));
    const lat = answered.flatMap((r) => r.latencies as number[]).sort((a, b) => a - b);
    ackP99.push(percentile(lat, 99));
    answers += lat.length;
    failedAnswers += answered.reduce((n, r) => n + r.failed, 0);
    if (!(await command({ type: 'answer:lock' })).ok || !(await command({ type: 'question:reveal' })).ok) throw new Error('soak: lock or reveal refused');
    const churned = await Promise.all(workers.map((w) => ask(w, { cmd: 'churn', fraction: 0.02 }, 'churned')));
    rejoined += churned.reduce((n, r) => n + r.rejoined, 0);
    failedRejoins += churned.reduce((n, r) => n + r.failed, 0);
    questions++;
    await new Promise((r) => setTimeout(r, 3000));
    if (Date.now() >= nextSample) {
      nextSample += 60_000;
      const sample = { min: (Date.now() - t0) / 60_000, rss: servers.map((x) => x.rssMb()), heap: (await liveHeapMb(server.child.pid!)).heapUsed, answers };
      samples.push(sample);
      const connected = (await Promise.all(workers.map((w) => ask(w, { cmd: 'count' }, 'count')))).reduce((n, r) => n + r.connected, 0);
      console.log(`  ${fmt(sample.min)} min: ${questions} questions, ${answers} answers acknowledged, ${connected} sockets connected, server RSS ${sample.rss.map((x) => fmt(x, 0)).join(' + ')} MB, live heap after full GC ${fmt(sample.heap, 0)} MB`);
    }
  }
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const first = samples[Math.min(4, samples.length - 1)];
  const last = samples.at(-1);
  console.log(
    `soak done: ${fmt((Date.now() - t0) / 60_000)} min, ${questions} questions, ${answers} answers acknowledged (${failedAnswers} failed), ${rejoined} reconnects (${failedRejoins} failed)`,
  );
  console.log(`  per-question fan-out p99: median ${fmt(percentile(sorted(fanoutP99), 50))} ms, worst ${fmt(Math.max(...fanoutP99))} ms; answer ack p99: median ${fmt(percentile(sorted(ackP99), 50))} ms, worst ${fmt(Math.max(...ackP99))} ms`);
  if (first && last) {
    console.log(`  server RSS at ${fmt(first.min)} min: ${first.rss.map((x) => fmt(x, 0)).join(' + ')} MB; at ${fmt(last.min)} min: ${last.rss.map((x) => fmt(x, 0)).join(' + ')} MB`);
    // The contest keeps every audience answer (for ranks and the record export): that much growth is data, the rest would be a leak.
    const perAnswer = ((last.heap - first.heap) * 1048576) / Math.max(1, last.answers - first.answers);
    console.log(`  live heap (first server) at ${fmt(first.min)} min: ${fmt(first.heap, 0)} MB; at ${fmt(last.min)} min: ${fmt(last.heap, 0)} MB — ${fmt(perAnswer, 0)} bytes per answer stored since`);
  }
}
