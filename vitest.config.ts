import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    // Most CLI tests run in-process (test/in-process.ts); those that spawn the built binary (npm test builds
    // first) and the in-process runs are CPU-bound: one test file per core.
    maxWorkers: 2,
    // Test files share their worker's module cache instead of importing src/ and the dependencies afresh each
    // (no test mocks a module or relies on a fresh one). The setup file still runs for every test file.
    isolate: false,
    // The run's temp files in one folder, removed at the end; a run that leaves any elsewhere fails.
    globalSetup: ['test/global-setup.ts'],
    // Each test file's scratch folders removed once its tests are done.
    setupFiles: ['test/setup.ts'],
  },
});
