/**
 * Native connections to a local SQLite file through the `libsql` package (better-sqlite3's API), for the
 * paths where the libSQL client's per-call cost shows: it prepares every statement on every call and
 * builds an object per row. Used by the writer thread, the prepared reads of `Database.read`, and tests.
 */
import { createRequire } from 'node:module';

export interface NativeStatement {
  run(...args: unknown[]): { changes: number };
  raw(on?: boolean): NativeStatement;
  all(...args: unknown[]): unknown[];
}
export interface NativeDatabase {
  prepare(sql: string): NativeStatement;
  exec(sql: string): void;
  close(): void;
  inTransaction: boolean;
}

/**
 * How a commit reaches the disk. `full` (the default): each commit syncs the WAL before it returns, so a
 * commit that was acknowledged survives a power cut or an OS crash; with the writer's group commit that is
 * one sync per group, not per write. `normal`: the WAL is synced only at checkpoints, so a process crash
 * loses nothing but a power cut can lose the last commits.
 */
export type SyncMode = 'full' | 'normal';

/** A native connection to a local file, in WAL with the given `synchronous` mode. */
export function openNativeDatabase(file: string, sync: SyncMode = 'full'): NativeDatabase {
  const require = createRequire(import.meta.url);
  const Database = require('libsql') as new (path: string) => NativeDatabase;
  const db = new Database(file);
  db.exec('PRAGMA journal_mode = WAL');
  db.exec(`PRAGMA synchronous = ${sync === 'full' ? 'FULL' : 'NORMAL'}`);
  db.exec('PRAGMA busy_timeout = 5000');
  return db;
}
