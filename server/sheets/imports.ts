/**
 * Runs spreadsheet imports off the event loop, one worker thread per import with a heap limit and a deadline,
 * and at most `MAX_IMPORTS_IN_FLIGHT` at once: an import is rare, and a file crafted to cost CPU or memory
 * then costs the thread, never the players' requests.
 */
import type { Locale } from '../../shared/i18n/messages.js';
import type { ImportOptions, ImportResult } from '../bank/bank-io.js';
import type { ImportedTeam, TeamProblem } from '../contest/team-import.js';
import { moduleWorker } from '../db/writer.js';

export type ImportJob =
  | { kind: 'questions'; file: { name: string; data: Uint8Array }; locale: Locale; options: { existingStems: string[]; existingIds: string[]; maxRows?: number } & ImportOptions }
  | { kind: 'teams'; file: { name: string; data: Uint8Array }; locale: Locale; counties: [string, string][] };

type TeamResult = { ok: true; teams: ImportedTeam[] } | { ok: false; problems: TeamProblem[] };

/** Why an import did not run: too many at once, out of time, or the thread died (its heap limit). */
export type ImportFailure = { ok: false; failure: 'import/busy' | 'import/timeout' | 'import/too-large' };

export const MAX_IMPORTS_IN_FLIGHT = 2;
const HEAP_MB = 384;
let inFlight = 0;

export function runImport(job: Extract<ImportJob, { kind: 'questions' }>, timeoutMs?: number): Promise<ImportResult | ImportFailure>;
export function runImport(job: Extract<ImportJob, { kind: 'teams' }>, timeoutMs?: number): Promise<TeamResult | ImportFailure>;
export function runImport(job: ImportJob, timeoutMs = 60_000): Promise<ImportResult | TeamResult | ImportFailure> {
  if (inFlight >= MAX_IMPORTS_IN_FLIGHT) return Promise.resolve({ ok: false, failure: 'import/busy' });
  inFlight++;
  return new Promise<ImportResult | TeamResult | ImportFailure>((resolve) => {
    const worker = moduleWorker('import-thread', job, [], import.meta.url, { resourceLimits: { maxOldGenerationSizeMb: HEAP_MB, maxYoungGenerationSizeMb: 32 } });
    let settled = false;
    const settle = (value: ImportResult | TeamResult | ImportFailure) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      inFlight--;
      resolve(value);
      void worker.terminate();
    };
    const timer = setTimeout(() => settle({ ok: false, failure: 'import/timeout' }), timeoutMs);
    worker.once('message', (result: ImportResult | TeamResult) => settle(result));
    // ERR_WORKER_OUT_OF_MEMORY, or any crash of the thread: the file asked for more than an import may use.
    worker.once('error', () => settle({ ok: false, failure: 'import/too-large' }));
    worker.once('exit', () => settle({ ok: false, failure: 'import/too-large' }));
  });
}
