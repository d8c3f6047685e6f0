import { Hono } from 'hono';
import { readPragma, type Database } from '../db/client.js';
import type { AppEnv } from '../http.js';
import type { Writer } from '../db/writer.js';

/** `GET /api/health`: version and whether the database answers. 503 when it does not. */
export function healthRoutes(database: Database, version: string, startedAt: number, writer?: Writer) {
  return new Hono<AppEnv>().get('/', async (c) => {
    try {
      await database.client.execute('SELECT 1');
      const journalMode = database.local ? String(await readPragma(database.client, 'journal_mode')) : 'remote';
      return c.json({ ok: true as const, data: { version, database: 'ok' as const, journalMode, uptimeMs: Date.now() - startedAt, writer: writer ? { ...writer.stats, pending: writer.pending } : null } });
    } catch {
      return c.json({ ok: true as const, data: { version, database: 'error' as const, journalMode: null, uptimeMs: Date.now() - startedAt } }, 503);
    }
  });
}
