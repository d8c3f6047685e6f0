import pino from 'pino';
import { RegExpRouter } from 'hono/router/reg-exp-router';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { connectSocket, startTestServer, type TestServer } from '../helpers/server';
import { createUser } from '../../server/auth/auth';
import { STAFF_PASSWORD } from '../helpers/contest';
import { login } from '../helpers/http';

describe('server: one process, one port', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: STAFF_PASSWORD });
  });
  afterAll(() => server.stop());

  it('answers /api/health with the database status to anyone, and the internals only to an admin', async () => {
    const res = await fetch(`${server.url}/api/health`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; data: Record<string, unknown> };
    expect(body.ok).toBe(true);
    expect(body.data.database).toBe('ok');
    for (const internal of ['details', 'version', 'journalMode', 'uptimeMs', 'writer']) expect(body.data).not.toHaveProperty(internal);

    await createUser(server.database.db, { username: 'healthhost', displayName: '主持人', role: 'host', password: STAFF_PASSWORD }, Date.now());
    const host = await login(server, 'healthhost', STAFF_PASSWORD);
    expect(((await (await host.request('/api/health')).json()) as { data: Record<string, unknown> }).data).not.toHaveProperty('details');

    const admin = await login(server, 'admin', STAFF_PASSWORD);
    const full = (await (await admin.request('/api/health')).json()) as { data: { details: Record<string, unknown> } };
    expect(full.data.details).toMatchObject({ version: '0.1.0', journalMode: 'wal' });
    expect(full.data.details.writer).toMatchObject({ pending: expect.any(Number) });
  });

  it('loads the Langfang region tree from the division package on first start', async () => {
    const res = await fetch(`${server.url}/api/regions/131000`);
    const body = (await res.json()) as { data: { name: string; children: { name: string }[] } };
    expect(body.data.name).toBe('廊坊市');
    expect(body.data.children.map((c) => c.name).sort()).toEqual(
      ['广阳区', '安次区', '三河市', '霸州市', '香河县', '大厂回族自治县', '固安县', '永清县', '文安县', '大城县', '廊坊经济技术开发区'].sort(),
    );
    const top = (await (await fetch(`${server.url}/api/regions`)).json()) as { data: { code: string }[] };
    expect(top.data.map((r) => r.code)).toEqual(['130000']);
  });

  it('answers bad input with a localized error and the field at fault', async () => {
    const zh = await fetch(`${server.url}/api/regions/abc`);
    expect(zh.status).toBe(400);
    expect(await zh.json()).toMatchObject({ ok: false, error: { code: 'input/invalid', message: '提交的内容有误，请检查后重试', issues: [{ path: 'code' }] } });
    const en = await fetch(`${server.url}/api/regions/999999`, { headers: { 'Accept-Language': 'en-GB' } });
    expect(en.status).toBe(404);
    expect(await en.json()).toEqual({ ok: false, error: { code: 'region/not-found', message: 'No such region: 999999' } });
    const pin = await fetch(`${server.url}/api/contest-pins/123456?lang=zh-CN`);
    expect(await pin.json()).toMatchObject({ error: { code: 'contest/pin-not-found', message: '没有找到 PIN 为 123456 的比赛，请核对后重试' } });
  });

  it('answers unknown API paths with JSON 404 and other paths with the client', async () => {
    const api = await fetch(`${server.url}/api/nope`);
    expect(api.status).toBe(404);
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await api.json()).toMatchObject({ ok: false, error: { code: 'route/not-found' } });
    const page = await fetch(`${server.url}/join/123456`);
    // The client may not be built in a unit-test checkout: either it is served, or we say how to build it.
    expect([200, 503]).toContain(page.status);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it("keeps every route within Hono's RegExp router (one route it cannot place sends the whole app to the slower trie)", () => {
    const app = createApp({ database: server.database, version: 'test', clientDir: server.config.clientDir, startedAt: 0, now: Date.now, logger: pino({ level: 'silent' }), quiz: server.quiz, contests: server.contests });
    const router = new RegExpRouter<number>();
    for (const [i, r] of app.routes.entries()) router.add(r.method, r.path, i);
    expect(() => router.match('GET', '/api/quiz')).not.toThrow();
    expect(app.routes.length).toBeGreaterThan(50);
  });

  it('refuses oversized bodies before reading them', async () => {
    const res = await fetch(`${server.url}/api/regions`, { method: 'POST', body: 'x'.repeat(300 * 1024), headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'input/too-large' } });
  });

  it('lists no open campaigns in a fresh database', async () => {
    expect(await (await fetch(`${server.url}/api/quiz`)).json()).toEqual({ ok: true, data: [] });
  });

  it('shares the port with Socket.IO: hello, clock ping, and a rejected malformed ping', async () => {
    const { socket, hello } = await connectSocket(server.url, { lang: 'en' });
    try {
      expect(hello.version).toBe('0.1.0');
      const pong = await socket.emitWithAck('clock:ping', { clientTime: 42 });
      expect(pong).toMatchObject({ ok: true, data: { clientTime: 42 } });
      const bad = await socket.emitWithAck('clock:ping', { clientTime: 'soon' } as never);
      expect(bad).toMatchObject({ ok: false, error: { code: 'input/invalid', issues: [{ path: 'clientTime' }] } });
      expect(bad.ok === false && bad.error.message).toBe('The submitted data is invalid; please check it and try again');
    } finally {
      socket.disconnect();
    }
  });
});
