/**
 * Entry point of `npm run start:cluster`: N server processes on one machine and one port, sharing
 * realtime traffic and contest leases through Redis and one database. The primary prepares the
 * database once, starts the workers (each is `server/main.ts`), replaces one that dies, and stops
 * them all on SIGINT/SIGTERM. Several machines: run `npm start` on each with the same REDIS_URL and a
 * libSQL server's DATABASE_URL behind a load balancer (README).
 */
import cluster, { type Worker } from 'node:cluster';
import os from 'node:os';
import pino from 'pino';
import { createClient } from 'redis';
import { publicUrlAdvice } from '../shared/protocol/reachability.js';
import { ConfigError, loadConfig } from './config.js';
import { openConfigured, prepareDatabase } from './server.js';

const env = { ...process.env, REDIS_URL: process.env.REDIS_URL || 'redis://127.0.0.1:6379' };
let config;
try {
  config = loadConfig(env);
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}
const publicUrl: string | undefined = config.PUBLIC_URL;
const count = Number(process.env.WORKERS || os.availableParallelism());
if (!Number.isInteger(count) || count < 1 || count > 64) {
  console.error(`Invalid configuration:\n  WORKERS=${JSON.stringify(process.env.WORKERS)}: a whole number of processes from 1 to 64`);
  process.exit(1);
}
const logger = pino({ level: config.LOG_LEVEL });
if (!process.env.REDIS_URL) logger.info({ redis: env.REDIS_URL }, 'REDIS_URL not set: using the local Redis');

// Redis is what makes several processes one deployment: refuse to start without it.
const probe = createClient({ url: env.REDIS_URL, socket: { connectTimeout: 3000, reconnectStrategy: false } });
probe.on('error', () => undefined);
try {
  await probe.connect();
  await probe.close();
} catch (e) {
  console.error(`Start-up failed: Redis at ${env.REDIS_URL} is not reachable (${(e as Error).message})`);
  process.exit(1);
}

try {
  const database = await openConfigured(config);
  try {
    await prepareDatabase(database, config, Date.now(), logger);
  } finally {
    database.close();
  }
} catch (e) {
  console.error(`Start-up failed: ${(e as Error).message}`);
  process.exit(1);
}

// Workers run the entry beside this one: the build's when started from it (`npm run start:cluster`), else the source.
cluster.setupPrimary({ exec: new URL(import.meta.url.endsWith('.ts') ? './main.ts' : './main.mjs', import.meta.url).pathname });
let stopping = false;
let announced = false;
const listening = new Map<number, number>(); // worker pid → port

function fork(): Worker {
  const worker = cluster.fork(env);
  worker.on('message', (m: { type?: string; port?: number }) => {
    if (m.type !== 'listening' || !m.port || !worker.process.pid) return;
    listening.set(worker.process.pid, m.port);
    if (!announced && listening.size === count) {
      announced = true;
      logger.info({ url: `http://localhost:${m.port}`, workers: [...listening.keys()] }, '健康知识竞赛平台 cluster ready');
      const lan = Object.values(os.networkInterfaces()).flatMap((list) => (list ?? []).filter((a) => a.family === 'IPv4' && !a.internal).map((a) => a.address));
      const advice = publicUrlAdvice(publicUrl, m.port, lan);
      if (advice) logger.warn({ publicUrl: publicUrl ?? null, lanAddresses: lan }, advice);
      process.send?.({ type: 'listening', port: m.port, workers: [...listening.keys()] });
    } else if (announced) {
      process.send?.({ type: 'worker', pid: worker.process.pid, port: m.port });
    }
  });
  return worker;
}

for (let i = 0; i < count; i++) fork();

cluster.on('exit', (worker, code, signal) => {
  if (worker.process.pid) listening.delete(worker.process.pid);
  if (stopping) {
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    return;
  }
  // Its contests' leases run out and the other processes take them over; a fresh process takes its place.
  logger.error({ worker: worker.process.pid, code, signal }, 'worker died; starting a new one');
  setTimeout(fork, 500);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping the cluster');
    const workers = Object.values(cluster.workers ?? {});
    if (workers.length === 0) process.exit(0);
    for (const w of workers) w?.process.kill('SIGTERM');
    setTimeout(() => process.exit(1), 15_000).unref();
  });
}
