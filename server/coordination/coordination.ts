import { randomBytes } from 'node:crypto';
import type { createClient } from 'redis';
import type { Actor } from '../../shared/contest/index.js';
import { RedisAudienceStore, type AudienceStore } from '../contest/audience-store.js';

// The client as `createClient({ url, socket })` returns it (RESP3 by default in redis 6).
type RedisClient = ReturnType<typeof createClient<{}, {}, {}, 3>>;

/** One accepted command as the owner logged it: what every other process replays to stay in step. */
export interface LogEntry {
  contestId: string;
  seq: number;
  at: number;
  actor: Actor;
  command: unknown;
}

/**
 * What a process tells the others: a contest's new log entry, its owner's latest seq, "reload this
 * contest from the database", or "this campaign's settings changed" (drop the cached copy).
 */
export type News =
  | { type: 'entry'; contestId: string; entry: LogEntry }
  | { type: 'head'; contestId: string; seq: number }
  | { type: 'reload'; contestId: string }
  /** A team's or judge's device link was re-issued: drop connections that hold the old one. */
  | { type: 'revoke'; contestId: string; kind: 'team' | 'judge'; subjectId: string }
  /** Every answer of a revealed opening is in the shared leaderboard: read it. */
  | { type: 'board'; contestId: string; openingId: number }
  | { type: 'campaign'; campaignId: string };
export type ContestNews = Exclude<News, { type: 'campaign' }>;

/** A command forwarded to the owner, and what the owner answered (with the seq the answer is at). */
export interface ForwardRequest {
  contestId: string;
  command: unknown;
  actor: Actor;
}
export type ForwardReply =
  | { ok: true; events: unknown[]; seq: number }
  | { ok: false; error: { code: string; params?: Record<string, string | number> } }
  /** The process asked does not run the contest (any more): nothing was done, ask again. */
  | { ok: false; notOwner: true }
  /** No answer in time: the owner may or may not have run the command before it died. */
  | { ok: false; unanswered: true };

/**
 * Who runs each contest's engine. With one process it is always this one; with Redis, a lease per
 * contest decides, expires when its holder stops renewing it (the process died or stalled), and can
 * then be taken by another. Commands reaching a non-owner are forwarded to the owner; the owner's
 * log entries are published so every process keeps a replica for its own sockets' fan-out.
 */
export interface Coordinator {
  readonly processId: string;
  /** The audience tally every process shares (Redis); null with one process, whose replica is the whole audience. */
  readonly audience?: AudienceStore | null;
  /** Takes the lease if nobody holds it; true if this process holds it now. */
  acquire(contestId: string): Promise<boolean>;
  /**
   * True while this process holds the lease: renewed within the lease period by this process's own clock,
   * counted from when the renewal was sent. A process that stalled (SIGSTOP, a long GC, a frozen VM) stops
   * acting as the owner the moment it wakes, before its next renewal tells it the lease went elsewhere.
   */
  holds(contestId: string): boolean;
  /** The process holding the lease, or null. */
  owner(contestId: string): Promise<string | null>;
  /** Gives the lease up (shutdown). */
  release(contestId: string): Promise<void>;
  /**
   * Tells the other processes; settles once the message has left this process (never rejects), so a
   * caller about to run a long synchronous loop can let it go first. Null when there are none (one process).
   */
  publish(news: News): Promise<void> | null;
  onNews(handler: (news: News) => void): void;
  /** Called when a renewal finds the lease gone or taken: this process must stop acting as the owner. */
  onLost(handler: (contestId: string) => void): void;
  /** Called on every renewal tick with the contests this process owns (the owner announces its seq). */
  onTick(handler: (owned: string[]) => void): void;
  forward(owner: string, request: ForwardRequest): Promise<ForwardReply>;
  onForward(handler: (request: ForwardRequest) => Promise<ForwardReply>): void;
  close(): Promise<void>;
}

/** The single-process coordinator: this process owns everything and has nobody to tell. */
export class LocalCoordinator implements Coordinator {
  readonly processId = 'local';
  readonly audience = null;
  acquire = async () => true;
  holds = () => true;
  owner = async () => this.processId;
  release = async () => undefined;
  publish() {
    return null;
  }
  onNews() {}
  onLost() {}
  onTick() {}
  forward(): Promise<ForwardReply> {
    return Promise.resolve({ ok: false, unanswered: true });
  }
  onForward() {}
  close = async () => undefined;
}

// Extends the lease only if it is still ours; deletes it only if it is ours.
const RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/**
 * Leases, news and forwarding over Redis. Publishing and lease commands use the shared client;
 * subscriptions need a connection of their own. Everything one process publishes goes out on that
 * one client, so a forwarded command's reply always arrives after the log entry it produced.
 */
export class RedisCoordinator implements Coordinator {
  // The pid makes a lease holder easy to find in Redis when operating (and in the takeover test).
  readonly processId = `${process.pid}-${randomBytes(6).toString('hex')}`;
  #owned = new Set<string>();
  /** When the last successful SET or renewal of each owned lease was sent (performance.now()). */
  #renewedAt = new Map<string, number>();
  #pending = new Map<string, { resolve: (r: ForwardReply) => void; timer: NodeJS.Timeout }>();
  #newsHandlers: ((news: News) => void)[] = [];
  #lostHandlers: ((contestId: string) => void)[] = [];
  #tickHandlers: ((owned: string[]) => void)[] = [];
  #forwardHandler: ((request: ForwardRequest) => Promise<ForwardReply>) | null = null;
  #ticker: NodeJS.Timeout | null = null;
  #sub: RedisClient | null = null;
  readonly audience: AudienceStore;

  private constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly leaseMs: number,
    private readonly onError: (err: unknown) => void,
  ) {
    this.audience = new RedisAudienceStore(redis, prefix);
  }

  static async start(redis: RedisClient, prefix: string, leaseMs: number, onError: (err: unknown) => void): Promise<RedisCoordinator> {
    const c = new RedisCoordinator(redis, prefix, leaseMs, onError);
    const sub = redis.duplicate();
    sub.on('error', onError);
    await sub.connect();
    c.#sub = sub;
    await sub.subscribe(c.#newsChannel, (message) => c.#receiveNews(message));
    await sub.subscribe(c.#rpcChannel(c.processId), (message) => c.#receiveRpc(message));
    // Renew three times per lease period, so one slow tick does not lose it.
    c.#ticker = setInterval(() => void c.#renew(), Math.max(100, Math.floor(leaseMs / 3)));
    c.#ticker.unref();
    return c;
  }

  get #newsChannel() {
    return `${this.prefix}:contest-news`;
  }
  #rpcChannel(processId: string) {
    return `${this.prefix}:rpc:${processId}`;
  }
  #leaseKey(contestId: string) {
    return `${this.prefix}:lease:${contestId}`;
  }

  async acquire(contestId: string): Promise<boolean> {
    if (this.holds(contestId)) return true;
    const sent = performance.now();
    if (this.#owned.has(contestId)) {
      // Ours by Redis's account but past the lease by our clock: still ours only if the key still names us.
      const kept = await this.redis.eval(RENEW, { keys: [this.#leaseKey(contestId)], arguments: [this.processId, String(this.leaseMs)] });
      if (kept === 1) {
        this.#renewedAt.set(contestId, sent);
        return true;
      }
      this.#owned.delete(contestId);
      this.#renewedAt.delete(contestId);
      for (const h of this.#lostHandlers) h(contestId);
    }
    const set = await this.redis.set(this.#leaseKey(contestId), this.processId, { condition: 'NX', expiration: { type: 'PX', value: this.leaseMs } });
    if (set === 'OK') {
      this.#owned.add(contestId);
      this.#renewedAt.set(contestId, sent);
    }
    return set === 'OK';
  }

  holds(contestId: string) {
    return this.#owned.has(contestId) && performance.now() - (this.#renewedAt.get(contestId) ?? -Infinity) < this.leaseMs;
  }

  async owner(contestId: string): Promise<string | null> {
    return (await this.redis.get(this.#leaseKey(contestId))) ?? null;
  }

  async release(contestId: string) {
    this.#owned.delete(contestId);
    this.#renewedAt.delete(contestId);
    await this.redis.eval(RELEASE, { keys: [this.#leaseKey(contestId)], arguments: [this.processId] });
  }

  async #renew() {
    for (const contestId of [...this.#owned]) {
      try {
        const sent = performance.now();
        const kept = await this.redis.eval(RENEW, { keys: [this.#leaseKey(contestId)], arguments: [this.processId, String(this.leaseMs)] });
        if (kept === 1) {
          this.#renewedAt.set(contestId, sent);
          continue;
        }
        this.#owned.delete(contestId);
        this.#renewedAt.delete(contestId);
        for (const h of this.#lostHandlers) h(contestId);
      } catch (err) {
        // Redis unreachable: act as owner until the lease runs out by this process's clock (`holds`); the
        // log's fencing epoch refuses this process's appends if someone else took over meanwhile.
        this.onError(err);
      }
    }
    const owned = [...this.#owned];
    for (const h of this.#tickHandlers) h(owned);
  }

  publish(news: News) {
    this.redis.publish(this.#newsChannel, JSON.stringify({ from: this.processId, news })).catch(this.onError);
    // The client writes its queued commands in a setImmediate scheduled by the call above: one queued
    // after it runs once the message is on the socket.
    return new Promise<void>((resolve) => setImmediate(resolve));
  }

  #receiveNews(message: string) {
    let parsed: { from: string; news: News };
    try {
      parsed = JSON.parse(message) as { from: string; news: News };
    } catch (err) {
      this.onError(err);
      return;
    }
    if (parsed.from === this.processId) return;
    for (const h of this.#newsHandlers) h(parsed.news);
  }

  onNews(handler: (news: News) => void) {
    this.#newsHandlers.push(handler);
  }
  onLost(handler: (contestId: string) => void) {
    this.#lostHandlers.push(handler);
  }
  onTick(handler: (owned: string[]) => void) {
    this.#tickHandlers.push(handler);
  }
  onForward(handler: (request: ForwardRequest) => Promise<ForwardReply>) {
    this.#forwardHandler = handler;
  }

  /** Sends a command to the owner and waits for its answer; a dead owner answers nothing, so this times out as unanswered. */
  forward(owner: string, request: ForwardRequest): Promise<ForwardReply> {
    const id = randomBytes(8).toString('hex');
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        resolve({ ok: false, unanswered: true });
      }, this.leaseMs);
      this.#pending.set(id, { resolve, timer });
      this.redis.publish(this.#rpcChannel(owner), JSON.stringify({ kind: 'request', id, from: this.processId, request })).catch((err: unknown) => {
        this.onError(err);
        clearTimeout(timer);
        this.#pending.delete(id);
        resolve({ ok: false, unanswered: true });
      });
    });
  }

  #receiveRpc(message: string) {
    let msg: { kind: 'request'; id: string; from: string; request: ForwardRequest } | { kind: 'reply'; id: string; reply: ForwardReply };
    try {
      msg = JSON.parse(message) as typeof msg;
    } catch (err) {
      this.onError(err);
      return;
    }
    if (msg.kind === 'reply') {
      const waiting = this.#pending.get(msg.id);
      if (!waiting) return;
      clearTimeout(waiting.timer);
      this.#pending.delete(msg.id);
      waiting.resolve(msg.reply);
      return;
    }
    const { id, from, request } = msg;
    const handler = this.#forwardHandler;
    const answer = (reply: ForwardReply) => this.redis.publish(this.#rpcChannel(from), JSON.stringify({ kind: 'reply', id, reply })).catch(this.onError);
    if (!handler) return void answer({ ok: false, notOwner: true });
    handler(request).then(answer, (err: unknown) => {
      this.onError(err);
      void answer({ ok: false, error: { code: 'server/internal' } });
    });
  }

  async close() {
    if (this.#ticker) clearInterval(this.#ticker);
    for (const contestId of [...this.#owned]) await this.release(contestId).catch(this.onError);
    for (const { resolve, timer } of this.#pending.values()) {
      clearTimeout(timer);
      resolve({ ok: false, unanswered: true });
    }
    this.#pending.clear();
    if (this.#sub?.isOpen) await this.#sub.close();
  }
}
