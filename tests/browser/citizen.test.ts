import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClient, launchBrowser, PHONE, SCREENS_DIR } from '../helpers/browser';
import { setUpContest, STAFF_PASSWORD } from '../helpers/contest';
import { chromiumAvailable } from '../helpers/env';
import { login, type Staff } from '../helpers/http';
import { createCampaign } from '../helpers/quiz';
import { startTestServer, type TestServer } from '../helpers/server';

/** A 390 × 844 phone at 200% browser zoom lays out like a 195 × 422 CSS-pixel screen at twice the density. */
const ZOOM_200 = { viewport: { width: PHONE.width / 2, height: PHONE.height / 2 }, deviceScaleFactor: 4 };

describe.skipIf(!chromiumAvailable())('browser: the citizen and audience phones — first load, standing, 长辈模式', () => {
  let server: TestServer;
  let browser: Browser;
  let organizer: Staff;
  let pin: string;
  const contexts: BrowserContext[] = [];

  /** A campaign of the test's own, whose participants no other test adds to. */
  const newCampaign = async (): Promise<string> => {
    const campaignId = await createCampaign(organizer, { title: '廊坊市家庭健康知识答题', attemptsPerDay: 2, attemptsTotal: 3, fields: { name: true, phone: false, team: true } });
    // Three participants in 安次区 put 广阳区 second by participation.
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${server.url}/api/quiz/${campaignId}/attempts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ countyCode: '131002', name: `居民${i}`, teamName: `战队${i}` }) });
      expect(res.status).toBe(200);
    }
    return campaignId;
  };

  beforeAll(async () => {
    const clientDir = await buildClient();
    server = await startTestServer({ ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: STAFF_PASSWORD }, { clientDir });
    browser = await launchBrowser();
    organizer = await login(server, 'admin', STAFF_PASSWORD);
    pin = (await setUpContest(server)).detail.pin;
  }, 120_000);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.stop();
  });

  const phone = async (options: Partial<Parameters<Browser['newContext']>[0]> = {}): Promise<{ page: Page; requests: string[]; encodings: Map<string, string> }> => {
    const context = await browser.newContext({ viewport: PHONE, locale: 'zh-CN', isMobile: true, hasTouch: true, ...options });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const requests: string[] = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    page.on('websocket', (ws) => requests.push(new URL(ws.url()).pathname));
    const encodings = new Map<string, string>();
    page.on('response', (r) => encodings.set(new URL(r.url()).pathname, r.headers()['content-encoding'] ?? 'identity'));
    return { page, requests, encodings };
  };
  const overflow = async (page: Page) => {
    const [px, culprits] = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      // Boxes past the right edge, and boxes whose own text runs past theirs.
      const wide = [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > width + 0.5 || (getComputedStyle(el).overflowX === 'visible' && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0))
        .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
      return [document.documentElement.scrollWidth - width, wide.slice(0, 5)] as const;
    });
    expect(culprits).toEqual([]);
    return px;
  };
  /** Every visible button can be scrolled to and lies inside the screen's width. */
  const buttonsReachable = async (page: Page) => {
    const width = page.viewportSize()!.width;
    for (const button of await page.locator('button:visible').all()) {
      await button.scrollIntoViewIfNeeded();
      const box = (await button.boundingBox())!;
      expect(box.x, await button.textContent() ?? '').toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, await button.textContent() ?? '').toBeLessThanOrEqual(width + 0.5);
    }
  };
  const answerAll = async (page: Page) => {
    for (;;) {
      await page.locator('.choice').first().click();
      if ((await page.getByRole('button', { name: '提交答卷' }).count()) > 0) break;
      await page.getByRole('button', { name: '下一题' }).click();
    }
    await page.getByRole('button', { name: '提交答卷' }).click();
    await expect.poll(() => page.locator('.score').textContent()).toMatch(/^\d+(\.\d)?$/);
  };

  it('opens the quiz and the audience form from the document alone: no data request, no socket before joining', async () => {
    const campaignId = await newCampaign();
    const { page, requests, encodings } = await phone();
    await page.goto(`${server.url}/quiz/${campaignId}`);
    await page.locator('select[name=county] option:nth-child(2)').waitFor({ state: 'attached' });
    // The page ran from the build's precompressed scripts.
    const pageScript = [...encodings.keys()].find((p) => p.includes('/quiz-play-'))!;
    expect(['br', 'gzip']).toContain(encodings.get(pageScript));
    expect(await page.locator('h1').textContent()).toBe('廊坊市家庭健康知识答题');
    // The page's script was announced in the document, and its data came inside it.
    expect(await page.locator('link[rel=modulepreload][href*="quiz-play"]').count()).toBe(1);
    // The page's one request of its own is the 每日一学 read report, sent once the page is idle: nothing it waits for.
    expect(requests.filter((p) => p.startsWith('/api/') && !p.endsWith('/daily/read'))).toEqual([]);

    const audience = await phone();
    await audience.page.goto(`${server.url}/join/${pin}`);
    await expect.poll(() => audience.page.locator('.ph-title').textContent()).toBe('廊坊市健康知识家庭挑战赛决赛');
    await audience.page.getByLabel('昵称').fill('观众乙');
    await audience.page.getByLabel('所在县（市、区）').selectOption({ label: '广阳区' });
    expect(audience.requests.filter((p) => p.startsWith('/socket.io') || p.startsWith('/api/'))).toEqual([]);
    await audience.page.getByRole('button', { name: '加入比赛' }).click();
    await expect.poll(() => audience.page.locator('.ph-me-name').textContent()).toBe('观众乙');
    expect(audience.requests.some((p) => p.startsWith('/socket.io'))).toBe(true);
  });

  it('tells the citizen the attempts left and their ranks, remembers name and team, and offers no retry past the limit', async () => {
    const campaignId = await newCampaign();
    const { page } = await phone();
    await page.goto(`${server.url}/quiz/${campaignId}`);
    await page.getByLabel('所在县（市、区）').selectOption({ label: '广阳区' });
    await page.getByLabel('姓名').fill('张奶奶');
    await page.getByLabel('家庭战队名称').fill('张家战队');
    await page.getByRole('button', { name: '开始答题' }).click();
    await answerAll(page);
    await expect.poll(() => page.getByTestId('attempts-left').textContent()).toBe('今天还可答 1 次，总共还可答 2 次');
    await expect.poll(() => page.getByTestId('county-rank').textContent()).toMatch(/^广阳区参与人数在 \d+ 个县（市、区）中排第 2 名$/);
    expect(await page.getByTestId('rank-in-county').textContent()).toBe('您的成绩在广阳区 1 位参与者中排第 1 名');
    await page.screenshot({ path: path.join(SCREENS_DIR, 'quiz-standing-390.png'), fullPage: true });

    // Again: the form offers what was typed last time and says what is left.
    await page.getByRole('button', { name: '再答一次' }).click();
    await expect.poll(() => page.getByLabel('姓名').inputValue()).toBe('张奶奶');
    expect(await page.getByLabel('家庭战队名称').inputValue()).toBe('张家战队');
    await expect.poll(() => page.getByTestId('attempts-left').textContent()).toBe('今天还可答 1 次，总共还可答 2 次');
    await page.getByRole('button', { name: '开始答题' }).click();
    await answerAll(page);
    await expect.poll(() => page.getByTestId('attempts-left').textContent()).toBe('今天的答题次数已用完，请明天再来');
    expect(await page.getByRole('button', { name: '再答一次' }).count()).toBe(0);

    // A reload says the same, with no start button to tap in vain.
    await page.reload();
    await expect.poll(() => page.getByTestId('attempts-left').textContent()).toBe('今天的答题次数已用完，请明天再来');
    expect(await page.getByRole('button', { name: '开始答题' }).count()).toBe(0);
  });

  it('switches 长辈模式 from the page, remembers it, and keeps the quiz usable at 200% zoom', async () => {
    const campaignId = await newCampaign();
    const { page } = await phone();
    await page.goto(`${server.url}/quiz/${campaignId}`);
    const county = page.getByLabel('所在县（市、区）');
    const before = await county.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    await page.getByRole('button', { name: '长辈模式' }).click();
    expect(await page.getAttribute('html', 'class')).toContain('elder');
    expect(await page.getByRole('button', { name: '长辈模式' }).getAttribute('aria-pressed')).toBe('true');
    expect(await county.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(before * 1.2);
    expect((await page.getByRole('button', { name: '开始答题' }).boundingBox())!.height).toBeGreaterThanOrEqual(60);
    await page.reload();
    await expect.poll(() => page.getAttribute('html', 'class')).toContain('elder');
    await page.screenshot({ path: path.join(SCREENS_DIR, 'quiz-elder-390.png'), fullPage: true });

    // 200% zoom, elder mode on: the form, a question and the result all fit the width, every button reachable.
    const zoomed = (await phone(ZOOM_200)).page;
    await zoomed.goto(`${server.url}/quiz/${campaignId}`);
    await zoomed.getByRole('button', { name: '长辈模式' }).click();
    await zoomed.getByLabel('所在县（市、区）').selectOption({ label: '广阳区' });
    expect(await overflow(zoomed)).toBe(0);
    await buttonsReachable(zoomed);
    await zoomed.screenshot({ path: path.join(SCREENS_DIR, 'quiz-elder-zoom200.png'), fullPage: true });
    await zoomed.getByLabel('姓名').fill('李爷爷');
    await zoomed.getByLabel('家庭战队名称').fill('李家战队');
    await zoomed.getByRole('button', { name: '开始答题' }).click();
    await zoomed.locator('.choice').first().click();
    expect(await overflow(zoomed)).toBe(0);
    await buttonsReachable(zoomed);
    // No red flashing as time runs out: the urgent countdown keeps its calm look in elder mode.
    const urgent = await zoomed.locator('.timer').evaluate((el) => {
      el.classList.add('urgent');
      const s = getComputedStyle(el);
      return { background: s.backgroundColor, animation: s.animationName };
    });
    expect(urgent).toEqual({ background: 'rgb(255, 255, 255)', animation: 'none' });
    await zoomed.screenshot({ path: path.join(SCREENS_DIR, 'quiz-elder-zoom200-question.png') });
    await answerAll(zoomed);
    expect(await overflow(zoomed)).toBe(0);
    await buttonsReachable(zoomed);
  });

  it('gives the audience phone the same switch, and its join and lobby fit at 200% zoom', async () => {
    const { page } = await phone();
    await page.goto(`${server.url}/join/${pin}`);
    await page.getByRole('button', { name: '长辈模式' }).click();
    await expect.poll(() => page.getByLabel('昵称').evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(22);
    expect((await page.getByRole('button', { name: '加入比赛' }).boundingBox())!.height).toBeGreaterThanOrEqual(64);
    await page.screenshot({ path: path.join(SCREENS_DIR, 'join-elder-390.png'), fullPage: true });

    const zoomed = (await phone(ZOOM_200)).page;
    await zoomed.goto(`${server.url}/play/${pin}`);
    await zoomed.getByRole('button', { name: '长辈模式' }).click();
    await zoomed.getByLabel('昵称').fill('王奶奶');
    await zoomed.getByLabel('所在县（市、区）').selectOption({ label: '广阳区' });
    expect(await overflow(zoomed)).toBe(0);
    await buttonsReachable(zoomed);
    await zoomed.screenshot({ path: path.join(SCREENS_DIR, 'join-elder-zoom200.png'), fullPage: true });
    await zoomed.getByRole('button', { name: '加入比赛' }).click();
    await expect.poll(() => zoomed.locator('.ph-me-name').textContent()).toBe('王奶奶');
    // Remembered across a reload on this phone.
    await zoomed.reload();
    await expect.poll(() => zoomed.locator('.ph-me-name').textContent()).toBe('王奶奶');
    expect(await zoomed.getAttribute('html', 'class')).toContain('elder');
    expect(await overflow(zoomed)).toBe(0);
    await buttonsReachable(zoomed);
    await zoomed.screenshot({ path: path.join(SCREENS_DIR, 'audience-elder-zoom200-lobby.png'), fullPage: true });
  });
});
