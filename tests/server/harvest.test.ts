/**
 * Answer-key harvesting (#15): when answers are shown, how many throwaway participants one address makes, and
 * attempts faster than a person reads kept out of the board and the statistics until an organizer decides.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type Staff } from '../helpers/http';
import { createCampaign } from '../helpers/quiz';
import { startTestServer, type TestServer } from '../helpers/server';

const PASSWORD = 'Organizer-2026';
const HOUR = 3600_000;

interface Started {
  token: string;
  attemptId: string;
  questions: unknown[];
}
interface Result {
  score: number;
  review: unknown[] | null;
}

describe('answer-key harvesting', () => {
  let clock = Date.now();
  let server: TestServer;
  let organizer: Staff;

  beforeAll(async () => {
    // Behind a trusted proxy (this host), so each test's players come from an address of their own
    // (X-Forwarded-For): the new-participant buckets one test drains are not another's.
    server = await startTestServer({ ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: PASSWORD, NEW_PARTICIPANTS_PER_IP: '3', TRUST_PROXY: '127.0.0.1' }, {}, { now: () => clock });
    organizer = await login(server, 'admin', PASSWORD);
  });
  afterAll(() => server.stop());

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const from = (address: string) => ({ 'x-forwarded-for': address });
  const start = async (id: string, address: string, body: Record<string, unknown> = {}) => {
    const res = await post(`/api/quiz/${id}/attempts`, { countyCode: '131003', ...body }, from(address));
    const json = (await res.json()) as { data: Started };
    expect(res.status, JSON.stringify(json)).toBe(200);
    return json.data;
  };
  const submit = async (id: string, a: Started, address: string) => ((await (await post(`/api/quiz/${id}/attempts/${a.attemptId}/submit`, { answers: a.questions.map(() => [0]) }, { 'x-participant-token': a.token, ...from(address) })).json()) as { data: Result }).data;
  const county = async (id: string) => ((await (await organizer.request(`/api/campaigns/${id}/stats`)).json()) as { data: { counties: { code: string; submitters: number; attempts: number }[] } }).data.counties.find((c) => c.code === '131003')!;

  it('shows answers after the campaign ends, or never, as the campaign says', async () => {
    const address = '203.0.113.1';
    const later = await createCampaign(organizer, { reveal: 'after-end', showExplanations: true, minSecondsPerQuestion: 0, endsAt: clock + HOUR });
    const a = await start(later, address);
    expect((await submit(later, a, address)).review).toBeNull();
    const never = await createCampaign(organizer, { reveal: 'never', showExplanations: true, minSecondsPerQuestion: 0 });
    const b = await start(never, address, { deviceId: 'device-never-0000001' });
    expect((await submit(never, b, address)).review).toBeNull();
    clock += 2 * HOUR; // the first campaign has ended: its answers may be read now
    const resumed = await fetch(`${server.url}/api/quiz/${later}/attempts/${a.attemptId}`, { headers: { 'x-participant-token': a.token } });
    expect(((await resumed.json()) as { data: { result: Result } }).data.result.review).toHaveLength(3);
  });

  it('limits new participants per address, not returning ones', async () => {
    const address = '203.0.113.2'; // its bucket is full: 3 a minute, two minutes' burst: 6
    const id = await createCampaign(organizer, { minSecondsPerQuestion: 0, attemptsPerDay: 5, attemptsTotal: 5 });
    const made: Started[] = [];
    for (;;) {
      const res = await post(`/api/quiz/${id}/attempts`, { countyCode: '131003' }, from(address));
      if (res.status === 429) {
        expect(await res.json()).toMatchObject({ error: { code: 'quiz/too-many-new', message: '这个网络或设备上新参与的人太多，请稍后再试' } });
        break;
      }
      made.push(((await res.json()) as { data: Started }).data);
      expect(made.length).toBeLessThanOrEqual(6);
    }
    expect(made.length).toBeGreaterThanOrEqual(1);
    // A participant coming back is not new.
    await submit(id, made[0]!, address);
    expect((await post(`/api/quiz/${id}/attempts`, { countyCode: '131003', token: made[0]!.token }, from(address))).status).toBe(200);
  });

  it('keeps attempts faster than a person reads out of the statistics until an organizer accepts them', async () => {
    const address = '203.0.113.3';
    const id = await createCampaign(organizer, { minSecondsPerQuestion: 2 });
    const bot = await start(id, address);
    expect((await submit(id, bot, address)).score).toBeGreaterThanOrEqual(0); // answered at once: 3 questions in 0 s
    const person = await start(id, address);
    clock += 10_000; // 10 s for 3 questions
    await submit(id, person, address);
    expect(await county(id)).toMatchObject({ submitters: 1, attempts: 1 });
    const flagged = ((await (await organizer.request(`/api/campaigns/${id}/flagged`)).json()) as { data: { id: string; questions: number }[] }).data;
    expect(flagged.map((f) => f.id)).toEqual([bot.attemptId]);
    expect(flagged[0]!.questions).toBe(3);
    // The public board does not count it either.
    const board = ((await (await fetch(`${server.url}/api/quiz/${id}/board`)).json()) as { data: { counties: { code: string; submitters: number }[] } }).data;
    expect(board.counties.find((c) => c.code === '131003')!.submitters).toBe(1);

    const review = (attemptId: string, decision: string) => organizer.request(`/api/campaigns/${id}/review`, { method: 'POST', json: { attemptId, decision } });
    expect((await review(bot.attemptId, 'accepted')).status).toBe(200);
    expect(await county(id)).toMatchObject({ submitters: 2, attempts: 2 });
    expect((await review(bot.attemptId, 'rejected')).status).toBe(404); // decided once
    const bot2 = await start(id, address);
    await submit(id, bot2, address);
    expect((await review(bot2.attemptId, 'rejected')).status).toBe(200);
    expect(await county(id)).toMatchObject({ submitters: 2, attempts: 2 });
  });
});
