import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { contests } from '../db/schema.js';

/** The region a contest is for (what decides who may run it), if it exists. */
export async function contestRegion(db: Db, id: string): Promise<string | null | undefined> {
  return (await db.select({ region: contests.regionCode }).from(contests).where(eq(contests.id, id)))[0]?.region;
}

/** A contest by the PIN on the big screen: its id, title and status, if any. */
export async function contestByPin(db: Db, pin: string) {
  const [row] = await db.select({ id: contests.id, title: contests.title, status: contests.status }).from(contests).where(eq(contests.pin, pin));
  return row;
}
