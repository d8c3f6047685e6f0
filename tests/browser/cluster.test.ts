import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContestDetail } from '../../shared/contest/draft';
import type { HostView } from '../../shared/contest/views';
import { buildClient, launchBrowser, PHONE } from '../helpers/browser';
import { setUpContest, STAFF_PASSWORD } from '../helpers/contest';
import { joinContest, type ClientCommand, type ContestClient } from '../helpers/contest-sockets';
import { chromiumAvailable, redisAvailable, REDIS_URL } from '../helpers/env';
import { startTestServer, type TestServer } from '../helpers/server';

const ready = chromiumAvailable() && (await redisAvailable());

describe.skipIf(!ready)('browser: an audience phone on one process of a Redis deployment, the host on another', () => {
  let a: TestServer;
  let b: TestServer;
  let browser: Browser;
  let detail: ContestDetail;
  let host: ContestClient;

  beforeAll(async () => {
    const clientDir = await buildClient();
    const env = { REDIS_URL, REDIS_STREAM: `hq-test:${randomUUID()}`, ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: STAFF_PASSWORD };
    a = await startTestServer(env, { clientDir });
    b = await startTestServer({ ...env, DATABASE_URL: `file:${path.join(a.dir, 'app.db')}` }, { clientDir });
    browser = await launchBrowser();
    let staff;
    ({ staff, detail } = await setUpContest(a));
    host = await joinContest(a.url, { pin: detail.pin, role: 'host' }, { cookie: staff.cookie });
  }, 120_000);
  afterAll(async () => {
    host?.close();
    await browser?.close();
    await b?.stop();
    await a?.stop();
  });

  it('connects over WebSocket only, joins, answers and sees its result', async () => {
    // With Redis the server offers no long-polling: the page must come in over WebSocket.
    expect((await fetch(`${b.url}/socket.io/?EIO=4&transport=polling`)).status).toBe(400);
    const context = await browser.newContext({ viewport: PHONE, locale: 'zh-CN', isMobile: true, hasTouch: true });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    const text = (selector: string) => page.locator(selector).first().textContent();
    await page.goto(`${b.url}/play/${detail.pin}`);
    await page.getByLabel('昵称').fill('观众丙');
    await page.getByLabel('所在县（市、区）').selectOption({ label: '广阳区' });
    await page.getByRole('button', { name: '加入比赛' }).click();
    await expect.poll(() => text('.ph-waiting-title')).toBe('欢迎，观众丙');
    await host.waitFor((v) => (v as HostView).audience.joined === 1);

    const send = async (command: ClientCommand) => {
      const r = await host.send(command);
      if (!r.ok) throw new Error(`${String(command.type)} rejected: ${r.error.code}`);
      return r.data.view as HostView;
    };
    await send({ type: 'contest:start' });
    const opened = await send({ type: 'question:open' });
    const key = opened.question!.key![0]!;
    await expect.poll(() => page.locator('.ph-option').count()).toBe(opened.question!.options.length);
    await page.locator('.ph-option').nth(key).click();
    await expect.poll(() => text('.ph-status')).toBe('✓ 已提交，等待揭晓答案');
    await host.waitFor((v) => (v as HostView).liveAudience?.answers === 1);
    await send({ type: 'answer:lock' });
    await send({ type: 'question:reveal' });
    await expect.poll(() => text('.ph-callout')).toMatch(/^回答正确\+1\d\d 分$/);
    expect(await text('[data-testid=my-rank]')).toBe('1');
    await context.close();
  }, 60_000);
});
