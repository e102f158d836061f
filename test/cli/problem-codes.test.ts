// Every problem code the engine defines (engine/core/problem.ts), raised by the real `coe` on a
// real repository built from its fixture: test/fixtures/problems/<code>/ holds the repository
// fragment (repo/, and change/ for a branch when the code is about a change) and expect.json, which
// names the problem's file, line, column and path. A code without a fixture fails the last test, as
// `coe test` fails a rule without a case. How to add one: docs/testing.md.
import {
  appendFileSync,
  chmodSync,
  cpSync,
  existsSync,
  readdirSync,
  readFileSync,
  symlinkSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROBLEM_CODES, type Problem } from '../../engine/core/problem.ts';
import { commitAll, git } from '../helpers/git.ts';
import { coe, copyPolicies, makeRepo, REPO_ROOT } from '../helpers/repo.ts';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'problems');

/** What the test does to the copied files that a fixture cannot hold as files. */
type Setup =
  /** Appends a comment of this many bytes (a file over the size limit, not kept in git). */
  | { pad: { path: string; bytes: number } }
  /** A symbolic link at `path` to the repository file `to`. */
  | { symlink: { path: string; to: string } }
  /** Mode 000; run as another user when the tests run as root, who reads any file. */
  | { unreadable: string }
  /** `git init` in this folder: a repository inside the repository. */
  | { nestedRepository: string };

interface Fixture {
  code: string;
  description: string;
  /** The shipped policies (with the tests' roles) under the fixture's own files. */
  policies?: boolean;
  /** repo/ committed on main, then change/ over it committed on the branch change. */
  git?: boolean;
  /** coe's arguments before --format json (default: check). */
  args?: string[];
  setup?: Setup[];
  expect: Pick<Problem, 'file' | 'line' | 'column' | 'path'> & { message: string };
}

const folders = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();
const fixture = (code: string): Fixture =>
  JSON.parse(readFileSync(join(FIXTURES, code, 'expect.json'), 'utf8')) as Fixture;

/** Nobody: a user with no access to a file of mode 000. */
const NOBODY = { uid: 65534, gid: 65534 };

function build(code: string, f: Fixture): { root: string; user?: typeof NOBODY } {
  const root = makeRepo();
  if (f.policies) copyPolicies(root);
  cpSync(join(FIXTURES, code, 'repo'), root, { recursive: true });
  if (f.git) {
    git(root, 'init', '-q', '-b', 'main');
    commitAll(root, 'base');
    git(root, 'checkout', '-q', '-b', 'change');
    cpSync(join(FIXTURES, code, 'change'), root, { recursive: true });
    commitAll(root, 'change');
  }
  let user: typeof NOBODY | undefined;
  for (const step of f.setup ?? []) {
    if ('pad' in step) appendFileSync(join(root, step.pad.path), `# ${'x'.repeat(step.pad.bytes)}\n`);
    else if ('symlink' in step) symlinkSync(join(root, step.symlink.to), join(root, step.symlink.path));
    else if ('nestedRepository' in step) git(join(root, step.nestedRepository), 'init', '-q');
    else {
      chmodSync(join(root, step.unreadable), 0o000);
      if (process.getuid?.() === 0) {
        chmodSync(root, 0o755); // mkdtemp's 0700 would keep nobody out of the whole repository
        user = NOBODY;
      }
    }
  }
  return user ? { root, user } : { root };
}

describe('each problem code, raised by coe from its fixture', () => {
  for (const code of folders) {
    it(code, () => {
      const f = fixture(code);
      expect(f.code).toBe(code);
      const { root, user } = build(code, f);
      const r = coe([...(f.args ?? ['check']), '--format', 'json', '--as-of', '2026-11-24'], {
        cwd: root,
        ...(user ? { user } : {}),
      });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(2);
      const report = JSON.parse(r.stdout) as { exitCode: number; problems: Problem[] };
      expect(report.exitCode).toBe(2);
      const found = report.problems.filter((p) => p.code === code);
      const { message, ...at } = f.expect;
      expect(found.map(({ file, line, column, path }) => ({ file, line, column, path }))).toContainEqual(at);
      const named = found.find((p) => p.file === at.file && p.line === at.line);
      expect(named?.message).toContain(message);
    });
  }
});

describe('the fixtures mirror the codes', () => {
  it('every problem code has a fixture, and every fixture names a code', () => {
    const codes = new Set<string>(PROBLEM_CODES);
    const missing = PROBLEM_CODES.filter((c) => !folders.includes(c));
    const stray = folders.filter((f) => !codes.has(f));
    expect({ 'codes without a fixture': missing, 'fixtures that name no code': stray }).toEqual({
      'codes without a fixture': [],
      'fixtures that name no code': [],
    });
  });

  it('every fixture has its expectation and its repository fragment', () => {
    for (const code of folders) {
      expect(existsSync(join(FIXTURES, code, 'expect.json')), `${code}/expect.json`).toBe(true);
      expect(existsSync(join(FIXTURES, code, 'repo')), `${code}/repo/`).toBe(true);
      expect(existsSync(join(FIXTURES, code, 'change')), `${code}/change/`).toBe(fixture(code).git === true);
    }
  });
});
