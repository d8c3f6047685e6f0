import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostView } from '../../shared/contest/views';
import { BIG_SCREEN, buildClient, launchBrowser, signIn } from '../helpers/browser';
import { setUpContest, STAFF_PASSWORD, untimed } from '../helpers/contest';
import { joinContest, type ContestClient } from '../helpers/contest-sockets';
import { chromiumAvailable } from '../helpers/env';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * A host faster than the server's reply. The console waits for each command's answer (a host step is answered once
 * it and its audit row are durable); here every audit row waits out a 400 ms group-commit window, so the keys below
 * all land while a command is on its way.
 */
describe.skipIf(!chromiumAvailable())('browser: host console keys pressed while a command is on its way', () => {
  let server: TestServer;
  let browser: Browser;
  const open: ContestClient[] = [];
  beforeAll(async () => {
    server = await startTestServer({ ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: STAFF_PASSWORD, WRITE_BATCH_MS: '400' }, { clientDir: await buildClient() });
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    for (const c of open) c.close();
    await browser?.close();
    await server?.stop();
  });

  /** A contest of its own, no timer that can run out under the test, its console open, and a second host connection to follow it. */
  async function consoleOf(): Promise<{ page: Page; view: () => HostView; hostSteps: () => Promise<string[]> }> {
    const { staff, detail } = await setUpContest(server, untimed);
    const watcher = await joinContest(server.url, { pin: detail.pin, role: 'host' }, { cookie: staff.cookie });
    open.push(watcher);
    const context = await browser.newContext({ viewport: BIG_SCREEN, locale: 'zh-CN' });
    await signIn(context, server.url, staff);
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    await page.goto(`${server.url}/host/${detail.id}`);
    await expect.poll(() => page.locator('.host-btn.big').textContent()).toBe('开始比赛空格 / 回车');
    const hostSteps = async () =>
      (await server.database.client.execute({ sql: "SELECT command FROM contest_log WHERE contest_id = ? AND actor LIKE '%\"host\"%' ORDER BY seq", args: [detail.id] })).rows.map((r) => (JSON.parse(String(r.command)) as { type: string }).type);
    return { page, view: () => watcher.latest.view as HostView, hostSteps };
  }
  /** The console is free again: its next-step button can be pressed. */
  const idle = (page: Page) => expect.poll(() => page.locator('.host-btn.big').isEnabled()).toBe(true);

  it('a double tap on Space takes one step, never two', async () => {
    const { page, view, hostSteps } = await consoleOf();
    await page.locator('body').press('Space');
    await expect.poll(() => page.locator('.host-btn.big').isDisabled()).toBe(true);
    await page.locator('body').press('Space');
    await idle(page);
    expect(view().phase).toBe('round-intro');
    expect(await page.locator('.host-btn.big').textContent()).toBe('出题：第 1 题空格 / 回车');
    expect(await hostSteps()).toEqual(['contest:start']);
    await page.context().close();
  });

  it('L then R at once: the answers are locked, then revealed, when the lock is answered', async () => {
    const { page, view, hostSteps } = await consoleOf();
    for (const expected of ['round-intro', 'answering']) {
      await page.locator('body').press('Space');
      await expect.poll(() => view().phase).toBe(expected);
      await idle(page);
    }
    await page.locator('body').press('l');
    await expect.poll(() => page.locator('.host-btn.big').isDisabled()).toBe(true);
    await page.locator('body').press('r');
    await expect.poll(() => view().phase).toBe('revealed');
    await idle(page);
    expect(await hostSteps()).toEqual(['contest:start', 'question:open', 'answer:lock', 'question:reveal']);
    await page.context().close();
  });
});
