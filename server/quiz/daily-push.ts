import { createHmac } from 'node:crypto';
import { and, desc, eq, gt, lte, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import literacy2024 from '../../questions/literacy-2024.json';
import { chinaDay, dailyCard, dailyMessage, pushDue, type DailyMessage, type DailyPushRow, type LiteracyItem } from '../../shared/quiz/daily.js';
import type { Db } from '../db/client.js';
import { campaigns, dailyPushes } from '../db/schema.js';

const ITEMS = literacy2024.items as LiteracyItem[];

/** What a channel reports after taking a message. */
export interface SendReceipt {
  /** Recipients reached, when the channel knows (null: it does not say). */
  delivered: number | null;
  /** The channel's own id of the send (a message id, a job id), kept with the push. */
  reference?: string;
}

/**
 * A channel that pushes the day's card to residents: a WeChat official account's broadcast, an SMS gateway, a
 * county's own message platform. The product ships two (the log and a webhook); a deployment plugs its own in
 * here. `send` resolves once the channel has taken the message and rejects when it refused or could not be
 * reached, so the push is tried again.
 */
export interface DailySender {
  /** Kept with each push, e.g. `log` or `webhook`. */
  readonly channel: string;
  send(message: DailyMessage): Promise<SendReceipt>;
}

/** Writes each message to the server's log as one structured line (`DAILY_PUSH=log`, the default). */
export class LogSender implements DailySender {
  readonly channel = 'log';
  constructor(private readonly logger: Logger) {}

  async send(message: DailyMessage): Promise<SendReceipt> {
    this.logger.info({ daily: message }, 'daily card pushed to the log channel');
    return { delivered: null };
  }
}

/**
 * POSTs each message as JSON to a relay the deployment runs (`DAILY_PUSH=webhook`): the relay holds the
 * credentials of the real channel. With a secret, `X-Signature: sha256=<hex HMAC of the body>` lets the relay
 * check the message came from here. A 2xx answer is taken; a JSON body's `delivered` and `id` are kept.
 */
export class WebhookSender implements DailySender {
  readonly channel = 'webhook';
  constructor(
    private readonly url: string,
    private readonly secret: string | undefined,
    private readonly timeoutMs = 10_000,
  ) {}

  async send(message: DailyMessage): Promise<SendReceipt> {
    const body = JSON.stringify(message);
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (this.secret) headers['X-Signature'] = `sha256=${createHmac('sha256', this.secret).update(body).digest('hex')}`;
    const res = await fetch(this.url, { method: 'POST', body, headers, signal: AbortSignal.timeout(this.timeoutMs) });
    const text = await res.text();
    if (!res.ok) throw new Error(`the webhook answered ${res.status}: ${text.slice(0, 200)}`);
    let answer: { delivered?: unknown; id?: unknown } = {};
    try {
      answer = JSON.parse(text) as typeof answer;
    } catch {
      // A relay may answer with an empty or plain body: taken, with nothing more to keep.
    }
    return {
      delivered: typeof answer.delivered === 'number' && Number.isInteger(answer.delivered) && answer.delivered >= 0 ? answer.delivered : null,
      reference: typeof answer.id === 'string' ? answer.id.slice(0, 200) : undefined,
    };
  }
}

/** Sends after which a failed push is left failed. */
export const PUSH_ATTEMPTS = 3;
/** How long a failed push waits before it is tried again. */
export const PUSH_RETRY_MS = 10 * 60_000;
/** A push still `sending` this long after its claim was left by a process that died: it may be taken again. */
export const PUSH_STALE_MS = 30 * 60_000;

/**
 * Pushes each running campaign's card once a China day, from `at` (HH:MM, China time) on. Every process of a
 * deployment may run one: the `(campaign, day)` row is claimed in one statement, and only the process whose
 * claim took sends. A failed send is tried again after `PUSH_RETRY_MS`, up to `PUSH_ATTEMPTS` times.
 */
export class DailyPusher {
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<number> | null = null;

  constructor(
    private readonly db: Db,
    private readonly sender: DailySender,
    private readonly now: () => number,
    private readonly logger: Logger,
    private readonly opts: { at: string; publicUrl: string },
  ) {}

  /** Checks every `intervalMs` (a minute by default) whether a push is due. */
  start(intervalMs = 60_000) {
    this.#timer = setInterval(() => void this.runDue(), intervalMs);
    this.#timer.unref();
    void this.runDue();
  }

  /** Stops the checks and waits for a round under way. */
  async stop() {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#running;
  }

  /** Sends every push due now; resolves to the number sent. One round at a time. */
  runDue(): Promise<number> {
    return (this.#running ??= this.#round().finally(() => (this.#running = null)));
  }

  async #round(): Promise<number> {
    const t = this.now();
    if (!pushDue(t, this.opts.at)) return 0;
    const day = chinaDay(t);
    let sent = 0;
    try {
      const running = await this.db
        .select({ id: campaigns.id, title: campaigns.title, regionCode: campaigns.regionCode })
        .from(campaigns)
        .where(and(eq(campaigns.status, 'published'), lte(campaigns.startsAt, t), gt(campaigns.endsAt, t)));
      for (const campaign of running) {
        const card = dailyCard(campaign.id, day, ITEMS);
        if (!card) continue;
        if (!(await this.#claim(campaign.id, day, card.item, t))) continue;
        if (await this.#send(dailyMessage(campaign, card, this.opts.publicUrl))) sent++;
      }
    } catch (err) {
      this.logger.error({ err }, 'daily push round failed');
    }
    return sent;
  }

  /** Takes the day's push of a campaign for this process: new, failed and due again, or left by a dead process. */
  async #claim(campaignId: string, day: string, item: number, t: number): Promise<boolean> {
    const taken = await this.db
      .insert(dailyPushes)
      .values({ campaignId, day, item, channel: this.sender.channel, status: 'sending', attempts: 1, claimedAt: t })
      .onConflictDoUpdate({
        target: [dailyPushes.campaignId, dailyPushes.day],
        set: { status: 'sending', attempts: sql`${dailyPushes.attempts} + 1`, channel: this.sender.channel, claimedAt: t, doneAt: null },
        setWhere: sql`(${dailyPushes.status} = 'failed' AND ${dailyPushes.attempts} < ${PUSH_ATTEMPTS} AND ${dailyPushes.doneAt} <= ${t - PUSH_RETRY_MS})
          OR (${dailyPushes.status} = 'sending' AND ${dailyPushes.claimedAt} <= ${t - PUSH_STALE_MS})`,
      })
      .returning({ campaignId: dailyPushes.campaignId });
    return taken.length > 0;
  }

  async #send(message: DailyMessage): Promise<boolean> {
    const key = and(eq(dailyPushes.campaignId, message.campaignId), eq(dailyPushes.day, message.day));
    try {
      const receipt = await this.sender.send(message);
      await this.db.update(dailyPushes).set({ status: 'sent', delivered: receipt.delivered, detail: receipt.reference ?? '', doneAt: this.now() }).where(key);
      return true;
    } catch (err) {
      this.logger.warn({ err, campaignId: message.campaignId, day: message.day, channel: this.sender.channel }, 'daily push failed; it is tried again later');
      await this.db.update(dailyPushes).set({ status: 'failed', detail: String((err as Error).message ?? err).slice(0, 500), doneAt: this.now() }).where(key);
      return false;
    }
  }
}

/** The latest pushes of a campaign, newest first. */
export async function listDailyPushes(db: Db, campaignId: string, limit = 30): Promise<DailyPushRow[]> {
  return db
    .select({
      day: dailyPushes.day,
      item: dailyPushes.item,
      channel: dailyPushes.channel,
      status: dailyPushes.status,
      attempts: dailyPushes.attempts,
      delivered: dailyPushes.delivered,
      detail: dailyPushes.detail,
      doneAt: dailyPushes.doneAt,
    })
    .from(dailyPushes)
    .where(eq(dailyPushes.campaignId, campaignId))
    .orderBy(desc(dailyPushes.day))
    .limit(limit);
}
