import { join, resolve } from 'node:path';
import type { SourceFile } from '../core/check/check-manifests.ts';
import { NotRegularFileError, refusedSource } from '../core/not-regular.ts';
import { PACKS_DIR } from '../core/policy/packs.ts';
import type { ReadRepoFile } from '../core/policy/policy-tests.ts';
import { lstatOrUndefined, readRegularFile, refusedOnTheWay, walk } from './entries.ts';
import { isPackTest, POLICIES_DIR, POLICY_TESTS_DIR } from './read-policies.ts';

/** The manifests the shipped tests start from: the tests' own, so a new portfolio changes no outcome. */
const POLICY_FIXTURES = `${POLICIES_DIR}/${POLICY_TESTS_DIR}/fixtures`;

/**
 * The test files under policies/tests/ and each pack's policies/packs/<name>/tests/ (not their
 * fixtures/), or the files named; never read through a link.
 */
export function readPolicyTests(root: string, paths: readonly string[]): SourceFile[] {
  if (paths.length) {
    return paths.map((p) => ({ file: p, read: () => readRegularFile(resolve(p)) }));
  }
  const core = walk(root, `${POLICIES_DIR}/${POLICY_TESTS_DIR}`);
  const packs = walk(root, PACKS_DIR);
  const files = [
    ...(core?.files ?? []).filter((f) => f.endsWith('.yaml') && !f.startsWith(`${POLICY_FIXTURES}/`)),
    ...(packs?.files ?? []).filter(
      (f) => f.endsWith('.yaml') && isPackTest(f) && !f.includes('/tests/fixtures/'),
    ),
  ].map((file) => ({ file, read: () => readRegularFile(join(root, file)) }));
  const refused = [...(core?.refused ?? []), ...(packs?.refused ?? []).filter((r) => isPackTest(r.path))];
  return [...files, ...refused.map(refusedSource)].sort((a, b) => (a.file < b.file ? -1 : 1));
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
