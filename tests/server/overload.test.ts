import { afterAll, describe, expect, it } from 'vitest';
import { STAFF_PASSWORD } from '../helpers/contest';
import { login } from '../helpers/http';
import { createCampaign } from '../helpers/quiz';
import { startTestServer, type TestServer } from '../helpers/server';

const start = (server: TestServer, campaignId: string) =>
  fetch(`${server.url}/api/quiz/${campaignId}/attempts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ countyCode: '131003' }) });

describe('overload is answered with when to come back, not with latency', () => {
  const servers: TestServer[] = [];
  afterAll(async () => {
    for (const s of servers) await s.stop();
  });

  it('a 429 carries Retry-After', async () => {
    const server = await startTestServer({ ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: STAFF_PASSWORD, RATE_LIMIT_PER_IP: '1' });
    servers.push(server);
    const campaignId = await createCampaign(await login(server, 'admin', STAFF_PASSWORD));
    const answers = await Promise.all(Array.from({ length: 15 }, () => start(server, campaignId)));
    const limited = answers.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]!.headers.get('retry-after')).toBe('1');
  });

  it('past the writer-queue limit, new writes get 503 server/overloaded with Retry-After; reads and health go on; the queue drains and writes are taken again', async () => {
    // A long group-commit window keeps the first write queued while the second arrives.
    const server = await startTestServer({ ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: STAFF_PASSWORD, OVERLOAD_QUEUE: '1', WRITE_BATCH_MS: '1000' });
    servers.push(server);
    const campaignId = await createCampaign(await login(server, 'admin', STAFF_PASSWORD));
    // Two writes waiting out the group-commit window: the queue is over its limit of one.
    const held = [server.writer.write([{ sql: 'SELECT 1', args: [] }]), server.writer.write([{ sql: 'SELECT 1', args: [] }])];
    const shed = await start(server, campaignId);
    expect(shed.status).toBe(503);
    expect(shed.headers.get('retry-after')).toBe('2');
    expect(await shed.json()).toEqual({ ok: false, error: { code: 'server/overloaded', message: '服务器繁忙，请 2 秒后再试' } });
    expect((await fetch(`${server.url}/api/quiz/${campaignId}`)).status).toBe(200);
    expect((await fetch(`${server.url}/api/health/live`)).status).toBe(200);
    await Promise.all(held);
    expect((await start(server, campaignId)).status).toBe(200);
  });

  it('while the event loop lags past its limit, new writes are shed; once it keeps up they are taken again', async () => {
    const server = await startTestServer({ ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: STAFF_PASSWORD, OVERLOAD_DELAY_MS: '200' });
    servers.push(server);
    const campaignId = await createCampaign(await login(server, 'admin', STAFF_PASSWORD));
    // The server runs in this process: keep its event loop lagging, as long synchronous tasks would, until a
    // write is shed (a single stall could age out of the monitor's window on a busy machine before a request lands).
    const stall = setInterval(() => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300), 50);
    let shed: Response | null = null;
    try {
      await expect
        .poll(async () => {
          const r = await start(server, campaignId);
          if (r.status === 503) shed = r;
          return r.status;
        }, { interval: 10 })
        .toBe(503);
    } finally {
      clearInterval(stall);
    }
    expect(((await shed!.json()) as { error: { code: string } }).error.code).toBe('server/overloaded');
    await expect.poll(async () => (await start(server, campaignId)).status, { timeout: 5000, interval: 100 }).toBe(200);
  });
});
