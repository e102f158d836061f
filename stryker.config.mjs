// @ts-check
// `npm run mutate`: StrykerJS changes the approvals module and the evaluator one small step at a
// time (a condition negated, a branch removed, a string emptied) and runs the in-process tests on
// each mutant; a mutant no test notices is a missing test or dead code. docs/testing.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutate.config.ts', related: false },
  mutate: ['engine/core/approvals/*.ts', 'engine/core/policy/evaluate.ts', 'engine/core/policy/logic.ts'],
  // Each mutant runs only the tests that reach it.
  coverageAnalysis: 'perTest',
  // Two cores: one vitest worker each; the Stryker process itself mostly waits.
  concurrency: 2,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 95, low: 90, break: 90 },
};
