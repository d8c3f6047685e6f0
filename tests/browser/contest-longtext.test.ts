import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContestDetail } from '../../shared/contest/draft';
import type { HostView } from '../../shared/contest/views';
import { BIG_SCREEN, buildClient, launchBrowser, signIn } from '../helpers/browser';
import { STAFF_PASSWORD, TEAMS } from '../helpers/contest';
import { joinContest, type ContestClient } from '../helpers/contest-sockets';
import { chromiumAvailable } from '../helpers/env';
import { login, type Staff } from '../helpers/http';
import { startTestServer, type TestServer } from '../helpers/server';

/** The longest question the bank accepts: a 500-character stem, four 200-character options, a 1,000-character explanation. */
const sentence = '成年人应每天保持规律的身体活动，减少久坐时间，合理膳食、控制食盐摄入，戒烟限酒并保证充足睡眠，';
const fill = (n: number, tag: string) => (tag + sentence.repeat(Math.ceil(n / sentence.length))).slice(0, n);
const LONG = {
  type: 'single',
  stem: fill(500, '长题干测试：'),
  options: ['甲', '乙', '丙', '丁'].map((x) => fill(200, `选项${x}：`)),
  answer: 'C',
  explanation: fill(1000, '解析：'),
  topic: 'lifestyle',
  difficulty: 2,
  literacy: { edition: '2024', item: 30 },
};

/** How far the question card's content runs past its box (0 = it fits), and the page's own overflow. */
async function overflow(page: Page, selector: string) {
  return page.evaluate((sel) => {
    const card = document.querySelector<HTMLElement>(sel);
    if (!card) return null;
    const doc = document.documentElement;
    return {
      cardY: Math.max(0, card.scrollHeight - card.clientHeight),
      cardX: Math.max(0, card.scrollWidth - card.clientWidth),
      pageX: Math.max(0, doc.scrollWidth - doc.clientWidth),
      stemPx: parseFloat(getComputedStyle(card.querySelector('.qcard-stem')!).fontSize),
    };
  }, selector);
}

describe.skipIf(!chromiumAvailable())('browser: the longest question fits the 1920×1080 big screen and the host console', () => {
  let server: TestServer;
  let browser: Browser;
  let staff: Staff;
  let detail: ContestDetail;
  let host: ContestClient;

  beforeAll(async () => {
    const clientDir = await buildClient();
    server = await startTestServer({ ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: STAFF_PASSWORD }, { clientDir });
    browser = await launchBrowser();
    staff = await login(server, 'admin', STAFF_PASSWORD);
    const q = (await (await staff.request('/api/bank/questions', { method: 'POST', json: LONG })).json()) as { data: { id: string } };
    const set = (await (await staff.request('/api/bank/sets', { method: 'POST', json: { name: '长题', questionIds: [q.data.id] } })).json()) as { data: { id: string } };
    const created = (await (
      await staff.request('/api/contests', {
        method: 'POST',
        json: { title: '长题测试', rehearsal: true, baseScore: 100, teams: TEAMS.slice(0, 4), rounds: [{ id: 'r1', kind: 'compulsory', title: '必答题', setId: set.data.id }] },
      })
    ).json()) as { data: { id: string } };
    detail = ((await (await staff.request(`/api/contests/${created.data.id}`)).json()) as { data: ContestDetail }).data;
    host = await joinContest(server.url, { pin: detail.pin, role: 'host' }, { cookie: staff.cookie });
  }, 120_000);
  afterAll(async () => {
    host?.close();
    await browser?.close();
    await server?.stop();
  });

  it('shows the whole question and options with nothing cut off, before and after the reveal', async () => {
    const screen = await (await browser.newContext({ viewport: BIG_SCREEN, locale: 'zh-CN' })).newPage();
    screen.setDefaultTimeout(8000);
    screen.setDefaultNavigationTimeout(30_000);
    await screen.goto(`${server.url}/screen/${detail.pin}`);
    const ctx = await browser.newContext({ viewport: BIG_SCREEN, locale: 'zh-CN' });
    await signIn(ctx, server.url, staff);
    const console_ = await ctx.newPage();
    console_.setDefaultNavigationTimeout(30_000);
    await console_.goto(`${server.url}/host/${detail.id}`);

    for (const command of ['contest:start', 'question:open'] as const) expect((await host.send({ type: command })).ok).toBe(true);
    await expect.poll(() => screen.locator('.qcard-screen .qcard-stem').textContent()).toBe(LONG.stem);
    // The fit runs after layout: wait until the card holds everything.
    await expect.poll(async () => (await overflow(screen, '.qcard-screen'))?.cardY, { timeout: 10_000 }).toBe(0);
    const open = (await overflow(screen, '.qcard-screen'))!;
    expect(open).toMatchObject({ cardX: 0, pageX: 0 });
    expect(open.stemPx).toBeGreaterThanOrEqual(22);
    expect(await screen.locator('.qcard-screen .qcard-option').count()).toBe(4);

    expect((await host.send({ type: 'answer:lock' })).ok).toBe(true);
    expect((await host.send({ type: 'question:reveal' })).ok).toBe(true);
    await host.waitFor((v) => (v as HostView).phase === 'revealed');
    await expect.poll(() => screen.locator('.qcard-option.correct').count()).toBe(1);
    await expect.poll(async () => (await overflow(screen, '.qcard-screen'))?.cardY, { timeout: 10_000 }).toBe(0);
    expect(await overflow(screen, '.qcard-screen')).toMatchObject({ cardX: 0, pageX: 0 });

    // The host console: the question panel wraps every line inside its card; the page never scrolls sideways.
    await expect.poll(() => console_.locator('.host-question .qcard-stem').textContent()).toBe(LONG.stem);
    expect(await overflow(console_, '.host-question')).toMatchObject({ cardX: 0, pageX: 0 });
    const optionsFit = await console_.locator('.host-question .qcard-option').evaluateAll((els) => els.every((e) => e.scrollWidth <= e.clientWidth + 1));
    expect(optionsFit).toBe(true);
  }, 120_000);
});
