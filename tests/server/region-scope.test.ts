import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinContest } from '../helpers/contest-sockets';
import { makeSet, STAFF_PASSWORD, TEAMS } from '../helpers/contest';
import { login, type Staff } from '../helpers/http';
import { createCampaign } from '../helpers/quiz';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * Organizers scoped to their region: Langfang's (city) organizer creates the county organizers of 广阳区 and 安次区;
 * 广阳区's is refused, route by route, everything of 安次区, and sees only its own county's rows of the city's campaign.
 */
describe('organizers scoped to their region', () => {
  let server: TestServer;
  let admin: Staff;
  let city: Staff;
  let guangyang: Staff;
  let anci: Staff;
  let anciCampaign: string;
  let cityCampaign: string;
  let anciContest: string;
  let anciPin: string;
  let anciUserId: string;

  const account = async (by: Staff, body: Record<string, unknown>) => by.request('/api/users', { method: 'POST', json: { password: STAFF_PASSWORD, ...body } });

  beforeAll(async () => {
    server = await startTestServer({ ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: STAFF_PASSWORD });
    admin = await login(server, 'admin', STAFF_PASSWORD);
    expect((await account(admin, { username: 'langfang', displayName: '廊坊市卫健委', role: 'organizer', regionCode: '131000' })).status).toBe(201);
    city = await login(server, 'langfang', STAFF_PASSWORD);
    expect((await account(city, { username: 'guangyang', displayName: '广阳区卫健局', role: 'organizer', regionCode: '131003' })).status).toBe(201);
    const made = await account(city, { username: 'anci', displayName: '安次区卫健局', role: 'organizer', regionCode: '131002' });
    expect(made.status).toBe(201);
    anciUserId = ((await made.json()) as { data: { id: string } }).data.id;
    guangyang = await login(server, 'guangyang', STAFF_PASSWORD);
    anci = await login(server, 'anci', STAFF_PASSWORD);
    anciCampaign = await createCampaign(anci, { title: '安次区答题', regionCode: '131002' });
    cityCampaign = await createCampaign(city, { title: '廊坊市答题' });
    const set = await makeSet(anci, '安次区题目', 'single', 2);
    const created = await anci.request('/api/contests', {
      method: 'POST',
      json: { title: '安次区决赛', rehearsal: true, baseScore: 100, regionCode: '131002', teams: TEAMS.slice(0, 2), rounds: [{ id: 'r1', kind: 'compulsory', title: '必答题', setId: set, timeLimitMs: 30_000 }] },
    });
    expect(created.status).toBe(201);
    ({ id: anciContest, pin: anciPin } = ((await created.json()) as { data: { id: string; pin: string } }).data);
  });
  afterAll(() => server?.stop());

  const refused = async (res: Promise<Response>) => {
    const r = await res;
    expect(r.status).toBe(403);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('auth/out-of-scope');
  };

  it('accounts are made by the level above, within its region only', async () => {
    // A county's organizer cannot make one for another county, one of its own level, or an admin.
    await refused(account(guangyang, { username: 'extra1', displayName: 'x', role: 'organizer', regionCode: '131002' }));
    await refused(account(guangyang, { username: 'extra2', displayName: 'x', role: 'organizer', regionCode: '131003' }));
    await refused(account(guangyang, { username: 'extra3', displayName: 'x', role: 'admin', regionCode: '131003' }));
    await refused(account(city, { username: 'extra4', displayName: 'x', role: 'organizer', regionCode: '131000' }));
    await refused(account(city, { username: 'extra5', displayName: 'x', role: 'organizer', regionCode: '130000' }));
    expect((await account(guangyang, { username: 'extra6', displayName: 'x', role: 'organizer' })).status).toBe(400);
    // A host for its own county is fine.
    expect((await account(guangyang, { username: 'gyhost', displayName: '广阳区主持人', role: 'host', regionCode: '131003' })).status).toBe(201);
    await refused(guangyang.request(`/api/users/${anciUserId}`, { method: 'PATCH', json: { disabled: true } }));
    await refused(city.request(`/api/users/${anciUserId}`, { method: 'PATCH', json: { regionCode: '130000' } }));
    const listed = (await (await guangyang.request('/api/users')).json()) as { data: { username: string }[] };
    expect(listed.data.map((u) => u.username).sort()).toEqual(['guangyang', 'gyhost']);
    const cityList = (await (await city.request('/api/users')).json()) as { data: { username: string }[] };
    expect(cityList.data.map((u) => u.username).sort()).toEqual(['anci', 'guangyang', 'gyhost', 'langfang']);
  });

  it('campaigns: every route refuses a campaign of another county', async () => {
    const id = anciCampaign;
    await refused(guangyang.request(`/api/campaigns/${id}`));
    await refused(guangyang.request(`/api/campaigns/${id}`, { method: 'PUT', json: {} }));
    for (const action of ['publish', 'archive', 'unpublish']) await refused(guangyang.request(`/api/campaigns/${id}/${action}`, { method: 'POST' }));
    await refused(guangyang.request(`/api/campaigns/${id}/stats`));
    await refused(guangyang.request(`/api/campaigns/${id}/stats/top?county=131002`));
    await refused(guangyang.request(`/api/campaigns/${id}/export.xlsx`));
    await refused(guangyang.request(`/api/contest-teams/from-campaign/${id}`));
    // Creating one for another county, or moving the city's campaign, is refused too.
    const settings = ((await (await city.request(`/api/campaigns/${cityCampaign}`)).json()) as { data: { settings: Record<string, unknown> } }).data.settings;
    await refused(guangyang.request('/api/campaigns', { method: 'POST', json: { ...settings, regionCode: '131002' } }));
    await refused(guangyang.request(`/api/campaigns/${cityCampaign}`, { method: 'PUT', json: { ...settings, regionCode: '131003' } }));
    // The owner and the level above still reach it.
    expect((await anci.request(`/api/campaigns/${id}/stats`)).status).toBe(200);
    expect((await city.request(`/api/campaigns/${id}/stats`)).status).toBe(200);
    const list = (await (await guangyang.request('/api/campaigns')).json()) as { data: { id: string }[] };
    expect(list.data.map((c) => c.id)).toEqual([cityCampaign]);
  });

  it('the city’s campaign: a county organizer reads its own county’s rows only, in the dashboard and the export', async () => {
    const stats = (await (await guangyang.request(`/api/campaigns/${cityCampaign}/stats`)).json()) as { data: { counties: { code: string }[] } };
    expect(stats.data.counties.map((r) => r.code)).toEqual(['131003']);
    const all = (await (await city.request(`/api/campaigns/${cityCampaign}/stats`)).json()) as { data: { counties: { code: string }[] } };
    expect(all.data.counties).toHaveLength(11);
    await refused(guangyang.request(`/api/campaigns/${cityCampaign}/stats/top?county=131002`));
    expect((await guangyang.request(`/api/campaigns/${cityCampaign}/stats/top?county=131003`)).status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await (await guangyang.request(`/api/campaigns/${cityCampaign}/export.xlsx`)).arrayBuffer());
    const sheet = book.getWorksheet('县区统计')!;
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(3).value).toBe('131003');
    // Reading is not managing: the county cannot publish or edit the city's campaign.
    await refused(guangyang.request(`/api/campaigns/${cityCampaign}/archive`, { method: 'POST' }));
  });

  it('contests: every route refuses a contest of another county, over HTTP and the host socket', async () => {
    const id = anciContest;
    await refused(guangyang.request(`/api/contests/${id}`));
    await refused(guangyang.request(`/api/contests/${id}`, { method: 'PUT', json: {} }));
    await refused(guangyang.request(`/api/contests/${id}/reset`, { method: 'POST' }));
    await refused(guangyang.request(`/api/contests/${id}/export.xlsx`));
    const list = (await (await guangyang.request('/api/contests')).json()) as { data: { id: string }[] };
    expect(list.data.map((c) => c.id)).not.toContain(id);
    const cityList = (await (await city.request('/api/contests')).json()) as { data: { id: string }[] };
    expect(cityList.data.map((c) => c.id)).toContain(id);
    expect((await city.request(`/api/contests/${id}`)).status).toBe(200);
    // Team import for another county's region is refused.
    const form = new FormData();
    form.set('file', new Blob(['x']), 'teams.xlsx');
    form.set('regionCode', '131002');
    await refused(guangyang.request('/api/contest-teams/import', { method: 'POST', body: form }));
    // The host console: a county's organizer cannot run another county's contest.
    const host = joinContest(server.url, { pin: anciPin, role: 'host' }, { cookie: guangyang.cookie });
    await expect(host).rejects.toThrow(/out-of-scope|这不在/);
    const owner = await joinContest(server.url, { pin: anciPin, role: 'host' }, { cookie: anci.cookie });
    expect(owner.joined.role).toBe('host');
    owner.close();
  });
});
