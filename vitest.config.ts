import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    // CLI tests spawn the built binary (npm test builds first); keep them off each other's cores.
    maxWorkers: 2,
    // The run's temp files in one folder, removed at the end; a run that leaves any elsewhere fails.
    globalSetup: ['test/global-setup.ts'],
    // Each test file's scratch folders removed once its tests are done.
    setupFiles: ['test/setup.ts'],
  },
});
