import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', './test/tools/summary-line-reporter.ts'],
    // Tests run the real CLI and real git as processes; give a slow CI machine room.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
