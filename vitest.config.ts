import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    // Tests spawn git, node and Chromium processes; two cores, two forks.
    pool: 'forks',
    maxWorkers: 2,
    // The engine refuses customer e-mail without its ledger key (a repository secret in Actions); scripts spawned by tests inherit this test-only one.
    env: { STATUS_LEDGER_KEY: 'test-only-ledger-key-0000000000000000000000000000' },
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'test/*.test.ts'] },
      },
      {
        // One real `astro build` of a fixture repository, shared by every site test.
        extends: true,
        test: {
          name: 'site',
          include: ['test/site/**/*.test.ts'],
          globalSetup: ['test/site/build-site.ts'],
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
