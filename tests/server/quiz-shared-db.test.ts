import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisAvailable, REDIS_URL } from '../helpers/env';
import { login, type Staff } from '../helpers/http';
import { createCampaign } from '../helpers/quiz';
import { startTestServer, type TestServer } from '../helpers/server';

const PASSWORD = 'Organizer-2026';

/**
 * With several processes (start:cluster) one participant's requests can reach any of them, each with
 * its own memory of the participant. The database's guards keep the limits and the statistics right.
 */
describe('two servers on one database: a participant served by both is counted once and kept to the limits', () => {
  let a: TestServer;
  let b: TestServer;
  let organizer: Staff;

  beforeAll(async () => {
    a = await startTestServer({ ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: PASSWORD });
    b = await startTestServer({ DATABASE_URL: `file:${path.join(a.dir, 'app.db')}` });
    organizer = await login(a, 'admin', PASSWORD);
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  /** Each test's participants and counters are those of a campaign of its own. */
  const ownCampaign = async () => {
    const campaignId = await createCampaign(organizer);
    const call = (server: TestServer, method: string, p: string, token?: string, body?: unknown) =>
      fetch(`${server.url}/api/quiz/${campaignId}${p}`, {
        method,
        headers: { 'content-type': 'application/json', ...(token ? { 'x-participant-token': token } : {}) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const county = async (server: TestServer) =>
      (await server.database.client.execute({ sql: 'SELECT participants, submitters, attempts, counted_score_sum FROM campaign_county_stats WHERE campaign_id = ?', args: [campaignId] })).rows[0];
    return { campaignId, call, county };
  };

  it('a submission both servers believe open is taken once; a start past the limit is refused by the database', async () => {
    const { campaignId, call, county } = await ownCampaign();
    const started = (await (await call(a, 'POST', '/attempts', undefined, { countyCode: '131003' })).json()) as { data: { token: string; attemptId: string } };
    const { token, attemptId } = started.data;
    // B gets to know the participant and the open attempt (a reload on a phone whose requests go to B).
    expect((await call(b, 'GET', `/attempts/${attemptId}`, token)).status).toBe(200);

    const answers = [[0], [0], [0]];
    const first = await call(a, 'POST', `/attempts/${attemptId}/submit`, token, { answers });
    expect(first.status).toBe(200);
    // The same submission replayed to B, which still remembers the attempt as open.
    const replay = await call(b, 'POST', `/attempts/${attemptId}/submit`, token, { answers });
    expect(replay.status).toBe(409);
    expect(((await replay.json()) as { error: { code: string } }).error.code).toBe('quiz/already-submitted');
    expect(await county(a)).toMatchObject({ participants: 1, submitters: 1, attempts: 1 });
    const sumAfterOne = Number((await county(a))!.counted_score_sum);

    // The second (last) attempt starts on A; B still believes one attempt was used.
    const second = (await (await call(a, 'POST', '/attempts', undefined, { countyCode: '131003', token })).json()) as { data: { attemptId: string } };
    expect(second.data.attemptId).not.toBe(attemptId);
    expect((await call(a, 'POST', `/attempts/${second.data.attemptId}/submit`, token, { answers: [[1], [1], [1]] })).status).toBe(200);
    const third = await call(b, 'POST', '/attempts', undefined, { countyCode: '131003', token });
    expect(third.status).toBe(409);
    expect(((await third.json()) as { error: { code: string } }).error.code).toBe('quiz/limit-total');

    const rows = await a.database.client.execute({ sql: 'SELECT count(*) AS n FROM attempts WHERE campaign_id = ?', args: [campaignId] });
    expect(Number(rows.rows[0]!.n)).toBe(2);
    // Counted score is the best of the two: the sum moved by the difference only, never by a double count.
    const finalRow = await county(a);
    expect(finalRow).toMatchObject({ participants: 1, submitters: 1, attempts: 2 });
    expect(Number(finalRow!.counted_score_sum)).toBeGreaterThanOrEqual(sumAfterOne);
    const p = await a.database.client.execute({ sql: 'SELECT counted_score, best_score FROM participants WHERE campaign_id = ?', args: [campaignId] });
    expect(Number(finalRow!.counted_score_sum)).toBe(Number(p.rows[0]!.counted_score));
  });

  it('start on A, submit on B, start again on A: A does not hand back the submitted attempt as open', async () => {
    const { call } = await ownCampaign();
    const first = (await (await call(a, 'POST', '/attempts', undefined, { countyCode: '131022' })).json()) as { data: { token: string; attemptId: string } };
    const { token, attemptId } = first.data;
    expect((await call(b, 'POST', `/attempts/${attemptId}/submit`, token, { answers: [[0], [0], [0]] })).status).toBe(200);
    // A still remembers the attempt as open; the database says it was submitted on B.
    const again = await call(a, 'POST', '/attempts', undefined, { countyCode: '131022', token });
    const body = (await again.json()) as { ok: boolean; data?: { attemptId: string }; error?: { code: string } };
    if (again.status === 200) {
      expect(body.data!.attemptId).not.toBe(attemptId);
      expect((await call(a, 'POST', `/attempts/${body.data!.attemptId}/submit`, token, { answers: [[1], [1], [1]] })).status).toBe(200);
    } else expect(body.error!.code).toMatch(/^quiz\/limit-/);
  });

  it('a score changed by the other server is read afresh before the statistics move', async () => {
    const { campaignId, call } = await ownCampaign();
    const s1 = (await (await call(a, 'POST', '/attempts', undefined, { countyCode: '131002' })).json()) as { data: { token: string; attemptId: string } };
    const { token } = s1.data;
    // B starts the second attempt while A's memory of the participant has no score yet.
    const s2 = (await (await call(b, 'POST', '/attempts', undefined, { countyCode: '131002', token })).json()) as { data: { attemptId: string } };
    expect(s2.data.attemptId).toBe(s1.data.attemptId); // the open attempt is resumed, not a new one
    expect((await call(b, 'POST', `/attempts/${s1.data.attemptId}/submit`, token, { answers: [[0], [1], [0]] })).status).toBe(200);
    const s3 = (await (await call(b, 'POST', '/attempts', undefined, { countyCode: '131002', token })).json()) as { data: { attemptId: string } };
    // A submits the new attempt believing the participant has no counted score yet.
    expect((await call(a, 'POST', `/attempts/${s3.data.attemptId}/submit`, token, { answers: [[1], [0], [1]] })).status).toBe(200);
    const stats = (await a.database.client.execute({ sql: "SELECT submitters, attempts, counted_score_sum FROM campaign_county_stats WHERE campaign_id = ? AND county_code = '131002'", args: [campaignId] })).rows[0]!;
    const p = (await a.database.client.execute({ sql: 'SELECT counted_score FROM participants WHERE token_hash IS NOT NULL AND county_code = ? AND campaign_id = ?', args: ['131002', campaignId] })).rows[0]!;
    expect(stats).toMatchObject({ submitters: 1, attempts: 2 });
    expect(Number(stats.counted_score_sum)).toBe(Number(p.counted_score));
  });
});

const withRedis = await redisAvailable();

describe.skipIf(!withRedis)('with Redis, an organizer’s campaign change reaches every process’s cache', () => {
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    const env = { REDIS_URL, REDIS_STREAM: `hq-test:${randomUUID()}` };
    a = await startTestServer({ ...env, ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: PASSWORD });
    b = await startTestServer({ ...env, DATABASE_URL: `file:${path.join(a.dir, 'app.db')}` });
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  it('a campaign B has cached as a draft opens on B once A publishes it', async () => {
    const organizer = await login(a, 'admin', PASSWORD);
    const created = await organizer.request('/api/campaigns', {
      method: 'POST',
      json: { title: '发布测试', description: '', startsAt: Date.now() - 60_000, endsAt: Date.now() + 3600_000, regionCode: '131000', mix: [{ count: 3, type: 'truefalse' }], timeLimitSec: 600, attemptsPerDay: 1, attemptsTotal: 1, counting: 'best', passMark: 60, showExplanations: false, minSecondsPerQuestion: 0, fields: { name: false, phone: false, team: false }, targets: {} },
    });
    const id = ((await created.json()) as { data: { id: string } }).data.id;
    expect((await fetch(`${b.url}/api/quiz/${id}`)).status).toBe(404); // a draft: B loads and caches it
    expect((await organizer.request(`/api/campaigns/${id}/publish`, { method: 'POST' })).status).toBe(200);
    await expect.poll(async () => (await fetch(`${b.url}/api/quiz/${id}`)).status).toBe(200);
  });
});
