/**
 * Realtime limits per address as well as per connection, and boards served from one table per campaign rather
 * than a query per watcher (#15).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import { login, type Staff } from '../helpers/http';
import { createCampaign } from '../helpers/quiz';
import { startTestServer, type ClientSocket, type TestServer } from '../helpers/server';

const PASSWORD = 'Organizer-2026';

describe('realtime limits', () => {
  let server: TestServer;
  let organizer: Staff;
  const sockets: ClientSocket[] = [];
  const clock = Date.now();
  // The limits count per address and the clock stands still (nothing refills): each test connects from an address
  // of its own on the loopback network (127.0.0.0/8), so it counts only its own connections and watches.
  let addresses = 10;
  const newAddress = () => `127.0.0.${++addresses}`;
  beforeAll(async () => {
    server = await startTestServer({ ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: PASSWORD, SOCKETS_PER_IP: '4', RATE_LIMIT_PER_IP: '2' }, {}, { now: () => clock });
    organizer = await login(server, 'admin', PASSWORD);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await server.stop();
  });

  /** Client options for a socket from `address` (engine.io-client hands `localAddress` to the WebSocket; its types leave it out). */
  const from = (address: string, extraHeaders: Record<string, string> = {}) => {
    const options = { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders, localAddress: address };
    return options;
  };
  /** A socket from `address`, resolved once the server's greeting has arrived (as connectSocket, from a chosen address). */
  const connectFrom = (address: string, extraHeaders: Record<string, string> = {}) => {
    const s: ClientSocket = connect(server.url, from(address, extraHeaders));
    sockets.push(s);
    return new Promise<ClientSocket>((resolve, reject) => {
      s.once('server:hello', () => resolve(s));
      s.once('connect_error', reject);
    });
  };
  const refused = (address: string) =>
    new Promise<string>((resolve, reject) => {
      const s = connect(server.url, from(address));
      s.once('connect', () => reject(new Error('connected past the limit')));
      s.once('connect_error', (e) => {
        s.close();
        resolve(e.message);
      });
    });
  /** Sockets the server holds open from `address`. */
  const openFrom = (address: string) => [...server.io.sockets.sockets.values()].filter((s) => s.data.address === address).length;

  it('caps the connections one address holds open, and frees a place when one closes', async () => {
    const address = newAddress();
    const mine: ClientSocket[] = [];
    for (let i = 0; i < 4; i++) mine.push(await connectFrom(address));
    expect(await refused(address)).toBe('rate/limited');
    const closed = mine.pop()!;
    const gone = new Promise<void>((resolve) => {
      const check = () => (openFrom(address) === 3 ? resolve() : setImmediate(check));
      check();
    });
    closed.close();
    await gone;
    await connectFrom(address);
  });

  it('limits board watches per connection and per address, and answers them from one table', async () => {
    // A campaign of its own: its county table has not been built yet (and, the clock standing still, never goes stale).
    const campaignId = await createCampaign(organizer);
    const address = newAddress();
    const mine: ClientSocket[] = [];
    for (let i = 0; i < 4; i++) mine.push(await connectFrom(address));
    let queries = 0;
    const original = server.quiz.countyTable.bind(server.quiz);
    server.quiz.countyTable = (id: string) => {
      queries++;
      return original(id);
    };
    try {
      const watch = (s: ClientSocket) => new Promise<{ ok: boolean; error?: { code: string } }>((resolve) => s.emit('board:watch', { campaignId }, resolve as never));
      const answers = await Promise.all(mine.flatMap((s) => Array.from({ length: 8 }, () => watch(s))));
      const ok = answers.filter((a) => a.ok).length;
      // 5 per connection at once, 20 per address (2 a second, ten seconds' burst): 20 of the 32 get through.
      expect(ok).toBe(20);
      expect(answers.filter((a) => !a.ok).every((a) => a.error!.code === 'rate/limited')).toBe(true);
      // One county table for all twenty watchers (the clock stands still, so it never goes stale).
      expect(queries).toBe(1);
    } finally {
      server.quiz.countyTable = original;
    }
  });

  it('forgets campaign ids that name nothing', async () => {
    await server.quiz.campaign(await createCampaign(organizer));
    const before = server.quiz.cachedCampaigns;
    expect(before).toBeGreaterThan(0); // the campaign of this test
    for (let i = 0; i < 50; i++) await server.quiz.campaign(`nothing-${i}-xxxx`);
    expect(server.quiz.cachedCampaigns).toBe(before);
  });

  it('treats a malformed session cookie as no session instead of hanging the handshake', async () => {
    const s = connect(server.url, from(newAddress(), { cookie: 'sid=%E0%A4%A' }));
    const outcome = await new Promise<string>((resolve) => {
      s.once('server:hello', () => resolve('hello'));
      s.once('connect_error', (e) => resolve(e.message));
    });
    s.close();
    expect(outcome).toBe('hello');
  });
});
