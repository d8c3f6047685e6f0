import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DrawnQuestion } from '../../shared/quiz/campaign';
import { answerIndexes, type Question } from '../../shared/bank/question';
import { login } from '../helpers/http';
import { createCampaign } from '../helpers/quiz';
import { startTestServer, type TestServer } from '../helpers/server';

const PASSWORD = 'Organizer-2026';
const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2026, 10, 20, 2, 0, 0); // 10:00 China time

interface Started {
  token: string;
  attemptId: string;
}

describe('online quiz: where a participant stands (attempts left, county rank, rank in the county)', () => {
  let clock = T0;
  let server: TestServer;
  let campaignId: string;

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const start = async (countyCode: string, token?: string) => {
    const res = await post(`/api/quiz/${campaignId}/attempts`, { countyCode, ...(token ? { token } : {}) });
    expect(res.status).toBe(200);
    return ((await res.json()) as { data: Started }).data;
  };
  /** Submits with `right` of the three questions answered right (read from the server's own records). */
  const submit = async (a: Started, right: number) => {
    const row = (await server.database.client.execute({ sql: 'SELECT drawn FROM attempts WHERE id = ?', args: [a.attemptId] })).rows[0]!;
    const answers: number[][] = [];
    for (const [i, d] of (JSON.parse(String(row.drawn)) as DrawnQuestion[]).entries()) {
      const body = (await server.database.client.execute({ sql: 'SELECT body FROM question_revisions WHERE question_id = ? AND revision = ?', args: [d.id, d.revision] })).rows[0]!;
      const key = answerIndexes(JSON.parse(String(body.body)) as Question).map((k) => (d.order.length ? d.order.indexOf(k) : k));
      answers.push(i < right ? key : [key[0] === 0 ? 1 : 0]);
    }
    const res = await post(`/api/quiz/${campaignId}/attempts/${a.attemptId}/submit`, { answers }, { 'x-participant-token': a.token });
    expect(res.status).toBe(200);
    return ((await res.json()) as { data: { score: number; attemptsLeft: { today: number; total: number } } }).data;
  };
  const standing = async (token: string) => {
    const res = await fetch(`${server.url}/api/quiz/${campaignId}/standing`, { headers: { 'x-participant-token': token } });
    return { status: res.status, body: (await res.json()) as { ok: boolean; data: any; error?: { code: string } } };
  };

  beforeAll(async () => {
    server = await startTestServer({ ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: PASSWORD }, {}, { now: () => clock });
    const organizer = await login(server, 'admin', PASSWORD);
    campaignId = await createCampaign(organizer, { startsAt: T0 - DAY, endsAt: T0 + 7 * DAY, attemptsPerDay: 2, attemptsTotal: 3 });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('counts attempts left today and in all, and ranks the county and the participant within it', async () => {
    // 安次区 (131002): three participants; 广阳区 (131003): two, scoring 3/3 and 1/3 (100 and 33.3).
    for (let i = 0; i < 3; i++) await submit(await start('131002'), 0);
    const best = await start('131003');
    await submit(best, 3);
    const me = await start('131003');
    const first = await submit(me, 1);
    expect(first.attemptsLeft).toEqual({ today: 1, total: 2 });

    let s = await standing(me.token);
    expect(s.status).toBe(200);
    expect(s.body.data).toEqual({
      attempts: { used: 1, usedToday: 1, perDay: 2, total: 3, left: { today: 1, total: 2 } },
      countedScore: 33.3,
      county: { code: '131003', name: '广阳区', rank: 2, of: expect.any(Number) },
      rankInCounty: 2,
      rankedInCounty: 2,
    });
    expect(s.body.data.county.of).toBeGreaterThan(5);

    // A second attempt today at full marks: first in the county (a tie with the other full marks), none left today.
    const second = await submit(await start('131003', me.token), 3);
    expect(second.attemptsLeft).toEqual({ today: 0, total: 1 });
    s = await standing(me.token);
    expect(s.body.data).toMatchObject({ attempts: { used: 2, usedToday: 2, left: { today: 0, total: 1 } }, countedScore: 100, rankInCounty: 1, rankedInCounty: 2 });
    // The limit the result announced is the one the server keeps.
    expect((await post(`/api/quiz/${campaignId}/attempts`, { countyCode: '131003', token: me.token })).status).toBe(409);

    // The next China day: one left in all; after it, none, and the resumed result says so too.
    clock += DAY;
    expect((await standing(me.token)).body.data.attempts.left).toEqual({ today: 1, total: 1 });
    const third = await start('131003', me.token);
    expect((await submit(third, 0)).attemptsLeft).toEqual({ today: 0, total: 0 });
    const resumed = await fetch(`${server.url}/api/quiz/${campaignId}/attempts/${third.attemptId}`, { headers: { 'x-participant-token': me.token } });
    expect(((await resumed.json()) as { data: { result: { attemptsLeft: unknown } } }).data.result.attemptsLeft).toEqual({ today: 0, total: 0 });
  });

  it('answers a device that has not taken part with a clear 404', async () => {
    const s = await standing('x'.repeat(32));
    expect(s.status).toBe(404);
    expect(s.body.error?.code).toBe('quiz/participant-not-found');
    expect((await standing('short')).status).toBe(404);
  });
});
