// The policy files of a working tree: every .yaml under policies/ except the tests beside them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceFile } from '../core/check/check-manifests.ts';

export const POLICIES_DIR = 'policies';
export const POLICY_TESTS_DIR = 'tests';

/** undefined when the repository has no policies/ folder. */
export function readPolicySources(root: string): SourceFile[] | undefined {
  const dir = join(root, POLICIES_DIR);
  if (!existsSync(dir)) return undefined;
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => f.split('\\').join('/'))
    .filter((f) => f.endsWith('.yaml') && !f.startsWith(`${POLICY_TESTS_DIR}/`))
    .sort()
    .map((f) => ({ file: `${POLICIES_DIR}/${f}`, read: () => readFileSync(join(dir, f)) }));
}
