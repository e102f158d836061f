// A ref from the command line reaches git only as a revision: checked first (no leading "-", no
// spaces or control characters), then given after --end-of-options, and it must name a commit.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitRepo } from '../helpers/git.ts';
import { coe, manifest, snapshotTree } from '../helpers/repo.ts';

const F = 'usecases/claims/claims-intake-bot.yaml';

/** The working tree, without git's own folder (git may refresh its index on a read). */
const files = (root: string) =>
  Object.fromEntries(Object.entries(snapshotTree(root)).filter(([path]) => !path.startsWith('.git/')));

function refused(root: string, args: string[], message: string) {
  const before = files(root);
  const r = coe([...args, '--as-of', '2026-11-24'], { cwd: root });
  expect(r.stderr).toBe(`coe: ${message}\n`);
  expect(r.stdout).toBe('');
  expect(r.status).toBe(2);
  expect(files(root)).toEqual(before);
}

describe('--base takes a revision, never an option', () => {
  it('coe check --base=--output=F exits 2 with one line and creates no file', () => {
    const root = gitRepo({ [F]: manifest() });
    const message = '--base --output=F: not a branch, tag or commit name (it starts with "-")';
    refused(root, ['check', '--base=--output=F'], message);
    refused(root, ['check', '--base', '--output=F'], message);
    // git would have written the diff to the file, named as the ref was used.
    expect(existsSync(join(root, 'F'))).toBe(false);
    expect(existsSync(join(root, 'F^{commit}'))).toBe(false);
  });

  it('coe impact --base=--output=F exits 2 the same way', () => {
    const root = gitRepo({ [F]: manifest() });
    refused(
      root,
      ['impact', '--base=--output=F'],
      '--base --output=F: not a branch, tag or commit name (it starts with "-")',
    );
    expect(existsSync(join(root, 'F^{commit}'))).toBe(false);
  });

  it('refuses spaces, control characters and an empty ref', () => {
    const root = gitRepo({ [F]: manifest() });
    refused(
      root,
      ['check', '--base', 'main --output=F'],
      '--base "main --output=F": a branch, tag or commit name has no spaces or control characters',
    );
    refused(
      root,
      ['check', '--base', 'main\n'],
      '--base "main\\n": a branch, tag or commit name has no spaces or control characters',
    );
    refused(root, ['check', '--base', ''], '--base: give a branch, tag or commit');
  });

  it('must name a commit: a tree or an unknown name is refused', () => {
    const root = gitRepo({ [F]: manifest() });
    refused(
      root,
      ['check', '--base', 'main^{tree}'],
      '--base main^{tree}: no such branch, tag or commit (try git fetch, or origin/main^{tree})',
    );
    refused(
      root,
      ['impact', '--base', 'nope'],
      '--base nope: no such branch, tag or commit (try git fetch, or origin/nope)',
    );
  });
});
