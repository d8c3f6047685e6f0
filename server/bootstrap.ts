import { randomBytes } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { count, eq } from 'drizzle-orm';
import { createUser, passwordProblem } from './auth/auth.js';
import type { Db } from './db/client.js';
import { meta, users } from './db/schema.js';
import type { Database } from './db/client.js';

/**
 * Creates the first admin from `ADMIN_USERNAME` / `ADMIN_PASSWORD` when no account exists yet.
 * Returns whether one was created; throws with an operator-facing message on a weak password.
 */
export async function ensureFirstAdmin(db: Db, username: string | undefined, password: string | undefined, now: number): Promise<boolean> {
  if (!username || !password) return false;
  const [row] = await db.select({ n: count() }).from(users);
  if ((row?.n ?? 0) > 0) return false;
  if (passwordProblem(password)) throw new Error('ADMIN_PASSWORD is too weak: use 10+ characters mixing at least two of letters, digits and symbols');
  await createUser(db, { username, displayName: username, role: 'admin', password }, now);
  return true;
}

/** Where the phone-hash key came from, for the start-up log. */
export type PhoneKeySource = 'env' | 'file' | 'created' | 'moved-from-database';

/**
 * The key of the phone numbers' keyed hash, kept out of the database: a copy of the database alone must not
 * let anyone hash the 10,000 numbers behind each masked 138****5678 and read them back. In order:
 * `PHONE_HASH_KEY`; the key file (`PHONE_HASH_KEY_FILE`, by default `<database file>.phone-key`), which must
 * be readable by its owner only; a key an earlier version kept in the database, moved into the key file;
 * else a new key file. With a libSQL server and neither set, production refuses to start.
 */
export async function phoneHashKey(
  database: Database,
  opts: { envKey?: string; keyFile?: string; production: boolean },
): Promise<{ key: string; source: PhoneKeySource; file?: string }> {
  if (opts.envKey) return { key: opts.envKey, source: 'env' };
  const file = opts.keyFile ?? (database.localFile ? `${database.localFile}.phone-key` : undefined);
  if (!file) {
    if (opts.production) throw new Error('PHONE_HASH_KEY or PHONE_HASH_KEY_FILE must be set when DATABASE_URL is a libSQL server: the key of the phone-number hash must not live in the database');
    return phoneHashKey(database, { ...opts, keyFile: path.resolve('data', 'phone-hash.key') });
  }
  const existing = readKeyFile(file);
  if (existing) return { key: existing, source: 'file', file };
  const [legacy] = await database.db.select().from(meta).where(eq(meta.key, 'phone_hash_key'));
  const key = legacy?.value ?? randomBytes(32).toString('base64url');
  try {
    // wx: two processes starting at once do not overwrite each other's key; the second reads the first's.
    writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new Error(`cannot create the phone-hash key file ${file}: ${(e as Error).message}`);
    return { key: readKeyFile(file)!, source: 'file', file };
  }
  if (legacy) await database.db.delete(meta).where(eq(meta.key, 'phone_hash_key'));
  return { key, source: legacy ? 'moved-from-database' : 'created', file };
}

function readKeyFile(file: string): string | null {
  let mode: number;
  try {
    mode = statSync(file).mode;
  } catch {
    return null;
  }
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) throw new Error(`the phone-hash key file ${file} must be readable by its owner only: chmod 600 ${file}`);
  const key = readFileSync(file, 'utf8').trim();
  if (key.length < 16) throw new Error(`the phone-hash key file ${file} must hold a key of at least 16 characters`);
  return key;
}
