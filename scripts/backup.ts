/**
 * `npm run backup -- <file>`: a consistent copy of the database of DATABASE_URL (default data/app.db),
 * safe while the server runs. SQLite's `VACUUM INTO` reads one snapshot of the database (its WAL
 * included) inside a read transaction, so writers carry on and the copy holds every commit up to one
 * instant and none after. The copy is then checked (`PRAGMA quick_check`). A copy of `app.db` alone is
 * not a backup: the newest commits live in `app.db-wal` until a checkpoint.
 */
import { existsSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../server/config.js';
import { openNativeDatabase } from '../server/db/native.js';

const fail = (message: string): never => {
  console.error(`Backup failed: ${message}`);
  process.exit(1);
};
const target = process.argv[2];
if (!target) fail('usage: npm run backup -- <backup file>');
let config;
try {
  config = loadConfig();
} catch (e) {
  fail(e instanceof ConfigError ? e.message : String(e));
}
if (!config!.DATABASE_URL.startsWith('file:')) fail(`DATABASE_URL=${config!.DATABASE_URL} is a libSQL server: back it up with the server's own tools (sqld snapshots, Turso's point-in-time restore)`);
const source = path.resolve(config!.DATABASE_URL.slice('file:'.length).replace(/^\/\/(localhost)?/, '').split('?')[0]!);
if (!existsSync(source)) fail(`there is no database at ${source} (DATABASE_URL=${config!.DATABASE_URL})`);
const out = path.resolve(target!);
if (existsSync(out)) fail(`${out} already exists: choose a new file name (a backup never overwrites)`);

const began = performance.now();
// Written beside the target, then renamed: a backup interrupted half-way never looks complete.
const partial = `${out}.partial`;
const db = openNativeDatabase(source);
try {
  db.prepare('VACUUM INTO ?').run(partial);
} catch (e) {
  fail(`VACUUM INTO ${partial}: ${(e as Error).message}`);
} finally {
  db.close();
}
const check = openNativeDatabase(partial);
const problems = (check.prepare('PRAGMA quick_check').raw(true).all() as [string][]).map((r) => r[0]).filter((r) => r !== 'ok');
const counts = Object.fromEntries(
  ['participants', 'attempts', 'contest_log', 'questions'].map((t) => [t, (check.prepare(`SELECT count(*) FROM ${t}`).raw(true).all() as [number][])[0]![0]]),
);
check.exec('PRAGMA journal_mode = DELETE'); // a single self-contained file
check.close();
if (problems.length) fail(`the copy does not pass PRAGMA quick_check (${problems.slice(0, 3).join('; ')}); the database itself may be damaged`);
renameSync(partial, out);
console.log(`Backed up ${source} to ${out}: ${(statSync(out).size / 1e6).toFixed(1)} MB in ${((performance.now() - began) / 1000).toFixed(1)} s; ${JSON.stringify(counts)}`);
