import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContestDetail } from '../../shared/contest/draft';
import { BIG_SCREEN, buildClient, launchBrowser, signIn } from '../helpers/browser';
import { makeSet, setUpContest, STAFF_PASSWORD, TEAMS } from '../helpers/contest';
import { chromiumAvailable } from '../helpers/env';
import type { Staff } from '../helpers/http';
import { startTestServer, type TestServer } from '../helpers/server';

/** Waits on a state for as long as a step takes on a loaded two-core machine (expect.poll's default is 1 s). */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000 });

/** Reopening an editor shows what the server stored, in every control (selects filled from slow lists included). */
describe.skipIf(!chromiumAvailable())('browser: editors read back what was saved', { timeout: 90_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let staff: Staff;
  let detail: ContestDetail;
  let setId: string;
  beforeAll(async () => {
    const clientDir = await buildClient();
    server = await startTestServer({ ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: STAFF_PASSWORD }, { clientDir });
    browser = await launchBrowser();
    ({ staff, detail } = await setUpContest(server));
    setId = await makeSet(staff, '判断题题目集', 'truefalse', 8);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const signedIn = async (): Promise<Page> => {
    const context = await browser.newContext({ viewport: BIG_SCREEN, locale: 'zh-CN' });
    await signIn(context, server.url, staff);
    context.setDefaultTimeout(12_000);
    return context.newPage();
  };

  it('a campaign scoped to one county, drawn from a set: every field as saved after a reload', async () => {
    const page = await signedIn();
    await page.goto(`${server.url}/admin/campaigns/new`);
    await page.getByLabel('活动名称').fill('广阳区健康素养答题');
    await page.getByLabel('活动说明').fill('全区居民参与');
    await page.getByLabel('开始时间').fill('2026-12-01T08:00');
    await page.getByLabel('结束时间').fill('2026-12-31T20:00');
    await poll(() => page.locator('option[value="131000"]').count()).toBe(1);
    await page.getByLabel('活动范围（市）').selectOption('131000');
    await poll(() => page.getByLabel('县区').locator('option').count()).toBeGreaterThan(2);
    await page.getByLabel('县区').selectOption('131003');
    await page.getByLabel('题目来源').selectOption(setId);
    const mix = page.locator('.option-row');
    await mix.nth(0).getByLabel('题数').fill('3');
    await mix.nth(0).getByLabel('题型').selectOption('truefalse');
    await page.getByRole('button', { name: '添加一组' }).click();
    await mix.nth(1).getByLabel('题数').fill('2');
    await mix.nth(1).getByLabel('难度').selectOption('1');
    await page.getByLabel('限时（分钟）').fill('15');
    await page.getByLabel('每天可答次数').fill('3');
    await page.getByLabel('总共可答次数').fill('9');
    await page.getByLabel('计分方式').selectOption('latest');
    await page.getByLabel('及格分（百分制）').fill('80');
    await page.getByRole('combobox', { name: /^答案与解析/ }).selectOption('never');
    await page.getByLabel('姓名').check();
    await page.getByLabel('手机号码（加密保存、脱敏显示）').check();
    await page.getByRole('spinbutton', { name: '广阳区' }).fill('5000');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await poll(() => page.url()).toMatch(/\/admin\/campaigns\/[A-Za-z0-9_-]{6,}$/);
    const id = page.url().split('/').pop()!;
    const stored = ((await (await staff.request(`/api/campaigns/${id}`)).json()) as { data: { settings: Record<string, unknown> } }).data.settings;
    expect(stored).toMatchObject({ regionCode: '131003', setId, counting: 'latest', passMark: 80, targets: { '131003': 5000 } });

    await page.reload();
    await poll(() => page.getByLabel('活动名称').inputValue()).toBe('广阳区健康素养答题');
    await poll(() => page.getByLabel('活动范围（市）').inputValue()).toBe('131000');
    await poll(() => page.getByLabel('县区').inputValue()).toBe('131003');
    await poll(() => page.getByLabel('题目来源').inputValue()).toBe(setId);
    expect(await page.getByLabel('活动说明').inputValue()).toBe('全区居民参与');
    expect(await page.getByLabel('开始时间').inputValue()).toBe('2026-12-01T08:00');
    expect(await page.getByLabel('结束时间').inputValue()).toBe('2026-12-31T20:00');
    expect(await mix.count()).toBe(2);
    expect(await mix.nth(0).getByLabel('题数').inputValue()).toBe('3');
    expect(await mix.nth(0).getByLabel('题型').inputValue()).toBe('truefalse');
    expect(await mix.nth(1).getByLabel('题数').inputValue()).toBe('2');
    expect(await mix.nth(1).getByLabel('难度').inputValue()).toBe('1');
    expect(await mix.nth(1).getByLabel('题型').inputValue()).toBe('');
    expect(await page.getByLabel('限时（分钟）').inputValue()).toBe('15');
    expect(await page.getByLabel('每天可答次数').inputValue()).toBe('3');
    expect(await page.getByLabel('总共可答次数').inputValue()).toBe('9');
    expect(await page.getByLabel('计分方式').inputValue()).toBe('latest');
    expect(await page.getByLabel('及格分（百分制）').inputValue()).toBe('80');
    expect(await page.getByRole('combobox', { name: /^答案与解析/ }).inputValue()).toBe('never');
    expect(await page.getByLabel('姓名').isChecked()).toBe(true);
    expect(await page.getByLabel('手机号码（加密保存、脱敏显示）').isChecked()).toBe(true);
    expect(await page.getByLabel('家庭战队名称').isChecked()).toBe(false);
    await poll(() => page.getByRole('spinbutton', { name: '广阳区' }).inputValue()).toBe('5000');
    // Only the county in scope has a target field.
    expect(await page.getByRole('spinbutton', { name: '安次区' }).count()).toBe(0);
    await page.context().close();
  });

  it('a campaign the bank cannot fill is saved with a warning that looks like one, not like a success', async () => {
    const page = await signedIn();
    await page.goto(`${server.url}/admin/campaigns/new`);
    await page.getByLabel('活动名称').fill('题目不够的活动');
    await poll(() => page.locator('option[value="131000"]').count()).toBe(1);
    await page.getByLabel('活动范围（市）').selectOption('131000');
    await page.getByLabel('题目来源').selectOption(setId);
    await page.locator('.option-row').nth(0).getByLabel('题数').fill('20');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    const notice = page.getByRole('status');
    await poll(() => notice.textContent()).toContain('已保存，但题库中符合第 1 组抽题条件的题目只有 8 道');
    expect(await notice.getAttribute('class')).toBe('notice warn');
    const colours = await notice.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(colours).toBe('rgb(255, 246, 219)');
    // A bad number is refused with a sentence next to the field's save, naming it.
    await page.locator('.option-row').nth(0).getByLabel('题数').fill('0');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await poll(() => page.locator('.field-error').first().textContent()).toBe('第 1 组的题数不能小于 1');
    await page.context().close();
  });

  it('a contest: the audience region and every team county after a reload, and after an edit', async () => {
    const page = await signedIn();
    await page.goto(`${server.url}/admin/contests/${detail.id}`);
    const readBack = async (counties: string[]) => {
      await poll(() => page.getByLabel('比赛名称').inputValue()).toBe(detail.title);
      await poll(() => page.getByLabel('观众所在地区（市）').inputValue()).toBe('131000');
      for (const [i, county] of counties.entries()) {
        await poll(() => page.getByLabel(`第 ${i + 1} 队 所在县（市、区）`).inputValue()).toBe(county);
      }
      // The select shows the county's name, not a bare code or 未填写.
      expect(await page.getByLabel('第 1 队 所在县（市、区）').evaluate((el: HTMLSelectElement) => el.selectedOptions[0]!.textContent)).not.toMatch(/^\d+$|未填写/);
      const rounds = page.locator('fieldset.cf-round');
      for (const [i, round] of detail.draft.rounds.entries()) {
        if (round.kind !== 'judged') await poll(() => rounds.nth(i).getByLabel('题目集').inputValue()).toBe(round.setId);
      }
    };
    const counties = TEAMS.map((t) => t.county);
    await readBack(counties);
    await page.getByLabel('第 1 队 所在县（市、区）').selectOption('131081');
    await page.getByRole('button', { name: '保存设置' }).click();
    await poll(() => page.getByRole('status').textContent()).toBe('设置已保存');
    await page.reload();
    await readBack(['131081', ...counties.slice(1)]);
    await page.context().close();
  });
});
