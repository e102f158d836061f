// Finds manifest files under usecases/ (or the paths a user names) and reads their bytes.
// Everything here is about the file system; what the bytes mean is the core's business.
import { realpathSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { SourceFile } from '../core/check/check-manifests.ts';
import { MANIFEST_EXTENSION, USECASES_DIR } from '../core/manifest/conventions.ts';
import { notRegularProblem, type Refusal } from '../core/not-regular.ts';
import { type Problem, problem } from '../core/problem.ts';
import { LIMITS } from '../core/yaml/parse.ts';
import { existsInTree, lstatOrUndefined, readRegularFile, refusedOnTheWay, walk } from './entries.ts';

export interface Sources {
  sources: SourceFile[];
  problems: Problem[];
}

/**
 * Reads the manifests named by `paths` (files or folders, relative to `cwd`), or every manifest
 * under `<root>/usecases` when none are named. Never follows a link: a link, a submodule or any
 * other entry that is not a regular file or folder is a problem naming it.
 */
export function readSources(root: string, paths: readonly string[] = [], cwd = process.cwd()): Sources {
  const out: Sources = { sources: [], problems: [] };
  const seen = new Set<string>();

  /** Once per path, however often it is named or reached. */
  const refuse = (r: Refusal) => {
    if (seen.has(r.path)) return;
    seen.add(r.path);
    out.problems.push(notRegularProblem(r.path, r.kind, r.detail));
  };

  const read = (rel: string, explicit: boolean) => {
    const walked = walk(root, rel);
    if (!walked) return void out.problems.push(problem(rel, 'file-not-found', 'no such file or folder'));
    for (const r of walked.refused) refuse(r);
    for (const file of walked.files) {
      if (seen.has(file)) continue;
      seen.add(file);
      const named = explicit && file === rel;
      if (!named && isHidden(file)) continue;
      if (file.endsWith('.yml')) {
        out.problems.push(
          problem(file, 'file-extension', `manifests end in ${MANIFEST_EXTENSION}; rename this file`),
        );
      } else if (named && !file.endsWith(MANIFEST_EXTENSION)) {
        out.problems.push(
          problem(file, 'file-extension', `not a manifest: manifests end in ${MANIFEST_EXTENSION}`),
        );
      } else if (named || file.endsWith(MANIFEST_EXTENSION)) {
        out.sources.push(new TreeFile(root, file));
      }
    }
  };

  if (paths.length === 0) {
    if (lstatOrUndefined(join(root, USECASES_DIR))) read(USECASES_DIR, false);
    return out;
  }
  for (const p of paths) {
    const rel = repoRelative(root, p, cwd);
    if (rel === undefined) {
      const exists = lstatOrUndefined(resolve(cwd, p)) !== undefined;
      out.problems.push(
        exists
          ? problem(
              p,
              'file-outside-repo',
              `is outside the repository; manifests must live in its ${USECASES_DIR}/ folder`,
            )
          : problem(p, 'file-not-found', 'no such file or folder'),
      );
      continue;
    }
    const blocked = refusedOnTheWay(root, rel);
    if (blocked) {
      refuse(blocked);
    } else if (!lstatOrUndefined(join(root, rel))) {
      out.problems.push(problem(rel, 'file-not-found', 'no such file or folder'));
    } else if (!underUsecases(rel)) {
      out.problems.push(
        problem(
          rel,
          'file-outside-usecases',
          `not under ${USECASES_DIR}/; only files there are use-case manifests`,
        ),
      );
    } else read(rel, true);
  }
  return out;
}

/**
 * A manifest in the working tree, read when the engine gets to it, so only one file's bytes are
 * held at a time; a file over the limit is refused from its size, never read. Two fields and a
 * shared method: a portfolio of 50,000 keeps 50,000 of these while it is checked.
 */
/** A file of the working tree, read (never through a link) when asked. */
export function workingTreeSource(root: string, file: string): SourceFile {
  return new TreeFile(root, file);
}

class TreeFile implements SourceFile {
  readonly file: string;
  private readonly root: string;
  constructor(root: string, file: string) {
    this.root = root;
    this.file = file;
  }
  read(): Uint8Array {
    return readRegularFile(join(this.root, this.file), LIMITS.maxFileBytes);
  }
}

/**
 * Whether a repository path is one a manifest is read from: a .yaml file under usecases/, outside
 * hidden files and folders (which are never read as manifests).
 */
export function isManifestPath(file: string): boolean {
  return underUsecases(file) && file.endsWith(MANIFEST_EXTENSION) && !isHidden(file);
}

/** Whether a path is in or is a hidden file or folder (a name starting with a dot). */
export function isHidden(file: string): boolean {
  // A part starts with a dot: the first, or one after a slash (without splitting: called per file).
  return file.startsWith('.') || file.includes('/.');
}

/** A path the user typed, relative to the repository root with forward slashes; undefined outside it. */
export function repoRelative(root: string, path: string, cwd = process.cwd()): string | undefined {
  const abs = resolve(cwd, path);
  // The root as given and as the file system resolves it (a temporary folder behind a link).
  const base = [resolve(root), realpathSync(root)].find((dir) => within(abs, dir));
  if (base === undefined) return undefined;
  return relative(base, abs).split(sep).join('/') || '.';
}

/** Whether a path (from the repository root, as manifests link files) exists, links not followed. */
export function repoPathExists(root: string): (repoPath: string) => boolean {
  return (repoPath) => existsInTree(root, repoPath);
}

function underUsecases(rel: string): boolean {
  return rel === USECASES_DIR || rel.startsWith(`${USECASES_DIR}/`);
}

function within(path: string, dir: string): boolean {
  const r = relative(dir, path);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
}
