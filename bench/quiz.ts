/**
 * `npm run bench:quiz` — online quiz submissions against a real server process and its SQLite file.
 *
 * 1. starts the server (embedded libSQL file, WAL, group-committing writer);
 * 2. measures the ceiling (a bare node:http server in another process answering the same load generator:
 *    the most one Node process serves here now, and the CPU any Node server spends on a request's HTTP
 *    alone) and the app's floor (a POST it answers 404 after its middleware);
 * 3. starts N attempts (N new participants spread over Langfang's 10 counties), then submits them:
 *    every 200 is a graded submission acknowledged after its commit.
 *    a. closed loop: C requests in flight, each sent as soon as one returns: the most it will do;
 *    b. open loop: submissions sent at fixed rates, as independent phones would, whatever the server's
 *       pace; a latency counts from when the request was due, so a server falling behind shows it;
 * 4. with N × 10 answers stored (1,000,000 at the default N), times the county leaderboard and the
 *    top-50 of a county, in-process against the same database file.
 *
 * BENCH_ATTEMPTS (default 100000) and BENCH_CONCURRENCY (default 256) tune it; BENCH_RATES (submissions/s, or
 * `30%` for that share of the ceiling measured in the same run; default 3000,4000,5000) and BENCH_RATE_SECONDS (default 5) the open-loop steps, which take their
 * submissions from the N. BENCH_PROCESSES (default 1) runs `start:cluster` with that many server processes
 * sharing the database (and the local Redis). BENCH_SYNC (default `full`) is the database's `DATABASE_SYNC`;
 * `BENCH_SYNC=full,normal` runs the whole benchmark once per mode, one after the other, and prints their
 * figures side by side: what syncing every group commit's WAL before acknowledging it costs. BENCH_BINDING
 * (default `county`) is what a participant gives at the start: `county` only, or `bound` — county, township,
 * village and the health guide whose code they came through, so every join and submission also bumps the
 * township, village and guide counters; `BENCH_BINDING=county,bound` runs both and prints them side by side.
 * With two modes, BENCH_ROUNDS=n runs them n times each, alternating their order, and prints the median per mode of
 * the server's CPU per submission (all its threads, then the event loop and the rest), the closed-loop rate and its
 * share of its own run's ceiling, with the ratio of each mode's median to the first mode's.
 */
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Pool } from 'undici';
import { startBareHttp } from './bare-http.js';
import { RawPool } from './http-client.js';
import { openDatabase } from '../server/db/client.js';
import { Writer } from '../server/db/writer.js';
import { QuizService } from '../server/quiz/quiz.js';
import { fmt, percentile, sideBySide, startServerProcess } from './lib.js';

const N = Number(process.env.BENCH_ATTEMPTS ?? 100_000);
const C = Number(process.env.BENCH_CONCURRENCY ?? 256);
/** Open-loop rates: submissions per second, or `30%` for that share of the ceiling measured in the same run. */
const RATE_SPECS = (process.env.BENCH_RATES ?? '3000,4000,5000').split(',').filter(Boolean);
if (RATE_SPECS.some((r) => !/^\d+(\.\d+)?%?$/.test(r))) throw new Error(`BENCH_RATES lists submissions per second or shares of the ceiling (30%), not ${process.env.BENCH_RATES}`);
const ratesAt = (ceiling: number) => RATE_SPECS.map((r) => (r.endsWith('%') ? Math.round((ceiling * Number(r.slice(0, -1))) / 100) : Number(r)));
const RATE_SECONDS = Number(process.env.BENCH_RATE_SECONDS ?? 5);
const openCount = (rates: number[]) => rates.reduce((sum, r) => sum + r * RATE_SECONDS, 0);
if (openCount(ratesAt(0)) >= N) throw new Error(`the open-loop steps need ${openCount(ratesAt(0))} submissions, more than BENCH_ATTEMPTS=${N}`);
const COUNTIES = ['131002', '131003', '131022', '131023', '131024', '131025', '131026', '131028', '131081', '131082'];
const PASSWORD = 'Bench-Password-1';

const SYNC = (process.env.BENCH_SYNC ?? 'full').split(',').filter(Boolean);
if (SYNC.some((m) => m !== 'full' && m !== 'normal')) throw new Error(`BENCH_SYNC must list full and/or normal, not ${process.env.BENCH_SYNC}`);
const BINDING = (process.env.BENCH_BINDING ?? 'county').split(',').filter(Boolean);
if (BINDING.some((m) => m !== 'county' && m !== 'bound')) throw new Error(`BENCH_BINDING must list county and/or bound, not ${process.env.BENCH_BINDING}`);
if (SYNC.length > 1 && BINDING.length > 1) throw new Error('compare one thing at a time: BENCH_SYNC or BENCH_BINDING, not both');
const compared = SYNC.length > 1 ? { key: 'BENCH_SYNC', label: 'DATABASE_SYNC', modes: SYNC } : BINDING.length > 1 ? { key: 'BENCH_BINDING', label: 'BENCH_BINDING', modes: BINDING } : null;
// One whole run per mode, then the figures side by side.
if (compared) {
  await sideBySide(compared.key, compared.label, compared.modes, /^(start attempt|submit, |server CPU during submit|of which the event loop|machine bound|ceiling|floor|closed loop:)/, [
    { name: 'server CPU per submission (µs)', pattern: /^server CPU during submit: .*?, ([\d.]+) µs per submission/ },
    { name: 'of which the event loop (µs)', pattern: /^of which the event loop: .*?, ([\d.]+) µs per submission/ },
    { name: 'the writer thread and GC helpers (µs)', pattern: /the writer thread and GC helpers ([\d.]+) µs/ },
    { name: 'closed loop (submissions/s)', pattern: /^submit, closed loop .*?: ([\d.]+) req\/s/ },
    { name: 'closed loop (% of its run\'s ceiling)', pattern: /^closed loop: ([\d.]+)% of the ceiling/ },
  ]);
}

// BENCH_PROCESSES > 1: `start:cluster` with that many processes on one port (and the local Redis).
const WORKERS = Number(process.env.BENCH_PROCESSES ?? 1);
const server = await startServerProcess(
  {
    ADMIN_USERNAME: 'bench',
    ADMIN_PASSWORD: PASSWORD,
    RATE_LIMIT_PER_IP: '0',
    DATABASE_SYNC: SYNC[0]!,
    NEW_PARTICIPANTS_PER_IP: '0',
    REGION_DEPTH: BINDING[0] === 'bound' ? 'village' : 'county',
    ...(WORKERS > 1 ? { WORKERS: String(WORKERS), REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', REDIS_STREAM: `bench:${Date.now()}` } : {}),
  },
  WORKERS > 1 ? { entry: 'cluster' } : {},
);
// Setup requests go through undici; the measured ones through the lean client (see http-client.ts), whose
// own CPU cost on this shared machine is a third of undici's, with enough connections for the open loop's
// requests in flight when the server falls behind.
const pool = new Pool(server.url, { connections: 16, pipelining: 1 });
const raw = new RawPool(server.url, Math.max(C, 2048));

async function request(method: 'GET' | 'POST', pathname: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await pool.request({ method, path: pathname, headers: { 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.body.text();
  return { status: res.statusCode, headers: res.headers, json: JSON.parse(text) as { ok: boolean; data: any; error?: any } };
}

/** Runs `total` jobs with `concurrency` in flight; returns per-job latencies (ms) and wall time. */
async function run(total: number, concurrency: number, job: (i: number) => Promise<boolean>) {
  const latencies: number[] = [];
  let next = 0;
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const t = performance.now();
        if (!(await job(i).catch(() => false))) failed++; // a lost connection is a failed job
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { latencies: latencies.sort((a, b) => a - b), seconds: (performance.now() - started) / 1000, failed };
}

/** Runs jobs `from`…`from + count - 1` at `rate` per second, each latency counted from when it was due. */
async function paced(from: number, count: number, rate: number, job: (i: number) => Promise<boolean>) {
  const latencies: number[] = [];
  let failed = 0;
  const started = performance.now() + 10;
  const inFlight: Promise<void>[] = [];
  for (let k = 0; k < count; k++) {
    const due = started + (k * 1000) / rate;
    const ahead = due - performance.now();
    if (ahead > 1) await new Promise((resolve) => setTimeout(resolve, ahead));
    inFlight.push(
      job(from + k)
        .catch(() => false) // a lost connection is a failed submission, not the end of the run
        .then((ok) => {
          if (!ok) failed++;
          latencies.push(performance.now() - due);
        }),
    );
  }
  await Promise.all(inFlight);
  return { latencies: latencies.sort((a, b) => a - b), seconds: (performance.now() - started) / 1000, failed };
}

/** Sends 30,000 small POSTs that ask for no work; prints the rate and the server's CPU per request. */
async function noWork(label: string, to: RawPool, pathname: string, status: number, cpuMs: () => number): Promise<number> {
  const n = 30_000;
  const probe = RawPool.request('POST', pathname, { 'content-type': 'application/json' }, JSON.stringify({ answers: [[0], [1]] }));
  const before = cpuMs();
  const r = await run(n, C, async () => (await to.send(probe)).status === status);
  console.log(`${label}: ${fmt(n / r.seconds, 0)} req/s, server ${fmt(((cpuMs() - before) * 1000) / n, 0)} µs CPU per request, failed ${r.failed}`);
  return n / r.seconds;
}

try {
  const login = await request('POST', '/api/auth/login', { username: 'bench', password: PASSWORD });
  const cookie = String(login.headers['set-cookie']).split(';')[0]!;
  const staff = { cookie, 'x-csrf-token': login.json.data.csrfToken as string };
  const created = await request(
    'POST',
    '/api/campaigns',
    {
      title: '压力测试活动',
      startsAt: Date.now() - 3600_000,
      endsAt: Date.now() + 24 * 3600_000,
      regionCode: '131000',
      mix: [{ count: 6, type: 'single' }, { count: 2, type: 'multiple' }, { count: 2, type: 'truefalse' }],
      timeLimitSec: 3 * 3600,
      minSecondsPerQuestion: 0,
      attemptsPerDay: 5,
      attemptsTotal: 5,
      counting: 'best',
      passMark: 60,
      showExplanations: false,
      fields: { name: false, phone: false, team: false },
      targets: Object.fromEntries(COUNTIES.map((c) => [c, 20_000])),
    },
    staff,
  );
  const campaignId = created.json.data.id as string;
  await request('POST', `/api/campaigns/${campaignId}/publish`, undefined, staff);
  // Bound: ten villages per county, one guide in each; participant i comes through the code of guide i mod 100.
  const places: { countyCode: string; townshipCode?: string; villageCode?: string; guideId?: string }[] = COUNTIES.map((countyCode) => ({ countyCode }));
  if (BINDING[0] === 'bound') {
    const children = async (code: string) => (await request('GET', `/api/regions?parent=${code}`)).json.data as { code: string }[];
    const villages: { countyCode: string; townshipCode: string; villageCode: string }[] = [];
    for (const countyCode of COUNTIES) {
      const found: typeof villages = [];
      for (const town of await children(countyCode)) {
        for (const v of await children(town.code)) if (found.length < 10) found.push({ countyCode, townshipCode: town.code, villageCode: v.code });
        if (found.length >= 10) break;
      }
      villages.push(...found);
    }
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    book.addWorksheet('指导员').addRows([['姓名', '手机号', '角色', '所在地区', '单位'], ...villages.map((v, k) => [`医生${k}`, `136${String(k).padStart(8, '0')}`, '乡村医生', v.villageCode, '卫生室'])]);
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(await book.xlsx.writeBuffer())]), 'guides.xlsx');
    const imported = await fetch(`${server.url}/api/guides/import`, { method: 'POST', body: form, headers: { cookie, 'x-csrf-token': staff['x-csrf-token'] } });
    if (!imported.ok) throw new Error(`guide import failed: ${imported.status} ${await imported.text()}`);
    const guides = (await request('GET', '/api/guides', undefined, staff)).json.data as { id: string; regionCode: string }[];
    places.splice(0, places.length, ...villages.map((v) => ({ ...v, guideId: guides.find((g) => g.regionCode === v.villageCode)!.id })));
    console.log(`bound: ${places.length} villages with a guide each, in ${COUNTIES.length} counties`);
  }

  console.log(`bench:quiz — ${N} participants × 10 questions, ${C} requests in flight, binding ${BINDING[0]}, server pid ${server.child.pid}`);
  // The ceiling on this machine, this minute: a bare node:http server (another process, no framework, no
  // work) answering the same load generator: the most one Node process serves here now, and the CPU a
  // request's HTTP alone costs any Node server, however many processes.
  const bare = await startBareHttp();
  const barePool = new RawPool(bare.url, C);
  const ceiling = await noWork('ceiling (bare node:http in its own process, reads the body, answers 200, no work)', barePool, '/', 200, bare.cpuMs);
  barePool.close();
  bare.stop();
  // The floor on this machine, this minute: a POST that the app answers 404 after its middleware, with no
  // quiz work and no database. Figures below are best read against it (a shared VM's speed varies by 2×).
  await noWork('floor (POST answered 404 by the app, no work)', raw, '/api/no-such-route', 404, server.cpuMs);
  let loggedFailure = false;
  const attempts: { token: string; attemptId: string; answers: number[][] }[] = new Array(N);
  const started = await run(N, C, async (i) => {
    const res = await raw.send(RawPool.request('POST', `/api/quiz/${campaignId}/attempts`, { 'content-type': 'application/json' }, JSON.stringify(places[i % places.length])));
    const r = { status: res.status, json: JSON.parse(res.body) as { ok: boolean; data: any; error?: any } };
    if (!r.json.ok) {
      if (!loggedFailure) console.log(`first failed start: ${r.status} ${JSON.stringify(r.json.error)}`);
      loggedFailure = true;
      return false;
    }
    // Answer like the public does: about 80% right. Options are shown shuffled; any valid pick is fine.
    const answers = (r.json.data.questions as { type: string; options: string[] }[]).map((q, k) => {
      if (q.type === 'multiple') return (i + k) % 5 === 0 ? [0] : [0, 1];
      return [(i * 7 + k) % q.options.length];
    });
    attempts[i] = { token: r.json.data.token, attemptId: r.json.data.attemptId, answers };
    return true;
  });
  console.log(`start attempt (draw + durable insert): ${fmt(N / started.seconds, 0)} req/s, p50 ${fmt(percentile(started.latencies, 50))} ms, p99 ${fmt(percentile(started.latencies, 99))} ms, failed ${started.failed}`);

  // Each submission's bytes are built before the clock starts, as a phone has its request ready.
  const submissions = attempts.map((a) =>
    RawPool.request('POST', `/api/quiz/${campaignId}/attempts/${a.attemptId}/submit`, { 'content-type': 'application/json', 'x-participant-token': a.token }, JSON.stringify({ answers: a.answers })),
  );
  const submit = async (i: number) => {
    const request = submissions[i];
    if (!request) return false;
    const r = await raw.send(request);
    return r.status === 200 && r.body.startsWith('{"ok":true');
  };
  const RATES = ratesAt(ceiling);
  const OPEN = openCount(RATES);
  if (OPEN >= N) throw new Error(`the open-loop steps need ${OPEN} submissions at this run's ceiling, more than BENCH_ATTEMPTS=${N}`);
  const closed = N - OPEN;
  const cpuBefore = process.cpuUsage();
  const serverCpuBefore = server.cpuMs();
  const eventLoopBefore = server.eventLoopCpuMs();
  const submitted = await run(closed, C, submit);
  const rps = closed / submitted.seconds;
  const cpu = process.cpuUsage(cpuBefore);
  const serverCpuMs = server.cpuMs() - serverCpuBefore;
  const eventLoopMs = server.eventLoopCpuMs() - eventLoopBefore;
  const loadUs = (cpu.user + cpu.system) / closed;
  console.log(`load generator CPU during submit: ${fmt(((cpu.user + cpu.system) / 1e6 / submitted.seconds) * 100, 0)}% of one core, ${fmt(loadUs, 0)} µs per submission`);
  // What the server itself spends per submission (all its threads), and so what one core of its own would sustain.
  console.log(
    `server CPU during submit: ${fmt((serverCpuMs / 1000 / submitted.seconds) * 100, 0)}% of one core, ${fmt((serverCpuMs * 1000) / closed, 0)} µs per submission → ${fmt(closed / (serverCpuMs / 1000), 0)} submissions/s per core of its own`,
  );
  // Server and load generator share the machine's cores: with every core busy, no pace beyond this.
  const perSubmissionUs = (serverCpuMs * 1000) / closed + loadUs;
  console.log(
    `machine bound: ${fmt(perSubmissionUs, 0)} µs of CPU per submission (server + load generator) → at most ${fmt((os.availableParallelism() * 1e6) / perSubmissionUs, 0)} submissions/s with all ${os.availableParallelism()} cores busy`,
  );
  // The event loop is one thread: past 100% of a core it is the limit, whatever the other threads do.
  console.log(
    `of which the event loop: ${fmt((eventLoopMs / 1000 / submitted.seconds) * 100, 0)}% of one core, ${fmt((eventLoopMs * 1000) / closed, 0)} µs per submission; the writer thread and GC helpers ${fmt(((serverCpuMs - eventLoopMs) * 1000) / closed, 0)} µs`,
  );
  console.log(
    `submit, closed loop (${closed} submissions, ${C} in flight; graded, durable, acknowledged after commit): ${fmt(rps, 0)} req/s, p50 ${fmt(percentile(submitted.latencies, 50))} ms, p99 ${fmt(percentile(submitted.latencies, 99))} ms, max ${fmt(submitted.latencies.at(-1) ?? 0)} ms, failed ${submitted.failed}`,
  );
  console.log(`closed loop: ${fmt((rps / ceiling) * 100)}% of the ceiling measured in this run`);
  let next = closed;
  let failedOpen = 0;
  for (const rate of RATES) {
    const count = rate * RATE_SECONDS;
    // The load generator's own stalls (its GC) would be counted as server latency: report them alongside.
    await raw.warm(Math.min(rate / 4, 2048)); // room for 250 ms of requests in flight
    const stalls = monitorEventLoopDelay({ resolution: 5 });
    stalls.enable();
    const r = await paced(next, count, rate, submit);
    stalls.disable();
    next += count;
    failedOpen += r.failed;
    console.log(
      `submit, open loop at ${rate}/s (${fmt((rate / ceiling) * 100, 0)}% of the ceiling) for ${RATE_SECONDS} s: done ${fmt(count / r.seconds, 0)}/s, p50 ${fmt(percentile(r.latencies, 50))} ms, p99 ${fmt(percentile(r.latencies, 99))} ms, max ${fmt(r.latencies.at(-1) ?? 0)} ms, failed ${r.failed}; load generator's event-loop delay max ${fmt(stalls.max / 1e6)} ms`,
    );
  }
  console.log(`server RSS after load: ${fmt(server.rssMb(), 0)} MB`);
  const health = await request('GET', '/api/health', undefined, staff);
  console.log(`writer: ${JSON.stringify(health.json.data.details.writer)}`);
  await pool.close();
  raw.close();
  await server.stop();

  // Leaderboards, in-process against the same file the server wrote.
  const database = await openDatabase(`file:${path.join(server.dir, 'bench.db')}`);
  const answers = Number((await database.client.execute("SELECT sum(json_array_length(answers)) AS n FROM attempts WHERE status = 'submitted'")).rows[0]!.n);
  const quiz = new QuizService(database, new Writer(database.client), Date.now, 'bench-key-0123456789');
  await quiz.countyTable(campaignId); // warm: loads the campaign once, as the running server keeps it
  const time = async (label: string, fn: () => Promise<unknown>, reps: number) => {
    const samples: number[] = [];
    for (let i = 0; i < reps; i++) {
      const t = performance.now();
      await fn();
      samples.push(performance.now() - t);
    }
    samples.sort((a, b) => a - b);
    console.log(`${label}: mean ${fmt(samples.reduce((a, b) => a + b, 0) / reps, 3)} ms, p99 ${fmt(percentile(samples, 99), 3)} ms (${reps} runs)`);
  };
  console.log(`stored answers: ${answers.toLocaleString('en')}`);
  await time('county leaderboard (10 counties, participation, rates, averages)', () => quiz.countyTable(campaignId), 1000);
  await time('top-50 participants in one county', () => quiz.topInCounty(campaignId, '131003', 50), 1000);
  await time('most-missed questions (top 20)', () => quiz.hardestQuestions(campaignId, 20), 200);
  database.close();
  // Sanity: every submission counted exactly once.
  const check = await openDatabase(`file:${path.join(server.dir, 'bench.db')}`);
  const counted = Number((await check.client.execute('SELECT sum(attempts) AS n FROM campaign_county_stats')).rows[0]!.n);
  console.log(`county stats count ${counted} submissions (expected ${N - submitted.failed - failedOpen})`);
  check.close();
  rmSync(server.dir, { recursive: true, force: true });
} catch (e) {
  console.error(e);
  await server.stop();
  process.exit(1);
}
