import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/client';
import { login } from '../helpers/http';
import { STAFF_PASSWORD } from '../helpers/contest';
import { startServerProcess, type ServerProcess } from '../helpers/process';

describe('graceful shutdown', () => {
  let proc: ServerProcess | null = null;
  afterAll(async () => {
    await proc?.stop();
  });

  it('on SIGTERM finishes the request in flight, commits the queued write, closes and exits 0', async () => {
    // A long group-commit window, so the write is still queued when the signal arrives.
    proc = await startServerProcess({ ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: STAFF_PASSWORD, WRITE_BATCH_MS: '1000' });
    const staff = await login(proc, 'admin', STAFF_PASSWORD);
    const created = await staff.request('/api/campaigns', {
      method: 'POST',
      json: {
        title: '关机测试', startsAt: Date.now() - 60_000, endsAt: Date.now() + 3600_000, regionCode: '131000', mix: [{ count: 2 }],
        timeLimitSec: 600, attemptsPerDay: 1, attemptsTotal: 1, counting: 'best', passMark: 60, showExplanations: false, fields: { name: false, phone: false, team: false }, targets: {},
      },
    });
    const id = ((await created.json()) as { data: { id: string } }).data.id;
    await staff.request(`/api/campaigns/${id}/publish`, { method: 'POST' });

    const pending = fetch(`${proc.url}/api/quiz/${id}/attempts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ countyCode: '131003' }) });
    // Wait until its write sits in the writer's queue.
    await expect
      .poll(async () => ((await (await fetch(`${proc!.url}/api/health`)).json()) as { data: { writer: { pending: number } } }).data.writer.pending, { interval: 20 })
      .toBeGreaterThan(0);
    const exited = new Promise<number | null>((resolve) => proc!.child.once('exit', (code) => resolve(code)));
    proc.child.kill('SIGTERM');
    const res = await pending;
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as { data: { attemptId: string } };
    expect(await exited).toBe(0);

    const database = await openDatabase(`file:${path.join(proc.dir, 'bench.db')}`);
    const row = await database.client.execute({ sql: 'SELECT status FROM attempts WHERE id = ?', args: [data.attemptId] });
    database.close();
    expect(row.rows[0]?.status).toBe('open');
    proc = null;
  }, 30_000);
});
