import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/client';
import { STAFF_PASSWORD } from '../helpers/contest';
import { login } from '../helpers/http';
import { startServerProcess, type ServerProcess } from '../helpers/process';
import { createCampaign } from '../helpers/quiz';
import { tempDir } from '../helpers/server';

/** Runs `npm run backup` / `npm run restore`'s script on the server's database. */
function script(name: 'backup' | 'restore', dir: string, file: string): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', `scripts/${name}.ts`, file], { env: { ...process.env, DATABASE_URL: `file:${path.join(dir, 'bench.db')}` } });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out })));
}

describe('backup while running, restore when stopped', () => {
  let proc: ServerProcess | null = null;
  afterAll(async () => {
    await proc?.stop();
  });

  it('a backup taken under writes holds what was committed before it; restore brings exactly that back and keeps the replaced file', async () => {
    proc = await startServerProcess({ ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: STAFF_PASSWORD });
    const { dir } = proc;
    const campaignId = await createCampaign(await login(proc, 'admin', STAFF_PASSWORD));
    const start = async () => {
      const res = await fetch(`${proc!.url}/api/quiz/${campaignId}/attempts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ countyCode: '131003' }) });
      expect(res.status).toBe(200);
      return ((await res.json()) as { data: { attemptId: string } }).data.attemptId;
    };
    const before = [await start(), await start(), await start()];

    // Writes keep coming while the backup runs.
    let writing = true;
    let duringCount = 0;
    const during = (async () => {
      while (writing) {
        await start();
        duringCount++;
      }
    })();
    const file = path.join(tempDir('hq-backup-'), 'app-backup.db');
    const backup = await script('backup', dir, file);
    writing = false;
    await during;
    expect(duringCount).toBeGreaterThan(0);
    expect(backup.code, backup.out).toBe(0);
    expect(backup.out).toMatch(/Backed up .* to .*app-backup\.db/);
    // A second backup to the same name is refused, never overwritten.
    expect((await script('backup', dir, file)).code).toBe(1);

    const after = await start();
    // Not while the server runs: it would overwrite the restored file.
    const refused = await script('restore', dir, file);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/is open in process \d+: stop the server first/);

    await proc.stop();
    const restored = await script('restore', dir, file);
    expect(restored.code, restored.out).toBe(0);
    expect(readdirSync(dir).some((f) => f.startsWith('bench.db.before-restore-'))).toBe(true);

    const database = await openDatabase(`file:${path.join(dir, 'bench.db')}`);
    const ids = (await database.client.execute({ sql: 'SELECT id FROM attempts WHERE campaign_id = ?', args: [campaignId] })).rows.map((r) => String(r.id));
    database.close();
    for (const id of before) expect(ids).toContain(id);
    expect(ids).not.toContain(after);

    // The server starts on the restored file and carries on.
    proc = await startServerProcess({}, { dir });
    expect((await fetch(`${proc.url}/api/health/ready`)).status).toBe(200);
    await start();
  }, 120_000);

  it('a missing backup is refused and the database left as it was', async () => {
    const dir = tempDir();
    const r = await script('restore', dir, path.join(dir, 'no-such-backup.db'));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/there is no backup at/);
    expect(existsSync(path.join(dir, 'bench.db'))).toBe(false);
  });
});
