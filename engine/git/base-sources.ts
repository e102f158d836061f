// Everything `coe check --base REF` judges with, gathered from git: the manifests that changed
// since the merge base (from the working tree), their base versions, and the policies at REF.
import { basename } from 'node:path';
import type { SourceFile } from '../core/check/check-manifests.ts';
import type { BaseComparison } from '../core/check/report.ts';
import { MANIFEST_EXTENSION, USECASES_DIR } from '../core/manifest/conventions.ts';
import { NotRegularFileError } from '../core/not-regular.ts';
import { type Problem, problem } from '../core/problem.ts';
import { POLICIES_DIR, POLICY_TESTS_DIR, readPolicySources } from '../fs/read-policies.ts';
import { readSources, repoPathExists } from '../fs/read-sources.ts';
import { changedFiles, checkRevision, filesAt, readBlobs, resolveBase } from './git.ts';

/** What the change was compared with: the report's own type, filled here from git. */
export type BaseInfo = BaseComparison;

export interface BaseSources {
  manifests: SourceFile[];
  inputProblems: Problem[];
  policies: SourceFile[] | undefined;
  baseOf: (file: string) => Uint8Array | undefined;
  /** Whether a path exists in the change's tree (the working tree, or the commit judged). */
  linkExists: (repoPath: string) => boolean;
  info: BaseInfo;
}

/**
 * `head`: judge the change as it is at that commit, read from git like the base (the publishing
 * workflow does this for a fork's pull request: its files are data, never checked out); by
 * default the working tree, where `paths` may narrow what is read.
 */
export async function baseSources(
  root: string,
  ref: string,
  paths: readonly string[],
  head?: string,
): Promise<BaseSources> {
  checkRevision(ref);
  // One round of git commands, all at once: the later ones name the merge base by the ref (git
  // finds it itself) rather than waiting for resolveBase to print it. Each process costs several
  // milliseconds to start, and --base has to cost a tenth of a full check (npm run bench).
  const since = `${ref}^{commit}`;
  // The manifests and the policies that changed come from one diff.
  const watched = [USECASES_DIR, POLICIES_DIR];
  const [resolved, policyFiles, changesSince, headSide] = await Promise.allSettled([
    resolveBase(root, ref, head),
    policyFilesAt(root, since),
    changedFiles(root, since, watched, head, 'merge-base'),
    head ? atCommit(root, head) : undefined,
  ]);
  // An unknown ref fails every command: say so once, in resolveBase's words.
  const base = settled(resolved);
  // Unrelated histories have no merge base: then the change is compared with REF itself.
  const allChanges =
    changesSince.status === 'fulfilled'
      ? changesSince.value
      : await changedFiles(root, base.mergeBase, watched, head);
  const policiesMovedSince = allChanges.some((c) => c.file.startsWith(`${POLICIES_DIR}/`));
  const changes = allChanges.filter(
    (c) => c.file.startsWith(`${USECASES_DIR}/`) && c.file.endsWith(MANIFEST_EXTENSION),
  );
  const changed = new Set(changes.filter((c) => c.status !== 'deleted').map((c) => c.file));
  const deleted = changes.filter((c) => c.status === 'deleted').map((c) => c.file);
  // A manifest that moved (deleted here, added there under the same id) keeps its base version.
  const movedFrom = new Map(deleted.map((f) => [basename(f), f]));
  const basePathOf = (file: string) =>
    changes.some((c) => c.file === file && c.status === 'modified') ? file : movedFrom.get(basename(file));

  const atHead = settled(headSide);
  const all = atHead?.manifests ?? readSources(root, paths);
  const working = atHead ? atHead.policies : readPolicySources(root);
  const policyFileList = settled(policyFiles);
  // One cat-file for the policies at REF and the base versions of the changed manifests…
  const baseSpec = (files: SourceFile[]) =>
    files.map((s) => ({ commit: base.mergeBase, file: basePathOf(s.file) ?? s.file }));
  const blobs = readBlobs(root, [
    ...policyFileList.map((file) => ({ commit: base.policyCommit, file })),
    ...baseSpec(all.sources.filter((s) => changed.has(s.file))),
  ]);
  const policies = policyFileList.length
    ? policyFileList.map((file) => ({
        file,
        read: () => blobs.get(`${base.policyCommit}:${file}`) ?? new Uint8Array(),
      }))
    : undefined;
  const policiesDiffer = !samePolicies(policies, working);
  const evaluatedAll = policiesDiffer || policiesMovedSince;
  const manifests = evaluatedAll ? all.sources : all.sources.filter((s) => changed.has(s.file));
  // …and, only when every manifest is judged, one more for all the others.
  if (evaluatedAll) {
    for (const [k, v] of readBlobs(root, baseSpec(all.sources.filter((s) => !changed.has(s.file)))))
      blobs.set(k, v);
  }

  return {
    manifests,
    inputProblems: evaluatedAll
      ? all.problems
      : [
          // A link or a submodule anywhere under usecases/ is refused, changed or not.
          ...all.problems.filter((p) => changed.has(p.file) || p.code === 'file-not-regular'),
          ...idClashes(all.sources, changed),
        ],
    policies,
    baseOf: (file) => blobs.get(`${base.mergeBase}:${basePathOf(file) ?? file}`),
    linkExists: atHead ? atHead.exists : repoPathExists(root),
    info: { ...base, changed: [...changed].sort(), deleted, policiesDiffer, evaluatedAll },
  };
}

function settled<T>(result: PromiseSettledResult<T>): T {
  if (result.status === 'rejected') throw result.reason;
  return result.value;
}

async function policyFilesAt(root: string, commit: string): Promise<string[]> {
  return (await filesAt(root, commit, POLICIES_DIR))
    .filter((f) => f.endsWith('.yaml') && !f.startsWith(`${POLICIES_DIR}/${POLICY_TESTS_DIR}/`))
    .sort();
}

/** The manifests and policies as they are at a commit, read through git. */
async function atCommit(
  root: string,
  commit: string,
): Promise<{
  manifests: { sources: SourceFile[]; problems: Problem[] };
  policies: SourceFile[] | undefined;
  exists: (repoPath: string) => boolean;
}> {
  const [manifests, policies, files] = await Promise.all([
    manifestsAt(root, commit),
    policiesAt(root, commit),
    filesAt(root, commit, '.'),
  ]);
  // Files, and the folders they are in: a link may name either.
  const paths = new Set(files);
  for (const f of files)
    for (let i = f.indexOf('/'); i > 0; i = f.indexOf('/', i + 1)) paths.add(f.slice(0, i));
  return { manifests, policies, exists: (p) => paths.has(p) };
}

/** Every manifest under usecases/ at a commit, as sources that read from git. */
export async function manifestsAt(
  root: string,
  commit: string,
): Promise<{ sources: SourceFile[]; problems: Problem[] }> {
  const files = (await filesAt(root, commit, USECASES_DIR)).sort();
  const problems = files
    .filter((f) => f.endsWith('.yml'))
    .map((f) => problem(f, 'file-extension', `manifests end in ${MANIFEST_EXTENSION}; rename this file`));
  const yaml = files.filter((f) => f.endsWith(MANIFEST_EXTENSION));
  const blobs = readBlobs(
    root,
    yaml.map((file) => ({ commit, file })),
  );
  const sources = yaml.map((file) => ({
    file,
    read: () => blobs.get(`${commit}:${file}`) ?? new Uint8Array(),
  }));
  return { sources, problems };
}

/** The policy files (tests excluded) at a commit; undefined when it has none. */
export async function policiesAt(root: string, commit: string): Promise<SourceFile[] | undefined> {
  const files = await policyFilesAt(root, commit);
  if (files.length === 0) return undefined;
  const blobs = readBlobs(
    root,
    files.map((file) => ({ commit, file })),
  );
  return files.map((file) => ({ file, read: () => blobs.get(`${commit}:${file}`) ?? new Uint8Array() }));
}

function samePolicies(a: SourceFile[] | undefined, b: SourceFile[] | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.length !== b.length) return false;
  return a.every((f, i) => f.file === b[i]?.file && sameBytes(f, b[i] as SourceFile));
}

/** A refused file (a link) is never the same as anything: reading it throws. */
function sameBytes(a: SourceFile, b: SourceFile): boolean {
  try {
    return Buffer.from(a.read()).equals(Buffer.from(b.read()));
  } catch (error) {
    if (error instanceof NotRegularFileError) return false;
    throw error;
  }
}

/** Only changed files are read, so duplicate ids are found by file name (ids equal file names). */
function idClashes(all: readonly SourceFile[], changed: Set<string>): Problem[] {
  const byName = new Map<string, string[]>();
  for (const s of all) byName.set(basename(s.file), [...(byName.get(basename(s.file)) ?? []), s.file]);
  const problems: Problem[] = [];
  for (const files of byName.values()) {
    if (files.length < 2) continue;
    for (const file of files.filter((f) => changed.has(f))) {
      const others = files.filter((f) => f !== file).join(', ');
      const id = basename(file, MANIFEST_EXTENSION);
      problems.push(
        problem(
          file,
          'id-duplicate',
          `id "${id}" is also used by ${others}; ids must be unique across the repository`,
          {
            path: 'metadata.id',
          },
        ),
      );
    }
  }
  return problems;
}
