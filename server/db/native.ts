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

/** A native connection to a local file, in WAL with `synchronous=NORMAL`. */
export function openNativeDatabase(file: string): NativeDatabase {
  const require = createRequire(import.meta.url);
  const Database = require('libsql') as new (path: string) => NativeDatabase;
  const db = new Database(file);
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = NORMAL');
  db.exec('PRAGMA busy_timeout = 5000');
  return db;
}
