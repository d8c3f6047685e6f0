import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import * as schema from './schema.js';

export type Db = LibSQLDatabase<typeof schema>;

export interface Database {
  client: Client;
  db: Db;
  /** True for a local file: pragmas apply and calls are synchronous under the hood. */
  local: boolean;
  /** The file's path when local and not in memory. */
  localFile: string | null;
  close(): void;
}

/**
 * Opens the database at a libSQL URL. A local file gets its folder created, exactly one connection
 * (so the pragmas below hold for every statement; local calls are synchronous anyway, a pool buys
 * nothing), WAL and `synchronous=NORMAL` (durable at each WAL checkpoint, one fsync per group commit
 * instead of per statement).
 */
export async function openDatabase(url: string, authToken?: string): Promise<Database> {
  const local = url.startsWith('file:');
  let localFile: string | null = null;
  if (local) {
    const file = url.slice('file:'.length).replace(/^\/\/(localhost)?/, '').split('?')[0]!;
    if (file !== ':memory:') {
      localFile = path.resolve(file);
      mkdirSync(path.dirname(localFile), { recursive: true });
    }
  }
  const client = createClient({ url, authToken, concurrency: local ? 1 : undefined, intMode: 'number' });
  if (local) {
    await client.execute('PRAGMA journal_mode = WAL');
    await client.execute('PRAGMA synchronous = NORMAL');
    await client.execute('PRAGMA busy_timeout = 5000');
    await client.execute('PRAGMA foreign_keys = ON');
  }
  const db = drizzle(client, { schema });
  return { client, db, local, localFile, close: () => client.close() };
}

/** Applies the committed drizzle-kit migrations; idempotent. */
export async function migrateDatabase(database: Database, migrationsFolder: string): Promise<void> {
  await migrate(database.db, { migrationsFolder });
}

/** Reads one pragma's value, for health checks and tests. */
export async function readPragma(client: Client, name: 'journal_mode' | 'synchronous'): Promise<string | number> {
  const rs = await client.execute(`PRAGMA ${name}`);
  return Object.values(rs.rows[0] ?? {})[0] as string | number;
}
