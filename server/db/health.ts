/**
 * The database's failures told apart, so they are answered loudly and specifically: a full disk, a
 * read-only or locked file, a failing disk — each a 503 with its own localized message — and the
 * start-up checks that refuse a database which cannot be written, is damaged, or is newer than the code.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from './client.js';
import type { Writer } from './writer.js';

/** Error codes (see `shared/i18n/messages.ts`) of a storage failure; each is answered 503 with `Retry-After`. */
export type StorageFailure = 'server/disk-full' | 'server/db-read-only' | 'server/db-locked' | 'server/disk-error';

const PATTERNS: [StorageFailure, RegExp][] = [
  ['server/disk-full', /SQLITE_FULL|database or disk is full|ENOSPC|no space left/i],
  ['server/db-read-only', /SQLITE_READONLY|readonly database|read-only file system|EROFS/i],
  ['server/db-locked', /SQLITE_BUSY|SQLITE_LOCKED|database is locked|database table is locked/i],
  ['server/disk-error', /SQLITE_IOERR|disk I\/O error|SQLITE_CANTOPEN|unable to open database file|EIO\b/i],
];

/** The storage failure behind an error (its code or message, or those of its causes), or null for any other error. */
export function storageFailure(err: unknown): StorageFailure | null {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const text = `${String((e as { code?: unknown }).code ?? '')} ${String((e as { message?: unknown }).message ?? e)}`;
    for (const [code, pattern] of PATTERNS) if (pattern.test(text)) return code;
  }
  return null;
}

/** Whether the database takes a write now: a real one, through the writer, as every other write goes. */
export async function probeWrite(writer: Writer, now: number, timeoutMs = 3000): Promise<{ ok: true; ms: number } | { ok: false; code: StorageFailure | 'server/unavailable'; message: string }> {
  const began = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      writer.write([{ sql: "INSERT INTO meta (key, value, updated_at) VALUES ('health_probe', ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at", args: [String(now), now] }], [], { urgent: true }),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no commit within ${timeoutMs} ms`)), timeoutMs))),
    ]);
    return { ok: true, ms: performance.now() - began };
  } catch (e) {
    return { ok: false, code: storageFailure(e) ?? 'server/unavailable', message: (e as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

/** A reason not to start, worded for the operator who reads it in the log or the terminal. */
export class StartupError extends Error {}

/** What an operator should check for each failure, in the start-up message. */
const ADVICE: Record<StorageFailure, string> = {
  'server/disk-full': 'the disk is full: free space on it',
  'server/db-read-only': 'the file or its folder is read-only (permissions, or a read-only mount): make both writable by this user',
  'server/db-locked': 'another program holds a lock on the file: stop it (a backup tool, a sqlite3 shell) and start again',
  'server/disk-error': 'the disk reports I/O errors or the file cannot be opened: check the disk and the path',
};

/**
 * Refuses to start on a database this process must not run on, with a message naming the file and the
 * cause: one that cannot be written (a real write, rolled back), one that is damaged (`PRAGMA quick_check`,
 * local files), or one whose schema is newer than this code's migrations (a newer version wrote it).
 */
export async function checkDatabase(database: Database, migrationsDir: string, url: string): Promise<void> {
  const where = database.localFile ?? `DATABASE_URL=${url}`;
  const damaged = (detail: string): never => {
    throw new StartupError(`the database ${where} is damaged (${detail}): restore the latest backup (npm run restore -- <backup file>)`);
  };
  const failed = (e: unknown, doing: string): never => {
    if (/SQLITE_CORRUPT|SQLITE_NOTADB|malformed|not a database/i.test(`${(e as { code?: string }).code ?? ''} ${(e as Error).message}`)) damaged(`PRAGMA quick_check: ${(e as Error).message}`);
    const failure = storageFailure(e);
    throw new StartupError(`the database ${where} ${doing}: ${failure ? ADVICE[failure] : 'see the cause'} (${(e as Error).message})`);
  };
  if (database.local && database.localFile) {
    let problems: string[];
    try {
      const rs = await database.client.execute('PRAGMA quick_check');
      problems = rs.rows.map((r) => String(Object.values(r)[0])).filter((v) => v !== 'ok');
    } catch (e) {
      return failed(e, 'could not be checked');
    }
    if (problems.length) damaged(`PRAGMA quick_check: ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? `; … ${problems.length} problems` : ''}`);
  }
  // Newer than this code: a migration recorded in the database that this code's journal does not have.
  const journal = JSON.parse(readFileSync(path.join(migrationsDir, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string; when: number }[] };
  const known = Math.max(...journal.entries.map((e) => e.when));
  let applied: number[] = [];
  try {
    const rs = await database.client.execute('SELECT created_at FROM __drizzle_migrations');
    applied = rs.rows.map((r) => Number(r.created_at));
  } catch (e) {
    // No migrations table yet is a new, empty database; anything else is a real failure.
    if (!/no such table/i.test(String((e as Error).message))) failed(e, 'cannot be read');
  }
  const newer = applied.filter((at) => at > known);
  if (newer.length) {
    throw new StartupError(
      `the database ${where} has a newer schema than this version of the server (${newer.length} migration(s) from ${new Date(Math.max(...newer)).toISOString()}, this code knows up to ${journal.entries.at(-1)!.tag} of ${new Date(known).toISOString()}): run the newer server version, or restore a backup made by this one`,
    );
  }
  // Writable: a real write in a transaction, rolled back (a read-only file opens and reads fine).
  try {
    if (database.local) {
      // On the client's own connection: its `transaction()` would hand that connection (and its pragmas,
      // busy_timeout among them) to the transaction and open a bare one for everything after.
      await database.client.execute('BEGIN IMMEDIATE');
      try {
        await database.client.execute('CREATE TABLE IF NOT EXISTS _startup_probe (x INTEGER)');
        await database.client.execute('INSERT INTO _startup_probe VALUES (1)');
      } finally {
        await database.client.execute('ROLLBACK').catch(() => undefined);
      }
    } else {
      const tx = await database.client.transaction('write');
      try {
        await tx.execute('CREATE TABLE IF NOT EXISTS _startup_probe (x INTEGER)');
        await tx.execute('INSERT INTO _startup_probe VALUES (1)');
      } finally {
        await tx.rollback().catch(() => undefined);
        tx.close();
      }
    }
  } catch (e) {
    failed(e, 'cannot be written');
  }
}
