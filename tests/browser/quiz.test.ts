import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../helpers/env';
import { BIG_SCREEN, buildClient, launchBrowser, PHONE, SCREENS_DIR } from '../helpers/browser';
import { login, type Staff } from '../helpers/http';
import { startTestServer, type TestServer } from '../helpers/server';

const PASSWORD = 'Organizer-2026';

describe.skipIf(!chromiumAvailable())('browser: a citizen takes the quiz on a phone while the big-screen board updates', () => {
  let server: TestServer;
  let browser: Browser;
  let organizer: Staff;

  /** A published campaign of its own for each test: its board, participants and statistics start from nothing. */
  const newCampaign = async (): Promise<string> => {
    const res = await organizer.request('/api/campaigns', {
      method: 'POST',
      json: {
        title: '廊坊市健康素养知识竞赛（网络初赛）',
        description: '全市居民均可参加，每天两次机会。',
        startsAt: Date.now() - 3600_000,
        endsAt: Date.now() + 7 * 24 * 3600_000,
        regionCode: '131000',
        mix: [{ count: 3, type: 'single' }, { count: 1, type: 'multiple' }, { count: 1, type: 'truefalse' }],
        timeLimitSec: 600,
        attemptsPerDay: 2,
        attemptsTotal: 5,
        counting: 'best',
        passMark: 60,
        showExplanations: true,
        minSecondsPerQuestion: 0,
        fields: { name: false, phone: true, team: false },
        targets: { '131003': 2000, '131082': 3000 },
      },
    });
    expect(res.status).toBe(201);
    const id = ((await res.json()) as { data: { id: string } }).data.id;
    expect((await organizer.request(`/api/campaigns/${id}/publish`, { method: 'POST' })).status).toBe(200);
    return id;
  };

  beforeAll(async () => {
    const clientDir = await buildClient();
    server = await startTestServer({ ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: PASSWORD }, { clientDir });
    browser = await launchBrowser();
    // Test townships under 固安县: the shipped region tree stops at counties.
    for (const [code, name] of [['131022001', '测试甲镇'], ['131022002', '测试乙街道']] as const) {
      await server.database.client.execute({ sql: "INSERT INTO regions (code, name, level, parent_code) VALUES (?, ?, 'township', '131022')", args: [code, name] });
    }
    organizer = await login(server, 'admin', PASSWORD);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('answers one question at a time, survives a reload, submits, and the board moves', async () => {
    const campaignId = await newCampaign();
    const screen = await (await browser.newContext({ viewport: BIG_SCREEN, locale: 'zh-CN' })).newPage();
    screen.setDefaultTimeout(8000);
    await screen.goto(`${server.url}/board/${campaignId}`);
    await expect.poll(() => screen.locator('.board-live').textContent()).toBe('● 实时');
    const row = screen.locator('.board-row[data-code="131003"]');
    await expect.poll(() => row.locator('.bar-value').textContent()).toBe('0');

    const phone = await (await browser.newContext({ viewport: PHONE, locale: 'zh-CN', isMobile: true, hasTouch: true })).newPage();
    phone.setDefaultTimeout(8000);
    await phone.goto(`${server.url}/quiz/${campaignId}`);
    await expect.poll(() => phone.locator('h1').textContent()).toBe('廊坊市健康素养知识竞赛（网络初赛）');
    await phone.getByRole('button', { name: '开始答题' }).click();
    await expect.poll(() => phone.getByRole('alert').textContent()).toBe('请选择所在县（市、区）');
    await phone.getByLabel('所在县（市、区）').selectOption({ label: '广阳区' });
    await phone.getByLabel('手机号码').fill('139 1234 5678');
    await phone.getByRole('button', { name: '开始答题' }).click();
    await expect.poll(() => phone.locator('.play-bar').textContent()).toContain('第 1 / 5 题');
    await expect.poll(() => phone.getByRole('timer').textContent()).toMatch(/^(10:00|9:5\d)$/);

    const answerCurrent = async () => {
      const multiple = (await phone.locator('[role=group]').count()) > 0;
      await phone.locator('.choice').nth(0).click();
      if (multiple) await phone.locator('.choice').nth(1).click();
    };
    await answerCurrent();
    await phone.screenshot({ path: path.join(SCREENS_DIR, 'quiz-phone-question.png') });
    await phone.getByRole('button', { name: '下一题' }).click();
    await answerCurrent();
    // A reload (or a dropped network) lands on the same question of the same attempt, answers kept.
    await phone.reload();
    await expect.poll(() => phone.locator('.play-bar').textContent()).toContain('第 2 / 5 题');
    expect(await phone.locator('.choice.selected').count()).toBeGreaterThan(0);
    for (let i = 2; i < 5; i++) {
      await phone.getByRole('button', { name: '下一题' }).click();
      await answerCurrent();
    }
    await phone.getByRole('button', { name: '提交答卷' }).click();
    await expect.poll(() => phone.locator('.score').textContent()).toMatch(/^\d+(\.\d)?$/);
    expect(await phone.locator('.review > li').count()).toBe(5);
    await phone.screenshot({ path: path.join(SCREENS_DIR, 'quiz-phone-result.png'), fullPage: true });
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);

    // The board hears about it over Socket.IO, without a reload.
    await expect.poll(() => row.locator('.bar-value').textContent()).toBe('1');
    await expect.poll(() => row.locator('.rank').textContent()).toBe('1');
    await expect.poll(() => screen.locator('.board-total-value').textContent()).toBe('1');
    await screen.screenshot({ path: path.join(SCREENS_DIR, 'board-1920.png') });
  });

  it('asks for the township where the county has them', async () => {
    const campaignId = await newCampaign();
    const phone = await (await browser.newContext({ viewport: PHONE, locale: 'zh-CN', isMobile: true, hasTouch: true })).newPage();
    phone.setDefaultTimeout(8000);
    await phone.goto(`${server.url}/quiz/${campaignId}`);
    await phone.getByLabel('所在县（市、区）').selectOption({ label: '广阳区' });
    expect(await phone.getByLabel('所在乡镇（街道）').count()).toBe(0);
    await phone.getByLabel('所在县（市、区）').selectOption({ label: '固安县' });
    await phone.getByLabel('手机号码').fill('13912345679');
    await phone.getByRole('button', { name: '开始答题' }).click();
    await expect.poll(() => phone.getByRole('alert').textContent()).toBe('请选择所在乡镇（街道）');
    await phone.getByLabel('所在乡镇（街道）').selectOption({ label: '测试乙街道' });
    await phone.screenshot({ path: path.join(SCREENS_DIR, 'quiz-phone-township.png') });
    await phone.getByRole('button', { name: '开始答题' }).click();
    await expect.poll(() => phone.locator('.play-bar').textContent()).toContain('第 1 / 5 题');
    const row = await server.database.client.execute({ sql: "SELECT township_code FROM participants WHERE campaign_id = ? AND county_code = '131022'", args: [campaignId] });
    expect(row.rows.map((r) => r.township_code)).toEqual(['131022002']);
  });

  it('shows the organizer the campaign settings and the participation dashboard', async () => {
    // One resident of 广阳区 who submitted, and one of 固安县's 测试乙街道 who only started.
    const campaignId = await newCampaign();
    const guangyang = await server.quiz.start(campaignId, { countyCode: '131003', phone: '13912345678' });
    await server.quiz.submit(campaignId, guangyang.attemptId, guangyang.token, guangyang.questions.map(() => [0]));
    await server.quiz.start(campaignId, { countyCode: '131022', townshipCode: '131022002', phone: '13912345679' });
    const context = await browser.newContext({ viewport: BIG_SCREEN, locale: 'zh-CN' });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    await page.goto(`${server.url}/admin/login?next=/admin/campaigns/${campaignId}`);
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => page.getByLabel('活动名称').inputValue()).toBe('廊坊市健康素养知识竞赛（网络初赛）');
    await expect.poll(() => page.locator('.mono.wrap').textContent()).toContain(`/quiz/${campaignId}`);
    await page.screenshot({ path: path.join(SCREENS_DIR, 'admin-campaign-1920.png') });
    await page.getByRole('link', { name: '参与统计' }).first().click();
    const tableUnder = (heading: string) => page.locator('h2', { hasText: heading }).locator('xpath=following-sibling::table[1]');
    const row = tableUnder('各县区参与情况').locator('tbody tr', { hasText: '广阳区' });
    await expect.poll(() => row.locator('td').nth(2).textContent()).toBe('1');
    await expect.poll(() => row.locator('td').nth(5).textContent()).toBe('0.1%'); // 1 of a 2,000 target
    const town = tableUnder('各乡镇（街道）参与情况').locator('tbody tr', { hasText: '测试乙街道' });
    expect(await town.locator('td').nth(2).textContent()).toBe('1');
    await page.screenshot({ path: path.join(SCREENS_DIR, 'admin-dashboard-1920.png'), fullPage: true });
    await context.close();
  });
});
