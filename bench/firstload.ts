/**
 * `npm run bench:firstload` — how soon a phone on a weak network can use the citizen quiz (`/quiz/:id`), the
 * audience join (`/join/:pin`) and the audience page (`/play/:pin`): Chromium (playwright-core) with the
 * DevTools network emulation (`Network.emulateNetworkConditions`: round-trip latency and throughput each way)
 * and CPU throttling (`Emulation.setCPUThrottlingRate`), a fresh browser context per load (empty cache, new
 * connections, no stored token), against a real server process on the production build.
 *
 * "Usable" is the moment the page's form can be filled in and sent: the county list has its counties and the
 * submit button is on the page (recorded inside the page by a MutationObserver, from navigation start).
 *
 * References measured in the same run:
 * - the same loads without throttling (what the machine itself costs; the ratio shows the network's share);
 * - the same loads through a proxy that serves the bare index.html (no preload hints, no first data inside
 *   the document), i.e. the request waterfall this platform had before: entry script, then the page's
 *   script, then its data.
 *
 * Settings: BENCH_RUNS (loads per page and profile, default 3; the median is reported, and the worst);
 * BENCH_TRACE=1 prints each first load's requests (start and end, ms from navigation; bytes) to see the waterfall.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_PATH } from '../tests/helpers/env.js';
import { login } from '../tests/helpers/http.js';
import { fmt, startServerProcess } from './lib.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PASSWORD = 'Bench-Password-1';

interface Profile {
  name: string;
  /** Round-trip latency added to every request, ms; throughput each way in kbit/s (1 kbit = 1000 bit); CPU slowdown. */
  rtt: number;
  kbps: number;
  cpu: number;
  target: number | null;
}
const PROFILES: Profile[] = [
  { name: 'weak 4G: 400 ms RTT, 400 kbit/s, CPU 4x', rtt: 400, kbps: 400, cpu: 4, target: 5000 },
  { name: '150 ms RTT, 400 kbit/s, CPU 4x', rtt: 150, kbps: 400, cpu: 4, target: 2500 },
  { name: 'unthrottled (reference)', rtt: 0, kbps: 0, cpu: 1, target: null },
];

execFileSync(process.execPath, [path.resolve('node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
const clientDir = path.resolve('dist/client');
const bareIndex = readFileSync(path.join(clientDir, 'index.html'));

const server = await startServerProcess({ ADMIN_USERNAME: 'bench', ADMIN_PASSWORD: PASSWORD, RATE_LIMIT_PER_IP: '0', PUBLIC_URL: 'http://127.0.0.1' });
const staff = await login(server, 'bench', PASSWORD);

// A campaign over Langfang's counties (the shipped bank and regions), and a contest with an audience region.
const campaign = (await (
  await staff.request('/api/campaigns', {
    method: 'POST',
    json: {
      title: '廊坊市健康素养知识竞赛（网络初赛）',
      description: '全市居民均可参加，每天两次机会。',
      startsAt: Date.now() - 3600_000,
      endsAt: Date.now() + 7 * 24 * 3600_000,
      regionCode: '131000',
      mix: [{ count: 5, type: 'single' }, { count: 3, type: 'multiple' }, { count: 2, type: 'truefalse' }],
      timeLimitSec: 600,
      attemptsPerDay: 2,
      attemptsTotal: 5,
      counting: 'best',
      passMark: 60,
      showExplanations: true,
      fields: { name: true, phone: false, team: true },
      targets: {},
    },
  })
).json()) as { data: { id: string } };
await staff.request(`/api/campaigns/${campaign.data.id}/publish`, { method: 'POST' });
const setPage = (await (await staff.request('/api/bank/questions?type=single&status=active&pageSize=3')).json()) as { data: { items: { question: { id: string } }[] } };
const set = (await (await staff.request('/api/bank/sets', { method: 'POST', json: { name: '必答题', questionIds: setPage.data.items.map((e) => e.question.id) } })).json()) as { data: { id: string } };
const contest = (await (
  await staff.request('/api/contests', {
    method: 'POST',
    json: {
      title: '廊坊市健康知识家庭挑战赛决赛',
      rehearsal: true,
      baseScore: 100,
      regionCode: '131000',
      teams: [
        { id: 't1', name: '张家战队', county: '131003', members: ['张伟', '李娜', '张小明'] },
        { id: 't2', name: '王家战队', county: '131002', members: ['王强', '刘芳', '王小红'] },
      ],
      rounds: [{ id: 'r1', kind: 'compulsory', title: '必答题', setId: set.data.id, timeLimitMs: 30_000 }],
    },
  })
).json()) as { ok: boolean; data: { id: string }; error?: unknown };
if (!contest.ok) throw new Error(`contest setup failed: ${JSON.stringify(contest.error)}`);
const detail = (await (await staff.request(`/api/contests/${contest.data.id}`)).json()) as { data: { pin: string } };
const pin = detail.data.pin;

/**
 * The "before" reference: a proxy in front of the server that answers every page with the bare
 * index.html of the build (no preload hints, no data inside), passing everything else through (WebSocket
 * upgrades included).
 */
const target = new URL(server.url);
const proxy = http.createServer((req, res) => {
  if (req.method === 'GET' && (req.headers.accept ?? '').includes('text/html')) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
    return res.end(bareIndex);
  }
  const upstream = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
    res.writeHead(up.statusCode ?? 502, up.headers);
    up.pipe(res);
  });
  upstream.on('error', () => res.destroy());
  req.pipe(upstream);
});
proxy.on('upgrade', (req, socket, head) => {
  const upstream = net.connect(Number(target.port), target.hostname, () => {
    upstream.write(`${req.method} ${req.url} HTTP/1.1\r\n${Object.entries(req.headers).map(([k, v]) => `${k}: ${String(v)}`).join('\r\n')}\r\n\r\n`);
    if (head.length) upstream.write(head);
    upstream.pipe(socket);
    socket.pipe(upstream);
  });
  upstream.on('error', () => socket.destroy());
  socket.on('error', () => upstream.destroy());
});
await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
const proxyUrl = `http://127.0.0.1:${(proxy.address() as net.AddressInfo).port}`;

/** Marks `window.__usable` (ms since navigation start, also resolving `__usablePromise`) the first time the page's form can be filled in and sent. */
const WATCH = `(() => {
  const ready = () => {
    const form = document.querySelector('form.start, form.ph-form');
    return !!form && !!form.querySelector('select[name=county] option:nth-child(2)') && !!form.querySelector('button[type=submit]:not([disabled])');
  };
  let done;
  window.__usablePromise = new Promise((resolve) => (done = resolve));
  const observer = new MutationObserver(() => {
    if (window.__usable === undefined && ready()) {
      window.__usable = performance.now();
      observer.disconnect();
      done(window.__usable);
    }
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true });
})();`;

const browser: Browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

/** One load on a fresh phone: ms to usable, and the bytes it received. */
async function load(base: string, pathname: string, p: Profile, trace = false): Promise<{ ms: number; kb: number; requests: number }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
  await context.addInitScript(WATCH);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  let bytes = 0;
  let requests = 0;
  const t0 = Date.now();
  const timeline = new Map<string, { url: string; start: number; end?: number; size?: number }>();
  cdp.on('Network.requestWillBeSent', (e) => timeline.set(e.requestId, { url: e.request.url.replace(/^\w+:\/\/[^/]+/, ''), start: Date.now() - t0 }));
  cdp.on('Network.loadingFinished', (e) => {
    bytes += e.encodedDataLength;
    requests++;
    const r = timeline.get(e.requestId);
    if (r) Object.assign(r, { end: Date.now() - t0, size: e.encodedDataLength });
  });
  if (p.rtt || p.kbps) {
    const throughput = p.kbps ? (p.kbps * 1000) / 8 : -1;
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: p.rtt, downloadThroughput: throughput, uploadThroughput: throughput });
  }
  if (p.cpu > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: p.cpu });
  await page.goto(`${base}${pathname}`, { waitUntil: 'commit' });
  // One call that returns when the page marks itself usable (no polling that would add to the CPU under test).
  const ms = await Promise.race([
    page.evaluate(() => (window as unknown as { __usablePromise: Promise<number> }).__usablePromise),
    new Promise<never>((_, reject) =>
      setTimeout(async () => {
        const state = await page.evaluate(() => ({ url: location.href, body: document.body?.innerHTML.slice(0, 300), usable: (window as unknown as { __usable?: number }).__usable })).catch((e: Error) => e.message);
        reject(new Error(`${pathname} not usable after 60 s: ${JSON.stringify(state)}`));
      }, 60_000),
    ),
  ]);
  if (trace) {
    console.log(`  ${base === proxyUrl ? 'before' : 'now'} ${pathname} (${p.name}): usable at ${fmt(ms, 0)} ms`);
    for (const r of timeline.values()) console.log(`    ${String(r.start).padStart(6)} ${String(r.end ?? '…').padStart(6)} ${String(r.size ?? '').padStart(7)}  ${r.url.slice(0, 90)}`);
  }
  await context.close();
  return { ms, kb: bytes / 1024, requests };
}

const pages = [
  ['citizen quiz', `/quiz/${campaign.data.id}`],
  ['audience join', `/join/${pin}`],
  ['audience play', `/play/${pin}`],
] as const;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`time to a usable form, median of ${RUNS} fresh loads (worst in brackets); "before" = bare index.html, no hints or first data`);
console.log('profile'.padEnd(42), 'page'.padEnd(14), 'usable'.padStart(16), 'KB'.padStart(6), 'req'.padStart(4), 'before'.padStart(16), 'target'.padStart(8));
let missed = 0;
for (const p of PROFILES) {
  for (const [name, pathname] of pages) {
    const now: { ms: number; kb: number; requests: number }[] = [];
    const before: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const trace = Boolean(process.env.BENCH_TRACE) && i === 0;
      now.push(await load(server.url, pathname, p, trace));
      before.push((await load(proxyUrl, pathname, p, trace)).ms);
    }
    const ms = now.map((r) => r.ms);
    const m = median(ms);
    const met = p.target === null || m <= p.target;
    if (!met) missed++;
    console.log(
      p.name.padEnd(42),
      name.padEnd(14),
      `${fmt(m / 1000, 2)} s (${fmt(Math.max(...ms) / 1000, 2)})`.padStart(16),
      fmt(median(now.map((r) => r.kb)), 1).padStart(6),
      String(median(now.map((r) => r.requests))).padStart(4),
      `${fmt(median(before) / 1000, 2)} s (${fmt(Math.max(...before) / 1000, 2)})`.padStart(16),
      (p.target === null ? '—' : `${p.target / 1000} s ${met ? 'ok' : 'MISSED'}`).padStart(8),
    );
  }
}
await browser.close();
proxy.close();
await server.stop();
process.exit(missed ? 1 : 0);
