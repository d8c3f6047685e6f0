import type { Db } from './db/client.js';
import { auditLog } from './db/schema.js';

/** Records a staff action: who, what, on which target, with details. */
export type Audit = (userId: string | null, action: string, target: string | null, detail?: unknown) => Promise<void>;

export function createAudit(db: Db, now: () => number): Audit {
  return async (userId, action, target, detail) => {
    await db.insert(auditLog).values({ at: now(), userId, action, target, detail: detail ?? null });
  };
}
