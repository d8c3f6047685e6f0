import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser and multi-process suites hold ports and Chromium instances: keep files from piling up on 2 cores.
    maxWorkers: 2,
  },
});
