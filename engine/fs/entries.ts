// The working tree as the gate reads it: regular files only, never through a link. Folders are
// walked with lstat semantics (a link to a folder is an entry, not a folder), files are opened
// with O_NOFOLLOW and checked again once open, so a link swapped in after the walk is refused too.
import {
  closeSync,
  constants,
  type Dirent,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  readSync,
  type Stats,
} from 'node:fs';
import { join } from 'node:path';
import { FileTooLargeError } from '../core/check/check-manifests.ts';
import { NotRegularFileError, type Refusal } from '../core/not-regular.ts';

export interface Walked {
  /** Regular files, repository-relative, in name order. */
  files: string[];
  refused: Refusal[];
}

/** A folder holding `.git` (a directory, or the file a submodule checkout has) is another repository. */
const GIT_DIR = '.git';

/**
 * Every regular file at or below `rel` (a repository-relative path) and every entry that is not
 * one; undefined when nothing is there. Links are reported, never followed.
 */
export function walk(root: string, rel: string): Walked | undefined {
  const top = lstatOrUndefined(join(root, rel));
  if (!top) return undefined;
  const out: Walked = { files: [], refused: [] };
  const add = (path: string, entry: Dirent | Stats) => {
    if (entry.isDirectory()) visit(path);
    else if (entry.isFile()) out.files.push(path);
    else out.refused.push(refusal(root, path, entry));
  };
  const visit = (dir: string) => {
    const entries = readdirSync(join(root, dir), { withFileTypes: true });
    if (entries.some((e) => e.name === GIT_DIR)) {
      out.refused.push({ path: dir, kind: 'nested-repository' });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of entries) add(`${dir}/${e.name}`, e);
  };
  add(rel, top);
  return out;
}

/** The first folder on the way to `rel` (excluded) that is a link or not a folder at all. */
export function refusedOnTheWay(root: string, rel: string): Refusal | undefined {
  const parts = rel.split('/');
  for (let i = 1; i < parts.length; i++) {
    const path = parts.slice(0, i).join('/');
    const stat = lstatOrUndefined(join(root, path));
    if (stat && !stat.isDirectory()) return refusal(root, path, stat);
  }
  return undefined;
}

/** Whether a repository path exists without passing through a link (as it would in a git tree). */
export function existsInTree(root: string, rel: string): boolean {
  return !refusedOnTheWay(root, rel) && lstatOrUndefined(join(root, rel)) !== undefined;
}

/**
 * A regular file's bytes, never through a link at its last step (O_NOFOLLOW) and never from a
 * pipe or device (checked once open; O_NONBLOCK so a pipe cannot hold the open). Over `maxBytes`
 * it is refused from its size, unread.
 */
export function readRegularFile(path: string, maxBytes = Number.POSITIVE_INFINITY): Uint8Array {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') throw new NotRegularFileError('symlink');
    throw error;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new NotRegularFileError('special');
    if (stat.size > maxBytes) throw new FileTooLargeError(stat.size);
    return readOpenFile(fd, stat.size);
  } finally {
    closeSync(fd);
  }
}

/**
 * The bytes of an open regular file of `size` bytes, read as readFileSync(fd) reads them (up to
 * that size, fewer if it shrank) but without a second fstat: a portfolio is thousands of files.
 */
function readOpenFile(fd: number, size: number): Uint8Array {
  // A file that says it is empty may still have content (a generated one): read it to its end.
  if (size === 0) return readFileSync(fd);
  const bytes = Buffer.allocUnsafe(size);
  let read = 0;
  while (read < size) {
    const n = readSync(fd, bytes, read, size - read, null);
    if (n === 0) break;
    read += n;
  }
  return read < size ? bytes.subarray(0, read) : bytes;
}

export function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

function refusal(root: string, path: string, entry: Dirent | Stats): Refusal {
  if (!entry.isSymbolicLink()) return { path, kind: 'special' };
  let target: string | undefined;
  try {
    target = readlinkSync(join(root, path));
  } catch {
    target = undefined;
  }
  return { path, kind: 'symlink', ...(target === undefined ? {} : { detail: `to ${target}` }) };
}
