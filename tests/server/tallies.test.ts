import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveGuides } from '../../server/reports/guides';
import { drillDown, guideRanking } from '../../server/reports/tallies';
import type { Tally } from '../../shared/region/tallies';
import { STAFF_PASSWORD } from '../helpers/contest';
import { login, type Staff } from '../helpers/http';
import { createCampaign } from '../helpers/quiz';
import { startTestServer, type TestServer } from '../helpers/server';

const FIELDS = ['participants', 'submitters', 'attempts', 'passed'] as const;

/** Every counter of a total equals the sum over the level below. */
function expectSum(total: Tally, rows: Tally[], where: string) {
  for (const f of FIELDS) expect(total[f], `${where} ${f}`).toBe(rows.reduce((s, r) => s + r[f], 0));
  expect(total.countedScoreSum, `${where} score`).toBeCloseTo(rows.reduce((s, r) => s + r.countedScoreSum, 0), 6);
}

describe('tallies at every level: a drill-down total equals the sum of the level below (property over random residents)', () => {
  let server: TestServer;
  let admin: Staff;
  const villages: { county: string; township: string; village: string }[] = [];
  const guideIds: string[] = [];

  beforeAll(async () => {
    server = await startTestServer({ REGION_ROOT: '131000', REGION_DEPTH: 'village', ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: STAFF_PASSWORD });
    admin = await login(server, 'admin', STAFF_PASSWORD);
    const db = server.database.db;
    for (const county of ['131002', '131003', '131022']) {
      const towns = await server.database.client.execute({ sql: 'SELECT code FROM regions WHERE parent_code = ? ORDER BY code LIMIT 2', args: [county] });
      for (const t of towns.rows) {
        const vs = await server.database.client.execute({ sql: 'SELECT code FROM regions WHERE parent_code = ? ORDER BY code LIMIT 2', args: [t.code as string] });
        for (const v of vs.rows) villages.push({ county, township: t.code as string, village: v.code as string });
      }
    }
    await saveGuides(db, [
      { name: '甲', phone: '13700000001', role: 'village-doctor', regionCode: villages[0]!.village, clinic: '' },
      { name: '乙', phone: '13700000002', role: 'family-doctor', regionCode: villages[5]!.township, clinic: '' },
    ], 'test', Date.now());
    guideIds.push(...(await server.database.client.execute('SELECT id FROM guides ORDER BY phone')).rows.map((r) => r.id as string));
  });
  afterAll(() => server?.stop());

  it('holds for city → county → township → village, and by guide', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            at: fc.nat({ max: 11 }),
            guide: fc.option(fc.nat({ max: 1 }), { nil: undefined }),
            submissions: fc.array(fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }), { maxLength: 2 }),
          }),
          { minLength: 1, maxLength: 20 },
        ),
        async (residents) => {
          const campaignId = await createCampaign(admin, { attemptsPerDay: 3, attemptsTotal: 3 });
          for (const r of residents) {
            const place = villages[r.at % villages.length]!;
            let token: string | undefined;
            const rounds = r.submissions.length ? r.submissions : [null];
            for (const answers of rounds) {
              const started = await server.quiz.start(campaignId, { token, countyCode: place.county, townshipCode: place.township, villageCode: place.village, guideId: r.guide === undefined ? undefined : guideIds[r.guide] });
              token = started.token;
              if (answers) await server.quiz.submit(campaignId, started.attemptId, token, answers.map((right) => (right ? [0] : [1])));
            }
          }
          const db = server.database.db;
          const city = (await drillDown(db, campaignId, '131000'))!;
          expectSum(city.total, city.rows, 'city');
          // Ground truth from the residents themselves.
          expect(city.total.participants).toBe(residents.length);
          expect(city.total.submitters).toBe(residents.filter((r) => r.submissions.length > 0).length);
          expect(city.total.attempts).toBe(residents.reduce((s, r) => s + r.submissions.length, 0));
          for (const county of city.rows.filter((r) => r.participants > 0)) {
            const d = (await drillDown(db, campaignId, county.code))!;
            expectSum(d.total, d.rows, county.code);
            expectSum(county, [d.total], `${county.code} (city row)`);
            for (const town of d.rows.filter((r) => r.participants > 0)) {
              const v = (await drillDown(db, campaignId, town.code))!;
              expectSum(v.total, v.rows, town.code);
            }
          }
          const ranked = await guideRanking(db, campaignId, '131000');
          expect(ranked.reduce((s, g) => s + g.participants, 0)).toBe(residents.filter((r) => r.guide !== undefined).length);
          // Any page of the city's ranking (read from the ranking index, or every guide when the page ends in
          // zeros) is the head of the ranking by residents bound, then id.
          const bound = new Map(guideIds.map((id) => [id, 0]));
          for (const r of residents) if (r.guide !== undefined) bound.set(guideIds[r.guide]!, bound.get(guideIds[r.guide]!)! + 1);
          const expected = [...bound].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
          for (const k of [1, 2, 3, guideIds.length]) expect((await guideRanking(db, campaignId, '131000', k)).map((g) => [g.id, g.participants])).toEqual(expected.slice(0, k));
        },
      ),
      { numRuns: 8, seed: 19 },
    );
  });

  it('drills through the route, refusing a region outside the organizer’s or the campaign’s', async () => {
    const campaignId = await createCampaign(admin);
    const res = (await (await admin.request(`/api/campaigns/${campaignId}/drill`)).json()) as { data: { level: string; childLevel: string; rows: { code: string }[] } };
    expect(res.data).toMatchObject({ level: 'city', childLevel: 'county' });
    expect(res.data.rows).toHaveLength(11);
    expect((await admin.request(`/api/users`, { method: 'POST', json: { username: 'anci', displayName: '安次区', role: 'organizer', regionCode: '131002', password: STAFF_PASSWORD } })).status).toBe(201);
    const anci = await login(server, 'anci', STAFF_PASSWORD);
    const own = (await (await anci.request(`/api/campaigns/${campaignId}/drill`)).json()) as { data: { region: string; childLevel: string } };
    expect(own.data).toMatchObject({ region: '131002', childLevel: 'township' });
    expect((await anci.request(`/api/campaigns/${campaignId}/drill?region=131003`)).status).toBe(403);
    expect((await anci.request(`/api/campaigns/${campaignId}/drill?region=131000`)).status).toBe(403);
  });
});

describe('a province’s board ranks its cities', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ REGION_ROOT: '130000', REGION_DEPTH: 'county', ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: STAFF_PASSWORD });
  });
  afterAll(() => server?.stop());

  it('sums each city from its counties and ranks the cities; a city campaign still ranks counties', async () => {
    const admin = await login(server, 'admin', STAFF_PASSWORD);
    const province = await createCampaign(admin, { regionCode: '130000', targets: { '131003': 10, '130102': 4 } });
    // Langfang: three residents in two counties; Shijiazhuang (130100): one.
    for (const county of ['131003', '131003', '131002', '130102']) {
      const started = await server.quiz.start(province, { countyCode: county });
      await server.quiz.submit(province, started.attemptId, started.token, [[0], [0], [0]]);
    }
    const board = ((await (await fetch(`${server.url}/api/quiz/${province}/board`)).json()) as { data: { counties: { rank: number; code: string; name: string; participants: number; submitters: number; target: number }[] } }).data.counties;
    expect(board.slice(0, 2).map((r) => [r.rank, r.code, r.name, r.participants, r.submitters, r.target])).toEqual([
      [1, '131000', '廊坊市', 3, 3, 10],
      [2, '130100', '石家庄市', 1, 1, 4],
    ]);
    expect(board).toHaveLength(11);
    const drill = (await drillDown(server.database.db, province, '130000'))!;
    expect(drill.rows.find((r) => r.code === '131000')).toMatchObject({ participants: 3, submitters: 3 });
    const city = await createCampaign(admin, { regionCode: '131000' });
    const cityBoard = ((await (await fetch(`${server.url}/api/quiz/${city}/board`)).json()) as { data: { counties: { code: string }[] } }).data.counties;
    expect(cityBoard.map((r) => r.code)).toContain('131003');
  });
});
