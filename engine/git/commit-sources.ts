// What a commit holds under usecases/ and policies/, read through git as data: entries from one
// `git ls-tree` (with their modes, so a link or a submodule is refused by name, never followed),
// contents by object id through `git cat-file`, read only for the files that are judged.
import type { SourceFile } from '../core/check/check-manifests.ts';
import { MANIFEST_EXTENSION, USECASES_DIR } from '../core/manifest/conventions.ts';
import { notRegularProblem, refusedSource } from '../core/not-regular.ts';
import { type Problem, problem } from '../core/problem.ts';
import { isPolicyFile, POLICIES_DIR } from '../fs/read-policies.ts';
import { isHidden, isManifestPath } from '../fs/read-sources.ts';
import { readObjects, type TreeEntry, treeEntries } from './git.ts';

export interface CommitTree {
  /** The manifests, as regular files. */
  manifests: TreeEntry[];
  /** Entries under usecases/ that are refused or misnamed. */
  problems: Problem[];
  /** The policy files, and every entry under policies/ that is refused. */
  policies: TreeEntry[];
  /** Whether a path (a file or a folder) is in the commit's tree. */
  exists: (repoPath: string) => boolean;
}

/** A commit's tree, from one ls-tree; nothing is read yet. */
export async function commitTree(root: string, commit: string): Promise<CommitTree> {
  const entries = (await treeEntries(root, commit, [])).sort((a, b) => (a.path < b.path ? -1 : 1));
  const { manifests, problems } = manifestEntries(entries);
  // Files, and the folders they are in: a link may name either.
  const paths = new Set(entries.map((e) => e.path));
  for (const { path } of entries)
    for (let i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) paths.add(path.slice(0, i));
  return { manifests, problems, policies: policyEntries(entries), exists: (p) => paths.has(p) };
}

/** Every manifest under usecases/ at a commit, read. */
export async function manifestsAt(
  root: string,
  commit: string,
): Promise<{ sources: SourceFile[]; problems: Problem[] }> {
  const { manifests, problems } = manifestEntries(await treeEntries(root, commit, [USECASES_DIR]));
  const blobs = readObjects(
    root,
    manifests.map((e) => e.object),
  );
  return { sources: treeSources(manifests, blobs), problems };
}

/** The policy files (tests excluded) at a commit, read, and any entry refused; undefined when none. */
export async function policiesAt(root: string, commit: string): Promise<SourceFile[] | undefined> {
  const entries = policyEntries(await treeEntries(root, commit, [POLICIES_DIR]));
  return policySources(entries, readObjects(root, regularObjects(entries)));
}

/** The entries under policies/ that are read: policy files, and whatever is refused. */
export function policyEntries(entries: readonly TreeEntry[]): TreeEntry[] {
  return entries.filter((e) => under(e.path, POLICIES_DIR) && (e.kind !== 'file' || isPolicyFile(e.path)));
}

/** undefined for no entries: the commit has no policies/. */
export function policySources(
  entries: readonly TreeEntry[],
  blobs: ReadonlyMap<string, Uint8Array>,
): SourceFile[] | undefined {
  return entries.length ? treeSources(entries, blobs) : undefined;
}

/**
 * Entries as sources: a regular file reads its blob from `blobs` (filled before anything is
 * judged), any other entry is refused.
 */
export function treeSources(
  entries: readonly TreeEntry[],
  blobs: ReadonlyMap<string, Uint8Array>,
): SourceFile[] {
  return entries.map((e) =>
    e.kind === 'file'
      ? { file: e.path, read: () => blobs.get(e.object) ?? new Uint8Array() }
      : refusedSource({ path: e.path, kind: e.kind, detail: `git mode ${e.mode}` }),
  );
}

/** The object ids of the regular files among `entries`. */
export function regularObjects(entries: readonly TreeEntry[]): string[] {
  return entries.filter((e) => e.kind === 'file').map((e) => e.object);
}

function manifestEntries(entries: readonly TreeEntry[]): { manifests: TreeEntry[]; problems: Problem[] } {
  const manifests: TreeEntry[] = [];
  const problems: Problem[] = [];
  for (const e of entries) {
    if (!under(e.path, USECASES_DIR)) continue;
    if (e.kind !== 'file') problems.push(notRegularProblem(e.path, e.kind, `git mode ${e.mode}`));
    else if (isManifestPath(e.path)) manifests.push(e);
    else if (e.path.endsWith('.yml') && !isHidden(e.path))
      problems.push(
        problem(e.path, 'file-extension', `manifests end in ${MANIFEST_EXTENSION}; rename this file`),
      );
  }
  return { manifests, problems };
}

function under(path: string, dir: string): boolean {
  return path === dir || path.startsWith(`${dir}/`);
}
