import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIG_SCREEN, buildClient, launchBrowser, signIn } from '../helpers/browser';
import { setUpContest, STAFF_PASSWORD } from '../helpers/contest';
import { chromiumAvailable } from '../helpers/env';
import { createCampaign } from '../helpers/quiz';
import { startTestServer, type TestServer } from '../helpers/server';

const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000 });

/** Where links and QR codes for phones are shown, an address no phone can open is called out with the fix. */
describe.skipIf(!chromiumAvailable())('browser: links phones can reach', { timeout: 90_000 }, () => {
  let clientDir: string;
  let browser: Browser;
  const servers: TestServer[] = [];
  beforeAll(async () => {
    clientDir = await buildClient();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all(servers.map((s) => s.stop()));
  });

  async function open(env: Record<string, string>) {
    const server = await startTestServer({ ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: STAFF_PASSWORD, ...env }, { clientDir });
    servers.push(server);
    const { staff, detail } = await setUpContest(server);
    const campaignId = await createCampaign(staff);
    const context = await browser.newContext({ viewport: BIG_SCREEN, locale: 'zh-CN' });
    await signIn(context, server.url, staff);
    context.setDefaultTimeout(12_000);
    return { server, page: await context.newPage(), campaignId, contestId: detail.id };
  }

  it('PUBLIC_URL unset and the admin opened at 127.0.0.1: the campaign and contest pages say phones cannot open the links, and how to set PUBLIC_URL', async () => {
    const { server, page, campaignId, contestId } = await open({});
    await page.goto(`${server.url}/admin/campaigns/${campaignId}`);
    const warning = page.locator('aside .notice.warn');
    await poll(() => warning.textContent());
    expect(await warning.textContent()).toContain(`手机打不开这些链接和二维码：${new URL(server.url).host} 指向手机自己，而不是这台服务器`);
    expect(await warning.textContent()).toContain('PUBLIC_URL=http://192.168.1.20:3000 npm start');
    await page.goto(`${server.url}/admin/contests/${contestId}`);
    await poll(() => page.locator('.cf-links .notice.warn').count()).toBe(1);
    await page.evaluate(() => localStorage.setItem('lang', 'en'));
    await page.reload();
    await poll(() => page.locator('.cf-links .notice.warn').textContent()).toContain('Phones cannot open these links or QR codes');
    await page.context().close();
  }, 90_000); // starts its own server and sets up a contest: slow on a shared machine

  it('PUBLIC_URL set to an address on the hall network: links use it and no warning is shown', async () => {
    const { server, page, campaignId, contestId } = await open({ PUBLIC_URL: 'http://192.168.1.20:3000' });
    await page.goto(`${server.url}/admin/campaigns/${campaignId}`);
    await poll(() => page.locator('aside .mono').textContent()).toBe(`http://192.168.1.20:3000/quiz/${campaignId}`);
    expect(await page.locator('.notice.warn').count()).toBe(0);
    await page.goto(`${server.url}/admin/contests/${contestId}`);
    await poll(() => page.locator('.cf-pin').count()).toBe(1);
    expect(await page.locator('.notice.warn').count()).toBe(0);
    await page.context().close();
  }, 90_000);
});
