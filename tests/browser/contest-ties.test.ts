import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContestDetail } from '../../shared/contest/draft';
import type { HostView } from '../../shared/contest/views';
import { BIG_SCREEN, buildClient, launchBrowser, PHONE, signIn } from '../helpers/browser';
import { setUpContest, STAFF_PASSWORD, tokenOf } from '../helpers/contest';
import { joinContest, type ClientCommand, type ContestClient } from '../helpers/contest-sockets';
import { chromiumAvailable } from '../helpers/env';
import type { Staff } from '../helpers/http';
import { startTestServer, type TestServer } from '../helpers/server';

describe.skipIf(!chromiumAvailable())('browser: a correction makes a three-way tie, and every screen shows the shared rank', () => {
  let server: TestServer;
  let browser: Browser;
  let staff: Staff;
  let detail: ContestDetail;
  let watcher: ContestClient;

  beforeAll(async () => {
    const clientDir = await buildClient();
    server = await startTestServer({ ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: STAFF_PASSWORD }, { clientDir });
    browser = await launchBrowser();
    ({ staff, detail } = await setUpContest(server));
    watcher = await joinContest(server.url, { pin: detail.pin, role: 'host' }, { cookie: staff.cookie });
  }, 120_000);
  afterAll(async () => {
    watcher?.close();
    await browser?.close();
    await server?.stop();
  });

  const ok = async (command: ClientCommand) => {
    const r = await watcher.send(command);
    if (!r.ok) throw new Error(`${String(command.type)} rejected: ${r.error.code}`);
  };
  const text = (page: Page, selector: string) => page.locator(selector).first().textContent();

  it('plays off all three after a correction at the tie-break intro, and the podium shares second place', async () => {
    // Scores as the earlier rounds left them: 120, 110, 110, 100, then four at 90.
    await ok({ type: 'contest:start' });
    for (const [teamId, delta] of [['t1', 20], ['t2', 10], ['t3', 10], ['t5', -10], ['t6', -10], ['t7', -10], ['t8', -10]] as const) {
      await ok({ type: 'score:adjust', teamId, delta, reason: '前几轮得分' });
    }
    for (let i = 0; i < 4; i++) await ok({ type: 'round:next' });
    const intro = (await watcher.waitFor((v) => v.round?.kind === 'tiebreak')) as HostView;
    expect(intro.tiebreak!.active!.teams).toEqual(['t2', 't3']);

    const ctx = await browser.newContext({ viewport: BIG_SCREEN, locale: 'zh-CN' });
    await signIn(ctx, server.url, staff);
    const host = await ctx.newPage();
    host.setDefaultTimeout(8000);
    host.setDefaultNavigationTimeout(30_000);
    await host.goto(`${server.url}/host/${detail.id}`);
    const screen = await (await browser.newContext({ viewport: BIG_SCREEN, locale: 'zh-CN' })).newPage();
    screen.setDefaultTimeout(8000);
    screen.setDefaultNavigationTimeout(30_000);
    await screen.goto(`${server.url}/screen/${detail.pin}`);
    const phone = await (await browser.newContext({ viewport: PHONE, locale: 'zh-CN', isMobile: true, hasTouch: true })).newPage();
    phone.setDefaultTimeout(8000);
    phone.setDefaultNavigationTimeout(30_000);
    await phone.goto(`${server.url}/team/${detail.pin}?t=${tokenOf(detail.links.teams.find((t) => t.teamId === 't4')!.url)}`);
    const overlay = await (await browser.newContext({ viewport: BIG_SCREEN, locale: 'zh-CN' })).newPage();
    overlay.setDefaultTimeout(8000);
    overlay.setDefaultNavigationTimeout(30_000);
    await overlay.goto(`${server.url}/overlay/${detail.pin}`);
    await expect.poll(() => text(host, '.host-tie')).toBe('加赛：王家战队、李家战队');

    // The judging panel's ruling: 赵家 (t4) also had 110. The correction goes in from the console.
    await host.locator('#corr-team').selectOption('t4');
    await host.locator('#corr-delta').fill('10');
    await host.locator('#corr-reason').fill('仲裁组复核第3题');
    await host.getByRole('button', { name: '更正分数' }).click();
    await expect.poll(() => text(host, '.host-tie')).toBe('加赛：王家战队、李家战队、赵家战队');
    await expect.poll(() => host.locator('.host-table tr[data-team="t4"] td.rank').textContent()).toBe('2');
    for (const id of ['t2', 't3', 't4']) expect(await host.locator(`.host-table tr[data-team="${id}"] td.rank`).textContent()).toBe('2');
    expect(await host.locator('.host-table tr[data-team="t5"] td.rank').textContent()).toBe('5');
    await expect.poll(() => text(screen, '.hero-sub')).toContain('赵家战队');

    // The host ends the contest without playing it off (it asks first): the three share second.
    await host.getByRole('button', { name: '结束比赛，公布名次' }).first().click();
    await host.getByRole('button', { name: '结束比赛', exact: true }).click();
    await watcher.waitFor((v) => v.phase === 'finished');
    await expect.poll(() => screen.locator('.podium-step').count()).toBe(2);
    expect(await screen.locator('.podium-step.place-1 [data-team]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-team'), e.getAttribute('data-rank')]))).toEqual([['t1', '1']]);
    expect(await screen.locator('.podium-step.place-2 [data-team]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-team'), e.getAttribute('data-rank')]))).toEqual([
      ['t2', '2'],
      ['t3', '2'],
      ['t4', '2'],
    ]);
    expect(await text(screen, '.podium-step.place-2 .podium-place')).toBe('第二名');
    expect(await screen.locator('.podium-rest li').evaluateAll((els) => els.map((e) => e.getAttribute('data-rank')))).toEqual(['5', '5', '5', '5']);
    await expect.poll(() => text(phone, '.ph-score-rank')).toBe('第 2 名');
    await expect.poll(() => text(overlay, '.ovl-team-rank')).not.toBeNull();
    expect(await overlay.locator('li[data-team="t4"] .ovl-team-rank').textContent()).toBe('2');
    // The record's final ranking sheet matches the podium, shared ranks included.
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await (await staff.request(`/api/contests/${detail.id}/export.xlsx`)).arrayBuffer()) as ArrayBuffer);
    const ranking: unknown[][] = [];
    book.getWorksheet('最终排名')!.eachRow((row, n) => n > 1 && ranking.push((row.values as unknown[]).slice(1, 5)));
    expect(ranking.map((r) => r[0])).toEqual([1, 2, 2, 2, 5, 5, 5, 5]);
    expect(ranking.slice(0, 4).map((r) => [r[1], r[2], r[3]])).toEqual([
      ['张家战队', '广阳区', 120],
      ['王家战队', '安次区', 110],
      ['李家战队', '固安县', 110],
      ['赵家战队', '永清县', 110],
    ]);
  }, 120_000);
});
