/** Responses carrying secrets are not cached, the CSP connects only to our origin, and PIN guessing is throttled (#15). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from '../helpers/http';
import { createCampaign } from '../helpers/quiz';
import { startTestServer, type TestServer } from '../helpers/server';

const PASSWORD = 'Organizer-2026';

describe('headers and PIN lookups', () => {
  let server: TestServer;
  const clock = Date.now();
  beforeAll(async () => {
    server = await startTestServer({ ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: PASSWORD }, {}, { now: () => clock });
  });
  afterAll(() => server.stop());

  it('marks API answers no-store (the QR code may be cached) and lets pages connect only to their own origin', async () => {
    const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
    expect(res.headers.get('cache-control')).toBe('no-store');
    const id = await createCampaign(await login(server, 'admin', PASSWORD));
    const start = await fetch(`${server.url}/api/quiz/${id}/attempts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ countyCode: '131003' }) });
    expect(start.headers.get('cache-control')).toBe('no-store');
    expect((await fetch(`${server.url}/api/quiz/${id}/qr.svg`)).headers.get('cache-control')).toBe('public, max-age=300');
    const page = await fetch(`${server.url}/quiz/${id}`);
    expect(page.headers.get('content-security-policy')).toMatch(/connect-src 'self';/);
  });

  it('answers an address that guesses PINs with 429 for every PIN for a while', async () => {
    const lookup = (pin: string) => fetch(`${server.url}/api/contest-pins/${pin}`);
    for (let i = 0; i < 20; i++) expect((await lookup(String(100000 + i))).status).toBe(404);
    expect((await lookup('200000')).status).toBe(429);
    expect((await lookup('300000')).status).toBe(429);
  });
});
