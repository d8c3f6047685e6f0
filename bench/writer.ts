/**
 * `npm run bench:writer` — what the writer's SQLite work costs per quiz submission, by batch size, alone
 * on one thread (no HTTP, no event loop): the executor the server's writer thread runs, on a real file.
 *
 * Sets up BENCH_ATTEMPTS (default 100,000) participants with an open attempt each, then commits the
 * submissions' statements and statistics increments (the same shapes the server writes) in groups of each
 * size in BENCH_BATCHES (default 10,20,40), and prints CPU and wall time per submission.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../server/config.js';
import { migrateDatabase, openDatabase } from '../server/db/client.js';
import { encodeBatch, nativeExecutor, type Increment, type WriteStatement } from '../server/db/writer.js';
import { stats } from '../server/quiz/quiz.js'; // the shapes a submission writes
import { fmt } from './lib.js';

const N = Number(process.env.BENCH_ATTEMPTS ?? 100_000);
const BATCHES = (process.env.BENCH_BATCHES ?? '10,20,40').split(',').filter(Boolean).map(Number);
const dir = mkdtempSync(path.join(os.tmpdir(), 'hq-writer-'));
const file = path.join(dir, 'bench.db');
const database = await openDatabase(`file:${file}`);
await migrateDatabase(database, loadConfig({}).migrationsDir);
const run = nativeExecutor(file);
const CAMPAIGN = 'bench-campaign';
const county = (i: number) => `1310${10 + (i % 10)}`;
const id = (prefix: string, i: number) => `${prefix}${String(i).padStart(12, '0')}`;
const day = '2026-11-25';
const drawn = JSON.stringify(Array.from({ length: 10 }, (_, k) => ({ id: `q-${k}`, revision: 1, order: [2, 0, 3, 1] })));
try {
  for (let from = 0; from < N; from += 1000) {
    const jobs = [];
    for (let i = from; i < Math.min(N, from + 1000); i++) {
      jobs.push({
        statements: [
          { sql: 'INSERT INTO participants (id, campaign_id, token_hash, county_code, attempts, last_day, created_at) VALUES (?, ?, ?, ?, 1, ?, 0)', args: [id('p', i), CAMPAIGN, id('t', i), county(i), day] },
          { sql: "INSERT INTO attempts (id, campaign_id, participant_id, county_code, day, started_at, deadline, drawn, status) VALUES (?, ?, ?, ?, ?, 0, ?, ?, 'open')", args: [id('a', i), CAMPAIGN, id('p', i), county(i), day, 9e12, drawn] },
        ] as WriteStatement[],
        increments: [],
      });
    }
    await run(encodeBatch(jobs));
  }
  console.log(`bench:writer — ${N} participants with an open attempt each; per submission: 2 guarded UPDATEs and 22 statistics increments`);
  for (const size of BATCHES) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    let statements = 0;
    for (let from = 0; from < N; from += size) {
      const jobs: { statements: WriteStatement[]; increments: Increment[] }[] = [];
      for (let i = from; i < Math.min(N, from + size); i++) {
        const increments = [stats.countySubmitted.add([CAMPAIGN, county(i)], [1, 1, 80, 1, 0, 10, 8]), stats.daySubmitted.add([CAMPAIGN, day, county(i)], [1, 80])];
        for (let k = 0; k < 10; k++) increments.push(stats.question.add([CAMPAIGN, `q-${(i * 7 + k) % 300}`], [1, k % 5 ? 1 : 0]), stats.item.add([CAMPAIGN, '2024', (i + k) % 66], [1, k % 5 ? 1 : 0]));
        jobs.push({
          statements: [
            { sql: "UPDATE attempts SET status = 'submitted', submitted_at = ?, score = ?, correct_count = ?, answers = ? WHERE id = ? AND status = 'open'", args: [1, 80, 8, '[[0],[1],[2],[0,1],[1],[0],[1],[0],[1],[2]]', id('a', i)], guard: true },
            { sql: 'UPDATE participants SET counted_score = ?, best_score = ? WHERE id = ? AND counted_score IS ? AND best_score IS ?', args: [80, 80, id('p', i), null, null], guard: true },
          ],
          increments,
        });
      }
      statements += await run(encodeBatch(jobs));
    }
    const used = process.cpuUsage(cpu);
    console.log(
      `${size} submissions per commit: ${fmt(((used.user + used.system) / N), 1)} µs CPU per submission (user ${fmt(used.user / N, 1)}, system ${fmt(used.system / N, 1)}), wall ${fmt(((performance.now() - started) * 1000) / N, 1)} µs; ${fmt(statements / N, 2)} statements per submission`,
    );
    // Open them again for the next size.
    await database.client.execute("UPDATE attempts SET status = 'open'");
    await database.client.execute('UPDATE participants SET counted_score = NULL, best_score = NULL');
  }
} finally {
  run.close();
  database.close();
  rmSync(dir, { recursive: true, force: true });
}
