import { Hono, type Context } from 'hono';
import { errorMessage } from '../../../shared/i18n/messages.js';
import { readPragma, type Database } from '../../db/client.js';
import { probeWrite, type StorageFailure } from '../../db/health.js';
import type { AppEnv } from '../http.js';
import type { Writer } from '../../db/writer.js';

type ProbeResult = { ok: true; ms: number } | { ok: false; code: StorageFailure | 'server/unavailable' | 'server/shutting-down'; message: string };

/**
 * Whether this process should be sent traffic: a real write through the writer succeeds (a full disk, a
 * read-only or locked file fail it), and it is not shutting down. Probes run on demand (`/api/health/ready`,
 * reused for a second so a busy load balancer does not add a commit per check) and every few seconds in
 * the background (`start`), so `/api/health` always has a recent answer.
 */
export class Readiness {
  #last: (ProbeResult & { at: number }) | null = null;
  #running: Promise<ProbeResult> | null = null;
  #timer: NodeJS.Timeout | null = null;
  draining = false;

  constructor(
    private readonly writer: Writer,
    private readonly now: () => number,
  ) {}

  /** The latest probe's result, or null before the first. */
  get last() {
    if (this.draining) return { ok: false as const, code: 'server/shutting-down' as const, message: 'draining', at: this.now() };
    return this.#last;
  }

  /** Probes now unless a probe finished within `maxAgeMs`; urgent so it does not wait out the group-commit window. */
  probe(maxAgeMs = 1000): Promise<ProbeResult> {
    if (this.draining) return Promise.resolve({ ok: false, code: 'server/shutting-down', message: 'draining' });
    if (this.#last && this.now() - this.#last.at < maxAgeMs) return Promise.resolve(this.#last);
    return (this.#running ??= probeWrite(this.writer, this.now()).then((r) => {
      this.#last = { ...r, at: this.now() };
      this.#running = null;
      return r;
    }));
  }

  /** Probes every `everyMs` in the background. */
  start(everyMs = 5000) {
    void this.probe(0);
    this.#timer = setInterval(() => void this.probe(0), everyMs);
    this.#timer.unref();
  }

  stop() {
    if (this.#timer) clearInterval(this.#timer);
  }
}

/**
 * `GET /api/health`: whether the database answers and the latest readiness probe (503 when either failed) — to
 * anyone, so a load balancer or a monitor needs no account. A signed-in admin also gets the internals: version,
 * journal mode, uptime, the writer's statistics. `GET /api/health/live`: liveness only — the process answers
 * (restart it if not). `GET /api/health/ready`: readiness — a real write commits now (send it traffic only if
 * 200); 503 with the failure's code and a localized message otherwise.
 */
export function healthRoutes(database: Database, version: string, startedAt: number, writer: Writer | undefined, readiness: Readiness | undefined, isAdmin: (c: Context<AppEnv>) => Promise<boolean>) {
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const ready = readiness?.last ?? null;
      const readinessFailure = ready && !ready.ok ? { code: ready.code, message: errorMessage(ready.code, c.get('locale')) } : null;
      let journalMode: string;
      try {
        await database.client.execute('SELECT 1');
        journalMode = database.local ? String(await readPragma(database.client, 'journal_mode')) : 'remote';
      } catch {
        return c.json({ ok: true as const, data: { database: 'error' as const, ready: false, readiness: readinessFailure } }, 503);
      }
      const status = ready && !ready.ok ? 503 : 200;
      const open = { database: 'ok' as const, ready: ready ? ready.ok : null, readiness: readinessFailure };
      if (!(await isAdmin(c))) return c.json({ ok: true as const, data: open }, status);
      const details = { version, journalMode, uptimeMs: Date.now() - startedAt, writer: writer ? { ...writer.stats, pending: writer.pending } : null };
      return c.json({ ok: true as const, data: { ...open, details } }, status);
    })
    .get('/live', (c) => c.json({ ok: true as const, data: { alive: true as const, uptimeMs: Date.now() - startedAt } }))
    .get('/ready', async (c) => {
      if (!readiness) return c.json({ ok: true as const, data: { ready: true as const } });
      const r = await readiness.probe();
      if (r.ok) return c.json({ ok: true as const, data: { ready: true as const, writeMs: Math.round(r.ms * 10) / 10 } });
      c.header('Retry-After', '5');
      return c.json({ ok: false as const, error: { code: r.code, message: errorMessage(r.code, c.get('locale')) } }, 503);
    });
}
