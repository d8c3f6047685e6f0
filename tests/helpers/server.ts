import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol/events';
import { loadConfig, type Config } from '../../server/config';
import { startServer, type RunningServer } from '../../server/server';

export interface TestServer extends RunningServer {
  dir: string;
  config: Config;
  /** Closes the server and deletes its temp folder. */
  stop(): Promise<void>;
}

/** A temp folder for one test's database files. */
export function tempDir(prefix = 'hq-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Starts the real app on a random port with a fresh temp database file. */
export async function startTestServer(env: Record<string, string> = {}, overrides: Partial<Config> = {}, opts: { now?: () => number; logger?: pino.Logger } = {}): Promise<TestServer> {
  const dir = tempDir();
  const config = { ...loadConfig({ REGION_DEPTH: 'county', PORT: '0', HOST: '127.0.0.1', DATABASE_URL: `file:${path.join(dir, 'app.db')}`, WRITE_BATCH_MS: '5', ...env }), ...overrides };
  const server = await startServer(config, { logger: opts.logger ?? pino({ level: 'silent' }), now: opts.now });
  return {
    ...server,
    dir,
    config,
    stop: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * A real socket.io-client connected to the server (websocket only, no reconnection surprises),
 * resolved once the server's greeting has arrived, so the connection is fully set up.
 */
export function connectSocket(url: string, auth: Record<string, unknown> = {}): Promise<{ socket: ClientSocket; hello: { version: string; serverTime: number } }> {
  const socket: ClientSocket = connect(url, { transports: ['websocket'], reconnection: false, auth, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('server:hello', (hello) => resolve({ socket, hello }));
    socket.once('connect_error', reject);
  });
}
