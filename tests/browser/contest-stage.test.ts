import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { ContestDetail } from '../../shared/contest/draft';
import type { HostView } from '../../shared/contest/views';
import type { ContestJoin } from '../../shared/protocol/contest-protocol';
import { BIG_SCREEN, buildClient, launchBrowser, PHONE, SCREENS_DIR, signIn } from '../helpers/browser';
import { setUpContest, STAFF_PASSWORD, tokenOf, untimed } from '../helpers/contest';
import { joinContest, type ClientCommand, type ContestClient } from '../helpers/contest-sockets';
import { chromiumAvailable } from '../helpers/env';
import { login, type Staff } from '../helpers/http';
import { startTestServer, type TestServer } from '../helpers/server';

describe.skipIf(!chromiumAvailable())('browser: host console, big screen and overlay run a contest together', () => {
  // Shared by every test and changed by none: the server, the browser, an organizer session. Each test runs its own
  // contest, with its own sockets and browser contexts, closed when the test ends.
  let server: TestServer;
  let browser: Browser;
  let staff: Staff;

  // Animations (rank slides, the podium rising) are fast-forwarded so the picture shows where they end.
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENS_DIR, `stage-${name}.png`), animations: 'disabled' });
  const text = (page: Page, selector: string) => page.locator(selector).first().textContent();
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
  /** A browser context of its own, closed when the test ends. */
  const newContext = async (options: Parameters<Browser['newContext']>[0]) => {
    const context = await browser.newContext(options);
    onTestFinished(() => context.close());
    return context;
  };

  /**
   * A fresh contest, in the lobby, in which no phase timer may run out under the test, however slow a step (a
   * screenshot on a loaded machine) is: every limit is longer than the test may take, so the contest moves only when
   * the test moves it. The test's own view of the host state (a second host connection, `watcher`) knows the answer
   * key. Six teams play over sockets, two are left for real team devices; six audience members from three counties
   * and the three judges are connected.
   */
  const newContest = async () => {
    const { detail } = await setUpContest(server, untimed);
    const watcher = await join({ pin: detail.pin, role: 'host' }, { cookie: staff.cookie });
    const counties = ['131003', '131002', '131022'];
    const [teamSockets, sockets, judges] = await Promise.all([
      Promise.all(detail.links.teams.slice(2).map(async (link) => [link.teamId, await join({ pin: detail.pin, role: 'team', token: tokenOf(link.url) })] as const)).then((pairs) => Object.fromEntries(pairs) as Record<string, ContestClient>),
      Promise.all(counties.concat(counties).map((county, i) => join({ pin: detail.pin, role: 'audience', nickname: `观众${i + 1}`, county }))),
      Promise.all(detail.links.judges.map((link) => join({ pin: detail.pin, role: 'judge', token: tokenOf(link.url) }))),
    ]);
    const hostView = () => watcher.latest.view as HostView;
    const teamToken = (teamId: string) => tokenOf(detail.links.teams.find((t) => t.teamId === teamId)!.url);
    return {
      detail,
      watcher,
      teamSockets,
      sockets,
      judges,
      hostView,
      phase: () => hostView().phase,
      teamToken,
      teamUrl: (teamId: string) => `${server.url}/team/${detail.pin}?t=${teamToken(teamId)}`,
    };
  };

  /** Opens the stage's pages in contexts of their own; uncaught errors on them (a blocked buzz sound must not be one) are collected. */
  const stagePages = () => {
    const pageErrors: string[] = [];
    const watch = (page: Page) => {
      page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e.message}`));
      page.setDefaultTimeout(8000);
      return page;
    };
    return {
      pageErrors,
      watch,
      /** The host console, signed in with the organizer's session. */
      openHost: async (detail: ContestDetail) => {
        const hostContext = await newContext({ viewport: BIG_SCREEN, locale: 'zh-CN' });
        await signIn(hostContext, server.url, staff);
        const host = watch(await hostContext.newPage());
        await host.goto(`${server.url}/host/${detail.id}`);
        return host;
      },
      openBig: async (url: string) => {
        const page = watch(await (await newContext({ viewport: BIG_SCREEN, locale: 'zh-CN' })).newPage());
        await page.goto(url);
        return page;
      },
      openTeam: async (url: string) => {
        const page = await (await newContext({ viewport: PHONE, locale: 'zh-CN', isMobile: true, hasTouch: true })).newPage();
        page.setDefaultTimeout(8000);
        await page.goto(url);
        return page;
      },
    };
  };

  /** The console's controls. */
  const consoleOf = (host: Page) => ({
    /** The host's primary button: the next step, whatever it says. */
    primary: () => host.locator('.host-btn.big'),
    /**
     * Waits until the console can act on one of its keyboard shortcuts, before the test presses it. The console acts on
     * its own view and ignores keys while its previous command is unanswered; the server answers a host command only
     * after writing it to the audit log, so the new phase shows on every device (the watcher, the screen, the console)
     * a database commit before the console is free again, and on a loaded machine a key pressed then is lost. The
     * button of the same shortcut is enabled exactly when the key would act.
     */
    readyFor: async (key: 'Space' | 'Enter' | 'J' | 'K' | 'P' | 'R' | 'Z') => {
      const button = host.locator(`button[aria-keyshortcuts~="${key}"]`);
      await expect.poll(async () => (await button.count()) === 1 && (await button.isEnabled())).toBe(true);
    },
  });
  /** The score shown on the big screen's scoreboard for a team. */
  const scoreOn = (screen: Page) => (teamId: string) => text(screen, `.scoreboard-row[data-team="${teamId}"] .sb-score`);

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

  it('sends a visitor without a session to sign in', async () => {
    const { detail } = await setUpContest(server);
    const page = await (await newContext({ viewport: BIG_SCREEN, locale: 'zh-CN' })).newPage();
    await page.goto(`${server.url}/host/${detail.id}`);
    await expect.poll(() => text(page, '.host-blocked p')).toBe('请先登录主持人、组织者或管理员账号');
    expect(await page.getByRole('link', { name: '前往登录' }).getAttribute('href')).toBe(`/admin/login?next=${encodeURIComponent(`/host/${detail.id}`)}`);
    await page.context().close();
  });

  // One story on one contest: the rounds after the first pick up the scores, the pages and the console it left.
  it('runs the compulsory round from the console while the screen follows, then the buzzer, risk and judged rounds, and ends on the podium', async () => {
    const { detail, teamSockets, sockets, judges, hostView, phase, teamUrl } = await newContest();
    const { pageErrors, openHost, openBig, openTeam } = stagePages();
    const host = await openHost(detail);
    const { primary, readyFor } = consoleOf(host);
    await expect.poll(() => primary().textContent()).toBe('开始比赛空格 / 回车');
    expect(await host.getByRole('button', { name: '开始比赛' }).getAttribute('aria-keyshortcuts')).toBe('Space Enter');
    expect(await text(host, '.host-badge.rehearsal')).toBe('彩排');
    expect(await host.getByRole('link', { name: '导出比赛记录（Excel）' }).getAttribute('href')).toBe(`/api/contests/${detail.id}/export.xlsx`);
    expect(await host.getByRole('link', { name: '比赛设置' }).getAttribute('href')).toBe(`/admin/contests/${detail.id}`);

    const screen = await openBig(`${server.url}/screen/${detail.pin}`);
    const screenScore = scoreOn(screen);
    await expect.poll(() => text(screen, '.cover-title')).toBe('廊坊市健康知识家庭挑战赛决赛');
    expect(await screen.locator('.cover-teams li').count()).toBe(8);
    await expect.poll(() => screen.locator('.join-qr svg').count()).toBe(1);
    expect(await text(screen, '.cover-url')).toBe(`${new URL(server.url).host}/play/${detail.pin}`);
    expect(await text(screen, '.cover-pin')).toBe(`观众 PIN：${detail.pin}`);

    const teams: Record<string, Page> = {};
    for (const id of ['t1', 't2']) teams[id] = await openTeam(teamUrl(id));
    await expect.poll(() => text(teams.t1!, '.ph-team-name')).toBe('张家战队');
    await shot(host, 'host-lobby');
    await shot(screen, 'screen-cover');

    // Space is the next step: the contest starts, the screen introduces the first round.
    await readyFor('Space');
    await host.locator('body').press('Space');
    await expect.poll(() => text(screen, '.hero-title')).toBe('必答题');
    expect(await text(screen, '.hero-chip')).toBe('第 1 / 5 环节 · 必答题');
    await expect.poll(() => primary().textContent()).toBe('出题：第 1 题空格 / 回车');
    await shot(screen, 'screen-round-intro');

    await host.getByRole('button', { name: '出题：第 1 题' }).click();
    await expect.poll(() => phase()).toBe('answering');
    const q1 = hostView().question!;
    const q1Deadline = hostView().deadline!;
    const key = q1.key![0]!;
    const wrong = key === 0 ? 1 : 0;
    // The host sees the key and the explanation; the screen the question and a large countdown.
    await expect.poll(() => text(host, '[data-testid=answer-key]')).toBe(`答案：${'ABCD'[key]}`);
    expect(await text(host, '.host-question .qcard-explanation')).toBe(q1.explanation);
    await expect.poll(() => text(screen, '.qcard-stem')).toBe(q1.stem);
    expect(await screen.locator('.qcard-option').count()).toBe(q1.options.length);
    expect(await screen.locator('.qcard-option.correct').count()).toBe(0);
    expect(await screen.locator('.qcard-explanation').count()).toBe(0);
    // The screen counts down to the server's deadline: it shows the seconds left (read before and after, ±1 s for its
    // clock estimate and its quarter-second tick).
    const secondsLeft = () => Math.ceil((q1Deadline - Date.now()) / 1000);
    const seconds = (clock: string) => clock.split(':').reduce((total, part) => total * 60 + Number(part), 0);
    await expect
      .poll(async () => {
        const most = secondsLeft();
        const shown = seconds((await screen.getByRole('timer').textContent()) ?? '');
        const least = secondsLeft();
        return shown >= least - 1 && shown <= most + 1 ? 'in step' : `shows ${shown} s, ${least}–${most} s left`;
      })
      .toBe('in step');
    const fontSize = (selector: string) => screen.locator(selector).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(await fontSize('.qcard-stem')).toBeGreaterThanOrEqual(56);
    expect(await fontSize('.countdown-value')).toBeGreaterThanOrEqual(96);

    // Two teams tap their answers on their devices; the console sees them live, with right or wrong.
    await teams.t1!.locator('.ph-option').nth(key).click();
    await teams.t2!.locator('.ph-option').nth(wrong).click();
    await expect.poll(() => text(host, '.host-table tr[data-team="t1"] td.ok')).toBe('✓ 正确');
    await expect.poll(() => text(host, '.host-table tr[data-team="t2"] td.bad')).toBe('✗ 错误');
    await expect.poll(() => screen.locator('.team-status li.answered').count()).toBe(2);
    await Promise.all(sockets.map((a, i) => ok(a, { type: 'audience:answer', options: [i < 4 ? key : wrong] })));
    await expect.poll(() => text(host, '[data-testid=audience-joined]')).toBe('6');
    await expect.poll(() => text(host, '.host-stats div:nth-child(2) dd')).toBe('6');

    const overlay = await openBig(`${server.url}/overlay/${detail.pin}`);
    await expect.poll(() => text(overlay, '.ovl-q-stem')).toBe(q1.stem);
    expect(await overlay.locator('.ovl-teams li').count()).toBe(8);
    const backgrounds = await overlay.evaluate(() => [getComputedStyle(document.documentElement).backgroundColor, getComputedStyle(document.body).backgroundColor]);
    expect(backgrounds).toEqual(['rgba(0, 0, 0, 0)', 'rgba(0, 0, 0, 0)']);
    await overlay.screenshot({ path: path.join(SCREENS_DIR, 'stage-overlay-question.png'), omitBackground: true, animations: 'disabled' });

    await expect.poll(() => primary().textContent()).toBe('锁定作答（已答 2 / 8）空格 / 回车');
    await shot(host, 'host-answering');
    await shot(screen, 'screen-question');
    await shot(teams.t1!, 'team-answered');

    await primary().click();
    await expect.poll(() => phase()).toBe('locked');
    await expect.poll(() => screen.locator('.team-status li.missed').count()).toBe(6);
    expect(await text(host, '.host-table tr[data-team="t3"] td.answer')).toBe('未作答');
    // R reveals: the right option lights up with the explanation, the scores move.
    await readyFor('R');
    await host.locator('body').press('r');
    await expect.poll(() => screen.locator('.qcard-option.correct').count()).toBe(1);
    expect(await screen.locator('.qcard-option').nth(key).getAttribute('class')).toContain('correct');
    expect(await text(screen, '.qcard-explanation')).toBe(q1.explanation);
    expect(await text(screen, '.scr-answer-line')).toBe(`正确答案：${'ABCD'[key]}`);
    await expect.poll(() => screenScore('t1')).toBe('110');
    expect(await screenScore('t2')).toBe('100');
    expect(await text(screen, '.scoreboard-row[data-team="t1"] .sb-delta')).toBe('+10');
    expect(await screen.locator('.scoreboard-row[data-team="t1"]').getAttribute('data-rank')).toBe('1');
    expect(await text(screen, '.scr-aud-rate')).toBe('观众答对率 66.7%（4 / 6）');
    await expect.poll(() => text(overlay, '.ovl-teams li[data-team="t1"] .ovl-team-score')).toContain('110');
    await shot(host, 'host-revealed');
    await shot(screen, 'screen-revealed');
    await overlay.screenshot({ path: path.join(SCREENS_DIR, 'stage-overlay-revealed.png'), omitBackground: true, animations: 'disabled' });

    // Between questions the screen shows the standings, the audience leaderboard and the county tally.
    await host.getByRole('button', { name: '下一题' }).click();
    await expect.poll(() => text(screen, '.hero-sub')).toBe('第 2 题 即将开始');
    expect(await screen.locator('.aud-board li').count()).toBe(4);
    expect(await text(screen, '.county-board li[data-county="131003"] .county-name')).toBe('广阳区');
    expect(await screen.locator('.scoreboard-row[data-team="t1"] .sb-rank').textContent()).toBe('1');
    await shot(screen, 'screen-standings');

    // Undo, with a confirmation that says what it takes back.
    await readyFor('Z');
    expect(await text(host, '.host-undo-preview')).toMatch(/^撤销上一步：下一题（#\d+）$/);
    await host.locator('body').press('z');
    await expect.poll(() => host.locator('dialog.host-dialog[open]').count()).toBe(1);
    expect(await text(host, 'dialog.host-dialog p')).toContain('将撤销：下一题');
    await shot(host, 'host-undo-confirm');
    await host.getByRole('button', { name: '确认撤销' }).click();
    await expect.poll(() => phase()).toBe('revealed');
    await expect.poll(() => screen.locator('.qcard-option.correct').count()).toBe(1);
    await expect.poll(() => primary().textContent()).toBe('下一题空格 / 回车');
    // Space means the next step even while another button has the focus (it does not press that button).
    await readyFor('Space');
    await host.getByRole('button', { name: '暂停' }).focus();
    await host.keyboard.press('Space');
    await expect.poll(() => phase()).toBe('question-ready');
    expect(hostView().paused).toBe(false);

    // Corrections: a reason is required; a refused one is explained in place; an accepted one is listed.
    await host.getByLabel('战队', { exact: true }).selectOption('t2');
    await host.getByLabel('加减分（如 5 或 -5）', { exact: true }).fill('5');
    await host.getByRole('button', { name: '更正分数' }).click();
    await expect.poll(() => text(host, '.host-corrections .host-error')).toBe('请填写更正原因');
    await host.getByLabel('原因（必填）', { exact: true }).fill('评审组复核加分');
    await host.getByLabel('加减分（如 5 或 -5）', { exact: true }).fill('200000');
    await host.getByRole('button', { name: '更正分数' }).click();
    await expect.poll(() => text(host, '.host-corrections .host-error')).toBe('指令格式不正确（delta）');
    await host.getByLabel('加减分（如 5 或 -5）', { exact: true }).fill('5');
    await host.getByRole('button', { name: '更正分数' }).click();
    await expect.poll(() => text(host, '.host-corrections .host-ok')).toBe('已更正 王家战队 +5');
    await expect.poll(() => text(host, '.host-log li')).toContain('王家战队 +5 评审组复核加分');
    await expect.poll(() => screenScore('t2')).toBe('105');
    expect(await text(host, '.host-undo-preview')).toMatch(/^撤销上一步：分数更正 王家战队 \+5（评审组复核加分）（#\d+）$/);

    // Pause shows on the screen; the primary button resumes.
    await readyFor('P');
    await host.locator('body').press('p');
    await expect.poll(() => text(screen, '.scr-paused strong')).toBe('比赛暂停');
    await expect.poll(() => primary().textContent()).toBe('继续比赛空格 / 回车');
    await shot(screen, 'screen-paused');
    await shot(host, 'host-paused');
    await primary().click();
    await expect.poll(() => screen.locator('.scr-paused').count()).toBe(0);

    // Question 2: every team answers (the two devices by tapping), so it locks by itself.
    await host.getByRole('button', { name: '出题：第 2 题' }).click();
    await expect.poll(() => phase()).toBe('answering');
    const key2 = hostView().question!.key![0]!;
    await expect.poll(() => text(screen, '.qcard-stem')).toBe(hostView().question!.stem);
    await teams.t1!.locator('.ph-option').nth(key2).click();
    await teams.t2!.locator('.ph-option').nth(key2).click();
    for (const s of Object.values(teamSockets)) await ok(s, { type: 'answer:submit', options: [key2] });
    await expect.poll(() => phase()).toBe('locked');
    await expect.poll(() => primary().textContent()).toBe('公布答案空格 / 回车');
    // Enter, with nothing focused, is the next step too.
    await readyFor('Enter');
    await host.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await host.keyboard.press('Enter');
    await expect.poll(() => screenScore('t1')).toBe('120');
    expect(await screenScore('t2')).toBe('115');
    // The compulsory round is over: the next step is the next round.
    await expect.poll(() => primary().textContent()).toBe('下一环节空格 / 回车');
    for (const p of [host, screen]) expect(await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);

    // 抢答: the first buzz is highlighted on the screen, the host judges with J.
    await primary().click();
    await expect.poll(() => text(screen, '.hero-title')).toBe('抢答题');
    await host.getByRole('button', { name: '出题：第 1 题' }).click();
    await expect.poll(() => primary().textContent()).toBe('开始抢答空格 / 回车');
    await expect.poll(() => text(screen, '.buzz-status')).toBe('请听主持人口令');
    await primary().click();
    await expect.poll(() => text(screen, '.buzz-status')).toBe('请抢答！');
    await expect.poll(() => text(teams.t2!, '.ph-buzz-word')).toBe('抢答！');
    await teams.t2!.locator('.ph-buzz').click();
    await expect.poll(() => text(screen, '.buzz-order li.first .buzz-name')).toBe('王家战队');
    await ok(teamSockets.t3!, { type: 'buzz:press' });
    await expect.poll(() => screen.locator('.buzz-order li').count()).toBe(2);
    await expect.poll(() => text(host, '.host-verdict-label')).toBe('请判定 王家战队 的回答');
    await shot(screen, 'screen-buzz');
    await shot(host, 'host-buzz');
    // A smaller laptop beside the stage: the verdict buttons stay on screen.
    await host.setViewportSize({ width: 1366, height: 768 });
    expect(await host.getByRole('button', { name: '判定正确' }).isVisible()).toBe(true);
    await shot(host, 'host-buzz-1366');
    await host.setViewportSize(BIG_SCREEN);
    await readyFor('K');
    await host.locator('body').press('k');
    await expect.poll(() => text(host, '.host-verdict-label')).toBe('请判定 李家战队 的回答');
    await expect.poll(() => text(screen, '.buzz-order li.first .buzz-verdict')).toBe('错误 −10');
    await readyFor('J');
    await host.locator('body').press('j');
    await expect.poll(() => phase()).toBe('locked');
    await readyFor('R');
    await host.locator('body').press('r');
    await expect.poll(() => screen.locator('.qcard-option.correct').count()).toBe(1);
    await expect.poll(() => screenScore('t2')).toBe('105');

    // 风险: the stake board greys out used tiles. (The buzzer round's second question is skipped: asked first.)
    await host.getByRole('button', { name: '下一环节' }).click();
    await host.getByRole('button', { name: '跳过并进入下一环节' }).click();
    await expect.poll(() => text(screen, '.hero-title')).toBe('风险题');
    await expect.poll(() => primary().textContent()).toBe('开始选择分值空格 / 回车');
    await primary().click();
    await expect.poll(() => phase()).toBe('stake-picking');
    while (phase() === 'stake-picking') {
      const picker = hostView().stakes!.picker!;
      const tile = picker === 't1' || picker === 't2' ? 20 : 10;
      await expect.poll(() => text(screen, '.stakes-prompt strong')).toBe(hostView().teams.find((t) => t.id === picker)!.name);
      if (teams[picker]) await teams[picker].getByRole('button', { name: `选择 ${tile} 分` }).click();
      else await ok(teamSockets[picker]!, { type: 'stake:pick', stake: tile });
      await expect.poll(() => hostView().stakes!.picker !== picker || phase() !== 'stake-picking').toBe(true);
    }
    await expect.poll(() => screen.locator('.stake-tile.picked').count()).toBe(8);
    await shot(screen, 'screen-stakes');
    await host.getByRole('button', { name: '出题：第 1 题' }).click();
    await expect.poll(() => phase()).toBe('answering');
    const riskKey = hostView().question!.key!;
    for (const s of Object.values(teamSockets)) await ok(s, { type: 'answer:submit', options: riskKey });
    await expect.poll(() => text(screen, '.team-status li[data-team="t3"] .ts-stake')).toBe('10');
    await shot(screen, 'screen-risk-question');
    await primary().click(); // lock: the two device teams did not answer
    await expect.poll(() => phase()).toBe('locked');
    await primary().click();
    await expect.poll(() => phase()).toBe('revealed');
    await expect.poll(() => screenScore('t1')).toBe('100');
    await host.getByRole('button', { name: '下一题' }).click();
    await primary().click();
    await expect.poll(() => phase()).toBe('stake-picking');
    // The team devices pick again: the 20 tile is used, so it shows greyed out on the screen.
    await expect.poll(() => screen.locator('tr[data-team="t1"] .stake-tile.used').count()).toBe(1);
    expect(await text(screen, 'tr[data-team="t1"] .stake-tile.used')).toBe('20');
    await shot(screen, 'screen-stakes-used');
    // Picking has begun, so moving on takes an undo first (back to the question slot), then the next round.
    await readyFor('Z');
    await host.locator('body').press('z');
    expect(await text(host, 'dialog.host-dialog:not([data-testid]) p')).toContain('将撤销：开始选择分值');
    await host.getByRole('button', { name: '确认撤销' }).click();
    await expect.poll(() => phase()).toBe('question-ready');
    // A question of the round is still unshown: skipping it asks first; cancelling changes nothing.
    await host.getByRole('button', { name: '下一环节' }).click();
    await expect.poll(() => text(host, '[data-testid="confirm-dialog"] h2')).toBe('跳过本环节剩余题目？');
    expect(await text(host, '[data-testid="confirm-dialog"] p')).toContain('还有 1 道题');
    await host.locator('[data-testid="confirm-dialog"]').getByRole('button', { name: '取消' }).click();
    expect(phase()).toBe('question-ready');
    await host.getByRole('button', { name: '下一环节' }).click();
    await host.getByRole('button', { name: '跳过并进入下一环节' }).click();

    // 评分 with review: judges score (and may change) on their pads; the screen shows who has scored,
    // not the scores; the host closes, sees a typo flagged, sends it back; only the publish shows points.
    await expect.poll(() => text(screen, '.hero-title')).toBe('健康科普表演');
    await expect.poll(() => primary().textContent()).toBe('开始评分：张家战队空格 / 回车');
    await primary().click();
    await expect.poll(() => text(screen, '.judging-team')).toBe('张家战队');
    await ok(judges[0]!, { type: 'judge:score', teamId: 't1', score: 9 });
    await ok(judges[1]!, { type: 'judge:score', teamId: 't1', score: 7 });
    await ok(judges[1]!, { type: 'judge:score', teamId: 't1', score: 8 }); // changes 7 to 8 before judging closes
    await ok(judges[2]!, { type: 'judge:score', teamId: 't1', score: 1 }); // meant 7
    await expect.poll(() => text(screen, '.judge-tiles li[data-judge="j3"] .judge-score')).toBe('已评');
    expect(await text(screen, '.judging-aggregate strong')).toBe('—');
    expect(await screen.locator('.judge-tiles').textContent()).not.toMatch(/\d/);
    await expect.poll(() => text(host, '[data-testid="judge-review"] tr[data-judge="j2"] td.num')).toBe('8');
    await expect.poll(() => primary().textContent()).toBe('结束评分（已评 3 / 3）空格 / 回车');
    await primary().click();
    await expect.poll(() => hostView().judging?.closed).toBe(true);
    // 1 is more than 20% of the 0–10 scale from the median (8): flagged.
    await expect.poll(() => host.locator('[data-testid="judge-review"] tr[data-judge="j3"] [data-outlier]').count()).toBe(1);
    expect(await host.locator('[data-testid="judge-review"] [data-outlier]').count()).toBe(1);
    await shot(host, 'host-judge-review');
    await host.locator('button[data-return="j3"]').click();
    await host.locator('#return-reason').fill('与其他评委相差很大，请核对');
    await host.locator('button[data-confirm-return]').click();
    await expect.poll(() => text(host, '.host-wait')).toBe('等待评委重新评分（退回 1 个）');
    await expect.poll(() => (judges[2]!.latest.view as { me: { returned: string | null } }).me.returned).toBe('与其他评委相差很大，请核对');
    expect(await screenScore('t1')).toBe('100');
    await ok(judges[2]!, { type: 'judge:score', teamId: 't1', score: 7 });
    await expect.poll(() => primary().textContent()).toBe('公布得分（8）空格 / 回车');
    expect(await screenScore('t1')).toBe('100');
    await shot(screen, 'screen-judging');
    await primary().click();
    await expect.poll(() => phase()).toBe('scored');
    await expect.poll(() => text(screen, '.judging-aggregate strong')).toBe('8');
    await expect.poll(() => screenScore('t1')).toBe('108');
    expect(await text(screen, '.judge-tiles li[data-judge="j3"] .judge-score')).toBe('7');

    // Finish: ending the contest asks first; the podium follows the ranks the server sent.
    await host.getByRole('button', { name: '下一环节' }).click();
    await host.getByRole('button', { name: '跳过并进入下一环节' }).click(); // t2 has not performed
    await expect.poll(() => text(screen, '.hero-title')).toBe('加赛');
    await shot(screen, 'screen-tiebreak-intro');
    await host.getByRole('button', { name: '结束比赛，公布名次' }).click();
    await expect.poll(() => text(host, '[data-testid="confirm-dialog"] h2')).toBe('结束比赛？');
    await host.getByRole('button', { name: '结束比赛', exact: true }).click();
    await expect.poll(() => phase()).toBe('finished');
    const final = hostView().teams;
    const podiumRanks = [...new Set(final.map((t) => t.rank))].filter((r) => r <= 3);
    await expect.poll(() => screen.locator('.podium-step').count()).toBe(podiumRanks.length);
    const best = [...final].sort((a, b) => a.rank - b.rank)[0]!;
    expect(await text(screen, '.podium-step.place-1 .podium-name')).toBe(best.name);
    for (const t of final) expect(await screen.locator(`[data-team="${t.id}"][data-rank]`).first().getAttribute('data-rank')).toBe(String(t.rank));
    expect(await screen.locator('.podium-rest li').count()).toBe(final.filter((t) => t.rank > 3).length);
    await expect.poll(() => text(host, '.host-wait')).toBe('比赛已结束');
    await shot(screen, 'screen-podium');
    await shot(host, 'host-finished');
    await overlay.screenshot({ path: path.join(SCREENS_DIR, 'stage-overlay-finished.png'), omitBackground: true, animations: 'disabled' });
    expect(await host.getByRole('link', { name: '导出比赛记录（Excel）' }).count()).toBe(2);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
