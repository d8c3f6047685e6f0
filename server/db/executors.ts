/**
 * The executors that run a batch as one SQLite transaction: through the libSQL client (any database), or on
 * a native connection with cached prepared statements (a local file).
 */
import type { Client, InValue } from '@libsql/client';
import { type BatchExecutor, eachStatement, GuardError, incrementStatements } from './batch.js';
import { type NativeStatement, openNativeDatabase, type SyncMode } from './native.js';

/**
 * The portable executor, for local files and remote servers alike: the libSQL client's batch, or an
 * interactive transaction when a guard has to be checked between statements.
 */
export function clientExecutor(client: Client): BatchExecutor {
  return async (batch) => {
    const all: { sql: string; args: InValue[]; guard?: boolean }[] = [];
    eachStatement(batch, (sql, args, guard) => all.push({ sql, args, guard }));
    all.push(...incrementStatements(batch));
    if (!all.some((st) => st.guard)) {
      if (all.length) await client.batch(all.map(({ sql, args }) => ({ sql, args })), 'write');
      return all.length;
    }
    const tx = await client.transaction('write');
    try {
      for (const [i, st] of all.entries()) {
        const rs = await tx.execute({ sql: st.sql, args: st.args });
        if (st.guard && rs.rowsAffected === 0) throw new GuardError(st.sql, i);
      }
      await tx.commit();
    } finally {
      tx.close();
    }
    return all.length;
  };
}

/**
 * The fast executor for a local file: its own native connection (WAL, `synchronous` per `sync`) with
 * prepared statements cached by SQL text. The libSQL client prepares every statement on every call,
 * which dominated the cost of a group commit; here a burst of submissions reuses a handful of
 * statements. Everything runs synchronously inside one call, so it never interleaves with the
 * client's own connection.
 */
export function nativeExecutor(file: string, sync: SyncMode = 'full'): BatchExecutor & { close(): void } {
  const db = openNativeDatabase(file, sync);
  const cache = new Map<string, NativeStatement>();
  const prepared = (sql: string) => {
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      if (cache.size > 500) cache.clear();
      cache.set(sql, stmt);
    }
    return stmt;
  };
  const toArgs = (args: InValue[]) => {
    for (let i = 0; i < args.length; i++) {
      const v = args[i];
      if (typeof v === 'boolean') args[i] = v ? 1 : 0;
      else if (v instanceof ArrayBuffer) args[i] = Buffer.from(v) as unknown as InValue;
    }
    return args;
  };
  const run: BatchExecutor = async (batch) => {
    if (batch.statements.length === 0 && batch.increments.length === 0) return 0;
    let count = 0;
    db.exec('BEGIN IMMEDIATE');
    try {
      eachStatement(batch, (sql, args, guard, i) => {
        if (prepared(sql).run(...toArgs(args)).changes === 0 && guard) throw new GuardError(sql, i);
        count++;
      });
      for (const st of incrementStatements(batch)) {
        prepared(st.sql).run(...st.args);
        count++;
      }
      db.exec('COMMIT');
    } catch (e) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw e;
    }
    return count;
  };
  return Object.assign(run, { close: () => db.close() });
}
