import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import literacy2024 from '../../questions/literacy-2024.json';
import { chinaDay, dailyCard, type DailyMessage, type DailyPushRow, type LiteracyItem } from '../../shared/quiz/daily';
import { loadConfig } from '../../server/config';
import { DailyPusher, PUSH_ATTEMPTS, PUSH_RETRY_MS, PUSH_STALE_MS, WebhookSender, type DailySender, type SendReceipt } from '../../server/quiz/daily-push';
import { STAFF_PASSWORD } from '../helpers/contest';
import { login, type Staff } from '../helpers/http';
import { createCampaign } from '../helpers/quiz';
import { startTestServer, type TestServer } from '../helpers/server';

const DAY = 24 * 60 * 60 * 1000;
const ITEMS = literacy2024.items as LiteracyItem[];
/** 2026-12-05 09:00 China time (01:00 UTC): past the default 08:00. */
const MORNING = Date.parse('2026-12-05T01:00:00Z');
const silent = pino({ level: 'silent' });

/** A channel that keeps what it was given and fails while told to. */
class RecordingSender implements DailySender {
  readonly channel = 'test';
  sent: DailyMessage[] = [];
  failing = false;
  async send(message: DailyMessage): Promise<SendReceipt> {
    if (this.failing) throw new Error('channel unreachable');
    this.sent.push(message);
    return { delivered: 7, reference: `msg-${this.sent.length}` };
  }
}

/**
 * 每日一学 push: each running campaign's card goes out once a China day from the configured time, claimed so that
 * two processes never both send it, retried when the channel fails, listed for organizers; the webhook channel
 * posts the message signed.
 */
describe('每日一学 push', () => {
  let server: TestServer;
  let city: Staff;

  /**
   * A pusher runs for every running campaign in the database, so each test keeps to an era of its own: its
   * campaigns run only around its own base time (100 days from any other test's), and its pushers read its own
   * clock there. The server's clock stays at MORNING, so its sessions last.
   */
  const era = (k: number) => MORNING + k * 100 * DAY;
  const pusher = (sender: DailySender, now: () => number, at = '08:00') => new DailyPusher(server.database.db, sender, now, silent, { at, publicUrl: 'https://quiz.example.cn/' });
  const runningCampaign = (base: number) => createCampaign(city, { title: '廊坊市健康素养答题', startsAt: base - 10 * DAY, endsAt: base + 30 * DAY });
  const pushes = async (id: string) => {
    const res = await city.request(`/api/campaigns/${id}/daily-pushes`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { data: DailyPushRow[] }).data;
  };

  beforeAll(async () => {
    // The server's own pusher is off: each test drives pushers of its own on the server's database.
    server = await startTestServer({ ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: STAFF_PASSWORD, DAILY_PUSH: 'off' }, {}, { now: () => MORNING });
    const admin = await login(server, 'admin', STAFF_PASSWORD);
    expect((await admin.request('/api/users', { method: 'POST', json: { username: 'langfang', displayName: '廊坊市卫健委', role: 'organizer', regionCode: '131000', password: STAFF_PASSWORD } })).status).toBe(201);
    city = await login(server, 'langfang', STAFF_PASSWORD);
  });
  afterAll(() => server?.stop());

  it('sends nothing before the day’s time, then each running campaign’s card once, however many processes run', async () => {
    const clock = era(0); // MORNING: 2026-12-05
    const now = () => clock;
    const running = await runningCampaign(clock);
    const ended = await createCampaign(city, { title: '已结束的活动', startsAt: clock - 30 * DAY, endsAt: clock - DAY });
    const a = new RecordingSender();
    const b = new RecordingSender();
    expect(await pusher(a, now, '09:30').runDue()).toBe(0);
    expect(a.sent).toEqual([]);
    // Two processes' pushers due at the same moment: the claim lets exactly one send.
    const counts = await Promise.all([pusher(a, now).runDue(), pusher(b, now).runDue()]);
    expect(counts[0]! + counts[1]!).toBe(1);
    const [message] = [...a.sent, ...b.sent];
    const card = dailyCard(running, chinaDay(clock), ITEMS)!;
    expect(message).toEqual({
      campaignId: running,
      campaignTitle: '廊坊市健康素养答题',
      regionCode: '131000',
      day: '2026-12-05',
      item: card.item,
      title: '每日一学 · 廊坊市健康素养答题',
      text: card.text,
      url: `https://quiz.example.cn/quiz/${running}`,
    });
    // Again the same day: nothing more; the ended campaign got nothing.
    expect(await pusher(a, now).runDue()).toBe(0);
    expect(await pushes(ended)).toEqual([]);
    expect(await pushes(running)).toEqual([{ day: '2026-12-05', item: card.item, channel: 'test', status: 'sent', attempts: 1, delivered: 7, detail: 'msg-1', doneAt: clock }]);
  });

  it('keeps a failed push failed with its reason, tries again after the wait, and gives up after the last try', async () => {
    const base = era(1);
    const running = await runningCampaign(base);
    let clock = base + DAY;
    const now = () => clock;
    const sender = new RecordingSender();
    sender.failing = true;
    expect(await pusher(sender, now).runDue()).toBe(0);
    const [failed] = await pushes(running);
    expect(failed).toMatchObject({ day: chinaDay(base + DAY), status: 'failed', attempts: 1, detail: 'channel unreachable' });
    // Not before the wait.
    clock += PUSH_RETRY_MS - 1;
    expect(await pusher(sender, now).runDue()).toBe(0);
    expect((await pushes(running))[0]).toMatchObject({ attempts: 1 });
    for (let attempt = 2; attempt <= PUSH_ATTEMPTS; attempt++) {
      clock += PUSH_RETRY_MS;
      expect(await pusher(sender, now).runDue()).toBe(0);
      expect((await pushes(running))[0]).toMatchObject({ status: 'failed', attempts: attempt });
    }
    clock += PUSH_RETRY_MS;
    sender.failing = false;
    expect(await pusher(sender, now).runDue()).toBe(0);
    expect(sender.sent).toEqual([]);
    expect((await pushes(running))[0]).toMatchObject({ status: 'failed', attempts: PUSH_ATTEMPTS });
  });

  it('takes over a push a dead process left sending, only once it is stale', async () => {
    const base = era(2);
    const running = await runningCampaign(base);
    let clock = base + 2 * DAY;
    const now = () => clock;
    const day = chinaDay(clock);
    await server.database.client.execute({
      sql: "INSERT INTO daily_pushes (campaign_id, day, item, channel, status, attempts, claimed_at) VALUES (?, ?, 1, 'test', 'sending', 1, ?)",
      args: [running, day, clock],
    });
    const sender = new RecordingSender();
    expect(await pusher(sender, now).runDue()).toBe(0);
    clock += PUSH_STALE_MS;
    expect(await pusher(sender, now).runDue()).toBe(1);
    expect((await pushes(running))[0]).toMatchObject({ day, status: 'sent', attempts: 2 });
  });

  it('lists pushes for the campaign’s organizers only', async () => {
    const running = await runningCampaign(era(3));
    expect((await fetch(`${server.url}/api/campaigns/${running}/daily-pushes`)).status).toBe(401);
    const res = await city.request('/api/campaigns/nosuchcampaign/daily-pushes');
    expect(res.status).toBe(404);
  });

  describe('webhook channel', () => {
    let hook: Server;
    let url = '';
    let answer: { status: number; body: string } = { status: 200, body: '' };
    const received: { body: string; signature: string | undefined }[] = [];

    beforeAll(async () => {
      hook = createServer((req, res) => {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        req.on('end', () => {
          received.push({ body, signature: req.headers['x-signature'] as string | undefined });
          res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
        });
      });
      await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/push`;
    });
    afterAll(() => new Promise<void>((resolve) => hook.close(() => resolve())));

    const message: DailyMessage = { campaignId: 'c1', campaignTitle: '活动', regionCode: '131000', day: '2026-12-05', item: 3, title: '每日一学 · 活动', text: '健康素养条目', url: 'https://quiz.example.cn/quiz/c1' };

    it('posts the message as JSON signed with the secret, and keeps what the relay reports', async () => {
      answer = { status: 200, body: JSON.stringify({ delivered: 1234, id: 'wx-job-9' }) };
      const secret = 'a-secret-of-sixteen+';
      expect(await new WebhookSender(url, secret).send(message)).toEqual({ delivered: 1234, reference: 'wx-job-9' });
      const last = received.at(-1)!;
      expect(JSON.parse(last.body)).toEqual(message);
      expect(last.signature).toBe(`sha256=${createHmac('sha256', secret).update(last.body).digest('hex')}`);
      answer = { status: 204, body: '' };
      expect(await new WebhookSender(url, undefined).send(message)).toEqual({ delivered: null, reference: undefined });
      expect(received.at(-1)!.signature).toBeUndefined();
    });

    it('fails on a refusal, naming the status', async () => {
      answer = { status: 502, body: 'upstream down' };
      await expect(new WebhookSender(url, undefined).send(message)).rejects.toThrow('the webhook answered 502: upstream down');
    });
  });

  it('refuses a webhook configuration without an address or a public URL, and a bad time of day', () => {
    expect(() => loadConfig({ DAILY_PUSH: 'webhook' })).toThrow(/DAILY_PUSH_WEBHOOK.*required when DAILY_PUSH=webhook[\s\S]*PUBLIC_URL/);
    expect(() => loadConfig({ DAILY_PUSH_AT: '25:00' })).toThrow(/DAILY_PUSH_AT="25:00": a time of day/);
    expect(loadConfig({ DAILY_PUSH: 'webhook', DAILY_PUSH_WEBHOOK: 'https://relay.example.cn/push', PUBLIC_URL: 'https://quiz.example.cn' }).DAILY_PUSH).toBe('webhook');
  });
});
