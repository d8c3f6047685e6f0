import path from 'node:path';
import { io as connectIo } from 'socket.io-client';
import { Pool } from 'undici';
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
        timeLimitSec: 600, attemptsPerDay: 1, attemptsTotal: 1, counting: 'best', passMark: 60, showExplanations: false, minSecondsPerQuestion: 0, fields: { name: false, phone: false, team: false }, targets: {},
      },
    });
    const id = ((await created.json()) as { data: { id: string } }).data.id;
    await staff.request(`/api/campaigns/${id}/publish`, { method: 'POST' });

    const pending = fetch(`${proc.url}/api/quiz/${id}/attempts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ countyCode: '131003' }) });
    // Wait until its write sits in the writer's queue.
    await expect
      .poll(async () => ((await (await staff.request('/api/health')).json()) as { data: { details: { writer: { pending: number } } } }).data.details.writer.pending, { interval: 20 })
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

  it('under HTTP keep-alive load: stops within 5 s with exit 0, every request sent is answered (Connection: close), sockets are told to reconnect', async () => {
    const loaded = await startServerProcess({ ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: STAFF_PASSWORD, NEW_PARTICIPANTS_PER_IP: '0' });
    proc = loaded;
    const staff = await login(loaded, 'admin', STAFF_PASSWORD);
    const created = await staff.request('/api/campaigns', {
      method: 'POST',
      json: {
        title: '关机负载测试', startsAt: Date.now() - 60_000, endsAt: Date.now() + 3600_000, regionCode: '131000', mix: [{ count: 2 }],
        timeLimitSec: 600, attemptsPerDay: 1, attemptsTotal: 1, counting: 'best', passMark: 60, showExplanations: false, fields: { name: false, phone: false, team: false }, targets: {},
      },
    });
    const id = ((await created.json()) as { data: { id: string } }).data.id;
    await staff.request(`/api/campaigns/${id}/publish`, { method: 'POST' });

    // A phone's socket, with socket.io-client's own reconnection on: it must read the shutdown as a lost
    // connection (and so reconnect), not as the server sending it away.
    const socket = connectIo(loaded.url, { transports: ['websocket'], reconnection: true, reconnectionDelay: 60_000, forceNew: true });
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));

    // Eight keep-alive connections, each sending the next quiz start (a durable write) as soon as one returns.
    const pool = new Pool(loaded.url, { connections: 8, pipelining: 1 });
    const outcome = { ok: 0, closeHeader: 0, refused: 0, broken: [] as string[] };
    let stop = false;
    let sent = 0;
    const worker = async () => {
      while (!stop) {
        sent++;
        try {
          const res = await pool.request({ method: 'POST', path: `/api/quiz/${id}/attempts`, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ countyCode: '131003' }) });
          await res.body.text();
          if (res.statusCode === 200) outcome.ok++;
          else outcome.broken.push(`status ${res.statusCode}`);
          if (res.headers.connection === 'close') outcome.closeHeader++;
        } catch (e) {
          const code = (e as { code?: string; cause?: { code?: string } }).code;
          // Refused: the server no longer accepts connections; the request never reached it. Fine.
          if (code === 'ECONNREFUSED' || (e as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED') outcome.refused++;
          else outcome.broken.push(`${code}: ${(e as Error).message}`);
          if (code === 'ECONNREFUSED') stop = true;
        }
      }
    };
    const workers = Array.from({ length: 8 }, worker);
    await expect.poll(() => outcome.ok, { timeout: 20_000 }).toBeGreaterThan(200);

    const exited = new Promise<number | null>((resolve) => loaded.child.once('exit', (code) => resolve(code)));
    const signalled = Date.now();
    loaded.child.kill('SIGTERM');
    const code = await exited;
    const tookMs = Date.now() - signalled;
    stop = true;
    await Promise.all(workers);
    await pool.close();
    console.log(`SIGTERM under keep-alive load: exit ${code} after ${tookMs} ms; ${outcome.ok} answered 200 of ${sent} sent, ${outcome.closeHeader} with Connection: close, ${outcome.refused} refused at connect`);
    expect(code).toBe(0);
    expect(tookMs).toBeLessThan(5000);
    expect(outcome.broken).toEqual([]);
    expect(outcome.closeHeader).toBeGreaterThan(0);
    expect(await disconnected).toBe('transport close');
    socket.disconnect();

    // Every start that was answered 200 is in the database.
    const database = await openDatabase(`file:${path.join(loaded.dir, 'bench.db')}`);
    const rows = await database.client.execute({ sql: 'SELECT count(*) AS n FROM attempts WHERE campaign_id = ?', args: [id] });
    database.close();
    expect(Number(rows.rows[0]!.n)).toBeGreaterThanOrEqual(outcome.ok);
    proc = null;
  }, 60_000);
});
