import { randomBytes } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { createUser, passwordProblem } from './auth.js';
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

/**
 * A server secret kept in the `meta` table, generated on first use. Setting the matching environment
 * variable is better (a copy of the database then does not carry the key), but this keeps the
 * embedded default working with nothing to configure.
 */
export async function secretFromMeta(database: Database, key: string, now: number): Promise<string> {
  const [row] = await database.db.select().from(meta).where(eq(meta.key, key));
  if (row) return row.value;
  const value = randomBytes(32).toString('base64url');
  await database.db.insert(meta).values({ key, value, updatedAt: now }).onConflictDoNothing();
  const [stored] = await database.db.select().from(meta).where(eq(meta.key, key));
  return stored!.value;
}
