import { asc, eq } from 'drizzle-orm';
import { hashPassword, type Role } from './auth.js';
import type { Db } from '../db/client.js';
import { regions, sessions, users } from '../db/schema.js';

/** A staff account by its username (with its password hash, for signing in), if any. */
export async function userByUsername(db: Db, username: string) {
  const [user] = await db.select().from(users).where(eq(users.username, username));
  return user;
}

/** Every staff account with its region's name, by username. */
export function listStaff(db: Db) {
  return db
    .select({ id: users.id, username: users.username, displayName: users.displayName, role: users.role, regionCode: users.regionCode, regionName: regions.name, disabled: users.disabled, createdAt: users.createdAt })
    .from(users)
    .leftJoin(regions, eq(regions.code, users.regionCode))
    .orderBy(asc(users.username));
}

/** An account's role and region (what decides who may manage it), if it exists. */
export async function staffScope(db: Db, id: string) {
  const [row] = await db.select({ id: users.id, role: users.role, regionCode: users.regionCode }).from(users).where(eq(users.id, id));
  return row;
}

/** Every host account: who may be assigned to run a contest. */
export function hostAccounts(db: Db) {
  return db.select({ id: users.id, username: users.username, displayName: users.displayName, disabled: users.disabled }).from(users).where(eq(users.role, 'host'));
}

/**
 * Changes an account; a new password is stored as its hash. A disabled account or a new password ends every
 * open session of that account, in the same batch.
 */
export async function updateStaff(db: Db, id: string, change: { displayName?: string; role?: Role; disabled?: boolean; regionCode?: string | null; password?: string }) {
  const { password, ...fields } = change;
  const update = db.update(users).set({ ...fields, ...(password ? { passwordHash: await hashPassword(password) } : {}) }).where(eq(users.id, id));
  if (change.disabled || password) await db.batch([update, db.delete(sessions).where(eq(sessions.userId, id))]);
  else await update;
}
