import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClient, launchBrowser, SCREENS_DIR, signIn, trackRequests } from '../helpers/browser';
import { makeSet, setUpContest, STAFF_PASSWORD } from '../helpers/contest';
import { chromiumAvailable } from '../helpers/env';
import type { Staff } from '../helpers/http';
import { createCampaign } from '../helpers/quiz';
import { startTestServer, type TestServer } from '../helpers/server';

/** Waits on a state for as long as a step takes on a loaded two-core machine (expect.poll's default is 1 s). */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000 });

/**
 * Every control, label, row and picture of an admin page inside the card (or fieldset, list row, page) that
 * holds it, and no sideways scrolling: returns what sticks out and by how much.
 */
function overflows(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const name = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}${el.getAttribute('aria-label') ? `[${el.getAttribute('aria-label')}]` : ''} "${(el.textContent ?? '').trim().slice(0, 24)}"`;
    const found: string[] = [];
    if (document.documentElement.scrollWidth > window.innerWidth + 1) found.push(`the page scrolls sideways by ${document.documentElement.scrollWidth - window.innerWidth}px`);
    const main = document.querySelector('.admin-main');
    if (!main) return ['no .admin-main'];
    for (const el of main.querySelectorAll('input, select, textarea, button, a, label, legend, h1, h2, img, svg, table, .cf-team, .option-row, p')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || getComputedStyle(el).position === 'absolute') continue;
      const box = el.parentElement!.closest('.admin-card, fieldset, .cf-group, .cf-round, .cf-team, li, .admin-main')!;
      const b = box.getBoundingClientRect();
      const style = getComputedStyle(box);
      const right = b.right - (box === main ? parseFloat(style.paddingRight) : 0);
      const left = b.left + (box === main ? parseFloat(style.paddingLeft) : 0);
      const out = Math.max(r.right - right, left - r.left);
      if (out > 1) found.push(`${name(el)} sticks out of ${name(box).slice(0, 60)} by ${Math.round(out)}px`);
    }
    return found;
  });
}

describe.skipIf(!chromiumAvailable())('browser: admin pages fit their cards in both languages', () => {
  let server: TestServer;
  let browser: Browser;
  let staff: Staff;
  const pages: Record<string, string> = {};
  beforeAll(async () => {
    const clientDir = await buildClient();
    server = await startTestServer({ ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: STAFF_PASSWORD }, { clientDir });
    browser = await launchBrowser();
    const contest = await setUpContest(server);
    staff = contest.staff;
    // A long set name is what made the question-source select push out of its card.
    const setId = await makeSet(staff, '2026年廊坊市健康素养知识竞赛初赛题目集（判断题与单选题混合，供各县区使用）', 'truefalse', 6);
    const campaignId = await createCampaign(staff, { title: '廊坊市2026年健康素养线上答题活动', setId, fields: { name: true, phone: true, team: true } });
    const [question] = (await server.database.client.execute("SELECT id FROM questions WHERE type = 'multiple' ORDER BY id LIMIT 1")).rows;
    Object.assign(pages, {
      campaign: `/admin/campaigns/${campaignId}`,
      stats: `/admin/campaigns/${campaignId}/stats`,
      contest: `/admin/contests/${contest.detail.id}`,
      bank: '/admin/bank',
      question: `/admin/bank/${String(question!.id)}`,
      set: `/admin/sets/${setId}`,
      import: '/admin/import',
      users: '/admin/users',
    });
    mkdirSync(SCREENS_DIR, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const lang of ['zh-CN', 'en'] as const) {
    for (const viewport of [
      { width: 1440, height: 900 },
      { width: 1280, height: 720 },
    ]) {
      it(`${lang} at ${viewport.width}×${viewport.height}`, async () => {
        const context = await browser.newContext({ viewport, locale: lang });
        await context.addInitScript((l) => localStorage.setItem('lang', l), lang);
        await signIn(context, server.url, staff);
        context.setDefaultTimeout(12_000);
        const page = await context.newPage();
        const requests = trackRequests(page);
        const problems: Record<string, string[]> = {};
        for (const [key, url] of Object.entries(pages)) {
          await page.goto(`${server.url}${url}`);
          await requests.settled();
          // Wait for the page's data: its slow lists (cities, sets) fill the selects that overflowed.
          if (key === 'campaign') await poll(() => page.locator('.editor aside img').count()).toBe(1);
          if (key === 'contest') await poll(() => page.locator('.cf-team').count()).toBe(8);
          await page.screenshot({ path: path.join(SCREENS_DIR, `admin-layout-${key}-${lang}-${viewport.width}.png`), fullPage: true });
          const found = await overflows(page);
          if (found.length) problems[key] = found;
        }
        expect(problems).toEqual({});
        await context.close();
      }, 120_000); // eight pages with full-page screenshots on a shared two-core machine
    }
  }
});
