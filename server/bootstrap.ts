import { count } from 'drizzle-orm';
import { createUser, passwordProblem } from './auth.js';
import type { Db } from './db/client.js';
import { users } from './db/schema.js';

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
