import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    // expect.poll waits on state: it returns as soon as the state is reached, so a generous ceiling costs a passing
    // test nothing, and 1 s (the default) fails tests on a loaded 2-core machine.
    expect: { poll: { timeout: 15_000 } },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser and multi-process suites hold ports and Chromium instances: keep files from piling up on 2 cores.
    maxWorkers: 2,
    // A worker keeps its imported modules from one test file to the next instead of importing the server, Hono,
    // Socket.IO and ExcelJS again for each of the ~100 files (a minute of the run on 2 cores). The tests hold no
    // module-level state: each starts its own servers, databases and browsers, and passes alone and shuffled.
    isolate: false,
    // Test servers load their regions to county level only (Langfang's 11 counties): the tree the suites were
    // written against, and no village file to read per server. Suites that need deeper levels set REGION_DEPTH.
    env: { REGION_DEPTH: 'county' },
  },
});
