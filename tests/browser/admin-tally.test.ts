import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClient, launchBrowser, signIn } from '../helpers/browser';
import { STAFF_PASSWORD } from '../helpers/contest';
import { chromiumAvailable } from '../helpers/env';
import { login, type Staff } from '../helpers/http';
import { createCampaign } from '../helpers/quiz';
import { startTestServer, tempDir, type TestServer } from '../helpers/server';

const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000 });

/** What organizers count and look up: statistics totals, the participant and township sheets, bank filters. */
describe.skipIf(!chromiumAvailable())('browser: what organizers tally', { timeout: 90_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let staff: Staff;
  let campaignId: string;
  beforeAll(async () => {
    const clientDir = await buildClient();
    server = await startTestServer({ ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: STAFF_PASSWORD }, { clientDir });
    browser = await launchBrowser();
    staff = await login(server, 'admin', STAFF_PASSWORD);
    // Townships under 广阳区 (the shipped tree stops at counties), before the campaign loads its regions.
    for (const [code, name] of [['131003001', '测试甲街道'], ['131003002', '测试乙镇']] as const) {
      await server.database.client.execute({ sql: "INSERT INTO regions (code, name, level, parent_code) VALUES (?, ?, 'township', '131003')", args: [code, name] });
    }
    campaignId = await createCampaign(staff, { title: '家庭健康知识竞答', fields: { name: true, phone: true, team: true }, passMark: 0 });
    const start = async (body: Record<string, string>) => {
      const res = await fetch(`${server.url}/api/quiz/${campaignId}/attempts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const json = (await res.json()) as { ok: boolean; data: { attemptId: string; token: string; questions: unknown[] } };
      expect(json.ok, JSON.stringify(json)).toBe(true);
      return json.data;
    };
    const a = await start({ countyCode: '131003', townshipCode: '131003002', name: '张伟', phone: '13812345678', teamName: '张家战队' });
    await start({ countyCode: '131002', name: '李娜', phone: '13987654321', teamName: '李家战队' });
    const submitted = await fetch(`${server.url}/api/quiz/${campaignId}/attempts/${a.attemptId}/submit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-participant-token': a.token },
      body: JSON.stringify({ answers: a.questions.map(() => [0]) }),
    });
    expect(submitted.status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const signedIn = async (lang: 'zh-CN' | 'en' = 'zh-CN', viewport = { width: 1280, height: 720 }): Promise<Page> => {
    const context = await browser.newContext({ viewport, locale: lang, acceptDownloads: true });
    await context.addInitScript((l) => localStorage.setItem('lang', l), lang);
    await signIn(context, server.url, staff);
    context.setDefaultTimeout(12_000);
    return context.newPage();
  };

  it('the statistics page names the campaign, shows its totals and heads every table; the export lists participants (phones masked) and townships', async () => {
    const page = await signedIn();
    await page.goto(`${server.url}/admin/campaigns/${campaignId}/stats`);
    await poll(() => page.locator('h1').textContent()).toContain('家庭健康知识竞答');
    const tiles = page.getByRole('region', { name: '活动总体情况' });
    await poll(() => tiles.locator('.stat-tile').allTextContents()).toEqual(['参与人数2', '提交答卷数1', expect.stringMatching(/^平均分\d+\.\d$/), '及格率100.0%']);
    for (const table of await page.locator('table.admin-table').all()) {
      expect(await table.locator('thead th').count(), await table.innerHTML()).toBeGreaterThan(0);
    }

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '导出 Excel' }).click()]);
    const file = path.join(tempDir('hq-tally-'), download.suggestedFilename());
    await download.saveAs(file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    const rows = (name: string) => book.getWorksheet(name)!.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1));
    const people = rows('参与者名单');
    expect(people[0]).toEqual(['序号', '县区', '乡镇（街道）', '姓名', '手机号码', '家庭战队', '答题次数', '计分成绩', '最高分', '首次参与时间']);
    expect(people.slice(1).map((r) => r.slice(1, 7))).toEqual([
      ['安次区', '', '李娜', '139****4321', '李家战队', 1],
      ['广阳区', '测试乙镇', '张伟', '138****5678', '张家战队', 1],
    ]);
    expect(JSON.stringify(people)).not.toMatch(/13812345678|13987654321/);
    const towns = rows('乡镇（街道）统计');
    expect(towns.slice(1).map((r) => [r[0], r[1], r[3]])).toEqual([
      ['广阳区', '测试乙镇', 1],
      ['广阳区', '测试甲街道', 0],
    ]);
    await page.context().close();
  });

  for (const lang of ['zh-CN', 'en'] as const) {
    it(`${lang}: the bank table keeps short cells on one line, and the literacy filter names each item`, async () => {
      const page = await signedIn(lang);
      await page.goto(`${server.url}/admin/bank`);
      await poll(() => page.locator('.bank-table tbody tr').count()).toBe(25);
      // Lines of text in each cell: type, item, difficulty and status never break (单选 split into 单/选 was the bug).
      const broken = await page.evaluate(() =>
        [...document.querySelectorAll('.bank-table td:not(.stem-cell), .bank-table th')]
          .filter((td) => !(td.classList.contains('topic-cell') && document.documentElement.lang === 'en'))
          .map((td) => {
            const range = document.createRange();
            range.selectNodeContents(td);
            const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
            return tops.size > 1 ? td.textContent : null;
          })
          .filter(Boolean),
      );
      expect(broken).toEqual([]);
      const item = page.locator('.filters select').nth(1);
      const option30 = (await item.locator('option[value="30"]').textContent())!;
      expect(option30.startsWith('30. ')).toBe(true);
      expect(option30.length).toBeGreaterThan(10);
      await item.selectOption('30');
      await poll(() => page.url()).toContain('item=30');
      await poll(() => page.locator('.bank-table tbody tr td:nth-child(5)').allTextContents()).toEqual(expect.arrayContaining(['2024 · 30']));
      const items = await page.locator('.bank-table tbody tr td:nth-child(5)').allTextContents();
      expect(new Set(items)).toEqual(new Set(['2024 · 30']));
      await page.context().close();
    });
  }

  it('the set picker narrows by topic, type, difficulty and literacy item as well as text', async () => {
    const page = await signedIn('zh-CN', { width: 1440, height: 900 });
    await page.goto(`${server.url}/admin/sets/new`);
    const picker = page.locator('aside');
    await poll(() => picker.locator('.pick-list li').count()).toBe(20);
    await picker.getByLabel('题型').selectOption('truefalse');
    await picker.getByLabel('难度').selectOption('2');
    await picker.getByLabel('主题').selectOption('nutrition');
    const expected = ((await (await staff.request('/api/bank/questions?type=truefalse&difficulty=2&topic=nutrition&status=active&pageSize=20')).json()) as { data: { total: number; items: { question: { stem: string } }[] } }).data;
    expect(expected.total).toBeGreaterThan(0);
    await poll(() => picker.locator('.pick-list li .grow').evaluateAll((els) => els.map((e) => e.firstChild!.textContent))).toEqual(expected.items.map((e) => e.question.stem));
    for (const meta of await picker.locator('.pick-list li .muted').allTextContents()) expect(meta).toMatch(/判断.*合理膳食.*中/);
    await poll(() => picker.locator('[aria-live]').textContent()).toContain(`共 ${expected.total} 道`);
    // The literacy item narrows further, to questions of that item only.
    const byItem = ((await (await staff.request('/api/bank/questions?type=truefalse&difficulty=2&topic=nutrition&item=30&status=active&pageSize=20')).json()) as { data: { total: number } }).data;
    await picker.getByLabel('条目').selectOption('30');
    await poll(() => picker.locator('.pick-list li').count()).toBe(byItem.total);
    for (const meta of await picker.locator('.pick-list li .muted').allTextContents()) expect(meta).toContain('2024-30');
    await page.context().close();
  });
});
