import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContestDetail } from '../../shared/contest/draft';
import { BIG_SCREEN, buildClient, launchBrowser, PHONE, SCREENS_DIR, signIn } from '../helpers/browser';
import { makeSet, STAFF_PASSWORD } from '../helpers/contest';
import { chromiumAvailable } from '../helpers/env';
import { login, type Staff } from '../helpers/http';
import { startTestServer, type TestServer } from '../helpers/server';

describe.skipIf(!chromiumAvailable())('browser: an organizer sets up a live contest', () => {
  let server: TestServer;
  let browser: Browser;
  let staff: Staff;
  /**
   * A second install that only the first test uses: it starts from no contest at all (the list's empty state), which
   * the shared server cannot promise once another test has created one there.
   */
  let fresh: TestServer;
  let freshStaff: Staff;
  let compulsorySet: string;
  let buzzerSet: string;
  beforeAll(async () => {
    const clientDir = await buildClient();
    const env = { ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: STAFF_PASSWORD };
    [server, fresh, browser] = await Promise.all([startTestServer(env, { clientDir }), startTestServer(env, { clientDir }), launchBrowser()]);
    [staff, freshStaff] = await Promise.all([login(server, 'admin', STAFF_PASSWORD), login(fresh, 'admin', STAFF_PASSWORD)]);
    compulsorySet = await makeSet(freshStaff, '决赛必答题', 'single', 3);
    buzzerSet = await makeSet(freshStaff, '决赛抢答题', 'truefalse', 3);
    mkdirSync(SCREENS_DIR, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await fresh?.stop();
    await server?.stop();
  });

  /** A browser context already signed in with the API session. */
  const signedIn = async (viewport: { width: number; height: number }) => {
    const context = await browser.newContext({ viewport, locale: 'zh-CN' });
    await signIn(context, server.url, staff);
    context.setDefaultTimeout(10_000);
    return context;
  };
  const contests = async (as: Staff) => ((await (await as.request('/api/contests')).json()) as { data: { id: string; pin: string; title: string }[] }).data;
  const detailOf = async (id: string, as: Staff = staff) => ((await (await as.request(`/api/contests/${id}`)).json()) as { data: ContestDetail }).data;

  it('creates a contest through the form: field errors first, then the PIN and every device link', async () => {
    // A fresh install: the list starts empty.
    const context = await browser.newContext({ viewport: BIG_SCREEN, locale: 'zh-CN' });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await page.goto(`${fresh.url}/admin/contests`);
    await expect.poll(() => page.url()).toContain('/admin/login');
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill(STAFF_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => page.url()).toBe(`${fresh.url}/admin/contests`);
    await expect.poll(() => page.locator('.empty').textContent()).toContain('还没有现场比赛');

    await page.getByRole('link', { name: '新建比赛' }).click();
    await expect.poll(() => page.url()).toBe(`${fresh.url}/admin/contests/new`);
    await page.getByLabel('比赛名称').fill('廊坊市健康知识家庭挑战赛决赛');
    await page.getByRole('switch', { name: '彩排模式' }).check();
    await page.getByLabel('观众所在地区（市）').selectOption('131000');
    await page.getByLabel('速度加分上限').fill('150');

    // Two teams come with a new contest; the second is left without a name on purpose.
    await page.getByLabel('第 1 队 战队名称').fill('张家战队');
    await page.getByLabel('第 1 队 成员（选填）').fill('张伟、李娜、张小明');
    await page.getByLabel('第 1 队 所在县（市、区）').selectOption('131003');
    await page.getByLabel('第 2 队 所在县（市、区）').selectOption('131002');

    const rounds = page.locator('fieldset.cf-round');
    const first = rounds.nth(0);
    await expect.poll(() => first.getByLabel('环节类型').inputValue()).toBe('compulsory');
    await first.getByLabel('题目集').selectOption(compulsorySet);
    // Two seconds is below the 5-second minimum: the draft holds milliseconds, the error speaks seconds.
    const timeLimit = first.getByLabel('作答时间（秒）', { exact: true });
    await timeLimit.fill('2');
    await page.getByRole('button', { name: '添加环节' }).click();
    await expect.poll(() => rounds.count()).toBe(2);
    const second = rounds.nth(1);
    await second.getByLabel('环节类型').selectOption('buzzer');
    await expect.poll(() => second.getByLabel('环节名称').inputValue()).toBe('抢答题');
    await second.getByLabel('题目集').selectOption(buzzerSet);
    await second.getByLabel('作答方式').selectOption('device');
    await second.getByLabel('补答次数').fill('1');
    // The rebound points appear only once rebounds are allowed.
    await expect.poll(() => second.getByLabel('补答答对（分）').count()).toBe(1);

    await page.getByRole('button', { name: '创建比赛' }).click();
    const nameless = page.getByLabel('第 2 队 战队名称');
    await expect.poll(() => nameless.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => page.locator('.cf-team').nth(1).locator('.field-error').textContent()).toBe('请填写战队名称');
    const bonus = page.getByLabel('速度加分上限');
    await expect.poll(() => bonus.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => page.locator('.cf-field', { has: bonus }).locator('.field-error').textContent()).toBe('速度加分上限不能超过答对得分（100）');
    // The first marked field takes the focus, and nothing was created.
    await expect.poll(() => bonus.evaluate((el) => el === document.activeElement)).toBe(true);
    await expect.poll(() => first.locator('.cf-field', { has: page.getByLabel('作答时间（秒）', { exact: true }) }).locator('.field-error').textContent()).toBe('请填写 5–600 秒之间的整数');
    expect(await page.getByLabel('第 1 队 战队名称').getAttribute('aria-invalid')).toBe('false');
    expect(await contests(freshStaff)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENS_DIR, 'contest-setup-errors-1920.png') });

    await bonus.fill('50');
    await nameless.fill('王家战队');
    await timeLimit.fill('20');
    await page.getByRole('button', { name: '创建比赛' }).click();
    await expect.poll(() => page.url()).toMatch(/\/admin\/contests\/[A-Za-z0-9_-]{6,32}$/);
    const id = page.url().split('/').pop()!;
    await expect.poll(() => page.locator('.cf-pin').textContent()).toMatch(/^\d{6}$/);
    await expect.poll(() => page.getByRole('status').textContent()).toBe('设置已保存');
    const pin = (await page.locator('.cf-pin').textContent())!;

    // What the server stored is what the organizer typed, seconds turned into milliseconds.
    const detail = await detailOf(id, freshStaff);
    expect(detail.pin).toBe(pin);
    expect(detail).toMatchObject({ title: '廊坊市健康知识家庭挑战赛决赛', status: 'setup', rehearsal: true });
    expect(detail.draft).toMatchObject({
      regionCode: '131000',
      baseScore: 100,
      audience: { pointsPerCorrect: 100, speedBonusMax: 50, leaderboardSize: 50 },
      teams: [
        { id: 't1', name: '张家战队', members: ['张伟', '李娜', '张小明'], county: '131003' },
        { id: 't2', name: '王家战队', county: '131002' },
      ],
      rounds: [
        { kind: 'compulsory', title: '必答题', setId: compulsorySet, timeLimitMs: 20_000, correctPoints: 10, wrongPoints: 0, audience: true },
        { kind: 'buzzer', title: '抢答题', setId: buzzerSet, answerMode: 'device', buzzWindowMs: 15_000, answerTimeMs: 20_000, wrongPoints: -10, falseStartPoints: -10, rebounds: 1 },
      ],
    });
    expect(detail.draft.teams[1]!.members).toBeUndefined();
    expect(detail.draft.rounds[1]).not.toHaveProperty('reboundCorrectPoints');

    // Every device link is on the page with its QR code: host, screen, overlay, audience and one per team.
    for (const t of detail.links.teams) {
      await expect.poll(() => page.getByRole('link', { name: `战队设备：${t.name}的链接` }).getAttribute('href')).toBe(t.url);
    }
    await expect.poll(() => page.getByRole('link', { name: '大屏幕的链接' }).getAttribute('href')).toBe(detail.links.screen);
    await expect.poll(() => page.getByRole('link', { name: '观众答题的链接' }).getAttribute('href')).toBe(detail.links.audience);
    await expect.poll(() => page.locator('.cf-qr svg').count()).toBe(6);
    await expect.poll(() => page.getByRole('img', { name: '战队设备：张家战队二维码' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: '打开主持人控制台' }).getAttribute('href')).toBe(`/host/${id}`);
    expect(await page.getByRole('link', { name: '导出比赛记录' }).getAttribute('href')).toBe(`/api/contests/${id}/export.xlsx`);
    await page.screenshot({ path: path.join(SCREENS_DIR, 'contest-setup-1920.png') });
    await page.screenshot({ path: path.join(SCREENS_DIR, 'contest-setup-1920-full.png'), fullPage: true });
    await rounds.nth(0).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: path.join(SCREENS_DIR, 'contest-setup-rounds-1920.png') });

    // Reordering keeps each team's id, so the links already handed out stay valid.
    await page.getByRole('button', { name: '下移第 1 队' }).click();
    await expect.poll(() => page.getByLabel('第 1 队 战队名称').inputValue()).toBe('王家战队');
    await page.getByRole('button', { name: '保存设置' }).click();
    await expect.poll(async () => (await detailOf(id, freshStaff)).draft.teams.map((t) => t.id)).toEqual(['t2', 't1']);
    const reordered = await detailOf(id, freshStaff);
    expect(reordered.links.teams.map((t) => t.url)).toEqual([detail.links.teams[1]!.url, detail.links.teams[0]!.url]);

    // A rehearsal's data can be cleared, after a confirmation.
    await page.getByRole('button', { name: '清除彩排数据' }).click();
    const dialog = page.getByRole('alertdialog', { name: '确定清除彩排数据吗？' });
    await expect.poll(() => dialog.count()).toBe(1);
    await dialog.getByRole('button', { name: '确认清除' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('彩排数据已清除，比赛已回到准备状态');
    await expect.poll(() => dialog.count()).toBe(0);

    await page.getByRole('link', { name: '返回比赛列表' }).click();
    await expect.poll(() => page.locator('.cf-list tbody tr').count()).toBe(1);
    expect(await page.locator('.cf-list-pin').textContent()).toBe(pin);
    await page.screenshot({ path: path.join(SCREENS_DIR, 'contest-list-1920.png') });
    await context.close();
  });

  it('sets up risk, tie-break and judged rounds, with a rule error shown on its field', async () => {
    const riskSet = await makeSet(staff, '风险题', 'multiple', 3);
    const tiebreakSet = await makeSet(staff, '加赛题', 'truefalse', 3, 2);
    const context = await signedIn(BIG_SCREEN);
    const page = await context.newPage();
    await page.goto(`${server.url}/admin/contests/new`);
    await page.getByLabel('比赛名称').fill('河北省家庭健康知识竞赛总决赛');
    await page.getByLabel('第 1 队 战队名称').fill('张家战队');
    await page.getByLabel('第 2 队 战队名称').fill('王家战队');
    await page.getByRole('button', { name: '添加战队' }).click();
    await page.getByLabel('第 3 队 战队名称').fill('李家战队');

    const rounds = page.locator('fieldset.cf-round');
    const risk = rounds.nth(0);
    await risk.getByLabel('环节类型').selectOption('risk');
    await expect.poll(() => risk.getByLabel('环节名称').inputValue()).toBe('风险题');
    await risk.getByLabel('题目集').selectOption(riskSet);
    await risk.getByRole('textbox', { name: /^分值/ }).fill('20/40/60');
    await risk.getByLabel('选分顺序').selectOption('highest-first');
    await risk.getByLabel('允许放弃').check();
    await risk.getByLabel('选分时间（秒）').fill('15');

    await page.getByRole('button', { name: '添加环节' }).click();
    const tiebreak = rounds.nth(1);
    await tiebreak.getByLabel('环节类型').selectOption('tiebreak');
    await tiebreak.getByLabel('题目集').selectOption(tiebreakSet);
    await tiebreak.getByLabel('只对前几名的同分加赛').fill('3');
    await tiebreak.getByLabel('观众同步答题').uncheck();

    await page.getByRole('button', { name: '添加环节' }).click();
    const judged = rounds.nth(2);
    await judged.getByLabel('环节类型').selectOption('judged');
    await expect.poll(() => judged.getByLabel('题目集').count()).toBe(0);
    await judged.getByLabel('环节名称').fill('健康科普情景剧');
    await judged.getByLabel('评委 1 姓名').fill('刘主任');
    await judged.getByRole('button', { name: '添加评委' }).click();
    await judged.getByLabel('评委 2 姓名').fill('陈医生');
    await judged.getByLabel('计分方式').selectOption('trimmed-mean');
    await judged.getByLabel('最高分').fill('10');
    await judged.getByLabel('计入总分的系数').fill('0.5');
    await judged.getByLabel('王家战队').uncheck();

    // Two judges cannot have their highest and lowest scores dropped: the server says so next to the rule.
    await page.getByRole('button', { name: '创建比赛' }).click();
    const aggregate = judged.getByLabel('计分方式');
    await expect.poll(() => aggregate.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => judged.locator('.cf-field', { has: page.getByLabel('计分方式') }).locator('.field-error').textContent()).toBe('去掉最高分和最低分至少需要 3 位评委');
    await judged.getByRole('button', { name: '添加评委' }).click();
    await judged.getByLabel('评委 3 姓名').fill('赵老师');
    await tiebreak.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: path.join(SCREENS_DIR, 'contest-setup-kinds-1920.png') });
    await page.getByRole('button', { name: '创建比赛' }).click();
    await expect.poll(() => page.url()).toMatch(/\/admin\/contests\/[A-Za-z0-9_-]{6,32}$/);

    const detail = await detailOf(page.url().split('/').pop()!);
    expect(detail.rehearsal).toBe(false);
    expect(detail.draft.rounds).toMatchObject([
      { kind: 'risk', setId: riskSet, stakes: [20, 40, 60], pickOrder: 'highest-first', allowPass: true, stakeTimeMs: 15_000, timeLimitMs: 30_000 },
      { kind: 'tiebreak', setId: tiebreakSet, places: 3, audience: false, answerMode: 'oral' },
      { kind: 'judged', title: '健康科普情景剧', aggregate: 'trimmed-mean', minScore: 0, maxScore: 10, weight: 0.5, teams: ['t1', 't3'] },
    ]);
    const panel = detail.draft.rounds[2]!;
    expect(panel.kind === 'judged' && panel.judges.map((j) => j.name)).toEqual(['刘主任', '陈医生', '赵老师']);
    expect(detail.links.judges.map((j) => j.name)).toEqual(['刘主任', '陈医生', '赵老师']);
    // A rehearsal switch that is off means no reset button.
    await expect.poll(() => page.locator('.cf-pin').count()).toBe(1);
    expect(await page.getByRole('button', { name: '清除彩排数据' }).count()).toBe(0);
    await expect.poll(() => page.getByRole('img', { name: '评委：赵老师二维码' }).count()).toBe(1);

    // The same page in English.
    await page.getByRole('button', { name: '切换到英文' }).click();
    await expect.poll(() => page.locator('#cf-links-title').textContent()).toBe('Contest PIN and device links');
    await expect.poll(() => page.getByRole('img', { name: 'QR code of Judge: 赵老师' }).count()).toBe(1);
    await rounds.nth(2).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: path.join(SCREENS_DIR, 'contest-setup-en-1920.png') });
    await context.close();
  });

  it('lays the editor out on a phone without overflowing', async () => {
    const context = await signedIn(PHONE);
    const page = await context.newPage();
    await page.goto(`${server.url}/admin/contests/new`);
    await expect.poll(() => page.getByLabel('第 1 队 战队名称').count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: path.join(SCREENS_DIR, 'contest-setup-phone.png'), fullPage: true });
    await context.close();
  });

  it('fills the team list from an Excel file, and lists the problems of a bad file by row', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('战队');
    ws.addRows([['战队名称', '成员', '县区'], ['周家战队', '周一、周二、周三', '广阳区'], ['吴家战队', '吴一、吴二、吴三、吴四', '三河市'], ['郑家战队', '郑一、郑二、郑三', '香河县']]);
    const good = Buffer.from(await book.xlsx.writeBuffer());
    const context = await signedIn(BIG_SCREEN);
    const page = await context.newPage();
    await page.goto(`${server.url}/admin/contests/new`);
    await expect.poll(() => page.getByLabel('第 1 队 战队名称').count()).toBe(1);
    await page.getByLabel('从 Excel 导入战队').setInputFiles({ name: 'teams.csv', mimeType: 'text/csv', buffer: Buffer.from('战队名称,成员\n孤家战队,一人') });
    await expect.poll(() => page.locator('.cf-problems li').first().textContent()).toContain('第 2 行');
    await page.getByLabel('从 Excel 导入战队').setInputFiles({ name: 'teams.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: good });
    await expect.poll(() => page.getByLabel('第 3 队 战队名称').inputValue()).toBe('郑家战队');
    expect(await page.getByLabel('第 2 队 成员').inputValue()).toBe('吴一、吴二、吴三、吴四');
    await expect.poll(() => page.getByRole('status').filter({ hasText: '已填入 3 支战队' }).count()).toBe(1);
    await context.close();
  });
});
