import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { checkBank } from '../../shared/bank/bank-check';
import { audiencePool } from '../../shared/quiz/campaign';
import { ADULT_AUDIENCE_TAG, isAdultOnly } from '../../shared/bank/question';
import { readJsonFiles } from '../../server/bank/bank-files';
import { STAFF_PASSWORD, TEAMS } from '../helpers/contest';
import { login, type Staff } from '../helpers/http';
import { startTestServer, type TestServer } from '../helpers/server';

const DAY = 24 * 60 * 60 * 1000;

/**
 * Questions on contraception, condoms and abortion carry the adult-audience tag; a campaign or a contest
 * for families (members aged 8+) can leave them out.
 */
describe('adult-audience questions', () => {
  let server: TestServer;
  let staff: Staff;
  beforeAll(async () => {
    server = await startTestServer({ ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: STAFF_PASSWORD });
    staff = await login(server, 'admin', STAFF_PASSWORD);
  });
  afterAll(() => server.stop());

  it('the shipped bank tags its contraception, condom and abortion questions; audiencePool drops them, and short answers always', async () => {
    const { questions } = checkBank(await readJsonFiles(path.resolve('questions/bank')));
    const adult = questions.filter(isAdultOnly).map((q) => q.id);
    expect(adult.length).toBeGreaterThanOrEqual(12);
    expect(adult).toEqual(expect.arrayContaining(['k-22-04', 's-58-01', 's-58-04']));
    const pool = questions.map((question) => ({ question, revision: 1 }));
    // Short answers never reach an online quiz: nobody is there to judge them.
    const oral = questions.filter((q) => q.type === 'shortanswer').length;
    expect(oral).toBeGreaterThanOrEqual(30);
    expect(audiencePool(pool, false)).toHaveLength(questions.length - oral);
    const family = audiencePool(pool, true);
    expect(family).toHaveLength(questions.length - oral - adult.length);
    expect(family.some((e) => e.question.tags.includes(ADULT_AUDIENCE_TAG))).toBe(false);
  });

  it('a campaign that excludes them cannot draw them: the mix is measured without them', async () => {
    const { questions } = checkBank(await readJsonFiles(path.resolve('questions/bank')));
    const slice = questions.filter((q) => q.topic === 'maternal-child' && q.type === 'truefalse');
    const adult = slice.filter(isAdultOnly).length;
    expect(adult).toBeGreaterThan(0);
    const settings = (excludeAdult: boolean) => ({
      title: '家庭健康知识答题', description: '', startsAt: Date.now() - DAY, endsAt: Date.now() + DAY, regionCode: '131000',
      mix: [{ count: slice.length, topic: 'maternal-child', type: 'truefalse' }], timeLimitSec: 600, attemptsPerDay: 1, attemptsTotal: 1,
      counting: 'best', passMark: 60, showExplanations: false, fields: { name: false, phone: false, team: false }, targets: {}, excludeAdult,
    });
    const all = await staff.request('/api/campaigns', { method: 'POST', json: settings(false) });
    expect(await all.json()).toMatchObject({ ok: true, data: { warning: null } });
    const family = await staff.request('/api/campaigns', { method: 'POST', json: settings(true) });
    const body = (await family.json()) as { data: { id: string; warning: unknown } };
    expect(body.data.warning).toEqual({ slice: 1, available: slice.length - adult });
    // The setting is kept with the campaign, so the organizer sees it again.
    expect(await (await staff.request(`/api/campaigns/${body.data.id}`)).json()).toMatchObject({ data: { settings: { excludeAdult: true } } });
  });

  it('a contest that excludes them leaves them out of its rounds, and refuses a round left with nothing', async () => {
    const adultSet = await staff.request('/api/bank/sets', { method: 'POST', json: { name: '避孕知识', questionIds: ['k-22-01', 'k-22-05'] } });
    const adultId = ((await adultSet.json()) as { data: { id: string } }).data.id;
    const mixedSet = await staff.request('/api/bank/sets', { method: 'POST', json: { name: '妇幼健康', questionIds: ['k-22-01', 'l-51-01', 'l-51-02'] } });
    const mixedId = ((await mixedSet.json()) as { data: { id: string } }).data.id;
    const draft = (setId: string, excludeAdult: boolean) => ({
      title: '家庭决赛', teams: TEAMS.slice(0, 2), excludeAdult, rounds: [{ id: 'r1', kind: 'compulsory', title: '必答', setId }],
    });
    expect(await (await staff.request('/api/contests', { method: 'POST', json: draft(adultId, false) })).json()).toMatchObject({ ok: true });
    const refused = await staff.request('/api/contests', { method: 'POST', json: draft(adultId, true) });
    expect(await refused.json()).toMatchObject({ ok: false, error: { code: 'contest/set-empty', issues: [{ path: 'rounds.0.setId' }] } });

    const created = await staff.request('/api/contests', { method: 'POST', json: draft(mixedId, true) });
    const id = ((await created.json()) as { data: { id: string } }).data.id;
    const row = await server.database.client.execute({ sql: 'SELECT config FROM contests WHERE id = ?', args: [id] });
    const config = JSON.parse(String(row.rows[0]!.config)) as { rounds: { questions: { id: string }[] }[] };
    expect(config.rounds[0]!.questions.map((q) => q.id)).toEqual(['l-51-01', 'l-51-02']);
  });
});
