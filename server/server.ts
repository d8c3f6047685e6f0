import { readFileSync } from 'node:fs';
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { serve } from '@hono/node-server';
import pino, { type Logger } from 'pino';
import { createApp } from './app.js';
import type { Config } from './config.js';
import { migrateDatabase, openDatabase, type Database } from './db/client.js';
import { writerThread, Writer } from './db/writer.js';
import { attachRealtime, startBoardBroadcasts, type Io } from './realtime.js';
import { QuizService } from './quiz.js';
import { ContestService } from './contests.js';
import { attachContests } from './contest-realtime.js';
import { LocalCoordinator, RedisCoordinator } from './coordination.js';
import { ensureFirstAdmin, secretFromMeta } from './bootstrap.js';
import { seedIfEmpty } from './seed.js';

export const VERSION: string = (JSON.parse(readFileSync(path.resolve(import.meta.dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;

export interface RunningServer {
  port: number;
  url: string;
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
 * Brings a database up to date: migrations, the seed of an empty database, the first admin and the
 * phone-hash secret. Idempotent; `start:cluster` runs it once before starting its processes, so they
 * never race to seed.
 */
export async function prepareDatabase(database: Database, config: Config, now: number, logger: Logger): Promise<{ phoneKey: string }> {
  await migrateDatabase(database, config.migrationsDir);
  const seeded = await seedIfEmpty(database, config.questionsDir, now);
  if (seeded.regions || seeded.questions) logger.info(seeded, 'seeded empty database');
  if (await ensureFirstAdmin(database.db, config.ADMIN_USERNAME, config.ADMIN_PASSWORD, now)) logger.info({ username: config.ADMIN_USERNAME }, 'created first admin');
  return { phoneKey: config.PHONE_HASH_KEY ?? (await secretFromMeta(database, 'phone_hash_key', now)) };
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
  const database = await openDatabase(config.DATABASE_URL, config.DATABASE_AUTH_TOKEN);
  let phoneKey: string;
  // With Redis, every process shares broadcasts through one stream; websocket-only needs no sticky sessions.
  // Its modules load only then: a third of a second of start-up the embedded default does not need.
  const redis = config.REDIS_URL ? (await import('redis')).createClient({ url: config.REDIS_URL, socket: { connectTimeout: 5000, reconnectStrategy: (n) => Math.min(n * 200, 2000) } }) : null;
  try {
    ({ phoneKey } = await prepareDatabase(database, config, now(), logger));
    if (redis) {
      redis.on('error', (err: unknown) => logger.error({ err }, 'redis error'));
      await redis.connect();
    }
  } catch (e) {
    database.close();
    if (redis?.isOpen) await redis.close();
    throw e;
  }
  // A local file gets the native writer (cached prepared statements) on a thread of its own; a libSQL
  // server the client's batch.
  const nativeWriter = database.localFile ? writerThread(database.localFile) : null;
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
  const contests = new ContestService(database, writer, now, coordinator, (err) => logger.error({ err }, 'contest replica failed'));
  // An organizer's campaign edit reaches the other processes' caches too.
  quiz.notify = (campaignId) => void coordinator.publish({ type: 'campaign', campaignId });
  coordinator.onNews((news) => news.type === 'campaign' && quiz.invalidate(news.campaignId, false));
  const app = createApp({ database, version: VERSION, clientDir: config.clientDir, startedAt: now(), now, logger, quiz, contests, writer, publicUrl: config.PUBLIC_URL, ratePerIp: config.RATE_LIMIT_PER_IP });

  const httpServer = await new Promise<HttpServer>((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, () => resolve(server as HttpServer));
    server.once('error', reject);
  });
  const io = attachRealtime(httpServer, {
    version: VERSION,
    websocketOnly: Boolean(redis),
    now,
    quiz,
    adapter: redis ? (await import('@socket.io/redis-streams-adapter')).createAdapter(redis, { streamName: config.REDIS_STREAM }) : undefined,
  });
  // Finished commits are taken in as each request arrives, not only when the event loop gets to them.
  httpServer.prependListener('request', () => writer.poll());
  const port = (httpServer.address() as AddressInfo).port;
  const stopBoards = startBoardBroadcasts(io, quiz, logger);
  const stopContests = attachContests(io, contests, database.db, now, config.RATE_LIMIT_PER_IP, (err) => logger.error({ err }, 'contest handler failed'));
  const sweeper = setInterval(() => quiz.sweep(), 60_000);
  sweeper.unref();

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      // io.close() also closes the HTTP server: no new connections or requests from here on.
      stopBoards();
      stopContests();
      await contests.stopAll();
      clearInterval(sweeper);
      await new Promise<void>((resolve) => void io.close(() => resolve()));
      await writer.close();
      await nativeWriter?.close();
      database.close();
      if (redis) await redis.close();
    })());
  return { port, url: `http://127.0.0.1:${port}`, database, writer, io, logger, quiz, contests, close };
}
