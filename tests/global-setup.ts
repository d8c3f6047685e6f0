import { buildServer } from '../scripts/build-server';
import { chromiumAvailable, CHROMIUM_PATH, redisAvailable, REDIS_URL } from './helpers/env';

/**
 * Says, once and visibly, which suites cannot run here and why. Under CI=true a missing dependency
 * is a failure, so a CI run can never go green by skipping the browser or Redis suites.
 */
export default async function setup() {
  // Server processes start from the build, as `npm start` does: built once here, from the sources under test.
  await buildServer();
  const missing: string[] = [];
  if (!chromiumAvailable()) missing.push(`browser suite skipped: Chromium not found at ${CHROMIUM_PATH} (apt-get install -y chromium)`);
  if (!(await redisAvailable())) missing.push(`Redis suite skipped: nothing answers at ${REDIS_URL} (start redis-server)`);
  for (const line of missing) console.warn(`\n⚠ ${line}\n`);
  if (missing.length && process.env.CI === 'true') {
    throw new Error(`CI=true and required test dependencies are missing:\n${missing.join('\n')}`);
  }
}
