import path from 'node:path';
import { mkdirSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../helpers/env';
import { buildClient, launchBrowser, SCREENS_DIR, signIn } from '../helpers/browser';
import { login, type Staff } from '../helpers/http';
import { createCampaign } from '../helpers/quiz';
import { startTestServer, tempDir, type TestServer } from '../helpers/server';

const PASSWORD = 'Correct-Horse-9';

describe.skipIf(!chromiumAvailable())('browser: an organizer makes, reopens, prints and downloads briefings (周调度/月通报)', () => {
  let server: TestServer;
  let browser: Browser;
  let admin: Staff;

  /** A campaign of the test's own, its briefings made by no other test: 2 of 广阳区's target of 10 and 1 of 安次区 took part. */
  const newCampaign = async (): Promise<string> => {
    const campaignId = await createCampaign(admin, { title: '廊坊市健康知识答题', targets: { '131003': 10 } });
    for (const countyCode of ['131003', '131003', '131002']) {
      const started = await server.quiz.start(campaignId, { countyCode });
      await server.quiz.submit(campaignId, started.attemptId, started.token, [[0], [0], [0]]);
    }
    return campaignId;
  };

  const staffContext = async (locale = 'zh-CN'): Promise<BrowserContext> => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale, acceptDownloads: true });
    await signIn(context, server.url, admin);
    return context;
  };

  beforeAll(async () => {
    const clientDir = await buildClient();
    server = await startTestServer({ ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: PASSWORD }, { clientDir });
    browser = await launchBrowser();
    admin = await login(server, 'admin', PASSWORD);
    mkdirSync(SCREENS_DIR, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('makes this week’s and this month’s, reopens them after a reload, prints on A4 and downloads the Excel file', async () => {
    const campaignId = await newCampaign();
    const context = await staffContext();
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    await page.goto(`${server.url}/admin/campaigns/${campaignId}/stats`);
    await page.getByRole('link', { name: '调度通报' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('调度通报');
    await expect.poll(() => page.locator('.briefing-list').count().then(async (n) => n + (await page.getByText('还没有调度通报').count()))).toBe(1);

    await page.getByRole('button', { name: '生成本周周调度' }).click();
    const briefing = page.locator('article.briefing');
    await expect.poll(() => briefing.locator('h2').textContent()).toBe('廊坊市周调度');
    expect(await briefing.textContent()).toContain('首期通报，无上期对比');
    const participants = briefing.locator('.stat-tile').filter({ hasText: '参与人数' }).locator('strong');
    expect(await participants.textContent()).toBe('3');
    const first = briefing.locator('table').first().locator('tbody tr').first();
    expect((await first.locator('td').allTextContents()).slice(0, 3)).toEqual(['1', '广阳区', '2']);
    // 广阳区 has 2 of its 10.
    const below = briefing.locator('section').filter({ hasText: '未达到目标人数的地区' }).locator('tbody tr');
    expect(await below.count()).toBe(1);
    expect((await below.first().locator('td').allTextContents()).at(-1)).toBe('20.0%');
    await page.screenshot({ path: path.join(SCREENS_DIR, 'admin-briefing.png'), fullPage: true });

    await page.getByRole('button', { name: '生成本月月通报' }).click();
    await expect.poll(() => briefing.locator('h2').textContent()).toBe('廊坊市月通报');
    await page.reload();
    await expect.poll(() => page.locator('.briefing-list li').count()).toBe(2);
    await page.locator('.briefing-list').getByRole('button', { name: /^周调度/ }).click();
    await expect.poll(() => briefing.locator('h2').textContent()).toBe('廊坊市周调度');

    // Print: only the briefing, on A4.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.admin-nav').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: '打印（A4）' }).isVisible()).toBe(false);
    expect(await briefing.isVisible()).toBe(true);
    await page.screenshot({ path: path.join(SCREENS_DIR, 'admin-briefing-print.png'), fullPage: true });
    const pdf = await page.pdf({ preferCSSPageSize: true });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    await page.emulateMedia({ media: 'screen' });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载 Excel' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^廊坊市周调度（\d{4}年\d{2}月\d{2}日—\d{4}年\d{2}月\d{2}日）\.xlsx$/);
    const file = path.join(tempDir('hq-brief-'), 'b.xlsx');
    await download.saveAs(file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    expect(book.getWorksheet('下级排名')!.getRow(2).getCell(2).value).toBe('广阳区');
    await context.close();
  });

  it('reads in English, and a refusal is shown in words', async () => {
    // A briefing made before, for the page to open with.
    const campaignId = await newCampaign();
    expect((await admin.request('/api/briefings', { method: 'POST', json: { campaign: campaignId, kind: 'weekly' } })).status).toBe(201);
    const context = await staffContext('en-US');
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    await page.goto(`${server.url}/admin/campaigns/${campaignId}/briefings?region=131099`);
    // The admin opens in Chinese whatever the browser's language; the switch turns it to English.
    await page.getByRole('button', { name: '切换到英文' }).click();
    await page.getByRole('button', { name: 'Make this week’s briefing' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('No such region: 131099');
    await page.goto(`${server.url}/admin/campaigns/${campaignId}/briefings`);
    await expect.poll(() => page.locator('article.briefing h2').textContent()).toMatch(/^廊坊市 (weekly|monthly) briefing$/);
    expect(await page.getByRole('button', { name: 'Make this week’s briefing' }).isVisible()).toBe(true);
    await page.screenshot({ path: path.join(SCREENS_DIR, 'admin-briefing-en.png'), fullPage: true });
    await context.close();
  });
});
