import type { Writer, WriteStatement } from '../db/writer.js';

/** Records a staff action: who, what, on which target, with details. */
export type Audit = (userId: string | null, action: string, target: string | null, detail?: unknown) => Promise<void>;

/** A staff action's audit_log row, as a statement for the writer. */
export function auditStatement(at: number, userId: string | null, action: string, target: string | null, detail?: unknown): WriteStatement {
  return {
    sql: 'INSERT INTO audit_log (at, user_id, action, target, detail) VALUES (?, ?, ?, ?, ?)',
    args: [at, userId, action, target, detail === undefined || detail === null ? null : JSON.stringify(detail)],
  };
}

/**
 * The one audit writer, for the HTTP routes and the live contests alike: each action goes through the
 * single writer and is durable, in order with the writes it records, when the promise resolves.
 */
export function createAudit(writer: Pick<Writer, 'write'>, now: () => number): Audit {
  return (userId, action, target, detail) => writer.write([auditStatement(now(), userId, action, target, detail)]);
}
