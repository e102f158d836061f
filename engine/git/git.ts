// What `--base REF` needs from git: the merge base, the files that changed since it (with their
// modes, so that a link or a submodule is seen for what it is), the entries of a tree, and object
// contents, read without checking anything out. Independent commands run in parallel; contents
// come through one `git cat-file --batch`, asked for by object id, never by path.
//
// Every revision is checked (checkRevision) and given after --end-of-options, so a name that starts
// with "-" can never be read as an option: git 2.24 and later take --end-of-options in diff,
// ls-tree, merge-base and cat-file, 2.30 in rev-parse (and `diff --merge-base`, used below).
//
// git is run with execFile rather than simple-git: measured on a 2,000-manifest repository,
// simple-git took about 15 ms a command and ran four "parallel" commands in 60 ms, execFile in
// 10 ms, and `coe check --base` has to cost a tenth of a full check (npm run bench).
import { execFile, spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { NotRegular } from '../core/not-regular.ts';
import { lstatOrUndefined } from '../fs/entries.ts';

/**
 * execFile as a promise, made when git is first run: in the npm package, Node's child_process
 * (with its network and stream modules, some 10 ms) then loads only for commands that run git.
 */
export function execFileAsync(): typeof execFile.__promisify__ {
  promised ??= promisify(execFile);
  return promised;
}
let promised: typeof execFile.__promisify__ | undefined;

async function git(root: string, args: string[]): Promise<string> {
  const { stdout } = await execFileAsync()('git', args, { cwd: root, maxBuffer: 256 * 1024 * 1024 });
  return stdout;
}

/**
 * git with its output in a temporary file rather than a pipe: a command that prints more than a
 * pipe holds (64 KiB) would stop and wait while this thread is busy with other work, and one read
 * at the end then runs beside that work to its end (`git grep` of every title, use-case-titles.ts).
 */
export function gitToFile(
  root: string,
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'coe-git-'));
  const out = join(dir, 'stdout');
  const done = () => rmSync(dir, { recursive: true, force: true });
  let fd: number | undefined;
  try {
    fd = openSync(out, 'w', 0o600);
    const child = spawn('git', args, { cwd: root, stdio: ['ignore', fd, 'pipe'] });
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) => {
        try {
          resolve({ code, stdout: readFileSync(out, 'utf8'), stderr });
        } catch (error) {
          reject(error);
        }
      });
    }).finally(done);
  } catch (error) {
    done();
    throw error;
  } finally {
    if (fd !== undefined) closeSync(fd); // the child has its own copy
  }
}

export class GitError extends Error {
  override name = 'GitError';
}

/** What a path is in a tree: a regular file, or something the gate refuses to read. */
export type EntryKind = 'file' | NotRegular;

export interface Change {
  status: 'added' | 'modified' | 'deleted';
  file: string;
  /** What the path is on the change's side (for a deleted one, what it was). */
  kind: EntryKind;
  /** Its git mode on that side; unknown for an untracked path. */
  mode?: string;
  /** The blob at the start of the comparison, for a modified or deleted path. */
  baseObject?: string;
}

export interface TreeEntry {
  path: string;
  kind: EntryKind;
  mode: string;
  /** The blob (or, for a submodule, commit) id. */
  object: string;
}

export interface BaseRevision {
  /** The ref as the user named it. */
  ref: string;
  /** The commit REF points at: policies are read from here. */
  policyCommit: string;
  /** merge-base(REF, HEAD): the version each manifest is compared with, as a pull request is. */
  mergeBase: string;
}

/**
 * A revision taken from a user or an event, refused before git sees it when it could be read as
 * an option or is not a name at all. Whether it resolves to a commit is git's to say (resolveBase).
 */
export function checkRevision(ref: string, what = '--base'): string {
  if (ref === '') throw new GitError(`${what}: give a branch, tag or commit`);
  if (ref.startsWith('-'))
    throw new GitError(`${what} ${ref}: not a branch, tag or commit name (it starts with "-")`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\s\x00-\x1f\x7f]/.test(ref))
    throw new GitError(
      `${what} ${JSON.stringify(ref)}: a branch, tag or commit name has no spaces or control characters`,
    );
  return ref;
}

/** `head`: the commit the change ends at; the working tree's HEAD unless a commit is named. */
export async function resolveBase(root: string, ref: string, head = 'HEAD'): Promise<BaseRevision> {
  checkRevision(ref);
  checkRevision(head, 'the commit judged');
  // One process in the usual case: `rev-parse REF...HEAD` prints the head, the ref and each merge
  // base (^id), the first of them the one `git merge-base` prints (test/core/resolve-base.test.ts
  // holds it to that on criss-cross merges). A name with ".." in it is none git allows, and would
  // change the range.
  if (!ref.includes('..') && !head.includes('..')) {
    const ids = await git(root, ['rev-parse', '--end-of-options', `${ref}^{commit}...${head}`]).then(
      // Some versions of git (2.39 here) print --end-of-options back: only the ids are read.
      (out) => out.split('\n').filter((line) => isObjectId(line.replace(/^\^/, ''))),
      () => undefined, // an unknown ref, an unborn head…: asked again below, one question at a time
    );
    const [headCommit, policyCommit, mergeBase] = ids ?? [];
    if (headCommit && policyCommit && !policyCommit.startsWith('^')) {
      // Unrelated histories have no merge base: compare with REF itself.
      return { ref, policyCommit, mergeBase: mergeBase?.startsWith('^') ? mergeBase.slice(1) : policyCommit };
    }
  }
  // Both at once: the merge base is asked of the ref by name and used only once the ref resolves.
  // With --quiet, an unknown ref prints nothing rather than failing: check both.
  const [policyCommit, mergeBase] = await Promise.all([
    git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]).then(
      (out) => out.trim(),
      (error: Error) => {
        if (/not a git repository/i.test(error.message))
          throw new GitError(`${root} is not a git repository; --base needs one`);
        return '';
      },
    ),
    git(root, ['merge-base', '--end-of-options', `${ref}^{commit}`, head]).then(
      (out) => out.trim(),
      () => '',
    ),
  ]);
  if (!isObjectId(policyCommit)) {
    throw new GitError(`--base ${ref}: no such branch, tag or commit (try git fetch, or origin/${ref})`);
  }
  // Unrelated histories have no merge base: compare with REF itself.
  return { ref, policyCommit, mergeBase: mergeBase || policyCommit };
}

/**
 * Paths under `paths` that differ between `commit` and the working tree, untracked ones included;
 * or, given `head`, between the two commits. With `from: 'merge-base'`, the comparison starts at
 * the merge base of `commit` and the head instead of at `commit` itself.
 */
export async function changedFiles(
  root: string,
  commit: string,
  paths: string[],
  head?: string,
  from: 'commit' | 'merge-base' = 'commit',
): Promise<Change[]> {
  checkRevision(commit);
  if (head) checkRevision(head, 'the commit judged');
  const range = head
    ? from === 'merge-base'
      ? ['--end-of-options', `${commit}...${head}`]
      : ['--end-of-options', commit, head]
    : from === 'merge-base'
      ? ['--merge-base', '--end-of-options', commit]
      : ['--end-of-options', commit];
  const [diff, untracked] = await Promise.all([
    git(root, ['diff', '--raw', '-z', '--no-renames', '--no-abbrev', ...range, '--', ...paths]),
    head ? '' : git(root, ['ls-files', '--others', '--exclude-standard', '-z', '--', ...paths]),
  ]);
  const changes = parseRawDiff(diff, head ? undefined : root);
  for (const file of untracked.split('\0').filter(Boolean)) {
    // An untracked folder is listed whole (with a trailing slash) only when it is a repository.
    const kind = file.endsWith('/') ? 'nested-repository' : workingTreeKind(root, file);
    changes.push({ status: 'added', file: file.replace(/\/$/, ''), kind });
  }
  return changes;
}

/** `git diff --raw -z`: ":srcmode dstmode srcid dstid status" NUL path NUL, for each path. */
function parseRawDiff(out: string, workingTree: string | undefined): Change[] {
  const parts = out.split('\0');
  const changes: Change[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const [srcMode, dstMode, srcId, , letter] = (parts[i] as string).slice(1).split(' ');
    const file = parts[i + 1] as string;
    const status = letter === 'A' ? 'added' : letter === 'D' ? 'deleted' : 'modified';
    // Against the working tree an unmerged path has no mode on its side: look at the file.
    const mode = (status === 'deleted' ? srcMode : dstMode) as string;
    const kind = mode === '000000' && workingTree ? workingTreeKind(workingTree, file) : kindOfMode(mode);
    // The base version is read only when it was a regular file (a link's blob is its target).
    const baseObject = kindOfMode(srcMode as string) === 'file' ? srcId : undefined;
    changes.push({ status, file, kind, mode, ...(baseObject ? { baseObject } : {}) });
  }
  return changes;
}

/** Whether the repository has the commit (a fork's commits arrive only with an explicit fetch). */
export async function hasCommit(root: string, sha: string): Promise<boolean> {
  checkRevision(sha, 'commit');
  return git(root, ['cat-file', '-e', '--end-of-options', `${sha}^{commit}`]).then(
    () => true,
    () => false,
  );
}

/**
 * Whether anything under `paths` differs between two commits; with `since: 'merge-base'`, between
 * the merge base of the two and `to` (what `to` changed since they parted: git's `from...to`).
 */
export async function differs(
  root: string,
  from: string,
  to: string,
  paths: string[],
  since: 'commit' | 'merge-base' = 'commit',
): Promise<boolean> {
  if (from === to) return false;
  checkRevision(from, 'commit');
  checkRevision(to, 'commit');
  const range = since === 'merge-base' ? [`${from}...${to}`] : [from, to];
  const out = await git(root, ['diff', '--name-only', '--end-of-options', ...range, '--', ...paths]);
  return out.trim() !== '';
}

/** Every entry under `dirs` at `commit`, recursively, with what it is and its object id. */
export async function treeEntries(root: string, commit: string, dirs: string[]): Promise<TreeEntry[]> {
  checkRevision(commit, 'commit');
  // No "--" before the paths: after --end-of-options ls-tree would take it for a path.
  const out = await git(root, ['ls-tree', '-r', '-z', '--end-of-options', commit, ...dirs]);
  const entries: TreeEntry[] = [];
  for (const line of out.split('\0')) {
    if (!line) continue;
    const tab = line.indexOf('\t');
    const [mode, , object] = line.slice(0, tab).split(' ') as [string, string, string];
    entries.push({ path: line.slice(tab + 1), kind: kindOfMode(mode), mode, object });
  }
  return entries;
}

/**
 * Object contents by id, as bytes, through one `git cat-file --batch`. Ids only: a path could
 * hold a line break and shift every answer after it. An id the repository lacks is absent.
 */
export function readObjects(root: string, ids: readonly string[]): Map<string, Uint8Array> {
  const found = new Map<string, Uint8Array>();
  const names = [...new Set(ids)];
  if (names.length === 0) return found;
  const bad = names.find((id) => !isObjectId(id));
  if (bad !== undefined) throw new GitError(`not an object id: ${JSON.stringify(bad)}`);
  const r = spawnSync('git', ['cat-file', '--batch'], {
    cwd: root,
    input: `${names.join('\n')}\n`,
    maxBuffer: 1024 * 1024 * 1024,
  });
  if (r.status !== 0) throw new GitError(`git cat-file failed: ${r.stderr.toString().trim()}`);
  const out = r.stdout;
  let at = 0;
  for (const name of names) {
    const eol = out.indexOf(10, at);
    const header = out.subarray(at, eol).toString('utf8');
    at = eol + 1;
    if (header.endsWith(' missing')) continue;
    const size = Number(header.split(' ')[2]);
    found.set(name, out.subarray(at, at + size));
    at += size + 1; // the content, then a newline
  }
  return found;
}

/** Regular files are 100644 or 100755 (100664 in old repositories); 120000 a link; 160000 a submodule. */
export function kindOfMode(mode: string): EntryKind {
  if (/^100[0-7]{3}$/.test(mode)) return 'file';
  if (mode === '120000') return 'symlink';
  if (mode === '160000') return 'submodule';
  return 'special';
}

function workingTreeKind(root: string, file: string): EntryKind {
  const stat = lstatOrUndefined(join(root, file));
  if (!stat || stat.isFile()) return 'file';
  return stat.isSymbolicLink() ? 'symlink' : stat.isDirectory() ? 'nested-repository' : 'special';
}

function isObjectId(s: string): boolean {
  return /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(s);
}

/**
 * The object id of each `revision` (`commit`, `commit:path`) through one `git cat-file
 * --batch-check`; absent from the map when git has no such object.
 */
export function objectIds(root: string, revisions: readonly string[]): Map<string, string> {
  const found = new Map<string, string>();
  // A path with a line break would shift every answer after it: such a name is never there.
  const asked = revisions.filter((rev) => !/[\r\n]/.test(rev));
  if (asked.length === 0) return found;
  const r = spawnSync('git', ['cat-file', '--batch-check=%(objectname) %(objecttype)'], {
    cwd: root,
    input: `${asked.join('\n')}\n`,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new GitError(`git cat-file failed: ${r.stderr.toString().trim()}`);
  const lines = r.stdout.toString('utf8').split('\n');
  asked.forEach((rev, i) => {
    const line = lines[i] ?? '';
    if (!line.endsWith(' missing') && !line.endsWith(' ambiguous'))
      found.set(rev, line.split(' ')[0] as string);
  });
  return found;
}

/** Which of `paths` differ between the merge base of two commits and the second (git's `from...to`). */
export async function changedPaths(
  root: string,
  from: string,
  to: string,
  paths: readonly string[],
): Promise<string[]> {
  if (from === to) return [];
  const out = await git(root, [
    'diff',
    '--name-only',
    '-z',
    '--end-of-options',
    `${from}...${to}`,
    '--',
    ...paths,
  ]);
  const files = out.split('\0').filter(Boolean);
  return paths.filter((p) => files.some((f) => f === p || f.startsWith(`${p}/`)));
}

/** The subject lines of the commits in `from..to`. */
export async function subjects(root: string, from: string, to: string): Promise<string[]> {
  const out = await git(root, ['log', '--format=%s', '--end-of-options', `${from}..${to}`]);
  return out.split('\n').filter(Boolean);
}

/** The commit HEAD names in the repository at `root`; null outside a repository or before its first commit. */
export async function headCommit(root: string): Promise<string | null> {
  try {
    return (await git(root, ['rev-parse', '--verify', '-q', 'HEAD^{commit}'])).trim() || null;
  } catch {
    return null;
  }
}
