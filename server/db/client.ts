import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createClient, type Client, type InValue } from '@libsql/client';
import { Column, getTableColumns, is, Placeholder } from 'drizzle-orm';
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { type NativeDatabase, openNativeDatabase, type SyncMode } from './native.js';
import * as schema from './schema.js';

export type Db = LibSQLDatabase<typeof schema>;

/** A read prepared once (`Database.read`): its rows as arrays, columns in the SELECT's order. */
export type PreparedRead<Row extends unknown[]> = (...args: InValue[]) => Promise<Row[]>;

export interface Database {
  client: Client;
  db: Db;
  /** True for a local file: pragmas apply and calls are synchronous under the hood. */
  local: boolean;
  /** The file's path when local and not in memory. */
  localFile: string | null;
  /**
   * Prepares a hot read once. On a local file it runs on a native read-only connection of its own,
   * the statement kept prepared and the rows returned as plain arrays: the client prepares every
   * statement on every call and builds an object per row, and drizzle maps each column again, which
   * was most of a leaderboard read's time. Elsewhere (a libSQL server, memory) it goes through the client.
   */
  read<Row extends unknown[]>(sql: string): PreparedRead<Row>;
  close(): void;
}

/**
 * Opens the database at a libSQL URL. A local file gets its folder created, exactly one connection
 * (so the pragmas below hold for every statement; local calls are synchronous anyway, a pool buys
 * nothing), WAL and `synchronous=FULL` by default (each commit's WAL synced before it returns: with the
 * writer's group commit, one sync per group — see `SyncMode`).
 */
export async function openDatabase(url: string, authToken?: string, opts: { sync?: SyncMode } = {}): Promise<Database> {
  const sync = opts.sync ?? 'full';
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
    await client.execute(`PRAGMA synchronous = ${sync === 'full' ? 'FULL' : 'NORMAL'}`);
    await client.execute('PRAGMA busy_timeout = 5000');
    await client.execute('PRAGMA foreign_keys = ON');
  }
  const db = drizzle(client, { schema });
  let reader: NativeDatabase | null = null;
  const read = <Row extends unknown[]>(sql: string): PreparedRead<Row> => {
    if (!localFile) return async (...args) => (await client.execute({ sql, args })).rows.map((row) => Array.from(row) as Row);
    if (!reader) {
      reader = openNativeDatabase(localFile, sync);
      reader.exec('PRAGMA query_only = ON');
    }
    const statement = reader.prepare(sql).raw(true);
    return async (...args) => statement.all(...args) as Row[];
  };
  return {
    client,
    db,
    local,
    localFile,
    read,
    close: () => {
      reader?.close();
      client.close();
    },
  };
}

const PLAIN_COLUMNS = new Set(['SQLiteText', 'SQLiteInteger', 'SQLiteReal']);
type SelectRows<Q> = Q extends { all(): Promise<infer R> } ? R : never;

/**
 * A drizzle SELECT run through `Database.read`: built once with `sql.placeholder`s (so column names are
 * checked against the schema), called with the placeholders' values by name, rows keyed like `selection`.
 * Plain text, integer and real columns only (others are refused here): values come back as SQLite stores
 * them, without drizzle's decoding of JSON, boolean or timestamp modes.
 */
export function readSelect<S extends Record<string, unknown>, Q extends { toSQL(): { sql: string; params: unknown[] }; all(): Promise<unknown[]> }>(
  database: Database,
  selection: S,
  build: (selection: S) => Q,
): (args: Record<string, InValue>) => Promise<SelectRows<Q>> {
  for (const [key, column] of Object.entries(selection)) {
    if (!is(column, Column) || !PLAIN_COLUMNS.has(column.columnType)) throw new Error(`readSelect: ${key} is not a plain text, integer or real column`);
  }
  const { sql, params } = build(selection).toSQL();
  const names = params.map((p) => {
    if (!(p instanceof Placeholder)) throw new Error(`readSelect: a value (${String(p)}) where a sql.placeholder belongs in: ${sql}`);
    return p.name as string;
  });
  const keys = Object.keys(selection);
  const read = database.read<unknown[]>(sql);
  return async (args) => {
    const rows = await read(...names.map((name) => args[name]!));
    return rows.map((row) => {
      const out: Record<string, unknown> = {};
      for (let i = 0; i < keys.length; i++) out[keys[i]!] = row[i];
      return out;
    }) as SelectRows<Q>;
  };
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

/**
 * One INSERT per row for the writer thread, with each value encoded as drizzle would (JSON, booleans,
 * timestamps), the SQL text built once per table. For bulk writes: drizzle's own `toSQL()` of a 50-row
 * insert costs about a millisecond of the event loop, a plain row here a few microseconds.
 */
export function insertStatements<T extends SQLiteTable>(table: T, rows: T['$inferInsert'][]): { sql: string; args: InValue[] }[] {
  const columns = Object.entries(getTableColumns(table)) as [string, Column][];
  const sql = `INSERT INTO "${getTableConfig(table).name}" (${columns.map(([, c]) => `"${c.name}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
  return rows.map((row) => ({
    sql,
    args: columns.map(([key, column]) => {
      const value = (row as Record<string, unknown>)[key];
      if (value === undefined) {
        if (column.defaultFn) return column.mapToDriverValue(column.defaultFn()) as InValue;
        if (column.default !== undefined) return column.mapToDriverValue(column.default) as InValue;
        return null;
      }
      return value === null ? null : (column.mapToDriverValue(value) as InValue);
    }),
  }));
}
