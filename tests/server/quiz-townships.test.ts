import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { login, type Staff } from '../helpers/http';
import { createCampaign } from '../helpers/quiz';
import { startTestServer, type TestServer } from '../helpers/server';

const PASSWORD = 'Organizer-2026';

/** Test townships under 广阳区 (131003); the shipped region tree stops at counties. */
const TOWNS = [
  { code: '131003001', name: '测试甲街道' },
  { code: '131003002', name: '测试乙镇' },
];

describe('townships: where the region tree has a county’s townships, participants pick one and it is counted', () => {
  let server: TestServer;
  let organizer: Staff;
  let campaignId: string;

  beforeAll(async () => {
    server = await startTestServer({ ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: PASSWORD });
    for (const t of TOWNS) {
      await server.database.client.execute({ sql: "INSERT INTO regions (code, name, level, parent_code) VALUES (?, ?, 'township', '131003')", args: [t.code, t.name] });
    }
    organizer = await login(server, 'admin', PASSWORD);
    campaignId = await createCampaign(organizer);
  });
  afterAll(() => server?.stop());

  const start = (body: Record<string, unknown>, lang = 'zh-CN') =>
    fetch(`${server.url}/api/quiz/${campaignId}/attempts`, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': lang }, body: JSON.stringify(body) });

  it('offers the townships of the counties that have them, and only there', async () => {
    const info = (await (await fetch(`${server.url}/api/quiz/${campaignId}`)).json()) as { data: { counties: { code: string; townships?: { code: string; name: string }[] }[] } };
    expect(info.data.counties.find((c) => c.code === '131003')?.townships).toEqual(TOWNS);
    expect(info.data.counties.find((c) => c.code === '131002')?.townships).toBeUndefined();
  });

  it('requires a township of the chosen county, refuses one elsewhere, and counts per township', async () => {
    const missing = await start({ countyCode: '131003' });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: { code: string; message: string } }).error).toEqual({ code: 'quiz/township-required', message: '请选择所在乡镇（街道）' });
    const elsewhere = await start({ countyCode: '131002', townshipCode: '131003001' }, 'en');
    expect(((await elsewhere.json()) as { error: { code: string; message: string } }).error).toEqual({ code: 'quiz/bad-township', message: 'That township is not in the chosen county' });
    expect((await start({ countyCode: '131003', townshipCode: '131003999' })).status).toBe(400);
    // Nothing was counted for the refused starts.
    expect((await server.database.client.execute('SELECT count(*) AS n FROM participants')).rows[0]!.n).toBe(0);

    const ok = await start({ countyCode: '131003', townshipCode: '131003002' });
    expect(ok.status).toBe(200);
    const a = ((await ok.json()) as { data: { token: string; attemptId: string } }).data;
    const submitted = await fetch(`${server.url}/api/quiz/${campaignId}/attempts/${a.attemptId}/submit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-participant-token': a.token },
      body: JSON.stringify({ answers: [[0], [0], [0]] }),
    });
    expect(submitted.status).toBe(200);
    const score = ((await submitted.json()) as { data: { score: number } }).data.score;
    // A county without townships still takes part as before.
    expect((await start({ countyCode: '131002' })).status).toBe(200);

    const stats = (await (await organizer.request(`/api/campaigns/${campaignId}/stats`)).json()) as {
      data: { townships: { code: string; name: string; countyName: string; participants: number; submitters: number; attempts: number; averageScore: number | null }[] };
    };
    expect(stats.data.townships).toEqual([
      { code: '131003002', name: '测试乙镇', countyCode: '131003', countyName: '广阳区', participants: 1, submitters: 1, attempts: 1, averageScore: score, passRate: score >= 60 ? 1 : 0 },
      { code: '131003001', name: '测试甲街道', countyCode: '131003', countyName: '广阳区', participants: 0, submitters: 0, attempts: 0, averageScore: null, passRate: null },
    ]);

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await (await organizer.request(`/api/campaigns/${campaignId}/export.xlsx`)).arrayBuffer());
    const sheet = book.getWorksheet('乡镇（街道）统计')!;
    expect(sheet.getRow(2).values).toEqual([undefined, '广阳区', '测试乙镇', '131003002', 1, 1, 1, Math.round(score * 10) / 10, score >= 60 ? 100 : 0]);
  });
});
