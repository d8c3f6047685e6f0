/**
 * Realtime limits per address as well as per connection, and boards served from one table per campaign rather
 * than a query per watcher (#15).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import { login } from '../helpers/http';
import { createCampaign } from '../helpers/quiz';
import { connectSocket, startTestServer, type ClientSocket, type TestServer } from '../helpers/server';

const PASSWORD = 'Organizer-2026';

describe('realtime limits', () => {
  let server: TestServer;
  let campaignId: string;
  const sockets: ClientSocket[] = [];
  const clock = Date.now();
  beforeAll(async () => {
    server = await startTestServer({ ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: PASSWORD, SOCKETS_PER_IP: '4', RATE_LIMIT_PER_IP: '2' }, {}, { now: () => clock });
    campaignId = await createCampaign(await login(server, 'admin', PASSWORD));
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await server.stop();
  });

  const refused = () =>
    new Promise<string>((resolve, reject) => {
      const s = connect(server.url, { transports: ['websocket'], reconnection: false, forceNew: true });
      s.once('connect', () => reject(new Error('connected past the limit')));
      s.once('connect_error', (e) => {
        s.close();
        resolve(e.message);
      });
    });

  it('caps the connections one address holds open, and frees a place when one closes', async () => {
    for (let i = 0; i < 4; i++) sockets.push((await connectSocket(server.url)).socket);
    expect(await refused()).toBe('rate/limited');
    const closed = sockets.pop()!;
    const gone = new Promise<void>((resolve) => {
      const check = () => (server.io.sockets.sockets.size === 3 ? resolve() : setImmediate(check));
      check();
    });
    closed.close();
    await gone;
    sockets.push((await connectSocket(server.url)).socket);
  });

  it('limits board watches per connection and per address, and answers them from one table', async () => {
    let queries = 0;
    const original = server.quiz.countyTable.bind(server.quiz);
    server.quiz.countyTable = (id: string) => {
      queries++;
      return original(id);
    };
    const watch = (s: ClientSocket) => new Promise<{ ok: boolean; error?: { code: string } }>((resolve) => s.emit('board:watch', { campaignId }, resolve as never));
    const answers = await Promise.all(sockets.flatMap((s) => Array.from({ length: 8 }, () => watch(s))));
    const ok = answers.filter((a) => a.ok).length;
    // 5 per connection at once, 20 per address (2 a second, ten seconds' burst): 20 of the 32 get through.
    expect(ok).toBe(20);
    expect(answers.filter((a) => !a.ok).every((a) => a.error!.code === 'rate/limited')).toBe(true);
    // One county table for all twenty watchers (the clock stands still, so it never goes stale).
    expect(queries).toBe(1);
  });

  it('forgets campaign ids that name nothing', async () => {
    const before = server.quiz.cachedCampaigns;
    expect(before).toBeGreaterThan(0); // the campaign of this suite
    for (let i = 0; i < 50; i++) await server.quiz.campaign(`nothing-${i}-xxxx`);
    expect(server.quiz.cachedCampaigns).toBe(before);
  });

  it('treats a malformed session cookie as no session instead of hanging the handshake', async () => {
    const closed = sockets.pop()!;
    const gone = new Promise<void>((resolve) => {
      const check = () => (server.io.sockets.sockets.size === 3 ? resolve() : setImmediate(check));
      check();
    });
    closed.close();
    await gone;
    const s = connect(server.url, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { cookie: 'sid=%E0%A4%A' } });
    const outcome = await new Promise<string>((resolve) => {
      s.once('server:hello', () => resolve('hello'));
      s.once('connect_error', (e) => resolve(e.message));
    });
    s.close();
    expect(outcome).toBe('hello');
  });
});
