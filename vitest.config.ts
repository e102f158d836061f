import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', './test/tools/summary-line-reporter.ts'],
    // Tests run the real CLI and real git as processes; give a slow CI machine room.
    testTimeout: 60_000,
    // Most tests wait on git, the CLI or the loopback API as child processes, not on their own
    // CPU: three files at a time keep two cores busy (measured: 566 s with one worker, the
    // default on two cores, and 367 s with three; docs/testing.md).
    maxWorkers: 3,
    hookTimeout: 60_000,
  },
});
