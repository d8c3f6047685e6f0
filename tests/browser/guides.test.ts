import { mkdirSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAFF_PASSWORD } from '../helpers/contest';
import { chromiumAvailable } from '../helpers/env';
import { buildClient, launchBrowser, PHONE, SCREENS_DIR, signIn } from '../helpers/browser';
import { login, type Staff } from '../helpers/http';
import { createCampaign } from '../helpers/quiz';
import { startTestServer, type TestServer } from '../helpers/server';

describe.skipIf(!chromiumAvailable())('browser: a guide’s poster prints on one A4 sheet; a resident scans it; the guide sees them on a phone', () => {
  let server: TestServer;
  let browser: Browser;
  let admin: Staff;
  let campaignId: string;
  let guide: { id: string; pageLink: string };
  let town: { code: string; name: string };
  let village: { code: string; name: string };

  beforeAll(async () => {
    const clientDir = await buildClient();
    server = await startTestServer({ REGION_ROOT: '131003', REGION_DEPTH: 'village', ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: STAFF_PASSWORD }, { clientDir });
    browser = await launchBrowser();
    admin = await login(server, 'admin', STAFF_PASSWORD);
    campaignId = await createCampaign(admin, { title: '广阳区健康知识进万家答题', regionCode: '131003', fields: { name: true, phone: true, team: false } });
    town = ((await (await fetch(`${server.url}/api/regions?parent=131003`)).json()) as { data: { code: string; name: string }[] }).data[2]!;
    village = ((await (await fetch(`${server.url}/api/regions?parent=${town.code}`)).json()) as { data: { code: string; name: string }[] }).data[1]!;
    const book = new ExcelJS.Workbook();
    book.addWorksheet('指导员').addRows([
      ['姓名', '手机号', '角色', '所在地区', '单位/诊所'],
      ['刘医生', '13700000001', '乡村医生', village.code, `${village.name}卫生室`],
    ]);
    const form = new FormData();
    form.set('file', new Blob([await book.xlsx.writeBuffer()]), 'guides.xlsx');
    expect((await admin.request('/api/guides/import', { method: 'POST', body: form })).status).toBe(200);
    guide = ((await (await admin.request('/api/guides')).json()) as { data: { id: string; pageLink: string }[] }).data[0]!;
    mkdirSync(SCREENS_DIR, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('prints the poster: title, QR code, the guide’s name and clinic, on exactly one A4 page', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    await signIn(context, server.url, admin);
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    await page.goto(`${server.url}/poster/${guide.id}/${campaignId}`);
    await expect.poll(() => page.locator('.poster-title').textContent()).toBe('广阳区健康知识进万家答题');
    await expect.poll(() => page.locator('.poster-name').textContent()).toContain('刘医生');
    await expect.poll(() => page.locator('.poster-clinic').textContent()).toBe(`${village.name}卫生室`);
    await expect.poll(() => page.locator('.poster-qr').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.poster-actions').isVisible()).toBe(false);
    await page.screenshot({ path: path.join(SCREENS_DIR, 'guide-poster-print.png'), fullPage: true });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF')).toBe(true);
    expect(text.match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
    await context.close();
  });

  it('a resident scanning the code lands with the guide’s region preset and is bound; the guide’s phone page shows them masked', async () => {
    const phone = await (await browser.newContext({ viewport: PHONE, locale: 'zh-CN', isMobile: true, hasTouch: true })).newPage();
    phone.setDefaultTimeout(8000);
    await phone.goto(`${server.url}/quiz/${campaignId}?g=${guide.id}`);
    await expect.poll(() => phone.locator('select[name=village]').inputValue()).toBe(village.code);
    expect(await phone.locator('select[name=township]').inputValue()).toBe(town.code);
    await phone.getByLabel('姓名').fill('陈小明');
    await phone.getByLabel('手机号码').fill('13612345678');
    await phone.getByRole('button', { name: '开始答题' }).click();
    await expect.poll(() => phone.locator('.play-bar').textContent()).toContain('第 1 / 3 题');
    const row = await server.database.client.execute('SELECT guide_id, township_code, village_code FROM participants');
    expect(row.rows.map((r) => [r.guide_id, r.township_code, r.village_code])).toEqual([[guide.id, town.code, village.code]]);

    const own = await (await browser.newContext({ viewport: PHONE, locale: 'zh-CN', isMobile: true, hasTouch: true })).newPage();
    own.setDefaultTimeout(8000);
    await own.goto(guide.pageLink.replace(/^https?:\/\/[^/]+/, server.url));
    await expect.poll(() => own.locator('h1').textContent()).toBe('刘医生，您好');
    const card = own.locator(`.guide-card[data-campaign="${campaignId}"]`);
    await expect.poll(() => card.locator('.guide-residents-count').textContent()).toBe('1');
    await expect.poll(() => card.locator('.guide-residents').textContent()).toContain('陈**');
    expect(await card.locator('.guide-residents').textContent()).toContain('136****5678');
    expect(await card.locator('.guide-residents').textContent()).not.toContain('13612345678');
    expect(await card.locator('.guide-rank').first().textContent()).toBe('本乡镇（街道）指导员中排第 1 名（共 1 名）');
    await expect.poll(() => card.locator('.guide-qr').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await own.screenshot({ path: path.join(SCREENS_DIR, 'guide-phone-page.png'), fullPage: true });
  });
});
