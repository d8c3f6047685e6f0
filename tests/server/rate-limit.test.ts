import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RateLimiter } from '../../server/http/rate-limit';
import { joinContest } from '../helpers/contest-sockets';
import { setUpContest, STAFF_PASSWORD } from '../helpers/contest';
import { startTestServer, type TestServer } from '../helpers/server';

describe('rate limits', () => {
  it('a token bucket allows its burst, then its rate', () => {
    let t = 0;
    const bucket = new RateLimiter(3, 2, () => t);
    expect([bucket.take('a'), bucket.take('a'), bucket.take('a'), bucket.take('a')]).toEqual([true, true, true, false]);
    expect(bucket.take('b')).toBe(true); // keys are separate
    t += 500; // half a second at 2/s: one token back
    expect([bucket.take('a'), bucket.take('a')]).toEqual([true, false]);
  });

  describe('on a server', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer({ ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: STAFF_PASSWORD, RATE_LIMIT_PER_IP: '1' });
    });
    afterAll(() => server.stop());

    it('refuses a flood of commands from one connection with a clear error, and keeps serving it', async () => {
      const { detail } = await setUpContest(server);
      const team = await joinContest(server.url, { pin: detail.pin, role: 'team', token: new URL(detail.links.teams[0]!.url).searchParams.get('t')! });
      const results = await Promise.all(Array.from({ length: 60 }, () => team.send({ type: 'buzz:press' })));
      const limited = results.filter((r) => !r.ok && r.error.code === 'rate/limited');
      expect(limited.length).toBeGreaterThanOrEqual(15);
      expect(limited[0]).toMatchObject({ error: { message: '操作太频繁，请稍后再试' } });
      expect(team.socket.connected).toBe(true);
      team.close();
    });

    it('limits quiz starts per IP address (here 1/s with a 10-request burst)', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        const res = await fetch(`${server.url}/api/quiz/nosuchcampaign/attempts`, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': 'en' }, body: JSON.stringify({ countyCode: '131003' }) });
        statuses.push(res.status);
        if (res.status === 429) expect(await res.json()).toMatchObject({ error: { code: 'rate/limited', message: 'Too many requests; please slow down' } });
      }
      expect(statuses.slice(0, 10).every((s) => s === 404)).toBe(true);
      expect(statuses.slice(10)).toEqual([429, 429]);
    });
  });
});
