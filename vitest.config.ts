import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    // CLI tests spawn the built binary (npm test builds first); keep them off each other's cores.
    maxWorkers: 2,
  },
});
