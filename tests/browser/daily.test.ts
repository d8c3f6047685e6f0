import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDay } from '../../shared/quiz/daily';
import { buildClient, launchBrowser, PHONE, SCREENS_DIR, signIn } from '../helpers/browser';
import { STAFF_PASSWORD } from '../helpers/contest';
import { chromiumAvailable } from '../helpers/env';
import { login, type Staff } from '../helpers/http';
import { createCampaign } from '../helpers/quiz';
import { startTestServer, type TestServer } from '../helpers/server';
import pino from 'pino';
import { DailyPusher, LogSender } from '../../server/quiz/daily-push';

interface Card {
  day: string;
  item: number;
  dimension: 'knowledge' | 'lifestyle' | 'skills';
  text: string;
}

const DIMENSIONS = { knowledge: '基本健康知识和理念', lifestyle: '健康生活方式与行为', skills: '健康基本技能' };

describe.skipIf(!chromiumAvailable())('browser: 每日一学 on a resident’s phone and in the statistics', () => {
  let server: TestServer;
  let browser: Browser;
  let admin: Staff;
  const contexts: BrowserContext[] = [];

  /** A published campaign of the test's own, whose reads and pushes no other test adds to, and its card of today. */
  const newCampaign = async (): Promise<{ campaignId: string; card: Card }> => {
    const campaignId = await createCampaign(admin, { title: '廊坊市健康知识答题' });
    const card = ((await (await fetch(`${server.url}/api/quiz/${campaignId}/daily`)).json()) as { data: Card }).data;
    return { campaignId, card };
  };

  /** Reads of a campaign recorded today, by county ('' without one). */
  const reads = async (campaignId: string) => {
    const rs = await server.database.client.execute({ sql: 'SELECT county_code AS county, reads FROM campaign_daily_reads WHERE campaign_id = ? AND day = ?', args: [campaignId, chinaDay(Date.now())] });
    return Object.fromEntries(rs.rows.map((r) => [String(r.county), Number(r.reads)]));
  };

  const phone = async (init?: () => void): Promise<{ page: Page; posts: string[]; gets: string[] }> => {
    const context = await browser.newContext({ viewport: PHONE, locale: 'zh-CN', isMobile: true, hasTouch: true });
    contexts.push(context);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    if (init) await context.addInitScript(init);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const posts: string[] = [];
    const gets: string[] = [];
    page.on('request', (r) => (r.method() === 'POST' ? posts : gets).push(new URL(r.url()).pathname));
    return { page, posts, gets };
  };

  /** Nothing wider than the screen: no sideways scrolling on the phone. */
  const fitsWidth = async (page: Page) => {
    const wide = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      return [...document.querySelectorAll('.daily-card, .daily-card *')].filter((el) => el.getBoundingClientRect().right > width + 0.5).map((el) => el.className);
    });
    expect(wide).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
  };

  beforeAll(async () => {
    const clientDir = await buildClient();
    server = await startTestServer({ ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: STAFF_PASSWORD }, { clientDir });
    browser = await launchBrowser();
    admin = await login(server, 'admin', STAFF_PASSWORD);
    mkdirSync(SCREENS_DIR, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.stop();
  });

  it('shows today’s item under the quiz form, copies the link to share, and counts the phone once however often it reloads', async () => {
    const { campaignId, card } = await newCampaign();
    // Where the phone has no share sheet (as here), the button copies; make sure of it whatever this Chromium offers.
    const { page, posts, gets } = await phone(() => {
      delete (Navigator.prototype as { share?: unknown }).share;
    });
    await page.goto(`${server.url}/quiz/${campaignId}`);
    const section = page.getByRole('region', { name: '每日一学' });
    await expect.poll(() => section.locator('.daily-text').textContent()).toBe(card.text);
    expect(await section.locator('.daily-meta').textContent()).toBe(`第 ${card.item} 条${DIMENSIONS[card.dimension]}`);
    expect(await section.textContent()).toContain('摘自《中国公民健康素养—基本知识与技能（2024年版）》');
    const [, month, day] = card.day.split('-').map(Number);
    expect(await section.locator('.daily-day').textContent()).toBe(`${month}月${day}日`);
    // The card came inside the page with the quiz's rules: no request for it.
    expect(gets.filter((p) => p.startsWith('/api/'))).toEqual([]);
    // The quiz form comes first; the card follows it.
    expect((await page.getByRole('button', { name: '开始答题' }).boundingBox())!.y).toBeLessThan((await section.boundingBox())!.y);

    // Read once: counted without a county (none chosen yet).
    await expect.poll(() => reads(campaignId)).toEqual({ '': 1 });
    expect(await page.evaluate((id) => localStorage.getItem(`daily:${id}`), campaignId)).toBe(card.day);

    await section.getByRole('button', { name: '分享给家人朋友' }).click();
    await expect.poll(() => section.getByRole('status').textContent()).toBe('已复制，可以粘贴到微信发给家人朋友');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain(`第 ${card.item} 条`);
    expect(copied).toContain(card.text);
    expect(copied.trim().endsWith(`/quiz/${campaignId}`)).toBe(true);

    await section.scrollIntoViewIfNeeded();
    await fitsWidth(page);
    await page.screenshot({ path: path.join(SCREENS_DIR, 'daily-390.png'), fullPage: true });
    await page.screenshot({ path: path.join(SCREENS_DIR, 'daily-390-card.png') });

    // Reloads the same day: the card again, no second report.
    const before = posts.length;
    await page.reload();
    await expect.poll(() => section.locator('.daily-text').textContent()).toBe(card.text);
    // The card reports a read from an idle callback: one queued after the card showed runs after it, so a report
    // would have been sent by then.
    await page.evaluate(() => new Promise<void>((resolve) => requestIdleCallback(() => resolve())));
    await page.evaluate(() => fetch('/api/health').then((r) => r.ok));
    expect(posts.slice(before).filter((p) => p.endsWith('/daily/read'))).toEqual([]);
    expect(await reads(campaignId)).toEqual({ '': 1 });

    // 长辈模式: larger type, still within the screen.
    const size = () => section.locator('.daily-text').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    const normal = await size();
    await page.getByRole('button', { name: '长辈模式' }).click();
    expect(await size()).toBeGreaterThanOrEqual(normal * 1.2);
    expect((await section.getByRole('button', { name: '分享给家人朋友' }).boundingBox())!.height).toBeGreaterThanOrEqual(60);
    await section.scrollIntoViewIfNeeded();
    await fitsWidth(page);
    await page.screenshot({ path: path.join(SCREENS_DIR, 'daily-elder-390.png'), fullPage: true });
    await page.screenshot({ path: path.join(SCREENS_DIR, 'daily-elder-390-card.png') });
  });

  it('hands the link to the phone’s share sheet where there is one, and reports the county the resident chose before', async () => {
    const { campaignId, card } = await newCampaign();
    const { page } = await phone(() => {
      // A phone that took part before (广阳区), with a share sheet.
      localStorage.setItem(`quiz:${location.pathname.split('/').pop()}`, JSON.stringify({ countyCode: '131003' }));
      (navigator as { share?: unknown }).share = async (data: ShareData) => void ((window as { shared?: ShareData }).shared = data);
    });
    await page.goto(`${server.url}/quiz/${campaignId}`);
    const section = page.getByRole('region', { name: '每日一学' });
    await expect.poll(() => section.locator('.daily-text').textContent()).toBe(card.text);
    await expect.poll(() => reads(campaignId)).toEqual({ '131003': 1 });
    await section.getByRole('button', { name: '分享给家人朋友' }).click();
    const shared = (await page.evaluate(() => (window as { shared?: ShareData }).shared))!;
    expect(shared.url).toBe(`${server.url}/quiz/${campaignId}`);
    expect(shared.title).toBe('廊坊市健康知识答题');
    expect(shared.text).toContain(card.text);
    // The share sheet did the sharing: no "copied" note.
    expect(await section.getByRole('status').count()).toBe(0);

    // In English the labels change; the item's official text stays Chinese.
    await page.getByRole('button', { name: '切换到英文' }).click();
    const english = page.getByRole('region', { name: 'Daily health item' });
    await expect.poll(() => english.locator('.daily-item').textContent()).toBe(`Item ${card.item}`);
    expect(await english.locator('.daily-text').textContent()).toBe(card.text);
    expect(await english.getByRole('button').textContent()).toBe('Share with family and friends');
    await english.scrollIntoViewIfNeeded();
    await fitsWidth(page);
    await page.screenshot({ path: path.join(SCREENS_DIR, 'daily-en-390.png') });
  });

  it('the statistics page shows the reads per county of the last 7 days with the total, in Chinese and in English', async () => {
    // Today's reads of the campaign: one phone without a county, one from 广阳区 — as the two phones above report them.
    const { campaignId } = await newCampaign();
    for (const countyCode of ['', '131003']) {
      const res = await fetch(`${server.url}/api/quiz/${campaignId}/daily/read`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ countyCode }) });
      expect(res.status).toBe(200);
    }
    await expect.poll(() => reads(campaignId)).toEqual({ '': 1, '131003': 1 });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    contexts.push(context);
    await signIn(context, server.url, admin);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${server.url}/admin/campaigns/${campaignId}/stats`);
    const section = page.getByRole('region', { name: '每日一学阅读' });
    const row = (name: string) => section.locator('tbody tr').filter({ has: page.getByRole('cell', { name, exact: true }) }).locator('td').nth(1);
    await expect.poll(() => row('广阳区').textContent()).toBe('1');
    expect(await row('安次区').textContent()).toBe('0');
    expect(await row('未选择县区').textContent()).toBe('1');
    expect(await section.locator('tr.total td').allTextContents()).toEqual(['合计', '2']);
    const today = chinaDay(Date.now());
    expect(await section.locator('p.muted').textContent()).toContain(`至 ${today}`);
    expect(await section.locator('tbody tr').count()).toBe(11 + 2);
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENS_DIR, 'admin-daily-reads.png') });

    await page.getByRole('button', { name: '切换到英文' }).click();
    const english = page.getByRole('region', { name: 'Daily health item reads' });
    await expect.poll(() => english.locator('tr.total td').allTextContents()).toEqual(['Total', '2']);
    expect(await english.locator('thead').textContent()).toBe('CountyReads');
  });

  it('the statistics page lists the day’s push of the card: channel, status and item, in Chinese and in English', async () => {
    const { campaignId, card } = await newCampaign();
    // The push of today, through the log channel as the server's own would send it (due from 00:00 here, so the
    // test does not depend on the hour it runs at).
    await new DailyPusher(server.database.db, new LogSender(pino({ level: 'silent' })), Date.now, pino({ level: 'silent' }), { at: '00:00', publicUrl: '' }).runDue();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    contexts.push(context);
    await signIn(context, server.url, admin);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${server.url}/admin/campaigns/${campaignId}/stats`);
    const section = page.getByRole('region', { name: '每日推送' });
    await expect.poll(() => section.locator('tbody tr').first().locator('td').allTextContents()).toEqual([chinaDay(Date.now()), String(card.item), '服务器日志', '已推送', '未报告', '']);
    expect(await section.locator('tbody tr').count()).toBe(1);
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENS_DIR, 'admin-daily-pushes.png') });
    await page.getByRole('button', { name: '切换到英文' }).click();
    const english = page.getByRole('region', { name: 'Daily push' });
    await expect.poll(() => english.locator('tbody tr').first().locator('td').allTextContents()).toEqual([chinaDay(Date.now()), String(card.item), 'Server log', 'Pushed', 'Not reported', '']);
  });
});
