import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // End-to-end tests spawn the built CLI; two cores, so keep the pool small.
    pool: 'forks',
    maxWorkers: 2,
    // No socket leaves the machine: anything but loopback throws (test/no-network.mjs).
    setupFiles: ['./test/no-network.mjs'],
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
