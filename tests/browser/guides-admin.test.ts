import { mkdirSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAFF_PASSWORD } from '../helpers/contest';
import { chromiumAvailable } from '../helpers/env';
import { buildClient, launchBrowser, SCREENS_DIR, signIn } from '../helpers/browser';
import { login, type Staff } from '../helpers/http';
import { createCampaign } from '../helpers/quiz';
import { startTestServer, type TestServer } from '../helpers/server';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function sheet(rows: string[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('指导员').addRows([['姓名', '手机号', '角色', '所在地区', '单位'], ...rows]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe.skipIf(!chromiumAvailable())('browser: an organizer imports guides, opens their posters, and drills the tallies down to the villages', () => {
  let server: TestServer;
  let browser: Browser;
  let admin: Staff;
  let campaignId: string;
  let town: { code: string; name: string };
  let village: { code: string; name: string };

  const staffContext = async (locale = 'zh-CN'): Promise<BrowserContext> => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale });
    await signIn(context, server.url, admin);
    return context;
  };

  /** 刘医生 (a village doctor) and 张医生 (a family doctor in the township), imported through the API. */
  const ensureGuides = async () => {
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(await sheet([['刘医生', '13700000001', '乡村医生', village.code, `${village.name}卫生室`], ['张医生', '13700000002', '家庭医生', town.code, '']]))]), 'guides.xlsx');
    expect((await admin.request('/api/guides/import', { method: 'POST', body: form })).status).toBe(200);
    return ((await (await admin.request('/api/guides')).json()) as { data: { id: string; name: string; pageLink: string }[] }).data;
  };

  beforeAll(async () => {
    const clientDir = await buildClient();
    server = await startTestServer({ REGION_ROOT: '131003', REGION_DEPTH: 'village', ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: STAFF_PASSWORD }, { clientDir });
    browser = await launchBrowser();
    admin = await login(server, 'admin', STAFF_PASSWORD);
    campaignId = await createCampaign(admin, { title: '广阳区健康知识答题', regionCode: '131003' });
    town = ((await (await fetch(`${server.url}/api/regions?parent=131003`)).json()) as { data: { code: string; name: string }[] }).data[1]!;
    village = ((await (await fetch(`${server.url}/api/regions?parent=${town.code}`)).json()) as { data: { code: string; name: string }[] }).data[0]!;
    mkdirSync(SCREENS_DIR, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('refuses a bad sheet with its problems by row, imports a good one, and opens a guide’s poster', async () => {
    const context = await staffContext();
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    await page.goto(`${server.url}/admin`);
    await page.getByRole('link', { name: '健康指导员' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('健康指导员');

    const file = page.locator('input[type=file]');
    await file.setInputFiles({ name: 'bad.xlsx', mimeType: XLSX, buffer: await sheet([['王医生', '13700000009', '牙医', village.code, ''], ['李医生', '13700000008', '乡村医生', '999999999999', '']]) });
    await page.getByRole('button', { name: '导入', exact: true }).click();
    await expect.poll(() => page.locator('.problems tr').count()).toBe(2);
    const problems = await page.locator('.problems').textContent();
    expect(problems).toContain('第 2 行');
    expect(problems).toContain('角色“牙医”');
    expect(problems).toContain('第 3 行');
    expect(problems).toContain('999999999999');
    expect(((await (await admin.request('/api/guides')).json()) as { data: { name: string }[] }).data.map((g) => g.name)).not.toContain('王医生');

    await file.setInputFiles({ name: 'guides.xlsx', mimeType: XLSX, buffer: await sheet([['赵医生', '13700000003', '乡村医生', village.code, `${village.name}卫生室`], ['孙医生', '13700000004', '家庭医生', town.code, '']]) });
    await page.getByRole('button', { name: '导入', exact: true }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('导入完成：新增 2 人，更新 0 人');
    expect(await page.locator('.problems').count()).toBe(0);
    const rows = page.locator('.guides-table tbody tr');
    const zhao = rows.filter({ hasText: '赵医生' });
    await expect.poll(() => zhao.count()).toBe(1);
    expect(await zhao.textContent()).toContain('乡村医生');
    expect(await zhao.textContent()).toContain(village.name);
    expect(await rows.filter({ hasText: '孙医生' }).textContent()).toContain(town.name);

    await page.screenshot({ path: path.join(SCREENS_DIR, 'admin-guides.png'), fullPage: true });
    // The poster opens in a new tab for the chosen campaign; the own-page link is the guide's.
    expect(await page.locator('select').inputValue()).toBe(campaignId);
    const guides = ((await (await admin.request('/api/guides')).json()) as { data: { id: string; name: string; pageLink: string }[] }).data;
    const zhaoGuide = guides.find((g) => g.name === '赵医生')!;
    expect(await zhao.getByRole('link', { name: '个人页面' }).getAttribute('href')).toBe(zhaoGuide.pageLink);
    const [poster] = await Promise.all([context.waitForEvent('page'), zhao.getByRole('link', { name: '打印海报' }).click()]);
    await expect.poll(() => poster.locator('.poster-title').textContent()).toBe('广阳区健康知识答题');
    expect(await poster.locator('.poster-name').textContent()).toContain('赵医生');
    await context.close();
  });

  it('drills from the county to a township’s villages and back, with the guides ranked at each level', async () => {
    const liu = (await ensureGuides()).find((g) => g.name === '刘医生')!;
    const other = ((await (await fetch(`${server.url}/api/regions?parent=131003`)).json()) as { data: { code: string }[] }).data[0]!;
    const otherVillage = ((await (await fetch(`${server.url}/api/regions?parent=${other.code}`)).json()) as { data: { code: string }[] }).data[0]!;
    // Two residents bound to 刘医生 in the village, one without a guide elsewhere in the county.
    for (const input of [
      { countyCode: '131003', townshipCode: town.code, villageCode: village.code, guideId: liu.id },
      { countyCode: '131003', townshipCode: town.code, villageCode: village.code, guideId: liu.id },
      { countyCode: '131003', townshipCode: other.code, villageCode: otherVillage.code },
    ]) {
      const started = await server.quiz.start(campaignId, input);
      await server.quiz.submit(campaignId, started.attemptId, started.token, [[0], [0], [0]]);
    }

    const context = await staffContext();
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    await page.goto(`${server.url}/admin/campaigns/${campaignId}/stats`);
    const drill = page.locator('.region-drill');
    await expect.poll(() => drill.locator('.drill-path [aria-current=page]').textContent()).toBe('广阳区');
    await expect.poll(() => drill.locator('thead th').nth(1).textContent()).toBe('乡镇（街道）');
    const townRow = drill.locator('tbody tr').filter({ has: page.getByRole('button', { name: `查看${town.name}的下一级` }) });
    expect(await townRow.locator('td').nth(2).textContent()).toBe('2');
    expect(await drill.locator('tr.total td').nth(2).textContent()).toBe('3');
    await expect.poll(() => drill.locator('h3').textContent()).toBe('健康指导员排名：广阳区');
    expect(await drill.locator('h3 + table tbody tr').first().textContent()).toContain('刘医生');

    await page.getByRole('button', { name: `查看${town.name}的下一级` }).click();
    await expect.poll(() => drill.locator('.drill-path [aria-current=page]').textContent()).toBe(town.name);
    await expect.poll(() => drill.locator('thead th').nth(1).textContent()).toBe('村（社区）');
    const villageRow = drill.locator('tbody tr').filter({ hasText: village.name });
    expect(await villageRow.locator('td').nth(2).textContent()).toBe('2');
    await page.screenshot({ path: path.join(SCREENS_DIR, 'admin-drill-villages.png'), fullPage: true });
    // Villages are the last level: their names are not buttons.
    expect(await villageRow.getByRole('button').count()).toBe(0);
    await expect.poll(() => drill.locator('h3').textContent()).toBe(`健康指导员排名：${town.name}`);
    const ranked = drill.locator('h3 + table tbody tr');
    expect(await ranked.count()).toBeGreaterThanOrEqual(2);
    expect((await ranked.first().locator('td').allTextContents()).slice(0, 5)).toEqual(['1', '刘医生', '乡村医生', `${village.name}卫生室`, '2']);

    await drill.locator('.drill-path').getByRole('button', { name: '广阳区' }).click();
    await expect.poll(() => drill.locator('.drill-path [aria-current=page]').textContent()).toBe('广阳区');
    await expect.poll(() => drill.locator('thead th').nth(1).textContent()).toBe('乡镇（街道）');
    await context.close();
  });

  it('reads in English', async () => {
    await ensureGuides();
    const context = await staffContext('en-US');
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    await page.goto(`${server.url}/admin/guides`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('健康指导员');
    await page.getByRole('button', { name: '切换到英文' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Health guides');
    await expect.poll(() => page.locator('.guides-table tbody tr').filter({ hasText: '刘医生' }).textContent()).toContain('Village doctor');
    await page.goto(`${server.url}/admin/campaigns/${campaignId}/stats`);
    await expect.poll(() => page.locator('.region-drill h2').textContent()).toBe('By region');
    await expect.poll(() => page.locator('.region-drill thead th').nth(1).textContent()).toBe('Township');
    await context.close();
  });
});
