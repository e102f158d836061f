// The tests `npm run mutate` runs against each mutant: only those that call the engine in this
// process. A test that runs the CLI or the Action bundle as a process loads the engine in another
// process, where Stryker's mutants never are, so it could not kill one; and it is slow.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/core/{approvals,evaluate,logic,policy-tests}*.test.ts'],
    testTimeout: 20_000,
  },
});
