import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAFF_PASSWORD } from '../helpers/contest';
import { login, type Staff } from '../helpers/http';
import { createCampaign } from '../helpers/quiz';
import { startTestServer, type TestServer } from '../helpers/server';

async function sheet(rows: (string | number)[][]): Promise<Blob> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('指导员').addRows(rows);
  return new Blob([await book.xlsx.writeBuffer()]);
}

const HEADER = ['姓名', '手机号', '角色', '所在地区', '单位/诊所'];

describe('guides: import, personal links and first-touch binding', () => {
  let server: TestServer;
  let admin: Staff;
  let towns: { code: string; name: string }[];

  interface Guide {
    id: string;
    name: string;
    regionCode: string;
    clinic: string;
    phone: string;
    pageLink: string;
  }
  const importGuides = (staff: Staff, file: Blob) => {
    const form = new FormData();
    form.set('file', file, 'guides.xlsx');
    return staff.request('/api/guides/import', { method: 'POST', body: form });
  };
  const starter = (campaignId: string) => (body: Record<string, unknown>) => fetch(`${server.url}/api/quiz/${campaignId}/attempts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const count = async (sql: string) => (await server.database.client.execute(sql)).rows[0]!.n as number;
  const allGuides = async () => ((await (await admin.request('/api/guides')).json()) as { data: Guide[] }).data;
  const villagesOf = async (town: string) => ((await (await fetch(`${server.url}/api/regions?parent=${town}`)).json()) as { data: { code: string; name: string }[] }).data;

  /**
   * Guides are one list for the whole deployment, so each test keeps to two townships of its own (`townA`,
   * `townB`: 广阳区 has ten) and phone numbers of its own, and reads back only its own guides (by phone).
   */
  async function ground(first: number) {
    const townA = towns[first]!;
    const townB = towns[first + 1]!;
    const village = (await villagesOf(townA.code))[0]!;
    const mine = async (phones: string[]) => (await allGuides()).filter((g) => phones.includes(g.phone));
    return { townA, townB, village, mine };
  }
  /** 李医生 in a village of townA and 王医生 in townB, with phones `${prefix}1` and `${prefix}2`. */
  async function twoGuides(first: number, prefix: string) {
    const g = await ground(first);
    const file = await sheet([HEADER, ['李医生', `${prefix}1`, '乡村医生', g.village.code, '村卫生室'], ['王医生', `${prefix}2`, '家庭医生', g.townB.code, '新诊所']]);
    expect(await (await importGuides(admin, file)).json()).toEqual({ ok: true, data: { added: 2, updated: 0 } });
    const list = await g.mine([`${prefix}1`, `${prefix}2`]);
    return { ...g, li: list.find((x) => x.name === '李医生')!, wang: list.find((x) => x.name === '王医生')! };
  }

  beforeAll(async () => {
    server = await startTestServer({ REGION_ROOT: '131003', REGION_DEPTH: 'village', ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: STAFF_PASSWORD });
    admin = await login(server, 'admin', STAFF_PASSWORD);
    towns = ((await (await fetch(`${server.url}/api/regions?parent=131003`)).json()) as { data: { code: string; name: string }[] }).data;
    expect(towns.length).toBeGreaterThanOrEqual(8);
  });
  afterAll(() => server?.stop());

  it('refuses a file with any bad row, naming row and column, and imports nothing of it', async () => {
    const { village } = await ground(0);
    const before = await count('SELECT count(*) AS n FROM guides');
    const res = await importGuides(admin, await sheet([HEADER, ['李医生', '13800000001', '乡村医生', village.code, '村卫生室'], ['', '1380000', '护士', '火星村', ''], ['王医生', '13800000001', '家庭医生', '999999', '']]));
    expect(res.status).toBe(422);
    const problems = ((await res.json()) as { error: { problems: { row: number; column: string }[] } }).error.problems;
    expect(problems.map((p) => [p.row, p.column])).toEqual([
      [3, '姓名'],
      [3, '手机号'],
      [3, '角色'],
      [3, '所在地区'],
      [4, '手机号'],
      [4, '所在地区'],
    ]);
    expect(await count("SELECT count(*) AS n FROM guides WHERE phone IN ('13800000001', '1380000')")).toBe(0);
    expect(await count('SELECT count(*) AS n FROM guides')).toBe(before);
  });

  it('imports guides by region code or unique name; a known phone updates its guide', async () => {
    const { townA, townB, village, mine } = await ground(2);
    const file = await sheet([HEADER, ['李医生', '13800000021', '乡村医生', village.code, '村卫生室'], ['王医生', '13800000022', '家庭医生', townA.name, '社区卫生服务中心']]);
    expect(await (await importGuides(admin, file)).json()).toEqual({ ok: true, data: { added: 2, updated: 0 } });
    expect(await (await importGuides(admin, await sheet([HEADER, ['王医生', '13800000022', '家庭医生', townB.code, '新诊所']]))).json()).toEqual({ ok: true, data: { added: 0, updated: 1 } });
    const list = await mine(['13800000021', '13800000022']);
    expect(list.map((g) => [g.name, g.regionCode, g.clinic])).toEqual([
      ['李医生', village.code, '村卫生室'],
      ['王医生', townB.code, '新诊所'],
    ].sort((a, b) => a[1]!.localeCompare(b[1]!)));
    expect(list[0]!.pageLink).toMatch(/\/guide\/[A-Za-z0-9_-]{20,}$/);
  });

  it('binds a resident to the guide whose code they first arrived through, across attempts and devices', async () => {
    const campaignId = await createCampaign(admin, { regionCode: '131003', fields: { name: true, phone: true, team: false } });
    const start = starter(campaignId);
    const { townA, townB, village, li, wang } = await twoGuides(4, '1380000004');
    // The guide's public face presets the region on the campaign page.
    const face = ((await (await fetch(`${server.url}/api/guide-links/${li.id}`)).json()) as { data: { regionCode: string; path: string[] } }).data;
    expect(face.regionCode).toBe(village.code);
    expect(face.path).toEqual(['河北省', '廊坊市', '广阳区', townA.name, village.name]);
    const qr = await fetch(`${server.url}/api/guide-links/${li.id}/qr.svg?campaign=${campaignId}`);
    expect(qr.headers.get('content-type')).toBe('image/svg+xml');

    const phone = '13812345678';
    const first = await start({ countyCode: '131003', townshipCode: townA.code, villageCode: village.code, name: '张三丰', phone, guideId: li.id });
    expect(first.status).toBe(200);
    const a = ((await first.json()) as { data: { token: string; attemptId: string; recoveryCode: string } }).data;
    const submitted = await fetch(`${server.url}/api/quiz/${campaignId}/attempts/${a.attemptId}/submit`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-participant-token': a.token }, body: JSON.stringify({ answers: [[0], [0], [0]] }) });
    expect(submitted.status).toBe(200);
    // Another device, through another guide's code: the same phone with its recovery code (the phone alone is
    // no proof) is the same resident, still the first guide's.
    const second = await start({ countyCode: '131003', townshipCode: townA.code, name: '张三丰', phone, recoveryCode: a.recoveryCode, guideId: wang.id });
    expect(second.status).toBe(200);
    // A resident who came by the plain link is nobody's; an unknown code binds nobody and turns nobody away.
    const other = (await villagesOf(townB.code))[0]!.code;
    // Where the township has villages, a new resident names one.
    const noVillage = await start({ countyCode: '131003', townshipCode: townB.code, name: '李四', phone: '13900000000' });
    expect(((await noVillage.json()) as { error: { code: string } }).error.code).toBe('quiz/village-required');
    expect((await start({ countyCode: '131003', townshipCode: townB.code, villageCode: other, name: '李四', phone: '13900000000' })).status).toBe(200);
    expect((await start({ countyCode: '131003', townshipCode: townB.code, villageCode: other, name: '王五', phone: '13900000001', guideId: 'nosuchguide' })).status).toBe(200);
    const bound = await server.database.client.execute({ sql: 'SELECT name, guide_id FROM participants WHERE campaign_id = ? ORDER BY created_at, name', args: [campaignId] });
    expect(bound.rows.map((r) => [r.name, r.guide_id])).toEqual([
      ['张三丰', li.id],
      ['李四', null],
      ['王五', null],
    ]);
    const tallies = await server.database.client.execute(`SELECT guide_id, participants, submitters, attempts FROM campaign_guide_stats WHERE campaign_id = '${campaignId}'`);
    expect(tallies.rows.map((r) => [r.guide_id, r.participants, r.submitters, r.attempts])).toEqual([[li.id, 1, 1, 1]]);

    // The guide's own page: residents, attempts, rank (alone in the township, first of all the county's guides:
    // the deployment is 广阳区, so that is every guide), masked list.
    const token = li.pageLink.split('/guide/')[1]!;
    const page = ((await (await fetch(`${server.url}/api/guide-page/${token}`)).json()) as { data: { guide: { name: string }; campaigns: { id: string; residents: number; attempts: number; township: { rank: number; of: number }; county: { rank: number; of: number }; list: { name: string; phone: string }[] }[] } }).data;
    expect(page.guide.name).toBe('李医生');
    const c = page.campaigns.find((x) => x.id === campaignId)!;
    const countyGuides = (await allGuides()).length;
    expect(countyGuides).toBeGreaterThanOrEqual(2);
    expect(c).toMatchObject({ residents: 1, attempts: 1, township: { rank: 1, of: 1 }, county: { rank: 1, of: countyGuides } });
    expect(c.list).toEqual([expect.objectContaining({ name: '张**', phone: '138****5678' })]);
    expect((await fetch(`${server.url}/api/guide-page/${'x'.repeat(24)}`)).status).toBe(404);
  });

  it('an organizer imports guides only within their region and prints only their posters', async () => {
    const campaignId = await createCampaign(admin, { regionCode: '131003', fields: { name: true, phone: true, team: false } });
    const { townB, village, li } = await twoGuides(6, '1380000006');
    expect((await admin.request('/api/users', { method: 'POST', json: { username: 'elsewhere', displayName: '安次区', role: 'organizer', regionCode: '131003', password: STAFF_PASSWORD } })).status).toBe(201);
    const county = await login(server, 'elsewhere', STAFF_PASSWORD);
    expect((await county.request('/api/guides')).status).toBe(200);
    const list = await allGuides();
    expect((await county.request(`/api/guides/${list[0]!.id}/poster?campaign=${campaignId}`)).status).toBe(200);
    // A township organizer of another township is refused the first township's guide and cannot import there.
    expect((await admin.request('/api/users', { method: 'POST', json: { username: 'township', displayName: '乡镇', role: 'organizer', regionCode: townB.code, password: STAFF_PASSWORD } })).status).toBe(201);
    const town = await login(server, 'township', STAFF_PASSWORD);
    expect((await town.request(`/api/guides/${li.id}/poster?campaign=${campaignId}`)).status).toBe(403);
    const refused = await importGuides(town, await sheet([HEADER, ['赵医生', '13800000069', '乡村医生', village.code, '']]));
    expect(refused.status).toBe(422);
    expect(((await town.request('/api/guides').then((r) => r.json())) as { data: { name: string }[] }).data.map((g) => g.name)).toEqual(['王医生']);
  });
});
