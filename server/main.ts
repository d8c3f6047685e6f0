/** Entry point of `npm start`: parse configuration, start, and shut down cleanly on SIGINT/SIGTERM. */
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
    const force = setTimeout(() => process.exit(1), 10_000);
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
