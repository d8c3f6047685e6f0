/**
 * The login lockout against bursts and sprays, the bound on hashing work, and TRUST_PROXY: addresses, scheme
 * and host taken from X-Forwarded-* only as far as a trusted proxy wrote them (#15).
 */
import http from 'node:http';
import { Writable } from 'node:stream';
import { Hono } from 'hono';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, HashGate } from '../../server/auth/auth';
import type { AppEnv } from '../../server/http/http';
import { clientAddress, parseTrustProxy, type TrustProxy } from '../../server/http/proxy';
import { authRoutes } from '../../server/http/routes/auth';
import { loadConfig } from '../../server/config';
import { startTestServer, type TestServer } from '../helpers/server';
import { createCampaign } from '../helpers/quiz';
import { login } from '../helpers/http';

const PASSWORD = 'Correct-Horse-9';
const trust = (v: string) => parseTrustProxy(v) as TrustProxy;

describe('TRUST_PROXY parsing and the client address', () => {
  it('believes X-Forwarded-For only as far as trusted proxies wrote it', () => {
    // No proxy configured: a client's own X-Forwarded-For is ignored.
    expect(clientAddress(trust(''), '203.0.113.9', '1.2.3.4')).toBe('203.0.113.9');
    // One nginx: it appended the address it saw; what the client wrote before that is not believed.
    expect(clientAddress(trust('1'), '10.0.0.2', '1.2.3.4, 198.51.100.7')).toBe('198.51.100.7');
    expect(clientAddress(trust('2'), '10.0.0.2', '1.2.3.4, 198.51.100.7, 10.0.0.9')).toBe('198.51.100.7');
    // A list: the rightmost address that is not a trusted proxy, and only when the peer is one.
    expect(clientAddress(trust('10.0.0.0/8, 192.0.2.1'), '::ffff:10.0.0.2', '1.2.3.4, 198.51.100.7, 10.0.0.9')).toBe('198.51.100.7');
    expect(clientAddress(trust('10.0.0.0/8'), '203.0.113.9', '1.2.3.4')).toBe('203.0.113.9');
    expect(clientAddress(trust('1'), '10.0.0.2', 'garbage')).toBe('10.0.0.2');
    expect(() => loadConfig({ TRUST_PROXY: 'nginx' })).toThrow(/TRUST_PROXY.*neither a hop count/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/99' })).toThrow(/bad prefix length/);
  });
});

describe('behind a trusted proxy', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ ADMIN_USERNAME: 'root', ADMIN_PASSWORD: PASSWORD, TRUST_PROXY: '1' });
    await createUser(server.database.db, { username: 'org2', displayName: '组织者', role: 'organizer', password: PASSWORD }, Date.now());
  });
  afterAll(() => server.stop());

  const loginFrom = (ip: string, username: string, password: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': ip, ...headers }, body: JSON.stringify({ username, password }) });

  it('locks out the guessing address, not the staff member at another one', async () => {
    for (let i = 0; i < 5; i++) expect((await loginFrom('198.51.100.1', 'org2', 'wrong-password-1')).status).toBe(401);
    expect((await loginFrom('198.51.100.1', 'org2', PASSWORD)).status).toBe(429);
    expect((await loginFrom('198.51.100.2', 'org2', PASSWORD)).status).toBe(200);
  });

  it('sets the session cookie Secure when the proxy says the client used https, and takes links from its host', async () => {
    const res = await loginFrom('198.51.100.3', 'root', PASSWORD, { 'x-forwarded-proto': 'https' });
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie()[0]).toMatch(/; Secure/);
    const staff = await login(server, 'root', PASSWORD);
    const id = await createCampaign(staff);
    const board = await fetch(`${server.url}/api/quiz/${id}/board`, { headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'quiz.example.cn' } });
    expect(((await board.json()) as { data: { link: string } }).data.link).toBe(`https://quiz.example.cn/quiz/${id}`);
  });
});

describe('without a trusted proxy', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ ADMIN_USERNAME: 'root', ADMIN_PASSWORD: PASSWORD });
  });
  afterAll(() => server.stop());

  // The lockout counts per address: the guessing tests send from addresses of their own on the loopback network
  // (127.0.0.0/8), so they neither lock out each other nor the sign-ins of the other tests (from 127.0.0.1).
  /** A login attempt sent from `address`; resolves the response's status. */
  const loginFrom = (address: string, username: string, password: string) =>
    new Promise<number>((resolve, reject) => {
      const body = JSON.stringify({ username, password });
      const req = http.request(
        `${server.url}/api/auth/login`,
        { method: 'POST', localAddress: address, agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
        (res) => {
          res.resume();
          res.once('end', () => resolve(res.statusCode!));
        },
      );
      req.once('error', reject);
      req.end(body);
    });

  it('ignores forwarded headers: no chosen address, scheme or host', async () => {
    const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' }, body: JSON.stringify({ username: 'root', password: PASSWORD }) });
    expect(res.headers.getSetCookie()[0]).not.toMatch(/Secure/);
    const staff = await login(server, 'root', PASSWORD);
    const id = await createCampaign(staff);
    const board = await fetch(`${server.url}/api/quiz/${id}/board`, { headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil.example' } });
    expect(((await board.json()) as { data: { link: string } }).data.link).toBe(`http://127.0.0.1:${server.port}/quiz/${id}`);
  });

  it('lets at most five of a burst of guesses reach the password hash, the right password among them or not', async () => {
    const address = '127.0.0.2';
    const send = (password: string) => loginFrom(address, 'root', password);
    const burst = await Promise.all([...Array.from({ length: 60 }, (_, i) => send(`wrong-password-${i}`)), send(PASSWORD)]);
    const hashed = burst.filter((status) => status !== 429);
    expect(hashed.length).toBeLessThanOrEqual(5);
    expect(burst.filter((status) => status === 429).length).toBeGreaterThanOrEqual(56);
  });

  it('lets at most thirty random usernames from one address reach the hash', async () => {
    const address = '127.0.0.3';
    // First five failed guesses on one name from this address, as a burst would leave them (five reach the hash).
    for (let i = 0; i < 5; i++) expect(await loginFrom(address, 'root-guess', `wrong-password-${i}`)).toBe(401);
    const send = (i: number) => loginFrom(address, `nobody${i}`, 'wrong-password');
    const spray = await Promise.all(Array.from({ length: 40 }, (_, i) => send(i)));
    // The guesses above used 5 of this address's 30.
    expect(spray.filter((status) => status !== 429).length).toBeLessThanOrEqual(25);
  });
});

describe('login work and records', () => {
  it('runs at most two hashes at once and refuses past a full queue', async () => {
    const gate = new HashGate(2, 3);
    let running = 0;
    let most = 0;
    const releases: (() => void)[] = [];
    const task = () =>
      gate.run(async () => {
        running++;
        most = Math.max(most, running);
        await new Promise<void>((resolve) => releases.push(resolve));
        running--;
        return true;
      });
    const results = Array.from({ length: 8 }, task);
    // 2 running + 3 queued; the other 3 are refused at once.
    expect(await Promise.all(results.slice(5))).toEqual([null, null, null]);
    while (releases.length) {
      releases.shift()!();
      await new Promise((r) => setImmediate(r));
    }
    expect(await Promise.all(results.slice(0, 5))).toEqual([true, true, true, true, true]);
    expect(most).toBe(2);
  });

  it('logs a failed login with address, username and reason, never the password', async () => {
    const server = await startTestServer({ ADMIN_USERNAME: 'root', ADMIN_PASSWORD: PASSWORD });
    try {
      const lines: string[] = [];
      const logger = pino({ level: 'info' }, new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }));
      const app = new Hono<AppEnv>().route('/auth', authRoutes(server.database.db, Date.now, async () => undefined, logger));
      const res = await app.request('/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'root', password: 'Secret-Guess-123' }) });
      expect(res.status).toBe(401);
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0]!)).toMatchObject({ msg: 'login failed', username: 'root', reason: 'wrong-password', ip: 'unknown' });
      expect(lines[0]).not.toContain('Secret-Guess-123');
    } finally {
      await server.stop();
    }
  });
});
