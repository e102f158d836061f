// Everything `coe check --base REF` judges with, gathered from git: the manifests that changed
// since the merge base (from the working tree, or from a commit read through git), their base
// versions, and the policies at REF. Every changed path under usecases/ is judged or reported,
// and nothing that is not a regular file is read.
import { basename } from 'node:path';
import type { SourceFile, UnchangedUseCases } from '../core/check/check-manifests.ts';
import type { BaseComparison } from '../core/check/report.ts';
import { MANIFEST_EXTENSION, USECASES_DIR } from '../core/manifest/conventions.ts';
import { NotRegularFileError, notRegularProblem, refusals } from '../core/not-regular.ts';
import { type Problem, problem } from '../core/problem.ts';
import { POLICIES_DIR, readPolicySources } from '../fs/read-policies.ts';
import {
  isManifestPath,
  readSources,
  repoPathExists,
  repoRelative,
  workingTreeSource,
} from '../fs/read-sources.ts';
import { commitTree, policyEntries, policySources, regularObjects, treeSources } from './commit-sources.ts';
import { type Change, changedFiles, checkRevision, readObjects, resolveBase, treeEntries } from './git.ts';
import { useCaseTitles } from './use-case-titles.ts';

/** What the change was compared with: the report's own type, filled here from git. */
export type BaseInfo = BaseComparison;

export interface BaseSources {
  manifests: SourceFile[];
  inputProblems: Problem[];
  policies: SourceFile[] | undefined;
  baseOf: (file: string) => Uint8Array | undefined;
  /** Whether a path exists in the change's tree (the working tree, or the commit judged). */
  linkExists: (repoPath: string) => boolean;
  /** When only the changed manifests are judged, the others, to find duplicates among them. */
  unchanged: UnchangedUseCases | undefined;
  info: BaseInfo;
}

/**
 * `head`: judge the change as it is at that commit, read from git like the base (the Action does
 * this: what git holds is judged, never the files of a checkout); by default the working tree,
 * where `paths` may narrow what is read. `workingPolicies`: the working tree's policies as the
 * caller read them (readPolicySourcesOnce), compared with those at REF instead of reading them
 * again; ignored with `head`.
 */
export async function baseSources(
  root: string,
  ref: string,
  paths: readonly string[],
  head?: string,
  workingPolicies?: { sources: SourceFile[] | undefined },
): Promise<BaseSources> {
  checkRevision(ref);
  // One round of git commands, all at once: the later ones name the merge base by the ref (git
  // finds it itself) rather than waiting for resolveBase to print it. Each process costs several
  // milliseconds to start, and --base has to cost a tenth of a full check (npm run bench).
  const since = `${ref}^{commit}`;
  // The manifests and the policies that changed come from one diff.
  const watched = [USECASES_DIR, POLICIES_DIR];
  const [resolved, policyTree, changesSince, headTree, titles] = await Promise.allSettled([
    resolveBase(root, ref, head),
    treeEntries(root, since, [POLICIES_DIR]),
    changedFiles(root, since, watched, head, 'merge-base'),
    head ? commitTree(root, head) : undefined,
    // Wanted only when the change is judged alone, which is known later: asked for now, with the
    // rest, so that git reads the titles while the other commands run.
    useCaseTitles(root, head),
  ]);
  // An unknown ref fails every command: say so once, in resolveBase's words.
  const base = settled(resolved);
  // Unrelated histories have no merge base: then the change is compared with REF itself.
  const allChanges =
    changesSince.status === 'fulfilled'
      ? changesSince.value
      : await changedFiles(root, base.mergeBase, watched, head);
  const inScope = scope(root, paths);
  const policiesMovedSince = allChanges.some((c) => c.file.startsWith(`${POLICIES_DIR}/`));
  const changes = allChanges.filter((c) => inScope(c.file) && isManifestPath(c.file) && c.kind === 'file');
  const changed = new Set(changes.filter((c) => c.status !== 'deleted').map((c) => c.file));
  const deleted = changes.filter((c) => c.status === 'deleted').map((c) => c.file);
  const baseObjects = baseObjectsOf(changes);

  // Contents by object id, read in at most two rounds (below) before anything is judged.
  const blobs = new Map<string, Uint8Array>();
  const atHead = settled(headTree);
  const all = atHead
    ? { sources: treeSources(atHead.manifests, blobs), problems: atHead.problems }
    : readSources(root, paths);
  const working = atHead
    ? policySources(atHead.policies, blobs)
    : workingPolicies
      ? workingPolicies.sources
      : readPolicySources(root);
  const policyFiles = policyEntries(settled(policyTree));
  /** The head's policies and the manifests `judged` picks, when the head is a commit. */
  const headObjects = (judged: (file: string) => boolean) =>
    atHead
      ? [
          ...regularObjects(atHead.policies),
          ...regularObjects(atHead.manifests.filter((e) => judged(e.path))),
        ]
      : [];
  // One cat-file for the policies at REF, the changed manifests and their base versions…
  addObjects(root, blobs, [
    ...regularObjects(policyFiles),
    ...baseObjects.values(),
    ...headObjects((file) => changed.has(file)),
  ]);
  const policies = policySources(policyFiles, blobs);
  const policiesDiffer = !samePolicies(policies, working);
  const evaluatedAll = policiesDiffer || policiesMovedSince;
  const manifests = evaluatedAll ? all.sources : all.sources.filter((s) => changed.has(s.file));
  // …and, only when every manifest is judged, one more for all the others.
  if (evaluatedAll) {
    const others = all.sources.filter((s) => !changed.has(s.file)).map((s) => s.file);
    for (const [file, id] of await objectsAt(root, base.mergeBase, others)) baseObjects.set(file, id);
    addObjects(root, blobs, [...baseObjects.values(), ...headObjects(() => true)]);
  }

  const fileProblems = evaluatedAll
    ? all.problems
    : [
        // A link or a submodule anywhere under usecases/ is refused, changed or not.
        ...all.problems.filter((p) => changed.has(p.file) || p.code === 'file-not-regular'),
        ...idClashes(all.sources, changed),
      ];
  let unchanged: UnchangedUseCases | undefined;
  if (!evaluatedAll && manifests.length > 0) {
    const entries = new Map(atHead?.manifests.map((e) => [e.path, e]));
    unchanged = {
      titles: settled(titles),
      source: (file) => {
        if (!atHead) return workingTreeSource(root, file);
        const entry = entries.get(file);
        return (
          entry && {
            file,
            read: () => readObjects(root, [entry.object]).get(entry.object) ?? new Uint8Array(),
          }
        );
      },
    };
  }
  return {
    manifests,
    unchanged,
    inputProblems: unique([...fileProblems, ...refusals(working), ...changeProblems(allChanges, inScope)]),
    policies,
    baseOf: (file) => {
      const id = baseObjects.get(file);
      return id === undefined ? undefined : blobs.get(id);
    },
    linkExists: atHead ? atHead.exists : repoPathExists(root),
    info: { ...base, changed: [...changed].sort(), deleted, policiesDiffer, evaluatedAll },
  };
}

function settled<T>(result: PromiseSettledResult<T>): T {
  if (result.status === 'rejected') throw result.reason;
  return result.value;
}

/**
 * The base version of each changed manifest, by object id: its own for a modified or removed one; for one
 * that moved (deleted here, added there under the same id), the one it moved from.
 */
function baseObjectsOf(changes: readonly Change[]): Map<string, string> {
  const movedFrom = new Map(
    changes.filter((c) => c.status === 'deleted' && c.baseObject).map((c) => [basename(c.file), c]),
  );
  const out = new Map<string, string>();
  for (const c of changes) {
    // A removed manifest too: removing one needs the approvals of retiring it, at its tier.
    const id = c.status === 'added' ? movedFrom.get(basename(c.file))?.baseObject : c.baseObject;
    if (id) out.set(c.file, id);
  }
  return out;
}

/** Reads the objects `blobs` does not hold yet, in one cat-file. */
function addObjects(root: string, blobs: Map<string, Uint8Array>, ids: readonly string[]): void {
  const missing = ids.filter((id) => !blobs.has(id));
  for (const [id, bytes] of readObjects(root, missing)) blobs.set(id, bytes);
}

/** The object ids of `files` at a commit (those it has as regular files). */
async function objectsAt(
  root: string,
  commit: string,
  files: readonly string[],
): Promise<Map<string, string>> {
  if (files.length === 0) return new Map();
  const wanted = new Set(files);
  const entries = await treeEntries(root, commit, [USECASES_DIR]);
  return new Map(
    entries.filter((e) => e.kind === 'file' && wanted.has(e.path)).map((e) => [e.path, e.object]),
  );
}

/**
 * Every changed path is judged or reported: under usecases/ or policies/, one that is not a
 * regular file is refused; under usecases/, a regular file that is not a manifest is named.
 */
function changeProblems(changes: readonly Change[], inScope: (file: string) => boolean): Problem[] {
  const problems: Problem[] = [];
  for (const c of changes) {
    if (c.status === 'deleted') continue;
    const inUsecases = c.file.startsWith(`${USECASES_DIR}/`) && inScope(c.file);
    if (!inUsecases && !c.file.startsWith(`${POLICIES_DIR}/`)) continue;
    if (c.kind !== 'file') {
      problems.push(notRegularProblem(c.file, c.kind, c.mode ? `git mode ${c.mode}` : undefined));
    } else if (inUsecases && !isManifestPath(c.file)) {
      problems.push(notManifest(c.file));
    }
  }
  return problems;
}

function notManifest(file: string): Problem {
  const fix = file.endsWith('.yml')
    ? `manifests end in ${MANIFEST_EXTENSION}; rename this file`
    : `not a manifest: only use-case manifests (${USECASES_DIR}/<domain>/<id>${MANIFEST_EXTENSION}) belong under ${USECASES_DIR}/; move this file out of it`;
  return problem(file, 'file-extension', fix);
}

/** The paths named on the command line, as a test on repository paths; all when none are. */
function scope(root: string, paths: readonly string[]): (file: string) => boolean {
  if (paths.length === 0) return () => true;
  const named = paths.map((p) => repoRelative(root, p)).filter((p) => p !== undefined);
  return (file) => named.some((p) => p === '.' || file === p || file.startsWith(`${p}/`));
}

/** One problem per file and kind: the same link may be found by the walk and by the diff. */
function unique(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.file}\0${p.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
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
