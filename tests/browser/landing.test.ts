import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../helpers/env';
import { BIG_SCREEN, buildClient, launchBrowser, PHONE, SCREENS_DIR } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/server';

describe.skipIf(!chromiumAvailable())('browser: landing page in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    const clientDir = await buildClient();
    server = await startTestServer({}, { clientDir });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens in Chinese on a phone, switches to English and remembers it', async () => {
    const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(server.url);
    await expect.poll(() => page.locator('h1').textContent()).toBe('健康知识竞赛');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await expect.poll(() => page.getByRole('link', { name: '去答题' }).isVisible()).toBe(true);
    await page.screenshot({ path: path.join(SCREENS_DIR, 'landing-phone-zh.png'), fullPage: true });

    await page.getByRole('button', { name: '切换到英文' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Health Knowledge Quiz');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.reload();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Health Knowledge Quiz');
    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('健康知识竞赛');
    await context.close();
  });

  it('checks the PIN on the page and looks it up on the server, in the chosen language', async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(server.url);
    const pin = page.getByLabel('比赛 PIN 码');
    await pin.fill('12a3');
    expect(await pin.inputValue()).toBe('123');
    await page.getByRole('button', { name: '加入' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('PIN 码是 6 位数字');
    await pin.fill('654321');
    await page.getByRole('button', { name: '加入' }).click();
    await expect.poll(() => page.url()).toBe(`${server.url}/join/654321`);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('没有找到 PIN 为 654321 的比赛');
    await context.close();
  });

  it('lays out from a 360 px phone to a 1920 px screen without horizontal scrolling', async () => {
    for (const viewport of [{ width: 360, height: 740 }, PHONE, BIG_SCREEN]) {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      await page.goto(`${server.url}/quiz`);
      await expect.poll(() => page.locator('.empty').textContent()).toContain('目前没有正在进行的答题活动');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBe(0);
      await page.goto(server.url);
      await page.locator('h1').waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
      await page.screenshot({ path: path.join(SCREENS_DIR, `landing-${viewport.width}.png`) });
      await context.close();
    }
  });
});
