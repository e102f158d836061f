// resolveBase: the commit REF names (the policies judged by) and the merge base with the head (what
// each manifest is compared with), as `git rev-parse` and `git merge-base` give them, in real
// repositories, whichever way they are found.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveBase } from '../../engine/git/git.ts';
import { commitAll, git, gitRepo } from '../helpers/git.ts';

const rev = (root: string, name: string) => git(root, 'rev-parse', name).trim();

describe('resolveBase', () => {
  it('a branch that forked from REF: REF itself, and the commit they share', async () => {
    const root = gitRepo({}, { policies: false });
    const fork = rev(root, 'HEAD');
    git(root, 'checkout', '-q', '-b', 'change');
    commitAll(root, 'on the branch');
    git(root, 'checkout', '-q', 'main');
    commitAll(root, 'main moves on');
    git(root, 'checkout', '-q', 'change');
    expect(await resolveBase(root, 'main')).toEqual({
      ref: 'main',
      policyCommit: rev(root, 'main'),
      mergeBase: fork,
    });
    // A named head instead of the working tree's, as the Action gives it.
    expect(await resolveBase(root, 'main', rev(root, 'change'))).toEqual({
      ref: 'main',
      policyCommit: rev(root, 'main'),
      mergeBase: fork,
    });
    // REF as an expression: the commit before main's.
    expect((await resolveBase(root, 'main~1')).policyCommit).toBe(fork);
  });

  it('two merge bases (criss-cross merges): the one git merge-base picks', async () => {
    const root = gitRepo({}, { policies: false });
    git(root, 'checkout', '-q', '-b', 'other');
    commitAll(root, 'other 1');
    git(root, 'checkout', '-q', 'main');
    commitAll(root, 'main 1');
    const [main1, other1] = [rev(root, 'main'), rev(root, 'other')];
    git(root, 'merge', '-q', '--no-ff', '-m', 'main takes other', other1);
    git(root, 'checkout', '-q', 'other');
    git(root, 'merge', '-q', '--no-ff', '-m', 'other takes main', main1);
    const bases = git(root, 'merge-base', '--all', 'main', 'other').trim().split('\n');
    expect(bases).toHaveLength(2);
    expect((await resolveBase(root, 'main')).mergeBase).toBe(git(root, 'merge-base', 'main', 'other').trim());
  });

  it('unrelated histories: the change is compared with REF itself', async () => {
    const root = gitRepo({}, { policies: false });
    git(root, 'checkout', '-q', '--orphan', 'lonely');
    commitAll(root, 'a root of its own');
    const main = rev(root, 'main');
    expect(await resolveBase(root, 'main')).toEqual({ ref: 'main', policyCommit: main, mergeBase: main });
  });

  it('a head with no commit yet: compared with REF itself', async () => {
    const root = gitRepo({}, { policies: false });
    git(root, 'checkout', '-q', '--orphan', 'unborn');
    const main = rev(root, 'main');
    expect(await resolveBase(root, 'main')).toEqual({ ref: 'main', policyCommit: main, mergeBase: main });
  });

  it('an unknown ref, a name with "..", and a folder that is no repository: each said as such', async () => {
    const root = gitRepo({}, { policies: false });
    await expect(resolveBase(root, 'no-such-branch')).rejects.toThrow(
      '--base no-such-branch: no such branch, tag or commit (try git fetch, or origin/no-such-branch)',
    );
    // A range is not a commit: "main..main" names none, though both its ends exist.
    await expect(resolveBase(root, 'main..main')).rejects.toThrow('--base main..main: no such branch');
    const plain = mkdtempSync(join(tmpdir(), 'coe-not-a-repo-'));
    await expect(resolveBase(plain, 'main')).rejects.toThrow(
      `${plain} is not a git repository; --base needs one`,
    );
  });
});
