import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIG_SCREEN, buildClient, launchBrowser, signIn } from '../helpers/browser';
import { makeSet, setUpContest, STAFF_PASSWORD } from '../helpers/contest';
import { chromiumAvailable } from '../helpers/env';
import type { Staff } from '../helpers/http';
import { createCampaign } from '../helpers/quiz';
import { startTestServer, tempDir, type TestServer } from '../helpers/server';

/** Waits on a state for as long as a step takes on a loaded two-core machine (expect.poll's default is 1 s). */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000 });

/** What a saved file holds: the sheets of a workbook with their first rows, or a CSV's text. */
async function openDownload(file: string, name: string) {
  const bytes = readFileSync(file);
  if (name.endsWith('.csv')) {
    // Excel on Windows reads a CSV as UTF-8 only when it starts with a byte-order mark.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    return { csv: bytes.subarray(3).toString('utf8') };
  }
  expect(name).toMatch(/\.xlsx$/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheets = Object.fromEntries(book.worksheets.map((ws) => [ws.name, ws.getSheetValues().slice(1).map((row) => (Array.isArray(row) ? row.slice(1) : []))]));
  return { sheets };
}

describe.skipIf(!chromiumAvailable())('browser: every download control downloads', { timeout: 90_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let staff: Staff;
  let setId: string;
  let campaignId: string;
  let contestId: string;
  const saveDir = tempDir('hq-downloads-');
  beforeAll(async () => {
    const clientDir = await buildClient();
    server = await startTestServer({ ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: STAFF_PASSWORD }, { clientDir });
    browser = await launchBrowser();
    const contest = await setUpContest(server);
    staff = contest.staff;
    contestId = contest.detail.id;
    setId = await makeSet(staff, '下载测试题目集', 'single', 3);
    campaignId = await createCampaign(staff, { title: '下载测试活动' });
  }, 120_000); // a client build and a contest's setup on a shared machine
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const signedIn = async () => {
    const context = await browser.newContext({ viewport: BIG_SCREEN, locale: 'zh-CN', acceptDownloads: true });
    await signIn(context, server.url, staff);
    context.setDefaultTimeout(12_000);
    return context;
  };

  /**
   * Clicks every link to a server file on the page and checks each one arrives as a download (the page
   * stays where it was: no client-side route to 页面不存在), then opens it.
   */
  async function downloadAll(page: Page, expected: number) {
    const links = page.locator('a[href^="/api/"]');
    await poll(() => links.count()).toBe(expected);
    const before = page.url();
    const files: { label: string; name: string; content: Awaited<ReturnType<typeof openDownload>> }[] = [];
    for (let i = 0; i < expected; i++) {
      const link = links.nth(i);
      const label = (await link.textContent())!.trim();
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(await download.failure()).toBeNull();
      const name = download.suggestedFilename();
      const file = path.join(saveDir, `${files.length}-${name}`);
      await download.saveAs(file);
      files.push({ label, name, content: await openDownload(file, name) });
      expect(page.url()).toBe(before);
      expect(await page.locator('text=页面不存在').count()).toBe(0);
    }
    return files;
  }

  it('the bank page: the import template, the Excel and the CSV export', async () => {
    const context = await signedIn();
    const page = await context.newPage();
    await page.goto(`${server.url}/admin/import`);
    const files = await downloadAll(page, 3);
    expect(files.map((f) => [f.label, f.name])).toEqual([
      ['下载导入模板', '题库导入模板.xlsx'],
      ['导出 Excel (.xlsx)', '题库.xlsx'],
      ['导出 CSV', '题库.csv'],
    ]);
    expect(Object.keys(files[0]!.content.sheets!)).toContain('填写说明');
    const bankRows = Object.values(files[1]!.content.sheets!)[0]!;
    const total = ((await (await staff.request('/api/bank/questions?pageSize=1')).json()) as { data: { total: number } }).data.total;
    expect(bankRows.length).toBe(total + 1);
    expect(files[2]!.content.csv!.trim().split('\n').length).toBeGreaterThanOrEqual(total + 1);
    await context.close();
  });

  it('a question set, the campaign statistics and the contest record', async () => {
    const context = await signedIn();
    const page = await context.newPage();

    await page.goto(`${server.url}/admin/sets/${setId}`);
    await poll(() => page.getByLabel('名称', { exact: true }).inputValue()).toBe('下载测试题目集');
    const [set] = await downloadAll(page, 1);
    expect(set!.label).toBe('导出 Excel');
    expect(Object.values(set!.content.sheets!)[0]!.length).toBe(4); // header + 3 questions

    await page.goto(`${server.url}/admin/campaigns/${campaignId}/stats`);
    const [stats] = await downloadAll(page, 1);
    expect(stats!.name).toBe('下载测试活动-参与统计.xlsx');
    expect(Object.keys(stats!.content.sheets!)).toContain('县区统计');

    await page.goto(`${server.url}/admin/contests/${contestId}`);
    const [record] = await downloadAll(page, 1);
    expect(record!.name).toMatch(/比赛记录\.xlsx$/);
    await context.close();
  });
});
