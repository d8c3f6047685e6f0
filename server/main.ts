/** Entry point of `npm start`: parse configuration, start, and shut down cleanly on SIGINT/SIGTERM. */
import cluster from 'node:cluster';
import { networkInterfaces } from 'node:os';
import { publicUrlAdvice } from '../shared/protocol/reachability.js';
import { ConfigError, loadConfig } from './config.js';
import { startServer } from './server.js';

let config;
try {
  config = loadConfig();
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}

// A server that can no longer write ends, so its supervisor (systemd, `start:cluster`) starts a fresh one.
const server = await startServer(config, { onFatal: () => process.exit(1) }).catch((e: unknown) => {
  console.error(`Start-up failed: ${(e as Error).message}`);
  process.exit(1);
});
server.logger.info({ url: `http://localhost:${server.port}`, database: config.DATABASE_URL }, '健康知识竞赛平台 ready');
// Links and QR codes phones cannot open are the first thing an organizer meets; say so once (a cluster's
// primary says it for its workers).
const lan = Object.values(networkInterfaces()).flatMap((list) => (list ?? []).filter((a) => a.family === 'IPv4' && !a.internal).map((a) => a.address));
const advice = cluster.isWorker ? null : publicUrlAdvice(config.PUBLIC_URL, server.port, lan);
if (advice) server.logger.warn({ publicUrl: config.PUBLIC_URL ?? null, lanAddresses: lan }, advice);
// Started by a supervisor with an IPC channel (the test and bench harness): tell it the port we bound.
process.send?.({ type: 'listening', port: server.port });

// A promise someone forgot to handle is logged, not allowed to end the show mid-contest: every command is
// already durable before it is broadcast, so the process's state stays what the log says.
process.on('unhandledRejection', (err) => server.logger.error({ err }, 'unhandled rejection'));

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.logger.info({ signal }, 'shutting down');
    // The drain takes at most ~4 s (server.close): past 8 s something is stuck.
    const force = setTimeout(() => {
      server.logger.error('shutdown did not finish within 8 s: exiting anyway');
      process.exit(1);
    }, 8_000);
    force.unref();
    server.close().then(
      () => process.exit(0),
      (e: unknown) => {
        server.logger.error({ err: e }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
