import { buildServer } from '../scripts/build-server.js';
import { startServerProcess as start } from '../tests/helpers/process.js';

// The benchmarks drive the same real server process the tests use, built from the current sources first.
export { fmt, percentile, type ServerProcess } from '../tests/helpers/process.js';
let built: Promise<void> | null = null;
export async function startServerProcess(...args: Parameters<typeof start>) {
  await (built ??= buildServer());
  return start(...args);
}
