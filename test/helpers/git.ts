// Real git repositories for tests of --base, impact and the audit trail.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { copyPolicies, makeRepo } from './repo.ts';

const ENV = {
  GIT_AUTHOR_NAME: 'Test Author',
  GIT_AUTHOR_EMAIL: 'author@example.com',
  GIT_COMMITTER_NAME: 'Test Author',
  GIT_COMMITTER_EMAIL: 'author@example.com',
};

export function git(root: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', env: { ...process.env, ...ENV } });
}

/** A repository with the shipped policies, the given files, and one commit on main. */
export function gitRepo(files: Record<string, string>, options: { policies?: boolean } = {}): string {
  const root = makeRepo(files);
  if (options.policies !== false) copyPolicies(root);
  git(root, 'init', '-q', '-b', 'main');
  commitAll(root, 'base');
  return root;
}

export function commitAll(root: string, message: string): void {
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '--allow-empty', '-m', message);
}

export function write(root: string, path: string, content: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}

/** Replaces `from` by `to` in a file, failing loudly when `from` is not there. */
export function edit(root: string, path: string, from: string | RegExp, to: string): void {
  const text = readFileSync(join(root, path), 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`edit: ${String(from)} not found in ${path}`);
  writeFileSync(join(root, path), next);
}

/** Commits everything as `author` on `date` (YYYY-MM-DD, noon UTC), author and committer alike. */
export function commitAt(root: string, message: string, date: string, author = 'Test Author'): void {
  git(root, 'add', '-A');
  gitAt(root, date, author, 'commit', '-q', '--allow-empty', '-m', message);
}

/** A git command run as `author` on `date`: merges and other commits made by a command. */
export function gitAt(root: string, date: string, author: string, ...args: string[]): string {
  const stamp = `${date}T12:00:00Z`;
  return execFileSync('git', args, {
    cwd: root,
    encoding: 'utf8',
    env: {
      ...process.env,
      ...ENV,
      GIT_AUTHOR_NAME: author,
      GIT_COMMITTER_NAME: author,
      GIT_AUTHOR_DATE: stamp,
      GIT_COMMITTER_DATE: stamp,
    },
  });
}
