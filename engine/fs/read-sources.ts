// Finds manifest files under usecases/ (or the paths a user names) and reads their bytes.
// Everything here is about the file system; what the bytes mean is the core's business.
import {
  closeSync,
  type Dirent,
  existsSync,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  statSync,
} from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { FileTooLargeError, type SourceFile } from '../core/check/check-manifests.ts';
import { MANIFEST_EXTENSION, USECASES_DIR } from '../core/manifest/conventions.ts';
import { type Problem, problem } from '../core/problem.ts';
import { LIMITS } from '../core/yaml/parse.ts';

export interface Sources {
  sources: SourceFile[];
  problems: Problem[];
}

/**
 * Reads the manifests named by `paths` (files or folders, relative to `cwd`), or every manifest
 * under `<root>/usecases` when none are named. Never follows a link out of the repository.
 */
export function readSources(root: string, paths: readonly string[] = [], cwd = process.cwd()): Sources {
  const realRoot = realpathSync(root);
  const usecasesDir = join(realRoot, USECASES_DIR);
  const out: Sources = { sources: [], problems: [] };
  const seen = new Set<string>();

  const addFile = (abs: string, shown: string) => {
    if (seen.has(abs)) return;
    seen.add(abs);
    // Read when the engine gets to it, so only one file's bytes are held at a time; a file over
    // the limit is refused from its size, never read.
    out.sources.push({ file: shown, read: () => readLimited(abs) });
  };

  const visit = (abs: string, shown: string, explicit: boolean) => {
    let real: string;
    try {
      real = realpathSync(abs);
    } catch {
      const what = lstatSafe(abs) ? 'a link whose target does not exist' : 'no such file or folder';
      out.problems.push(problem(shown, 'file-not-found', what));
      return;
    }
    if (!within(real, realRoot)) {
      const what =
        real === resolve(abs) ? 'is outside the repository' : `links to ${real}, outside the repository`;
      out.problems.push(
        problem(shown, 'file-outside-repo', `${what}; manifests must live in its ${USECASES_DIR}/ folder`),
      );
      return;
    }
    if (!within(real, usecasesDir)) {
      out.problems.push(
        problem(
          shown,
          'file-outside-usecases',
          `not under ${USECASES_DIR}/; only files there are use-case manifests`,
        ),
      );
      return;
    }
    const stat = statSync(real);
    if (stat.isDirectory()) {
      if (seen.has(real)) return; // a link back into a folder already read
      seen.add(real);
      const entries: Dirent[] = readdirSync(real, { withFileTypes: true });
      entries.sort((a, b) => (a.name < b.name ? -1 : 1));
      for (const e of entries) {
        if (e.name.startsWith('.')) continue;
        const child = join(abs, e.name);
        const childShown = `${shown}/${e.name}`;
        if (e.isFile() && e.name.endsWith(MANIFEST_EXTENSION)) {
          // A plain file in a folder already known to be inside usecases/: no link to resolve.
          addFile(join(real, e.name), childShown);
        } else if (e.isDirectory() || e.isSymbolicLink() || e.name.endsWith('.yml')) {
          visit(child, childShown, false);
        }
      }
      return;
    }
    if (real.endsWith('.yml')) {
      out.problems.push(
        problem(shown, 'file-extension', `manifests end in ${MANIFEST_EXTENSION}; rename this file`),
      );
      return;
    }
    if (!real.endsWith(MANIFEST_EXTENSION)) {
      if (explicit)
        out.problems.push(
          problem(shown, 'file-extension', `not a manifest: manifests end in ${MANIFEST_EXTENSION}`),
        );
      return;
    }
    addFile(real, shown);
  };

  if (paths.length === 0) {
    if (lstatSafe(usecasesDir)) visit(usecasesDir, USECASES_DIR, true);
  } else {
    for (const p of paths) {
      const abs = resolve(cwd, p);
      // Show paths inside the repository relative to its root, others as the user typed them.
      const base = [realRoot, resolve(root)].find((dir) => within(abs, dir));
      const shown = base ? relative(base, abs).split(sep).join('/') || '.' : p;
      visit(abs, shown.replace(/\/$/, ''), true);
    }
  }
  return out;
}

/** Whether a path (from the repository root, as manifests link files) exists in the working tree. */
export function repoPathExists(root: string): (repoPath: string) => boolean {
  return (repoPath) => existsSync(join(root, repoPath));
}

function within(path: string, dir: string): boolean {
  const r = relative(dir, path);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
}

function lstatSafe(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

function readLimited(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > LIMITS.maxFileBytes) throw new FileTooLargeError(size);
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}
