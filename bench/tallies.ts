/**
 * `npm run bench:tallies`: loading a province's regions, and the mobilization reads at the scale of the issue —
 * a province of 11 cities (Hebei: ~190 counties, ~2,400 townships, ~54,000 villages), 320,000 residents, 6,000
 * guides. The reads (drill-down at each level, guide ranking) touch only the pre-summed counters, so the number of
 * answers behind them does not enter; the counters are filled directly with random totals of that size.
 * Prints the median and p99 of each read over repeated calls on a local file (the embedded default).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrateDatabase, openDatabase } from '../server/db/client.js';
import { readDivisionSubtree, upsertRegions } from '../server/regions/region-data.js';
import { drillDown, guideRanking } from '../server/reports/tallies.js';
import { makeBriefing } from '../server/reports/briefings.js';
import { Writer } from '../server/db/writer.js';
import { QuizService } from '../server/quiz/quiz.js';
import { percentile } from './lib.js';

const ROOT = process.env.BENCH_REGION ?? '130000';
const RESIDENTS = 320_000;
const GUIDES = 6_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 200);

const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-tallies-'));
const database = await openDatabase(`file:${path.join(dir, 'bench.db')}`);
await migrateDatabase(database, path.resolve(import.meta.dirname, '..', 'server', 'db', 'migrations'));
let t = performance.now();
const rows = readDivisionSubtree(ROOT, 'village');
const readMs = performance.now() - t;
t = performance.now();
await upsertRegions(database.client, rows);
const insertMs = performance.now() - t;
console.log(`regions ${ROOT}: ${rows.length} rows; read from the package ${readMs.toFixed(0)} ms, inserted ${insertMs.toFixed(0)} ms`);

// Spread residents over villages at random (seeded), and sum them up every level, as the writer would have.
let seed = 19;
const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
const villages = rows.filter((r) => r.level === 'village');
const tally = new Map<string, number[]>();
const bump = (key: string, v: number[]) => {
  const x = tally.get(key) ?? [0, 0, 0, 0, 0];
  for (let i = 0; i < 5; i++) x[i]! += v[i]!;
  tally.set(key, x);
};
for (let i = 0; i < RESIDENTS; i++) {
  const v = villages[Math.floor(random() * villages.length)]!.code;
  const submitted = random() < 0.9 ? 1 : 0;
  const score = submitted ? Math.round(random() * 100) : 0;
  const row = [1, submitted, submitted * (1 + Math.floor(random() * 3)), score, score >= 60 ? 1 : 0];
  bump(`v${v}`, row);
  bump(`t${v.slice(0, 9)}`, row);
  bump(`c${v.slice(0, 6)}`, row);
}
const campaign = 'benchcamp';
const insertAll = async (table: string, column: string, prefix: string, extra = '') => {
  const entries = [...tally].filter(([k]) => k.startsWith(prefix));
  for (let i = 0; i < entries.length; i += 1000) {
    const chunk = entries.slice(i, i + 1000);
    await database.client.execute({
      sql: `INSERT INTO ${table} (campaign_id, ${column}, participants, submitters, attempts, counted_score_sum, passed${extra}) VALUES ${chunk.map(() => `(?, ?, ?, ?, ?, ?, ?${extra ? ', 0, 0, 0' : ''})`).join(', ')}`,
      args: chunk.flatMap(([k, v]) => [campaign, k.slice(1), ...v]),
    });
  }
};
await insertAll('campaign_county_stats', 'county_code', 'c', ', full_marks, answers, correct');
await insertAll('campaign_township_stats', 'township_code', 't');
await insertAll('campaign_village_stats', 'village_code', 'v');
// Guides: spread over villages; a few hundred residents' worth each.
for (let i = 0; i < GUIDES; i += 500) {
  const chunk = Array.from({ length: Math.min(500, GUIDES - i) }, (_, k) => {
    const v = villages[Math.floor(random() * villages.length)]!.code;
    return { id: `g${i + k}`, v };
  });
  await database.client.batch(
    [
      { sql: `INSERT INTO guides (id, name, phone, role, clinic, region_code, county_code, township_code, token, created_at) VALUES ${chunk.map(() => "(?, '医生', ?, 'village-doctor', '', ?, ?, ?, ?, 0)").join(', ')}`, args: chunk.flatMap((g, k) => [g.id, `137${String(i + k).padStart(8, '0')}`, g.v, g.v.slice(0, 6), g.v.slice(0, 9), `token-${g.id}-xxxxxxxxxxxxxxxx`]) },
      { sql: `INSERT INTO campaign_guide_stats (campaign_id, guide_id, participants, submitters, attempts, counted_score_sum, passed) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}`, args: chunk.flatMap((g) => { const n = Math.floor(random() * 100); return [campaign, g.id, n, n, n, n * 70, n]; }) },
    ],
    'write',
  );
}

const time = async (label: string, fn: () => Promise<unknown>) => {
  for (let i = 0; i < 10; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const s = performance.now();
    await fn();
    samples.push(performance.now() - s);
  }
  samples.sort((a, b) => a - b);
  console.log(`${label.padEnd(44)} median ${percentile(samples, 50).toFixed(2)} ms, p99 ${percentile(samples, 99).toFixed(2)} ms`);
};
const { db } = database;
const city = rows.find((r) => r.level === 'city')!.code;
const county = rows.find((r) => r.level === 'county')!.code;
const township = rows.find((r) => r.level === 'township')!.code;
console.log(`${RESIDENTS} residents, ${GUIDES} guides, ${tally.size} counter rows; ${RUNS} calls each`);
await time(`drill-down: province ${ROOT} → cities`, () => drillDown(db, campaign, ROOT));
await time(`drill-down: city ${city} → counties`, () => drillDown(db, campaign, city));
await time(`drill-down: county ${county} → townships`, () => drillDown(db, campaign, county));
await time(`drill-down: township ${township} → villages`, () => drillDown(db, campaign, township));
await time(`guide ranking: county ${county}`, () => guideRanking(db, campaign, county));
await time(`guide ranking: province (top 100 of ${GUIDES})`, () => guideRanking(db, campaign, ROOT));

// A briefing: the drill-down, every guide of the region, the item accuracies, the previous briefing, and the
// kept row. Made for the second week (so it reads the first week's as its previous), again each call.
const items = Array.from({ length: 66 }, (_, i) => [campaign, '2024', i + 1, 20_000 + Math.floor(random() * 40_000)] as const);
await database.client.execute({ sql: `INSERT INTO campaign_item_stats (campaign_id, edition, item, answered, correct) VALUES ${items.map(() => '(?, ?, ?, ?, ?)').join(', ')}`, args: items.flatMap(([c, e, i, n]) => [c, e, i, n, Math.floor(n * (0.5 + random() / 2))]) });
const quiz = new QuizService(database, new Writer(database.client), Date.now, 'bench-key-0123456789');
const source = { campaign: async () => ({ settings: { title: '河北省健康知识答题', targets: {} } }), itemAccuracy: (id: string) => quiz.itemAccuracy(id) };
const week1 = Date.parse('2026-11-25T10:00:00+08:00');
await makeBriefing(db, source, { campaignId: campaign, regionCode: ROOT, kind: 'weekly', at: week1, userId: null });
const briefingRuns = Math.min(RUNS, 30);
for (const [label, region] of [
  [`briefing: province ${ROOT} (${GUIDES} guides)`, ROOT],
  [`briefing: county ${county}`, county],
] as const) {
  const samples: number[] = [];
  for (let i = 0; i < briefingRuns; i++) {
    const s = performance.now();
    await makeBriefing(db, source, { campaignId: campaign, regionCode: region, kind: 'weekly', at: week1 + 7 * 86_400_000, userId: null });
    samples.push(performance.now() - s);
  }
  samples.sort((a, b) => a - b);
  console.log(`${label.padEnd(44)} median ${percentile(samples, 50).toFixed(1)} ms, p99 ${percentile(samples, 99).toFixed(1)} ms (target ≤ 1,000 ms; ${briefingRuns} calls)`);
}
database.close();
rmSync(dir, { recursive: true, force: true });
