import { join, resolve } from 'node:path';
import type { SourceFile } from '../core/check/check-manifests.ts';
import { NotRegularFileError, refusedSource } from '../core/not-regular.ts';
import type { ReadRepoFile } from '../core/policy/policy-tests.ts';
import { lstatOrUndefined, readRegularFile, refusedOnTheWay, walk } from './entries.ts';
import { POLICIES_DIR, POLICY_TESTS_DIR } from './read-policies.ts';

/** The manifests the shipped tests start from: the tests' own, so a new portfolio changes no outcome. */
const POLICY_FIXTURES = `${POLICIES_DIR}/${POLICY_TESTS_DIR}/fixtures`;

/** The test files under policies/tests/ (not its fixtures/), or the files named; never read through a link. */
export function readPolicyTests(root: string, paths: readonly string[]): SourceFile[] {
  if (paths.length) {
    return paths.map((p) => ({ file: p, read: () => readRegularFile(resolve(p)) }));
  }
  const walked = walk(root, `${POLICIES_DIR}/${POLICY_TESTS_DIR}`);
  if (!walked) return [];
  const files = walked.files
    .filter((f) => f.endsWith('.yaml') && !f.startsWith(`${POLICY_FIXTURES}/`))
    .map((file) => ({ file, read: () => readRegularFile(join(root, file)) }));
  return [...files, ...walked.refused.map(refusedSource)].sort((a, b) => (a.file < b.file ? -1 : 1));
}

/** Manifests the tests start from (`from:`); the schema limits them to fixtures/ and usecases/. */
export function repoFileReader(root: string): ReadRepoFile {
  return (path) => {
    const blocked = refusedOnTheWay(root, path);
    if (blocked) throw new NotRegularFileError(blocked.kind, `at ${blocked.path}`);
    if (!lstatOrUndefined(join(root, path))) return undefined;
    return readRegularFile(join(root, path));
  };
}
