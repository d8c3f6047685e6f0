import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { login, type Staff } from '../helpers/http';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { HostView } from '../../shared/contest/views';
import type { ContestJoin } from '../../shared/protocol/contest-protocol';
import { buildClient, launchBrowser, PHONE, SCREENS_DIR } from '../helpers/browser';
import { makeSet, setUpContest, STAFF_PASSWORD, tokenOf } from '../helpers/contest';
import { joinContest, type ClientCommand, type ContestClient } from '../helpers/contest-sockets';
import { chromiumAvailable } from '../helpers/env';
import { startTestServer, type TestServer } from '../helpers/server';

describe.skipIf(!chromiumAvailable())('browser: team devices, audience phones and a judge pad during a live contest', () => {
  // Shared by every test and changed by none: the server, the browser, an organizer session. Each test runs its own
  // contest, with its own sockets and browser contexts, closed when the test ends.
  let server: TestServer;
  let browser: Browser;
  let staff: Staff;

  /** Sends a command and fails the test with the server's reason if it is refused. */
  const ok = async (client: ContestClient, command: ClientCommand) => {
    const r = await client.send(command);
    if (!r.ok) throw new Error(`${String(command.type)} rejected: ${r.error.code} ${r.error.message}`);
    return r.data.view as HostView;
  };
  /** A socket that joined a contest, closed when the test ends. */
  const join = async (contest: ContestJoin, headers: Record<string, string> = {}) => {
    const client = await joinContest(server.url, contest, headers);
    onTestFinished(() => client.close());
    return client;
  };
  /** A phone: a browser context of its own (its own storage), closed when the test ends. */
  const phone = async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: 'zh-CN', isMobile: true, hasTouch: true });
    onTestFinished(() => context.close());
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    return page;
  };
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENS_DIR, `contest-${name}.png`) });
  const noSidewaysScroll = async (page: Page) =>
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
  const text = (page: Page, selector: string) => page.locator(selector).first().textContent();

  /** A fresh contest (the five rounds of `setUpContest`, still in the lobby), driven over a host socket of its own. */
  const newContest = async () => {
    const { detail } = await setUpContest(server);
    // The host console is another page: the host is driven over its socket here.
    const host = await join({ pin: detail.pin, role: 'host' }, { cookie: staff.cookie });
    const tokenOfTeam = (teamId: string) => tokenOf(detail.links.teams.find((t) => t.teamId === teamId)!.url);
    const teamUrl = (teamId: string) => `${server.url}/team/${detail.pin}?t=${tokenOfTeam(teamId)}`;
    return { detail, host, tokenOfTeam, teamUrl };
  };

  /**
   * A fresh contest played as far as the first test plays it, over sockets: 必答 question 1 (张家 right, 王家 wrong),
   * 抢答 question 1 (王家 false-starts, 张家 buzzes first and is judged right), revealed. 张家 has 120, 王家 90, the
   * other six 100. Meanwhile 张家 and 王家 open their devices and a phone opens the audience page, on which 观众甲
   * (广阳区) then joins; it returns once the devices show those scores.
   */
  const contestAfterBuzzer = async () => {
    const contest = await newContest();
    const { detail, host, tokenOfTeam, teamUrl } = contest;
    // The devices load while the contest is played (a team may have more than one connection): they follow it live.
    const device = async (url: string) => {
      const page = await phone();
      await page.goto(url);
      return page;
    };
    const opening = Promise.all([device(teamUrl('t1')), device(teamUrl('t2')), device(`${server.url}/play/${detail.pin}`)]);
    opening.catch(() => undefined); // awaited below, after the play; a failed play must not leave it unhandled
    const t1Socket = await joinContest(server.url, { pin: detail.pin, role: 'team', token: tokenOfTeam('t1') });
    const t2Socket = await joinContest(server.url, { pin: detail.pin, role: 'team', token: tokenOfTeam('t2') });
    try {
      await ok(host, { type: 'contest:start' });
      const key = (await ok(host, { type: 'question:open' })).question!.key![0]!;
      await ok(t1Socket, { type: 'answer:submit', options: [key] });
      await ok(t2Socket, { type: 'answer:submit', options: [key === 0 ? 1 : 0] });
      await ok(host, { type: 'answer:lock' });
      await ok(host, { type: 'question:reveal' });
      await ok(host, { type: 'round:next' });
      await ok(host, { type: 'question:open' });
      await ok(t2Socket, { type: 'buzz:press' });
      await ok(host, { type: 'buzz:open' });
      await ok(t1Socket, { type: 'buzz:press' });
      await ok(host, { type: 'answer:judge', verdict: 'correct' });
      const revealed = await ok(host, { type: 'question:reveal' });
      expect(Object.fromEntries(revealed.teams.map((t) => [t.id, t.score]))).toEqual({ t1: 120, t2: 90, t3: 100, t4: 100, t5: 100, t6: 100, t7: 100, t8: 100 });
    } finally {
      t1Socket.close();
      t2Socket.close();
    }
    const [t1, t2, a1] = await opening;
    await a1.getByLabel('昵称').fill('观众甲');
    await a1.getByLabel('所在县（市、区）').selectOption({ label: '广阳区' });
    await a1.getByRole('button', { name: '加入比赛' }).click();
    await expect.poll(() => text(t1, '.ph-score-value')).toBe('120');
    await expect.poll(() => text(t2, '.ph-score-value')).toBe('90');
    for (const p of [t1, t2]) await expect.poll(() => text(p, '.ph-conn')).toBe('● 已连接');
    await expect.poll(() => text(a1, '.ph-me-name')).toBe('观众甲');
    return { ...contest, t1, t2, a1 };
  };

  beforeAll(async () => {
    const clientDir = await buildClient();
    server = await startTestServer({ ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: STAFF_PASSWORD }, { clientDir });
    browser = await launchBrowser();
    staff = await login(server, 'admin', STAFF_PASSWORD);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('plays a compulsory and a buzzer question on two team devices and two audience phones, and survives reloads', async () => {
    const { detail, host, teamUrl } = await newContest();
    // Team devices open from their links; the token leaves the address bar and stays on the device.
    const t1 = await phone();
    const t2 = await phone();
    await t1.goto(teamUrl('t1'));
    await t2.goto(teamUrl('t2'));
    await expect.poll(() => text(t1, '.ph-team-name')).toBe('张家战队');
    await expect.poll(() => text(t2, '.ph-team-name')).toBe('王家战队');
    expect(t1.url()).toBe(`${server.url}/team/${detail.pin}`);
    expect(await t1.evaluate((pin) => localStorage.getItem(`contest:team:${pin}`), detail.pin)).toBe(tokenOf(detail.links.teams[0]!.url));
    expect(await text(t1, '.ph-score-value')).toBe('100');
    await expect.poll(() => text(t1, '.ph-conn')).toBe('● 已连接');
    await shot(t1, 'team-lobby');

    // Audience: the form first (nickname and county), the join only after it is sent.
    const a1 = await phone();
    const a2 = await phone();
    await a1.goto(`${server.url}/play/${detail.pin}`);
    await expect.poll(() => text(a1, '.ph-title')).toBe('廊坊市健康知识家庭挑战赛决赛');
    await a1.getByRole('button', { name: '加入比赛' }).click();
    await expect.poll(() => a1.getByRole('alert').first().textContent()).toBe('请填写昵称');
    await a1.getByLabel('昵称').fill('观众甲');
    await a1.getByRole('button', { name: '加入比赛' }).click();
    await expect.poll(() => a1.getByRole('alert').first().textContent()).toBe('请选择所在县（市、区）');
    await a1.getByLabel('所在县（市、区）').selectOption({ label: '广阳区' });
    await shot(a1, 'audience-form');
    await a1.getByRole('button', { name: '加入比赛' }).click();
    await expect.poll(() => text(a1, '.ph-me-name')).toBe('观众甲');
    expect(await text(a1, '.ph-me-county')).toBe('广阳区');
    await a2.goto(`${server.url}/play/${detail.pin}`);
    await a2.getByLabel('昵称').fill('观众乙');
    await a2.getByLabel('所在县（市、区）').selectOption({ label: '安次区' });
    await a2.getByRole('button', { name: '加入比赛' }).click();
    await expect.poll(() => text(a2, '.ph-waiting-title')).toBe('欢迎，观众乙');
    await shot(a2, 'audience-lobby');
    await host.waitFor((v) => v.audience.joined === 2);

    // 必答: every team answers on its device, the audience along.
    await ok(host, { type: 'contest:start' });
    await expect.poll(() => text(t1, '.ph-waiting-title')).toBe('必答题');
    const opened = await ok(host, { type: 'question:open' });
    const key = opened.question!.key![0]!;
    const wrong = key === 0 ? 1 : 0;
    await expect.poll(() => t1.locator('.ph-option').count()).toBe(opened.question!.options.length);
    expect(await text(t1, '.qcard-stem')).toBe(opened.question!.stem);
    await expect.poll(() => t1.getByRole('timer').textContent()).toMatch(/作答剩余0:(30|29|28)/);
    await shot(t1, 'team-compulsory-question');
    await t1.locator('.ph-option').nth(key).click();
    await t2.locator('.ph-option').nth(wrong).click();
    await expect.poll(() => text(t1, '.ph-status')).toBe('✓ 已提交，等待揭晓答案');
    await expect.poll(() => text(t2, '.ph-status')).toBe('✓ 已提交，等待揭晓答案');
    expect(await t1.locator('.ph-option.chosen').count()).toBe(1);
    // A second tap changes nothing: one answer per question.
    await t1.locator('.ph-option').nth(wrong).click({ force: true });
    expect(await t1.locator('.ph-option.chosen').count()).toBe(1);
    await shot(t1, 'team-compulsory-answered');

    await expect.poll(() => a1.locator('.ph-option').count()).toBe(opened.question!.options.length);
    await shot(a1, 'audience-question');
    await a1.locator('.ph-option').nth(key).click();
    await a2.locator('.ph-option').nth(wrong).click();
    await expect.poll(() => text(a1, '.ph-status')).toBe('✓ 已提交，等待揭晓答案');
    await expect.poll(() => text(a2, '.ph-status')).toBe('✓ 已提交，等待揭晓答案');
    await shot(a1, 'audience-answered');

    await ok(host, { type: 'answer:lock' });
    await expect.poll(() => text(t1, '.ph-callout')).toBe('作答结束，等待揭晓答案');
    await ok(host, { type: 'question:reveal' });
    await expect.poll(() => text(t1, '.ph-callout')).toBe('回答正确+10 分');
    await expect.poll(() => text(t1, '.ph-score-value')).toBe('110');
    await expect.poll(() => text(t2, '.ph-callout')).toBe('回答错误0 分');
    expect(await text(t2, '.ph-score-value')).toBe('100');
    expect(await t2.locator('.ph-option.wrong').count()).toBe(1);
    expect(await t2.locator('.ph-option.correct').count()).toBe(1);
    await shot(t1, 'team-compulsory-right');
    await shot(t2, 'team-compulsory-wrong');
    await expect.poll(() => text(a1, '.ph-callout')).toMatch(/^回答正确\+1\d\d 分$/);
    const a1Score = Number(await text(a1, '[data-testid=my-score]'));
    expect(a1Score).toBeGreaterThanOrEqual(100);
    expect(await text(a1, '[data-testid=my-rank]')).toBe('1');
    await expect.poll(() => text(a2, '.ph-callout')).toBe('回答错误0 分');
    expect(await text(a2, '[data-testid=my-score]')).toBe('0');
    expect(await text(a2, '[data-testid=my-rank]')).toBe('2');
    expect(await text(a2, '.ph-me-stat:last-child .ph-me-label')).toBe('名 / 共 2 人');
    expect(await a1.locator('.qcard-explanation').count()).toBe(1);
    await shot(a1, 'audience-right');
    await shot(a2, 'audience-wrong');

    // 抢答: a press before the host opens buzzing is a false start; after it, the first press wins.
    await ok(host, { type: 'round:next' });
    const buzzQ = await ok(host, { type: 'question:open' });
    await expect.poll(() => text(t2, '.ph-buzz-word')).toBe('抢答');
    await shot(t1, 'team-buzz-early');
    await t2.locator('.ph-buzz').click();
    await expect.poll(() => text(t2, '.ph-callout')).toBe('抢跑！−10 分');
    await expect.poll(() => text(t2, '.ph-score-value')).toBe('90');
    await shot(t2, 'team-false-start');
    await ok(host, { type: 'buzz:open' });
    await expect.poll(() => text(t1, '.ph-buzz-word')).toBe('抢答！');
    await shot(t1, 'team-buzz-open');
    await t1.locator('.ph-buzz').click();
    await expect.poll(() => text(t1, '.ph-position-value')).toBe('第 1 位');
    expect(await text(t1, '.ph-position-detail')).toBe('轮到你们作答，请口头作答');
    await shot(t1, 'team-buzzed');
    // One rebound (补答) is allowed: the next team may still buzz, and sees who is answering.
    await expect.poll(() => text(t2, '.ph-zone-note')).toBe('张家战队 正在作答 · 可抢补答');
    expect(await text(t2, '.ph-buzz-word')).toBe('抢答！');
    await shot(t2, 'team-rebound-open');
    const tfKey = buzzQ.question!.key![0]!;
    await a1.locator('.ph-option').nth(tfKey).click();
    await expect.poll(() => text(a1, '.ph-status')).toBe('✓ 已提交，等待揭晓答案');

    // A reload lands in the same state: same team, its score and its place in the buzz order…
    await t1.reload();
    await expect.poll(() => text(t1, '.ph-position-value')).toBe('第 1 位');
    expect(await text(t1, '.ph-team-name')).toBe('张家战队');
    expect(await text(t1, '.ph-score-value')).toBe('110');
    expect(t1.url()).toBe(`${server.url}/team/${detail.pin}`);
    // …and the same audience member, with the answer it gave and its score.
    await a1.reload();
    await expect.poll(() => text(a1, '.ph-me-name')).toBe('观众甲');
    expect(Number(await text(a1, '[data-testid=my-score]'))).toBe(a1Score);
    expect(await text(a1, '[data-testid=my-rank]')).toBe('1');
    await expect.poll(() => text(a1, '.ph-status')).toBe('✓ 已提交，等待揭晓答案');
    expect(await a1.locator('.ph-option.chosen').count()).toBe(1);
    await shot(a1, 'audience-after-reload');

    await ok(host, { type: 'answer:judge', verdict: 'correct' });
    await expect.poll(() => text(t1, '.ph-callout')).toBe('回答正确+10 分');
    await expect.poll(() => text(t1, '.ph-score-value')).toBe('120');
    await ok(host, { type: 'question:reveal' });
    await expect.poll(() => text(a1, '.ph-callout')).toMatch(/^回答正确\+1\d\d 分$/);
    await shot(t1, 'team-buzz-right');
    for (const p of [t1, t2, a1, a2]) await noSidewaysScroll(p);
  }, 120_000);

  it('picks stakes on the devices (used tiles greyed out), answers a multiple-choice question, and scores on the judge pad', async () => {
    const { detail, host, t1, t2, a1 } = await contestAfterBuzzer();
    // The six teams without a browser pick over their sockets.
    const others = new Map<string, ContestClient>();
    for (const link of detail.links.teams.filter((l) => l.teamId !== 't1' && l.teamId !== 't2')) {
      others.set(link.teamId, await join({ pin: detail.pin, role: 'team', token: tokenOf(link.url) }));
    }
    await ok(host, { type: 'round:next' });
    await ok(host, { type: 'stake:open' });
    // Lowest score picks first: 王家 (90) first, 张家 (120) last.
    await expect.poll(() => text(t2, '.ph-h2')).toBe('轮到你们选择分值');
    await expect.poll(() => text(t1, '.ph-h2')).toBe('等待 王家战队 选择分值');
    expect(await t1.locator('.ph-stake:enabled').count()).toBe(0);
    await shot(t2, 'team-stake-turn');
    await shot(t1, 'team-stake-wait');
    await t2.getByRole('button', { name: '选择 20 分' }).click();
    await expect.poll(() => text(t2, '.ph-h2')).toBe('本题分值：20 分');
    for (const [, c] of others) await ok(c, { type: 'stake:pick', stake: 10 });
    await expect.poll(() => text(t1, '.ph-h2')).toBe('轮到你们选择分值');
    await t1.getByRole('button', { name: '选择 30 分' }).click();
    await expect.poll(() => text(t1, '.ph-status')).toBe('分值已全部选定，等待出题');
    await shot(t1, 'team-stake-picked');

    const risk = await ok(host, { type: 'question:open' });
    const keys = risk.question!.key!;
    await expect.poll(() => t1.locator('.ph-option').count()).toBe(risk.question!.options.length);
    expect(await text(t1, '.ph-chip')).toBe('本题分值：30 分');
    for (const k of keys) await t1.locator('.ph-option').nth(k).click();
    // Multiple choice toggles first: a second tap takes an option back.
    const extra = [...risk.question!.options.keys()].find((i) => !keys.includes(i))!;
    await t1.locator('.ph-option').nth(extra).click();
    expect(await t1.locator('.ph-option.chosen').count()).toBe(keys.length + 1);
    await t1.locator('.ph-option').nth(extra).click();
    expect(await t1.locator('.ph-option.chosen').count()).toBe(keys.length);
    await shot(t1, 'team-multiple-picking');
    await t1.getByRole('button', { name: `确认提交（已选 ${keys.length} 项）` }).click();
    await expect.poll(() => text(t1, '.ph-status')).toBe('✓ 已提交，等待揭晓答案');
    await t2.locator('.ph-option').nth(extra).click();
    await t2.getByRole('button', { name: '确认提交（已选 1 项）' }).click();
    await expect.poll(() => text(t2, '.ph-status')).toBe('✓ 已提交，等待揭晓答案');
    await a1.locator('.ph-option').nth(extra).click();
    await a1.getByRole('button', { name: '确认提交（已选 1 项）' }).click();
    await expect.poll(() => text(a1, '.ph-status')).toBe('✓ 已提交，等待揭晓答案');
    await ok(host, { type: 'answer:lock' });
    await ok(host, { type: 'question:reveal' });
    await expect.poll(() => text(t1, '.ph-callout')).toBe('回答正确+30 分');
    await expect.poll(() => text(t1, '.ph-score-value')).toBe('150');
    await expect.poll(() => text(t2, '.ph-callout')).toBe('回答错误−20 分');
    await expect.poll(() => text(t2, '.ph-score-value')).toBe('70');
    await shot(t2, 'team-risk-wrong');
    await expect.poll(() => text(a1, '.ph-callout')).toBe('回答错误0 分');

    // The next risk question: the tile this team used is greyed out.
    await ok(host, { type: 'question:next' });
    await ok(host, { type: 'stake:open' });
    await expect.poll(() => text(t2, '.ph-h2')).toBe('轮到你们选择分值');
    expect(await t2.locator('.ph-stake.used').count()).toBe(1);
    expect(await text(t2, '.ph-stake.used .ph-stake-value')).toBe('20');
    expect(await t2.getByRole('button', { name: '20 分（已用过）' }).isDisabled()).toBe(true);
    await shot(t2, 'team-stake-used');
    await ok(host, { type: 'step:undo' });

    // 评分: the judge pad shows the performing team and takes a score within the round's range.
    await ok(host, { type: 'round:next' });
    const judgeLink = detail.links.judges.find((j) => j.judgeId === 'j1')!;
    const judge = await phone();
    await judge.goto(`${server.url}/judge/${detail.pin}?t=${tokenOf(judgeLink.url)}`);
    await expect.poll(() => text(judge, '.ph-team-name')).toBe('评委一');
    expect(judge.url()).toBe(`${server.url}/judge/${detail.pin}`);
    await expect.poll(() => text(judge, '.ph-waiting-title')).toBe('等待下一支战队上场');
    await shot(judge, 'judge-waiting');
    await ok(host, { type: 'judging:open' });
    await expect.poll(() => text(judge, '.ph-performer')).toBe('张家战队');
    await expect.poll(() => text(t1, '.ph-waiting-title')).toBe('请开始表演');
    // Out of range: the pad knows the round's scale and says why, in Chinese, before anything is sent.
    for (const k of ['1', '5']) await judge.getByRole('button', { name: k, exact: true }).click();
    await judge.getByRole('button', { name: '提交 15 分' }).click();
    await expect.poll(() => judge.getByRole('alert').first().textContent()).toContain('评分应在 0 到 10 之间');
    for (let i = 0; i < 2; i++) await judge.getByRole('button', { name: '删除一位' }).click();
    for (const k of ['9', '小数点', '5']) await judge.getByRole('button', { name: k, exact: true }).click();
    await shot(judge, 'judge-entering');
    await judge.getByRole('button', { name: '提交 9.5 分' }).click();
    await expect.poll(() => text(judge, '.ph-confirm-value')).toBe('9.5');
    expect(await text(judge, '.ph-confirm-detail')).toBe('已有 1 / 3 位评委评分，等待其他评委');
    await shot(judge, 'judge-sent');
    for (const id of ['j2', 'j3']) {
      const c = await join({ pin: detail.pin, role: 'judge', token: tokenOf(detail.links.judges.find((j) => j.judgeId === id)!.url) });
      await ok(c, { type: 'judge:score', teamId: 't1', score: id === 'j2' ? 8 : 9 });
    }
    // Until the host closes scoring the judge may change the score; nothing is added yet.
    expect(await judge.locator('[data-change-score]').count()).toBe(1);
    expect(await text(t1, '.ph-score-value')).toBe('150');
    await ok(host, { type: 'judging:close' });
    await expect.poll(() => text(judge, '.ph-confirm-detail')).toBe('主持人已结束评分，正在复核');
    expect(await judge.locator('[data-change-score]').count()).toBe(0);
    // The host sends the score back with a reason: the pad shows it and takes a new score.
    await ok(host, { type: 'judging:return', judgeId: 'j1', reason: '请按评分细则重新核对' });
    await expect.poll(() => text(judge, '[data-returned]')).toBe('主持人退回了您的评分：请按评分细则重新核对');
    await shot(judge, 'judge-returned');
    await judge.getByRole('button', { name: '9', exact: true }).click();
    await judge.getByRole('button', { name: '提交 9 分' }).click();
    await expect.poll(() => text(judge, '.ph-confirm-value')).toBe('9');
    await ok(host, { type: 'judging:publish' });
    await expect.poll(() => text(judge, '.ph-results li')).toBe('张家战队平均 9 · 您给 9 · 计入 +9');
    await expect.poll(() => text(t1, '.ph-waiting-detail')).toBe('你们的评委平均分 9，计入 +9 分');
    await expect.poll(() => text(t1, '.ph-score-value')).toBe('159');
    await shot(judge, 'judge-scored');
    await shot(t1, 'team-judged');
    for (const p of [t1, t2, judge]) await noSidewaysScroll(p);
  }, 120_000);

  it('lets the answering team tap its answer in a device-answer buzzer round, shows a pause, and speaks English', async () => {
    const setId = await makeSet(staff, '设备抢答题', 'single', 1, 3);
    const { detail: d } = await setUpContest(server, {
      title: '设备作答演示赛',
      rounds: [{ id: 'd1', kind: 'buzzer', title: '抢答题', setId, answerMode: 'device' }],
    });
    const h = await join({ pin: d.pin, role: 'host' }, { cookie: staff.cookie });
    const link = (teamId: string) => `${server.url}/team/${d.pin}?t=${tokenOf(d.links.teams.find((t) => t.teamId === teamId)!.url)}`;
    const t3 = await phone();
    const t4 = await phone();
    await t3.goto(link('t3'));
    await t4.goto(link('t4'));
    await expect.poll(() => text(t3, '.ph-team-name')).toBe('李家战队');
    await expect.poll(() => text(t4, '.ph-team-name')).toBe('赵家战队');

    await ok(h, { type: 'contest:start' });
    const q = await ok(h, { type: 'question:open' });
    await ok(h, { type: 'buzz:open' });
    await expect.poll(() => text(t3, '.ph-buzz-word')).toBe('抢答！');
    // Options are not tappable before the team's turn.
    expect(await t3.locator('.ph-option.live').count()).toBe(0);
    await t3.locator('.ph-buzz').click();
    await expect.poll(() => text(t3, '.ph-callout.go')).toBe('轮到你们作答！请点选答案');
    expect(await t3.locator('.ph-option.live').count()).toBe(q.question!.options.length);
    expect(await t3.locator('.ph-buzz-zone').count()).toBe(0);
    expect(await t4.locator('.ph-option.live').count()).toBe(0);
    await shot(t3, 'team-device-turn');

    // The host pauses: every device says so, and the answering team cannot answer meanwhile.
    await ok(h, { type: 'contest:pause' });
    await expect.poll(() => text(t3, '.ph-banner-paused')).toBe('比赛暂停中，请稍候');
    expect(await t3.locator('.ph-callout.go').count()).toBe(0);
    await expect.poll(() => t3.locator('.ph-option.live').count()).toBe(0);
    await shot(t3, 'team-paused');
    await ok(h, { type: 'contest:resume' });
    await expect.poll(() => t3.locator('.ph-banner-paused').count()).toBe(0);

    await t3.locator('.ph-option').nth(q.question!.key![0]!).click();
    await expect.poll(() => text(t3, '.ph-callout')).toBe('回答正确+10 分');
    await expect.poll(() => text(t3, '.ph-score-value')).toBe('110');

    // English on the same device, remembered like on every other page.
    await t4.getByRole('button', { name: '切换到英文' }).click();
    await expect.poll(() => text(t4, '.ph-sub')).toBe('抢答题 · Question 1 / 1');
    await expect.poll(() => text(t4, '.ph-score-rank')).toMatch(/^Rank \d$/);
    expect(await text(t4, '.ph-callout')).toBe('李家战队: Right');
    await shot(t4, 'team-english');
    await noSidewaysScroll(t3);
    // Without its link a device cannot be a team; with a wrong one the server says why.
    const stray = await phone();
    await stray.goto(`${server.url}/team/${d.pin}`);
    await expect.poll(() => text(stray, '.ph-waiting-title')).toBe('请用工作人员发给本队的设备链接打开');
    await stray.goto(`${server.url}/team/${d.pin}?t=${'x'.repeat(32)}`);
    await expect.poll(() => text(stray, '.ph-error')).toBe('设备链接无效或已过期，请向工作人员索取新的链接');
    expect(await text(stray, '.ph-waiting-title')).toBe('无法加入比赛');
    await shot(stray, 'team-bad-link');
    // A tablet on stage: the same page with more room.
    await t3.setViewportSize({ width: 820, height: 1180 });
    await shot(t3, 'team-tablet');
    await noSidewaysScroll(t3);
  }, 120_000);
});
