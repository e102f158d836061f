// The policy files of a working tree: every .yaml under policies/ except the tests beside them
// (policies/tests/, and each pack's policies/packs/<name>/tests/). Packs are policy files like the
// rest, switched on or off by the policies themselves (see core/policy/packs.ts).
// Nothing is read through a link: a link, a submodule or any other entry that is not a regular
// file anywhere under policies/ (tests included) is a source whose reading is refused, so the set
// does not load and the path is named.
import { join } from 'node:path';
import type { SourceFile } from '../core/check/check-manifests.ts';
import { refusedSource } from '../core/not-regular.ts';
import { PACKS_DIR, packFolder } from '../core/policy/packs.ts';
import { readRegularFile, walk } from './entries.ts';

export const POLICIES_DIR = 'policies';
export const POLICY_TESTS_DIR = 'tests';

/** undefined when the repository has no policies/ folder. */
export function readPolicySources(root: string): SourceFile[] | undefined {
  const walked = walk(root, POLICIES_DIR);
  if (!walked) return undefined;
  const files = walked.files
    .filter((f) => isPolicyFile(f))
    .map((file) => ({ file, read: () => readRegularFile(join(root, file)) }));
  return [...files, ...walked.refused.map(refusedSource)].sort((a, b) => (a.file < b.file ? -1 : 1));
}

/**
 * The policies as first read, whatever happens to the files after: what `coe check --base` loads
 * while git works, and then compares, byte for byte, with the policies at REF (base-sources.ts).
 */
export function readPolicySourcesOnce(root: string): SourceFile[] | undefined {
  // A refused source keeps what it is (refusals() names it without reading it).
  return readPolicySources(root)?.map((s) => ({ ...s, read: readOnce(s.read) }));
}

/** A read that happens once: later calls give the same bytes, or throw the same error. */
function readOnce(read: () => Uint8Array): () => Uint8Array {
  let result: { bytes: Uint8Array } | { error: unknown } | undefined;
  return () => {
    if (!result) {
      try {
        result = { bytes: read() };
      } catch (error) {
        result = { error };
      }
    }
    if ('error' in result) throw result.error;
    return result.bytes;
  };
}

/** A policy or registry file: a .yaml under policies/, outside its tests/ folder and each pack's. */
export function isPolicyFile(file: string): boolean {
  return (
    file.startsWith(`${POLICIES_DIR}/`) &&
    file.endsWith('.yaml') &&
    !file.startsWith(`${POLICIES_DIR}/${POLICY_TESTS_DIR}/`) &&
    !isPackTest(file)
  );
}

/** Whether a file is under a pack's tests/ folder (policies/packs/<name>/tests/). */
export function isPackTest(file: string): boolean {
  const pack = packFolder(file);
  return !!pack && file.startsWith(`${PACKS_DIR}/${pack}/${POLICY_TESTS_DIR}/`);
}
