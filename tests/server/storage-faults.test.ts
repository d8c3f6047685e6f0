import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import { openNativeDatabase } from '../../server/db/native';
import { startServer, type RunningServer } from '../../server/server';
import { STAFF_PASSWORD } from '../helpers/contest';
import { login } from '../helpers/http';
import { createCampaign } from '../helpers/quiz';
import { tempDir } from '../helpers/server';

const silent = pino({ level: 'silent' });
const configIn = (dir: string, env: Record<string, string> = {}) =>
  loadConfig({ REGION_DEPTH: 'county', PORT: '0', HOST: '127.0.0.1', DATABASE_URL: `file:${path.join(dir, 'app.db')}`, ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: STAFF_PASSWORD, ...env });

/** Starts a server on the folder's database and closes it: the file then exists, migrated and seeded. */
async function prepared(dir: string) {
  await (await startServer(configIn(dir), { logger: silent })).close();
}

/** Mounting needs root (CAP_SYS_ADMIN); where it is not allowed, the tests that need a file system of their own are skipped. */
function canMount(): boolean {
  const dir = tempDir('hq-mount-probe-');
  const ok = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir]).status === 0;
  if (ok) spawnSync('umount', [dir]);
  rmSync(dir, { recursive: true, force: true });
  return ok;
}
const mountable = canMount();
const mounts: string[] = [];
function mountTmpfs(sizeMb: number): string {
  const dir = tempDir('hq-tmpfs-');
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`mount failed: ${r.stderr}`);
  mounts.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of mounts) {
    spawnSync('umount', ['-l', dir]);
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('refuses to start on a database it must not run on, saying why', () => {
  it('a newer schema than this code: names the file and what to do (not "no such column")', async () => {
    const dir = tempDir();
    await prepared(dir);
    const db = openNativeDatabase(path.join(dir, 'app.db'));
    db.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('from-a-newer-version', Date.parse('2099-01-01'));
    db.close();
    await expect(startServer(configIn(dir), { logger: silent })).rejects.toThrow(/app\.db has a newer schema than this version of the server .*2099-01-01/);
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('a damaged file: PRAGMA quick_check finds it and start-up says to restore a backup', async () => {
    const dir = tempDir();
    await prepared(dir);
    const file = path.join(dir, 'app.db');
    // Overwrite pages in the middle of the file (past the header and the schema) with garbage.
    const size = statSync(file).size;
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(4096 * 8, 0xa5), 0, 4096 * 8, Math.floor(size / 2 / 4096) * 4096);
    closeSync(fd);
    await expect(startServer(configIn(dir), { logger: silent })).rejects.toThrow(/is damaged \(PRAGMA quick_check: .*restore the latest backup/);
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it.skipIf(!mountable)('a read-only file system: start-up says the database cannot be written and why', async () => {
    const dir = tempDir();
    await prepared(dir);
    // The same folder seen through a read-only bind mount (root writes through file permissions, not through this).
    const ro = mountTmpfs(1);
    spawnSync('umount', [ro]);
    expect(spawnSync('mount', ['--bind', dir, ro]).status).toBe(0);
    expect(spawnSync('mount', ['-o', 'remount,bind,ro', ro]).status).toBe(0);
    await expect(startServer(configIn(ro), { logger: silent })).rejects.toThrow(/app\.db.*(read-only|readonly)/i);
  }, 60_000);
});

describe.skipIf(!mountable)('a full disk is answered 503 with its own localized message, and readiness says so', () => {
  let server: RunningServer | null = null;
  afterAll(async () => {
    await server?.close().catch(() => undefined);
  });

  it('writes get 503 server/disk-full with Retry-After; /api/health/ready fails its write probe while /live stays up; both recover when space is freed', async () => {
    const dir = mountTmpfs(48);
    server = await startServer(configIn(dir), { logger: silent });
    const staff = await login(server, 'admin', STAFF_PASSWORD);
    const campaignId = await createCampaign(staff);
    const start = () => fetch(`${server!.url}/api/quiz/${campaignId}/attempts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ countyCode: '131003' }) });
    expect((await start()).status).toBe(200);

    // Empty the WAL (so the next commit needs new blocks), then fill the file system.
    const look = openNativeDatabase(path.join(dir, 'app.db'));
    look.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    look.close();
    const filler = path.join(dir, 'filler');
    const fd = openSync(filler, 'w');
    const block = Buffer.alloc(1 << 16);
    try {
      for (;;) writeSync(fd, block);
    } catch (e) {
      expect((e as NodeJS.ErrnoException).code).toBe('ENOSPC');
    } finally {
      closeSync(fd);
    }

    const full = await start();
    expect(full.status).toBe(503);
    expect(full.headers.get('retry-after')).toBeTruthy();
    expect(await full.json()).toEqual({ ok: false, error: { code: 'server/disk-full', message: '服务器存储空间已满，本次操作没有保存，请稍后再试' } });
    await expect.poll(async () => (await fetch(`${server!.url}/api/health/ready?lang=en`)).status).toBe(503);
    const ready = (await (await fetch(`${server.url}/api/health/ready?lang=en`)).json()) as { error: { code: string; message: string } };
    expect(ready.error).toEqual({ code: 'server/disk-full', message: 'The server’s disk is full; nothing was saved. Please try again later' });
    expect((await fetch(`${server.url}/api/health/live`)).status).toBe(200);

    rmSync(filler);
    await expect.poll(async () => (await fetch(`${server!.url}/api/health/ready`)).status, { timeout: 10_000 }).toBe(200);
    expect((await start()).status).toBe(200);
  }, 60_000);
});

describe('start-up gives up on an unreachable service within its time limit, naming the variable', () => {
  /** Runs `npm start`'s entry (the build) and returns its exit code and what it printed. */
  function runMain(env: Record<string, string>): Promise<{ code: number | null; stderr: string; ms: number }> {
    const dir = tempDir();
    mkdirSync(dir, { recursive: true });
    const began = Date.now();
    const child = spawn(process.execPath, ['dist/main.mjs'], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: `file:${path.join(dir, 'app.db')}`, LOG_LEVEL: 'silent', STARTUP_TIMEOUT_MS: '1500', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr, ms: Date.now() - began })));
  }

  it('REDIS_URL refusing connections: exit 1 with the variable and the cause', async () => {
    const r = await runMain({ REDIS_URL: 'redis://127.0.0.1:1' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Start-up failed: REDIS_URL=redis:\/\/127\.0\.0\.1:1 is not reachable within STARTUP_TIMEOUT_MS=1500 ms \(.*ECONNREFUSED/);
  }, 60_000);

  it('REDIS_URL accepting connections but never answering: exit 1 once the time limit passes', async () => {
    const silentServer = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silentServer.listen(0, '127.0.0.1', resolve));
    const port = (silentServer.address() as net.AddressInfo).port;
    try {
      const r = await runMain({ REDIS_URL: `redis://127.0.0.1:${port}` });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`REDIS_URL=redis://127.0.0.1:${port} is not reachable within STARTUP_TIMEOUT_MS=1500 ms`);
    } finally {
      silentServer.close();
    }
  }, 60_000);

  it('a libSQL server that does not answer: exit 1 naming DATABASE_URL and the cause, not an SQL dump', async () => {
    const r = await runMain({ DATABASE_URL: 'http://127.0.0.1:1' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Start-up failed: .*DATABASE_URL=http:\/\/127\.0\.0\.1:1/);
    expect(r.stderr).toMatch(/ECONNREFUSED|fetch failed|connect/i);
    expect(r.stderr).not.toMatch(/CREATE TABLE/);
  }, 60_000);
});
