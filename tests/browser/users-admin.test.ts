import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClient, launchBrowser, SCREENS_DIR, signIn } from '../helpers/browser';
import { STAFF_PASSWORD } from '../helpers/contest';
import { chromiumAvailable } from '../helpers/env';
import { login, type Staff } from '../helpers/http';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * The accounts page as a city's organizer sees it (a Hebei deployment, so other cities exist): it creates a county
 * organizer for one of Langfang's counties, sees it listed with the county's name, and is refused — next to the
 * region field, in Chinese and in English — a region outside its own, its own level, and no region at all.
 */
describe.skipIf(!chromiumAvailable())('browser: an organizer manages the accounts of the level below', () => {
  let server: TestServer;
  let browser: Browser;
  let admin: Staff;
  let city: Staff;
  const contexts: BrowserContext[] = [];

  const usernames = async () => ((await (await city.request('/api/users')).json()) as { data: { username: string }[] }).data.map((u) => u.username).sort();
  /** The usernames the city sees: those it saw before, with `added`. Other tests' accounts are among those before. */
  const plus = (before: string[], ...added: string[]) => [...before, ...added].sort();
  /** Creates a county organizer of Langfang through the API, as the city's organizer. */
  const countyAccount = async (username: string, displayName: string, regionCode: string) =>
    expect((await city.request('/api/users', { method: 'POST', json: { username, displayName, role: 'organizer', regionCode, password: STAFF_PASSWORD } })).status).toBe(201);

  const page = async (staff: Staff = city): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    contexts.push(context);
    await signIn(context, server.url, staff);
    const p = await context.newPage();
    p.setDefaultTimeout(10_000);
    return p;
  };

  /** Fills the create form (the region is chosen separately). */
  const fill = async (p: Page, username: string, displayName: string) => {
    const form = p.locator('form.account-form');
    await form.getByLabel('用户名').fill(username);
    await form.getByLabel('姓名', { exact: true }).fill(displayName);
    await form.getByLabel('角色').selectOption('organizer');
    await form.getByLabel('初始密码').fill(STAFF_PASSWORD);
  };
  const regionError = (p: Page) => p.locator('#account-regionCode-error');

  beforeAll(async () => {
    const clientDir = await buildClient();
    server = await startTestServer({ REGION_ROOT: '130000', ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: STAFF_PASSWORD }, { clientDir });
    browser = await launchBrowser();
    admin = await login(server, 'admin', STAFF_PASSWORD);
    expect((await admin.request('/api/users', { method: 'POST', json: { username: 'langfang', displayName: '廊坊市卫健委', role: 'organizer', regionCode: '131000', password: STAFF_PASSWORD } })).status).toBe(201);
    city = await login(server, 'langfang', STAFF_PASSWORD);
    mkdirSync(SCREENS_DIR, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.stop();
  });

  it('creates a county organizer for one of its counties and lists it with the county’s name', async () => {
    const before = await usernames();
    const p = await page();
    await p.goto(`${server.url}/admin`);
    await p.getByRole('link', { name: '账号管理' }).click();
    await expect.poll(() => p.locator('h1').textContent()).toBe('账号管理');
    const own = p.locator('.users-table tbody tr').filter({ hasText: 'langfang' });
    await expect.poll(() => own.locator('td').allTextContents()).toEqual(['langfang（本人）', '廊坊市卫健委', '组织者', '廊坊市', '']);
    // Only what an organizer may create is offered: no admin role.
    expect(await p.locator('form.account-form select[name=role] option').allTextContents()).toEqual(['组织者', '主持人']);

    // The organizer's own city is chosen to begin with; the county is theirs to pick.
    await expect.poll(() => p.locator('select[name=city]').inputValue()).toBe('131000');
    await fill(p, 'guangyang', '广阳区卫健局');
    await p.locator('select[name=county]').selectOption({ label: '广阳区' });
    await p.getByRole('button', { name: '创建账号' }).click();
    await expect.poll(() => p.getByRole('status').textContent()).toBe('已创建');
    const row = p.locator('.users-table tbody tr').filter({ hasText: 'guangyang' });
    await expect.poll(() => row.locator('td').nth(3).textContent()).toBe('广阳区');
    expect(await row.locator('td').nth(2).textContent()).toBe('组织者');
    expect(await usernames()).toEqual(plus(before, 'guangyang'));
    expect(await (await login(server, 'guangyang', STAFF_PASSWORD)).request('/api/campaigns')).toHaveProperty('status', 200);
    await p.screenshot({ path: path.join(SCREENS_DIR, 'admin-users-organizer.png'), fullPage: true });

    // Editing moves the account to another of the city's counties.
    await row.getByRole('button', { name: '编辑' }).click();
    const form = p.locator('form.account-form');
    await expect.poll(() => form.locator('h2').textContent()).toBe('编辑账号：guangyang');
    await expect.poll(() => form.locator('select[name=county]').inputValue()).toBe('131003');
    await form.locator('select[name=county]').selectOption({ label: '永清县' });
    await form.getByRole('button', { name: '保存修改' }).click();
    await expect.poll(() => form.getByRole('status').textContent()).toBe('已保存');
    await expect.poll(() => row.locator('td').nth(3).textContent()).toBe('永清县');
    await form.getByRole('button', { name: '取消' }).click();
    await expect.poll(() => p.locator('form.account-form h2').textContent()).toBe('创建账号');
  });

  it('refuses next to the region field: another city’s county, its own level, no region — and creates nothing', async () => {
    const before = await usernames();
    const p = await page();
    await p.goto(`${server.url}/admin/users`);
    await expect.poll(() => p.locator('select[name=city]').inputValue()).toBe('131000');

    // A county of 石家庄市: outside Langfang.
    await fill(p, 'yuhua', '裕华区卫健局');
    await p.locator('select[name=city]').selectOption({ label: '石家庄市' });
    await p.locator('select[name=county]').selectOption({ label: '裕华区' });
    await p.getByRole('button', { name: '创建账号' }).click();
    await expect.poll(() => regionError(p).textContent()).toBe('这不在您负责的地区范围内');
    expect(await p.locator('fieldset.account-region').getAttribute('aria-invalid')).toBe('true');
    await p.screenshot({ path: path.join(SCREENS_DIR, 'admin-users-out-of-scope.png'), fullPage: true });

    // Langfang itself: an organizer cannot make one of its own level.
    await p.locator('select[name=city]').selectOption({ label: '廊坊市' });
    await p.getByRole('button', { name: '创建账号' }).click();
    await expect.poll(() => regionError(p).textContent()).toBe('这不在您负责的地区范围内');

    // No region at all.
    await p.locator('select[name=city]').selectOption({ label: '请选择' });
    await p.getByRole('button', { name: '创建账号' }).click();
    await expect.poll(() => regionError(p).textContent()).toBe('请为该账号选择所属地区（须在您负责的地区之内）');
    expect(await p.getByRole('status').count()).toBe(0);
    expect(await usernames()).toEqual(before);

    // Putting it right clears the message and creates the account.
    await fill(p, 'anci', '安次区卫健局');
    await p.locator('select[name=city]').selectOption({ label: '廊坊市' });
    await p.locator('select[name=county]').selectOption({ label: '安次区' });
    await p.getByRole('button', { name: '创建账号' }).click();
    await expect.poll(() => p.getByRole('status').textContent()).toBe('已创建');
    expect(await regionError(p).count()).toBe(0);
    expect(await usernames()).toEqual(plus(before, 'anci'));
    await expect.poll(() => p.locator('.users-table tbody tr').filter({ hasText: 'anci' }).locator('td').nth(3).textContent()).toBe('安次区');
  });

  it('an admin sees every account and may leave the region empty (the whole platform)', async () => {
    // A county's account (made by the city) is among them.
    await countyAccount('xianghe', '香河县卫健局', '131024');
    const accounts = Number((await server.database.client.execute('SELECT count(*) AS n FROM users')).rows[0]!.n);
    expect(accounts).toBeGreaterThanOrEqual(3);
    const p = await page(admin);
    await p.goto(`${server.url}/admin/users`);
    await expect.poll(() => p.locator('.users-table tbody tr').count()).toBe(accounts);
    expect(await p.locator('.users-table tbody tr').filter({ hasText: 'xianghe' }).locator('td').nth(3).textContent()).toBe('香河县');
    expect(await p.locator('.users-table tbody tr').filter({ hasText: 'admin' }).locator('td').nth(3).textContent()).toBe('全部地区');
    expect(await p.locator('form.account-form select[name=role] option').allTextContents()).toEqual(['组织者', '主持人', '管理员']);
    await expect.poll(() => p.locator('select[name=city]').inputValue()).toBe('');
    await fill(p, 'province-host', '省级主持人');
    await p.locator('form.account-form').getByLabel('角色').selectOption('host');
    await p.getByRole('button', { name: '创建账号' }).click();
    await expect.poll(() => p.getByRole('status').textContent()).toBe('已创建');
    await expect.poll(() => p.locator('.users-table tbody tr').filter({ hasText: 'province-host' }).locator('td').nth(3).textContent()).toBe('全部地区');
    await p.screenshot({ path: path.join(SCREENS_DIR, 'admin-users-admin.png'), fullPage: true });
  });

  it('says the same in English', async () => {
    // A county organizer of 永清县, for the list to show its county.
    await countyAccount('yongqing', '永清县卫健局', '131023');
    const before = await usernames();
    const p = await page();
    await p.goto(`${server.url}/admin/users`);
    await p.getByRole('button', { name: '切换到英文' }).click();
    await expect.poll(() => p.locator('h1').textContent()).toBe('Accounts');
    await expect.poll(() => p.locator('select[name=city]').inputValue()).toBe('131000');
    const form = p.locator('form.account-form');
    await form.getByLabel('Username', { exact: true }).fill('xinhua');
    await form.getByLabel('Name', { exact: true }).fill('新华区卫健局');
    await form.getByLabel('Initial password').fill(STAFF_PASSWORD);
    expect(await form.locator('legend').textContent()).toBe('Region');
    await p.locator('select[name=city]').selectOption({ label: '石家庄市' });
    await p.locator('select[name=county]').selectOption({ label: '新华区' });
    await p.getByRole('button', { name: 'Create account' }).click();
    await expect.poll(() => regionError(p).textContent()).toBe('This lies outside the region your account is responsible for');
    expect(await p.locator('.users-table tbody tr').filter({ hasText: 'yongqing' }).locator('td').nth(3).textContent()).toBe('永清县');
    expect(await usernames()).toEqual(before);
    await p.screenshot({ path: path.join(SCREENS_DIR, 'admin-users-out-of-scope-en.png'), fullPage: true });
  });
});
