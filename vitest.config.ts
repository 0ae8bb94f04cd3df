import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    // Tests spawn git and node processes; two cores, two forks.
    pool: 'forks',
    maxWorkers: 2,
  },
});
