// The Action's entry (bundled to dist/index.js): run the gate, and let nothing escape as a stack
// trace. Any error here is a failing job that says what went wrong: the gate fails closed.
import * as core from '@actions/core';
import { run } from './main.ts';

run().catch((error: unknown) => {
  core.setFailed(`CoE Gate failed: ${(error as Error)?.message ?? String(error)}`);
});
