// What `--base REF` needs from git: the merge base, the files that changed since it, and file
// contents at a revision, read without checking anything out.
import { spawnSync } from 'node:child_process';
import { simpleGit } from 'simple-git';

export class GitError extends Error {
  override name = 'GitError';
}

export interface Change {
  status: 'added' | 'modified' | 'deleted';
  file: string;
}

export interface BaseRevision {
  /** The ref as the user named it. */
  ref: string;
  /** The commit REF points at: policies are read from here. */
  policyCommit: string;
  /** merge-base(REF, HEAD): the version each manifest is compared with, as a pull request is. */
  mergeBase: string;
}

export async function resolveBase(root: string, ref: string): Promise<BaseRevision> {
  const git = simpleGit(root);
  if (!(await git.checkIsRepo())) throw new GitError(`${root} is not a git repository; --base needs one`);
  // With --quiet, an unknown ref prints nothing rather than failing: check both.
  const policyCommit = await git.revparse(['--verify', '--quiet', `${ref}^{commit}`]).then(
    (out) => out.trim(),
    () => '',
  );
  if (!/^[0-9a-f]{40,64}$/.test(policyCommit)) {
    throw new GitError(`--base ${ref}: no such branch, tag or commit (try git fetch, or origin/${ref})`);
  }
  let mergeBase = policyCommit;
  try {
    mergeBase = (await git.raw(['merge-base', policyCommit, 'HEAD'])).trim() || policyCommit;
  } catch {
    // unrelated histories: compare with REF itself
  }
  return { ref, policyCommit, mergeBase };
}

/** Files under `paths` that differ between `commit` and the working tree, untracked ones included. */
export async function changedFiles(root: string, commit: string, paths: string[]): Promise<Change[]> {
  const git = simpleGit(root);
  const diff = await git.raw(['diff', '--name-status', '--no-renames', '-z', commit, '--', ...paths]);
  const parts = diff.split('\0').filter(Boolean);
  const changes: Change[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const letter = (parts[i] as string)[0];
    const status = letter === 'A' ? 'added' : letter === 'D' ? 'deleted' : 'modified';
    changes.push({ status, file: parts[i + 1] as string });
  }
  const untracked = await git.raw(['ls-files', '--others', '--exclude-standard', '-z', '--', ...paths]);
  for (const file of untracked.split('\0').filter(Boolean)) changes.push({ status: 'added', file });
  return changes;
}

/** Files under `dir` at `commit`. */
export async function filesAt(root: string, commit: string, dir: string): Promise<string[]> {
  const out = await simpleGit(root).raw(['ls-tree', '-r', '-z', '--name-only', commit, '--', dir]);
  return out.split('\0').filter(Boolean);
}

/**
 * Contents of `files` at `commit`, as bytes, through one `git cat-file --batch`. A file that does
 * not exist there is absent from the map.
 */
export function readAt(root: string, commit: string, files: readonly string[]): Map<string, Uint8Array> {
  const found = new Map<string, Uint8Array>();
  if (files.length === 0) return found;
  const r = spawnSync('git', ['cat-file', '--batch'], {
    cwd: root,
    input: `${files.map((f) => `${commit}:${f}`).join('\n')}\n`,
    maxBuffer: 1024 * 1024 * 1024,
  });
  if (r.status !== 0) throw new GitError(`git cat-file failed: ${r.stderr.toString().trim()}`);
  const out = r.stdout;
  let at = 0;
  for (const file of files) {
    const eol = out.indexOf(10, at);
    const header = out.subarray(at, eol).toString('utf8');
    at = eol + 1;
    if (header.endsWith(' missing')) continue;
    const size = Number(header.split(' ')[2]);
    found.set(file, out.subarray(at, at + size));
    at += size + 1; // the content, then a newline
  }
  return found;
}
