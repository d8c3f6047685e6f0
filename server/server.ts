import { readFileSync } from 'node:fs';
import type { Server as HttpServer } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import { createAdaptorServer } from '@hono/node-server';
import pino, { type Logger } from 'pino';
import { createApp } from './app.js';
import type { Config } from './config.js';
import { migrateDatabase, openDatabase, type Database } from './db/client.js';
import { writerThread, Writer } from './db/writer.js';
import { checkDatabase, StartupError, storageFailure } from './db/health.js';
import { attachRealtime, BoardCache, startBoardBroadcasts, type Io } from './coordination/realtime.js';
import { QuizService } from './quiz/quiz.js';
import { ContestService } from './contest/contests.js';
import { attachContests } from './contest/contest-realtime.js';
import { LocalCoordinator, RedisCoordinator } from './coordination/coordination.js';
import { ensureFirstAdmin, phoneHashKey } from './bootstrap.js';
import { seedIfEmpty } from './bank/seed.js';
import { Readiness } from './http/routes/health.js';
import { Overload } from './http/overload.js';

/** How long shutdown waits for requests in flight after the first quiet second, before it cuts connections. */
const DRAIN_MS = 2500;
import { parseTrustProxy, type TrustProxy } from './http/proxy.js';
import { DailyPusher, LogSender, WebhookSender } from './quiz/daily-push.js';

export const VERSION: string = (JSON.parse(readFileSync(path.resolve(import.meta.dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;

export interface RunningServer {
  port: number;
  url: string;
  /** The HTTP app (its `routes` list every route, which the fuzz test walks). */
  app: ReturnType<typeof createApp>;
  database: Database;
  writer: Writer;
  io: Io;
  logger: Logger;
  quiz: QuizService;
  contests: ContestService;
  /** Stops accepting connections, flushes pending writes, closes the database. Idempotent. */
  close(): Promise<void>;
}

/**
 * Opens `DATABASE_URL`, turning a failure into a message that names the variable and the cause (a
 * read-only or missing folder, a file that is not a database, a server that does not answer in time).
 */
export async function openConfigured(config: Config): Promise<Database> {
  try {
    return await withTimeout(openDatabase(config.DATABASE_URL, config.DATABASE_AUTH_TOKEN, { sync: config.DATABASE_SYNC }), config.STARTUP_TIMEOUT_MS, `no answer within ${config.STARTUP_TIMEOUT_MS} ms`);
  } catch (e) {
    const failure = storageFailure(e);
    const cause = (e as { cause?: { message?: string } }).cause?.message;
    throw new StartupError(`DATABASE_URL=${config.DATABASE_URL} cannot be opened${failure ? ` (${failure})` : ''}: ${(e as Error).message}${cause ? ` (${cause})` : ''}`);
  }
}

/** Settles as `promise`, or rejects with `message` after `ms`: nothing at start-up may wait forever. */
export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))]).finally(() => clearTimeout(timer));
}

/**
 * Brings a database up to date: migrations, the seed of an empty database, the first admin and the
 * phone-hash secret. Idempotent; `start:cluster` runs it once before starting its processes, so they
 * never race to seed.
 */
export async function prepareDatabase(database: Database, config: Config, now: number, logger: Logger): Promise<{ phoneKey: string }> {
  await checkDatabase(database, config.migrationsDir, config.DATABASE_URL);
  await migrateDatabase(database, config.migrationsDir);
  const seeded = await seedIfEmpty(database, config.questionsDir, now, { root: config.REGION_ROOT, depth: config.REGION_DEPTH });
  if (seeded.regions || seeded.questions) logger.info(seeded, 'seeded empty database');
  if (await ensureFirstAdmin(database.db, config.ADMIN_USERNAME, config.ADMIN_PASSWORD, now)) logger.info({ username: config.ADMIN_USERNAME }, 'created first admin');
  const phone = await phoneHashKey(database, { envKey: config.PHONE_HASH_KEY, keyFile: config.PHONE_HASH_KEY_FILE, production: config.NODE_ENV === 'production' });
  if (phone.source === 'created' || phone.source === 'moved-from-database') logger.warn({ file: phone.file }, phone.source === 'created' ? 'created the phone-hash key file: back it up with the database, keep it apart from database copies' : 'moved the phone-hash key out of the database into its key file');
  return { phoneKey: phone.key };
}

/**
 * Starts the whole product on one port: migrate, seed an empty database, then Hono and Socket.IO on
 * one HTTP server. Everything a test needs to poke at comes back in the handle.
 */
export async function startServer(
  config: Config,
  opts: {
    now?: () => number;
    logger?: Logger;
    /** Called (after logging) when the server can no longer do its job, so the process can end and be restarted. */
    onFatal?: (err: Error) => void;
  } = {},
): Promise<RunningServer> {
  const now = opts.now ?? Date.now;
  const logger = opts.logger ?? pino({ level: config.LOG_LEVEL });
  const database = await openConfigured(config);
  let phoneKey: string;
  // With Redis, every process shares broadcasts through one stream; websocket-only needs no sticky sessions.
  // Its modules load only then: a third of a second of start-up the embedded default does not need.
  const redis = config.REDIS_URL ? (await import('redis')).createClient({ url: config.REDIS_URL, socket: { connectTimeout: 5000, reconnectStrategy: (n) => Math.min(n * 200, 2000) } }) : null;
  try {
    ({ phoneKey } = await withTimeout(prepareDatabase(database, config, now(), logger), config.STARTUP_TIMEOUT_MS, `DATABASE_URL=${config.DATABASE_URL} did not answer within STARTUP_TIMEOUT_MS=${config.STARTUP_TIMEOUT_MS} ms`));
    if (redis) {
      let lastError: unknown = null;
      redis.on('error', (err: unknown) => {
        lastError = err;
        logger.error({ err }, 'redis error');
      });
      // The client retries forever by itself: at start-up, give up after the time limit and say why.
      await withTimeout(redis.connect(), config.STARTUP_TIMEOUT_MS, `REDIS_URL=${config.REDIS_URL} is not reachable`).catch((e: unknown) => {
        const cause = lastError ? ` (${(lastError as Error).message || String(lastError)})` : '';
        throw new StartupError(`${(e as Error).message} within STARTUP_TIMEOUT_MS=${config.STARTUP_TIMEOUT_MS} ms${cause}`);
      });
    }
  } catch (e) {
    database.close();
    if (redis) redis.destroy();
    throw e;
  }
  // A local file gets the native writer (cached prepared statements) on a thread of its own; a libSQL
  // server the client's batch.
  const nativeWriter = database.localFile ? writerThread(database.localFile, config.DATABASE_SYNC) : null;
  try {
    await nativeWriter?.ready;
  } catch (e) {
    database.close();
    if (redis?.isOpen) await redis.close();
    throw e;
  }
  void nativeWriter?.died.then((err) => {
    logger.fatal({ err }, 'the database writer thread died: no write can be acknowledged any more');
    opts.onFatal?.(err);
  });
  const writer = new Writer(nativeWriter ?? database.client, config.WRITE_BATCH_MS);
  const quiz = new QuizService(database, writer, now, phoneKey);
  // With Redis, each contest's engine runs in the one process holding its lease; the others follow.
  const coordinator = redis ? await RedisCoordinator.start(redis, config.REDIS_STREAM, config.CONTEST_LEASE_MS, (err) => logger.error({ err }, 'contest coordination failed')) : new LocalCoordinator();
  const contests = new ContestService(
    database,
    writer,
    now,
    coordinator,
    (err) => logger.error({ err }, 'contest replica failed'),
    (failure) => logger.error(failure, 'contest log does not replay: the contest is served read-only until repaired'),
    phoneKey,
  );
  const upgraded = await contests.upgradeLegacyLinks();
  if (upgraded) logger.warn({ links: upgraded }, 'team and judge links stored in plain text were rewritten as hashes; printed links keep working, the setup page shows new signed ones');
  // An organizer's campaign edit reaches the other processes' caches too.
  quiz.notify = (campaignId) => void coordinator.publish({ type: 'campaign', campaignId });
  coordinator.onNews((news) => news.type === 'campaign' && quiz.invalidate(news.campaignId, false));
  // Readiness: a real write probe, every few seconds and on demand (`/api/health/ready`).
  const readiness = new Readiness(writer, now);
  readiness.start();
  const overload = new Overload(writer, config.OVERLOAD_DELAY_MS, config.OVERLOAD_QUEUE);
  const trustProxy = parseTrustProxy(config.TRUST_PROXY) as TrustProxy; // validated by loadConfig
  const app = createApp({ readiness, overload, database, version: VERSION, clientDir: config.clientDir, startedAt: now(), now, logger, quiz, contests, writer, publicUrl: config.PUBLIC_URL, ratePerIp: config.RATE_LIMIT_PER_IP, newParticipantsPerIp: config.NEW_PARTICIPANTS_PER_IP, trustProxy });

  const httpServer = await new Promise<HttpServer>((resolve, reject) => {
    // A restart brings thousands of phones back within a second or two while the event loop is busy with the first of
    // them: the kernel's queue of connections not yet accepted holds 4096 (capped by net.core.somaxconn) rather than
    // Node's default 511, because a connection dropped from a full queue comes back only after TCP's SYN retries
    // (1, 3, 7, 15 s …). `npm run bench:recovery` prints the drops (ListenOverflows).
    const server = createAdaptorServer({ fetch: app.fetch, hostname: config.HOST }) as HttpServer;
    server.listen({ port: config.PORT, host: config.HOST, backlog: 4096 }, () => resolve(server));
    server.once('error', reject);
  });
  const boards = new BoardCache(quiz, now);
  const io = attachRealtime(httpServer, {
    version: VERSION,
    websocketOnly: Boolean(redis),
    now,
    quiz,
    boards,
    trustProxy,
    ratePerIp: config.RATE_LIMIT_PER_IP,
    socketsPerIp: config.SOCKETS_PER_IP,
    adapter: redis ? (await import('@socket.io/redis-streams-adapter')).createAdapter(redis, { streamName: config.REDIS_STREAM }) : undefined,
  });
  // Finished commits are taken in as each request arrives, not only when the event loop gets to them.
  httpServer.prependListener('request', () => writer.poll());
  // Requests being served, for the drain at shutdown; once draining, every response closes its connection
  // (a busy keep-alive connection would otherwise bring new requests for ever).
  let active = 0;
  let draining = false;
  httpServer.prependListener('request', (_req, res) => {
    active++;
    res.once('close', () => active--);
    if (draining) res.setHeader('Connection', 'close');
  });
  const port = (httpServer.address() as AddressInfo).port;
  const stopBoards = startBoardBroadcasts(io, quiz, logger, 1000, boards);
  const stopContests = attachContests(io, contests, database.db, now, config.RATE_LIMIT_PER_IP, (err) => logger.error({ err }, 'contest handler failed'));
  const sweeper = setInterval(() => quiz.sweep(), 60_000);
  sweeper.unref();
  // 每日一学: each running campaign's card pushed once a China day through the configured channel.
  const pusher =
    config.DAILY_PUSH === 'off'
      ? null
      : new DailyPusher(database.db, config.DAILY_PUSH === 'webhook' ? new WebhookSender(config.DAILY_PUSH_WEBHOOK!, config.DAILY_PUSH_SECRET) : new LogSender(logger), now, logger, {
          at: config.DAILY_PUSH_AT,
          publicUrl: config.PUBLIC_URL ?? '',
        });
  pusher?.start();

  let closing: Promise<void> | null = null;
  /** Resolves once `done()` holds, checked every 10 ms, or after `ms` (false then). */
  const until = async (done: () => boolean, ms: number) => {
    const end = performance.now() + ms;
    while (!done() && performance.now() < end) await new Promise((r) => setTimeout(r, 10));
    return done();
  };
  const close = () =>
    (closing ??= (async () => {
      // 1. Not ready (load balancers stop sending), no new connections; requests on open connections are
      //    still served, each answered with `Connection: close`.
      readiness.stop();
      overload.stop();
      readiness.draining = true;
      draining = true;
      const allClosed = new Promise<void>((resolve) => httpServer.once('close', () => resolve()));
      // net.Server's close only stops accepting; http.Server's would also drop idle keep-alive connections at
      // once, racing a request a client is sending on one this very moment.
      net.Server.prototype.close.call(httpServer);
      // 2. Phones and screens: their connections end without a "disconnect", which socket.io-client reads as
      //    a lost connection and reconnects (to another process, or to this server once restarted).
      stopBoards();
      stopContests();
      for (const socket of io.sockets.sockets.values()) socket.conn.close();
      // 3. Busy keep-alive connections get their `Connection: close` on their next response within moments;
      //    after a short quiet spell, what is left idle is closed; whatever is still open at the limit is cut.
      // What is queued commits now rather than at the end of its window: the requests waiting on it finish sooner.
      void writer.flush();
      const drainStart = performance.now();
      await until(() => active === 0 && performance.now() - drainStart > 300, 1000);
      httpServer.closeIdleConnections();
      if (!(await until(() => active === 0, DRAIN_MS))) logger.warn({ active }, 'requests still running at the drain limit');
      httpServer.closeAllConnections();
      await Promise.race([allClosed, new Promise((r) => setTimeout(r, 500))]);
      // 4. Contests: timers stopped, leases given up so another process takes over at once.
      await contests.stopAll();
      clearInterval(sweeper);
      await pusher?.stop();
      await new Promise<void>((resolve) => void io.close(() => resolve()));
      await writer.close();
      await nativeWriter?.close();
      // Everything committed moves from the WAL into the database file, so the file alone is the data
      // (a copy of it after a clean exit is complete; a backup is still `npm run backup`).
      if (database.local) {
        await database.client.execute('PRAGMA wal_checkpoint(TRUNCATE)').catch((err: unknown) => logger.warn({ err }, 'checkpoint at shutdown failed'));
      }
      database.close();
      if (redis) await redis.close();
    })());
  return { port, url: `http://127.0.0.1:${port}`, app, database, writer, io, logger, quiz, contests, close };
}
