import type { TestProject } from 'vitest/node';
import { buildServer } from '../scripts/build-server';
import { buildClientInto } from './helpers/build-client';
import { chromiumAvailable, CHROMIUM_PATH, redisAvailable, REDIS_URL } from './helpers/env';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The client built once for the run's browser tests ('' when this run has none). */
    clientDir: string;
  }
}

/** Whether the command line selects any browser test (no file filter selects them all). */
function runIncludesBrowserTests(argv: string[]): boolean {
  const filters = argv.filter((a) => !a.startsWith('-') && !['run', 'watch', 'related', 'bench'].includes(a));
  return filters.length === 0 || filters.some((f) => f.includes('browser') || 'tests/browser/'.startsWith(f));
}

/**
 * Says, once and visibly, which suites cannot run here and why. Under CI=true a missing dependency
 * is a failure, so a CI run can never go green by skipping the browser or Redis suites.
 */
export default async function setup(project: TestProject) {
  // Server processes start from the build, as `npm start` does: built once here, from the sources under test.
  await buildServer();
  // The browser suites share one client build instead of one per file (a build is several seconds on 2 cores).
  const wantClient = chromiumAvailable() && runIncludesBrowserTests(process.argv.slice(2));
  project.provide('clientDir', wantClient ? await buildClientInto() : '');
  const missing: string[] = [];
  if (!chromiumAvailable()) missing.push(`browser suite skipped: Chromium not found at ${CHROMIUM_PATH} (apt-get install -y chromium)`);
  if (!(await redisAvailable())) missing.push(`Redis suite skipped: nothing answers at ${REDIS_URL} (start redis-server)`);
  for (const line of missing) console.warn(`\n⚠ ${line}\n`);
  if (missing.length && process.env.CI === 'true') {
    throw new Error(`CI=true and required test dependencies are missing:\n${missing.join('\n')}`);
  }
}
