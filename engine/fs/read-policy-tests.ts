import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { SourceFile } from '../core/check/check-manifests.ts';
import type { ReadRepoFile } from '../core/policy/policy-tests.ts';
import { POLICIES_DIR, POLICY_TESTS_DIR } from './read-policies.ts';

/** policies/tests/*.yaml, or the files named. */
export function readPolicyTests(root: string, paths: readonly string[]): SourceFile[] {
  if (paths.length) {
    return paths.map((p) => ({ file: p, read: () => readFileSync(resolve(p)) }));
  }
  const dir = join(root, POLICIES_DIR, POLICY_TESTS_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => ({
      file: `${POLICIES_DIR}/${POLICY_TESTS_DIR}/${f}`,
      read: () => readFileSync(join(dir, f)),
    }));
}

/** Fixture files named by `from:`; the schema limits them to usecases/<domain>/<id>.yaml. */
export function repoFileReader(root: string): ReadRepoFile {
  return (path) => {
    const file = join(root, path);
    return existsSync(file) ? readFileSync(file) : undefined;
  };
}
