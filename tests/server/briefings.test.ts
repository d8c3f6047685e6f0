import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Briefing } from '../../shared/region/briefing';
import { createUser } from '../../server/auth/auth';
import { login, type Staff } from '../helpers/http';
import { createCampaign } from '../helpers/quiz';
import { startTestServer, type TestServer } from '../helpers/server';

const PASSWORD = 'Correct-Horse-9';
const DAY = 86_400_000;
const NOVEMBER = Date.parse('2026-11-20T10:00:00+08:00');
const DECEMBER = Date.parse('2026-12-02T09:00:00+08:00');

describe('briefings (周调度/月通报): made on demand from the tallies, kept as made, scoped to the region', () => {
  let server: TestServer;
  // Each test sets the clock to the moment it needs (November's or December's) and works on a campaign of its own.
  let clock = NOVEMBER;
  const staff = (username: string) => login(server, username, PASSWORD);
  const resident = async (campaignId: string, countyCode: string) => {
    const started = await server.quiz.start(campaignId, { countyCode });
    await server.quiz.submit(campaignId, started.attemptId, started.token, [[0], [0], [0]]);
  };
  const make = (who: Staff, campaignId: string, body: object) => who.request('/api/briefings', { method: 'POST', json: { campaign: campaignId, ...body } });
  const list = async (who: Staff, campaignId: string, query = '') => ((await (await who.request(`/api/briefings?campaign=${campaignId}${query}`)).json()) as { data: { region: string; briefings: { id: string; periodStart: string }[] } }).data;
  /**
   * On 2026-11-20, a Langfang campaign (target 5 in 广阳区) that three 广阳区 residents have taken, and the city
   * organizer's session (signed in on the 20th: one made later has swept it away once the clock is set back).
   */
  const novemberCampaign = async () => {
    clock = NOVEMBER;
    const city = await staff('langfang');
    const campaignId = await createCampaign(city, { title: '廊坊市健康知识答题', startsAt: clock - DAY, endsAt: clock + 60 * DAY, targets: { '131003': 5 } });
    for (const county of ['131003', '131003', '131003']) await resident(campaignId, county);
    return { campaignId, city };
  };

  beforeAll(async () => {
    server = await startTestServer({ ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: PASSWORD }, {}, { now: () => clock });
    await createUser(server.database.db, { username: 'langfang', displayName: '廊坊市卫健委', role: 'organizer', password: PASSWORD, regionCode: '131000' }, clock);
    await createUser(server.database.db, { username: 'guangyang', displayName: '广阳区卫健局', role: 'organizer', password: PASSWORD, regionCode: '131003' }, clock);
  });
  afterAll(() => server?.stop());

  it('makes a monthly briefing: totals, the counties ranked, who is short of target; lists it and exports it as xlsx', async () => {
    const { campaignId, city } = await novemberCampaign();
    const res = await make(city, campaignId, { kind: 'monthly' });
    expect(res.status).toBe(201);
    const { id, briefing } = ((await res.json()) as { data: { id: string; briefing: Briefing } }).data;
    expect(briefing).toMatchObject({ kind: 'monthly', periodStart: '2026-11-01', periodEnd: '2026-12-01', region: { code: '131000', name: '廊坊市' }, childLevel: 'county', previous: null, change: null });
    expect(briefing.totals.participants).toBe(3);
    expect(briefing.ranking[0]).toMatchObject({ rank: 1, name: '广阳区', participants: 3, target: 5, rate: 0.6 });
    expect(briefing.ranking.reduce((s, r) => s + r.participants, 0)).toBe(3);
    expect(briefing.belowTarget.map((r) => r.name)).toEqual(['广阳区']);

    expect((await list(city, campaignId)).briefings.map((b) => b.id)).toEqual([id]);
    const file = await city.request(`/api/briefings/${id}/export.xlsx`);
    expect(file.status).toBe(200);
    expect(decodeURIComponent(file.headers.get('content-disposition') ?? '')).toContain('廊坊市月通报（2026年11月01日—2026年11月30日）.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await file.arrayBuffer());
    expect(book.worksheets.map((w) => w.name)).toEqual(['概况', '下级排名', '未达目标', '待督促的指导员', '薄弱知识条目']);
    const summary = new Map(book.getWorksheet('概况')!.getSheetValues().slice(2).map((r) => [String((r as unknown[])[1]), (r as unknown[])[2]]));
    expect(summary.get('参与人数')).toBe(3);
    expect(summary.get('对比基准')).toBe('首期，无对比');
    const first = book.getWorksheet('下级排名')!.getRow(2).values as unknown[];
    expect([first[1], first[2], first[3], first[4], first[5], first[8], first[9]]).toEqual([1, '广阳区', 3, '—', 3, 5, '60.0%']);
  });

  it('next month counts the change from last month’s, and last month’s stays as it was; made again, the running month’s is replaced', async () => {
    const { campaignId, city: cityInNovember } = await novemberCampaign();
    const november = ((await (await make(cityInNovember, campaignId, { kind: 'monthly' })).json()) as { data: { id: string; briefing: Briefing } }).data;
    expect(november.briefing).toMatchObject({ periodStart: '2026-11-01', previous: null });
    clock = DECEMBER;
    await resident(campaignId, '131002');
    await resident(campaignId, '131002');
    const city = await staff('langfang');
    const december = ((await (await make(city, campaignId, { kind: 'monthly' })).json()) as { data: { id: string; briefing: Briefing } }).data;
    expect(december.briefing).toMatchObject({ periodStart: '2026-12-01', previous: { periodStart: '2026-11-01' }, change: { participants: 2, submitters: 2, attempts: 2 } });
    expect(december.briefing.ranking.find((r) => r.name === '安次区')).toMatchObject({ participants: 2, change: 2 });
    expect(december.briefing.ranking.find((r) => r.name === '广阳区')).toMatchObject({ participants: 3, change: 0 });

    const kept = await list(city, campaignId);
    const listed = kept.briefings.find((b) => b.periodStart === '2026-11-01')!;
    expect(listed.id).toBe(november.id);
    const old = ((await (await city.request(`/api/briefings/${listed.id}`)).json()) as { data: Briefing }).data;
    expect(old.totals.participants).toBe(3);

    clock += 3_600_000;
    await resident(campaignId, '131002');
    const again = ((await (await make(city, campaignId, { kind: 'monthly' })).json()) as { data: { id: string; briefing: Briefing } }).data;
    expect(again.id).toBe(december.id);
    expect(again.briefing.change!.participants).toBe(3);
    expect((await list(city, campaignId)).briefings).toHaveLength(2);
  });

  it('a county organizer gets its county’s briefing, ranked by township, and none of the city’s', async () => {
    const { campaignId, city: cityInNovember } = await novemberCampaign();
    expect((await make(cityInNovember, campaignId, { kind: 'monthly' })).status).toBe(201); // the city's November briefing
    clock = DECEMBER;
    for (const county of ['131002', '131002', '131002']) await resident(campaignId, county); // another county's residents
    const county = await staff('guangyang');
    const city = await staff('langfang');
    const res = await make(county, campaignId, { kind: 'weekly' });
    const body = (await res.json()) as { data: { briefing: Briefing } };
    expect(res.status, JSON.stringify(body)).toBe(201);
    const mine = body.data.briefing;
    expect(mine).toMatchObject({ region: { code: '131003', name: '广阳区' }, childLevel: 'township', periodStart: '2026-11-30', periodEnd: '2026-12-07' });
    expect(mine.totals.participants).toBe(3);

    expect((await list(county, campaignId)).region).toBe('131003');
    const refused = await county.request(`/api/briefings?campaign=${campaignId}&region=131000`);
    expect(refused.status).toBe(403);
    expect(((await make(county, campaignId, { kind: 'weekly', region: '131002' })) as Response).status).toBe(403);
    const cityBriefing = (await list(city, campaignId)).briefings[0]!;
    expect((await county.request(`/api/briefings/${cityBriefing.id}`)).status).toBe(403);
    expect((await county.request(`/api/briefings/${cityBriefing.id}/export.xlsx`)).status).toBe(403);
  });

  it('refuses bad input with a localized message and keeps nothing', async () => {
    const { campaignId, city } = await novemberCampaign();
    expect((await make(city, campaignId, { kind: 'monthly' })).status).toBe(201);
    const before = (await list(city, campaignId)).briefings.length;
    expect(before).toBe(1);
    const wrongKind = await city.request('/api/briefings?lang=en', { method: 'POST', json: { campaign: campaignId, kind: 'daily' } });
    expect(wrongKind.status).toBe(400);
    expect(((await wrongKind.json()) as { error: { message: string; issues: { path: string }[] } }).error.issues[0]!.path).toBe('kind');
    const nowhere = await make(city, campaignId, { kind: 'weekly', region: '131099' });
    expect(nowhere.status).toBe(404);
    expect(((await nowhere.json()) as { error: { message: string } }).error.message).toBe('找不到该地区：131099');
    expect((await city.request('/api/briefings/AAAAAAAAAAAA')).status).toBe(404);
    expect((await list(city, campaignId)).briefings.length).toBe(before);
  });
});
