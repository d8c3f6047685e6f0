/**
 * `npm run restore -- <backup file>`: puts a backup (from `npm run backup`) in place of the database of
 * DATABASE_URL. The server must be stopped: a restore under a running server would be overwritten by it
 * (it refuses when another process has the file open). The backup is checked first — `PRAGMA quick_check`,
 * a schema no newer than this code, writable — and the database it replaces is kept beside it as
 * `<name>.before-restore-<time>` (with its WAL), never deleted.
 */
import { copyFileSync, existsSync, fsyncSync, openSync, closeSync, readdirSync, readlinkSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../server/config.js';
import { openDatabase } from '../server/db/client.js';
import { checkDatabase } from '../server/db/health.js';

const fail = (message: string): never => {
  console.error(`Restore failed: ${message}`);
  process.exit(1);
};
const backup = process.argv[2];
if (!backup) fail('usage: npm run restore -- <backup file>');
let config;
try {
  config = loadConfig();
} catch (e) {
  fail(e instanceof ConfigError ? e.message : String(e));
}
if (!config!.DATABASE_URL.startsWith('file:')) fail(`DATABASE_URL=${config!.DATABASE_URL} is a libSQL server: restore it with the server's own tools`);
const target = path.resolve(config!.DATABASE_URL.slice('file:'.length).replace(/^\/\/(localhost)?/, '').split('?')[0]!);
const from = path.resolve(backup!);
if (!existsSync(from)) fail(`there is no backup at ${from}`);

/** Processes (other than this one) holding the database or its WAL open: a running server. */
function holders(file: string): number[] {
  const pids: number[] = [];
  const names = new Set([file, `${file}-wal`, `${file}-shm`]);
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p) && Number(p) !== process.pid)) {
    try {
      if (readdirSync(`/proc/${pid}/fd`).some((fd) => names.has(readlinkSync(`/proc/${pid}/fd/${fd}`)))) pids.push(Number(pid));
    } catch {
      // gone, or not ours to look at
    }
  }
  return pids;
}
const running = existsSync('/proc/self/fd') ? holders(target) : [];
if (running.length) fail(`${target} is open in process ${running.join(', ')}: stop the server first (a restore under it would be overwritten)`);

// Checked on a copy beside the target, which then replaces it by a rename (all or nothing).
const staged = `${target}.restoring`;
rmSync(staged, { force: true });
copyFileSync(from, staged);
const database = await openDatabase(`file:${staged}`);
try {
  await checkDatabase(database, config!.migrationsDir, `file:${staged}`);
  await database.client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
} catch (e) {
  database.close();
  rmSync(staged, { force: true });
  fail(`the backup ${from} cannot be used: ${(e as Error).message}`);
}
database.close();
for (const suffix of ['-wal', '-shm']) rmSync(`${staged}${suffix}`, { force: true });

let kept: string | null = null;
if (existsSync(target)) {
  kept = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(`${target}${suffix}`)) renameSync(`${target}${suffix}`, `${kept}${suffix}`);
}
const fd = openSync(staged, 'r+');
fsyncSync(fd);
closeSync(fd);
renameSync(staged, target);
const dir = openSync(path.dirname(target), 'r');
fsyncSync(dir);
closeSync(dir);
console.log(`Restored ${from} to ${target}${kept ? `; the database it replaced is kept as ${kept}` : ''}. Start the server.`);
