// What coe reads under usecases/ and policies/: regular files only, never through a link, and with
// --base every changed path judged or named. Real git repositories, the real CLI.
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../../engine/core/check/report.ts';
import { commitAll, git, gitRepo, write } from '../helpers/git.ts';
import { coe, makeRepo, manifest, REPO_ROOT, snapshotTree, tempDir } from '../helpers/repo.ts';

const AS_OF = ['--as-of', '2026-11-24'];
/** At intake in the sample; its move to production needs approvals it does not have. */
const PROPOSAL = 'usecases/customer-support/policy-wording-qa-copilot.yaml';
/** In production in the sample: a new use case cannot start there. */
const DRAFTING = 'usecases/customer-support/support-reply-drafting.yaml';
const SHADOW = 'usecases/a-shadow';
const F = 'usecases/claims/claims-intake-bot.yaml';

const sample = (path: string) => readFileSync(join(REPO_ROOT, path), 'utf8');
const atProduction = (text: string) => text.replace(/^ {4}stage: intake$/m, '    stage: production');

/** main with the proposal at intake and the shipped policies; a branch checked out on top. */
function branch(files: Record<string, string> = { [PROPOSAL]: sample(PROPOSAL) }): string {
  const root = gitRepo(files);
  git(root, 'checkout', '-q', '-b', 'proposal');
  return root;
}

function check(root: string, ...args: string[]) {
  return coe(['check', ...AS_OF, ...args], { cwd: root });
}

function json(root: string, ...args: string[]): CheckReport {
  return JSON.parse(check(root, '--format', 'json', ...args).stdout) as CheckReport;
}

/** The problem line naming `path` as refused, `what` saying what it is. */
const refused = (path: string, what: string) =>
  new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1:1 +\\(file\\) +is ${what}`, 'm');

const NO_STACK = /\n\s+at .+:\d+:\d+\)?\n|internal error/;

describe('a folder linked under usecases/ (a-shadow -> customer-support)', () => {
  it('without the link, the jump from intake to production blocks (the change the link would hide)', () => {
    const root = branch();
    write(root, PROPOSAL, atProduction(sample(PROPOSAL)));
    commitAll(root, 'straight to production');
    const r = check(root, '--base', 'main');
    expect(r.stdout).toContain('policy-wording-qa-copilot');
    expect(r.status).toBe(1);
  });

  it('coe check --base refuses the link, committed or not, and judges the manifest under its own path', () => {
    const root = branch();
    write(root, PROPOSAL, atProduction(sample(PROPOSAL)));
    symlinkSync('customer-support', join(root, SHADOW));
    for (const state of ['untracked', 'committed']) {
      if (state === 'committed') commitAll(root, 'jump, with the folder linked');
      const r = check(root, '--base', 'main');
      expect(r.stdout, state).toMatch(refused(SHADOW, 'a symbolic link \\(to customer-support\\)'));
      expect(r.stdout, state).not.toContain('no use case changed');
      expect(r.status, state).toBe(2);
      const report = json(root, '--base', 'main');
      expect(report.base?.changed, state).toEqual([PROPOSAL]);
      expect(report.useCases.find((u) => u.file === PROPOSAL)?.blocked, state).toBe(true);
    }
  });

  it('a new production manifest smuggled in beside the link is refused with it, and judged', () => {
    const root = branch();
    write(root, DRAFTING, sample(DRAFTING));
    symlinkSync('customer-support', join(root, SHADOW));
    commitAll(root, 'a production use case nobody approved');
    const r = check(root, '--base', 'main');
    expect(r.stdout).toMatch(refused(SHADOW, 'a symbolic link'));
    expect(r.status).toBe(2);
    const report = json(root, '--base', 'main');
    expect(report.useCases.map((u) => u.file)).toEqual([DRAFTING]);
  });

  it('coe check without --base refuses the link and reads the folder once, under its own name', () => {
    const root = branch();
    symlinkSync('customer-support', join(root, SHADOW));
    const r = check(root);
    expect(r.stdout).toMatch(refused(SHADOW, 'a symbolic link'));
    expect(r.stdout).not.toContain(`${SHADOW}/`);
    expect(r.status).toBe(2);
    expect(json(root).useCases.map((u) => u.file)).toEqual([PROPOSAL]);
    // Named again on the command line, it is still one problem.
    const named = check(root, 'usecases', SHADOW, `${SHADOW}/policy-wording-qa-copilot.yaml`);
    expect(named.stdout.split('\n').filter((l) => l.startsWith(SHADOW))).toHaveLength(1);
  });
});

describe('a submodule under usecases/', () => {
  /** A repository of its own at usecases/vendor, holding a production manifest, added as a gitlink. */
  function withSubmodule(): string {
    const root = branch();
    const vendor = join(root, 'usecases/vendor');
    mkdirSync(vendor);
    git(vendor, 'init', '-q', '-b', 'main');
    write(vendor, 'customer-support/support-reply-drafting.yaml', sample(DRAFTING));
    commitAll(vendor, 'vendored use cases');
    // What `git add` does with a repository inside the working tree, without its warning.
    const commit = git(vendor, 'rev-parse', 'HEAD').trim();
    git(root, 'update-index', '--add', '--cacheinfo', `160000,${commit},usecases/vendor`);
    git(root, 'commit', '-q', '-m', 'add the vendor repository');
    expect(git(root, 'ls-tree', 'HEAD', 'usecases/vendor')).toMatch(/^160000 commit /);
    return root;
  }

  it('coe check refuses the checked-out submodule and reads nothing in it', () => {
    const root = withSubmodule();
    const r = check(root);
    expect(r.stdout).toMatch(refused('usecases/vendor', 'a git repository inside this one'));
    expect(r.stdout).not.toContain('usecases/vendor/');
    expect(r.status).toBe(2);
  });

  it('coe check --base refuses it once, found by the diff and by the walk', () => {
    const root = withSubmodule();
    const r = check(root, '--base', 'main');
    expect(r.stdout.split('\n').filter((l) => l.startsWith('usecases/vendor'))).toHaveLength(1);
    expect(r.status).toBe(2);
  });

  it('coe check --base refuses a gitlink whose folder is empty, as a clone leaves it', () => {
    const root = branch();
    const commit = git(root, 'rev-parse', 'HEAD').trim();
    git(root, 'update-index', '--add', '--cacheinfo', `160000,${commit},usecases/vendor`);
    git(root, 'commit', '-q', '-m', 'a gitlink');
    mkdirSync(join(root, 'usecases/vendor'));
    const r = check(root, '--base', 'main');
    expect(r.stdout).toMatch(refused('usecases/vendor', 'a submodule \\(git mode 160000\\)'));
    expect(r.status).toBe(2);
  });
});

describe('links under policies/', () => {
  /** A file out of the repository that, were it read, would name itself in an error. */
  function outsidePolicy(): string {
    const outside = makeRepo({ 'evil.yaml': 'apiVersion: coe-gate/v1\nkind: ReadThroughTheLink\n' });
    return join(outside, 'evil.yaml');
  }

  it('coe check refuses a link out of the repository without reading it', () => {
    const root = gitRepo({ [F]: manifest() });
    symlinkSync(outsidePolicy(), join(root, 'policies/extra.yaml'));
    const r = check(root);
    expect(r.stdout).toMatch(refused('policies/extra.yaml', 'a symbolic link \\(to /'));
    expect(r.stdout).not.toContain('ReadThroughTheLink');
    expect(`${r.stdout}${r.stderr}`).not.toMatch(NO_STACK);
    expect(r.status).toBe(2);
  });

  it('coe check --base refuses it in the working tree and in the branch', () => {
    const root = branch({ [F]: manifest() });
    symlinkSync(outsidePolicy(), join(root, 'policies/extra.yaml'));
    for (const state of ['untracked', 'committed']) {
      if (state === 'committed') commitAll(root, 'a policy through a link');
      const r = check(root, '--base', 'main');
      expect(r.stdout, state).toMatch(refused('policies/extra.yaml', 'a symbolic link'));
      expect(r.stdout, state).not.toContain('ReadThroughTheLink');
      expect(r.status, state).toBe(2);
    }
  });

  it("coe check --base refuses a link in the base branch's policies, read through git", () => {
    const root = gitRepo({ [F]: manifest() });
    symlinkSync('../README.md', join(root, 'policies/registries/extra.yaml'));
    commitAll(root, 'a link on main');
    git(root, 'checkout', '-q', '-b', 'proposal');
    const r = check(root, '--base', 'main');
    expect(r.stdout).toMatch(
      refused('policies/registries/extra.yaml', 'a symbolic link \\(git mode 120000\\)'),
    );
    expect(r.status).toBe(2);
  });

  it('coe test, coe impact and coe explain refuse it too', () => {
    const root = gitRepo({ [F]: manifest() });
    symlinkSync(outsidePolicy(), join(root, 'policies/tests/extra.yaml'));
    for (const args of [['test'], ['impact', '--base', 'main', ...AS_OF], ['explain', 'claims-intake-bot']]) {
      const r = coe(args, { cwd: root });
      expect(r.stdout, args[0]).toMatch(refused('policies/tests/extra.yaml', 'a symbolic link'));
      expect(r.stdout, args[0]).not.toContain('ReadThroughTheLink');
      expect(r.status, args[0]).toBe(2);
    }
  });
});

describe('every changed path under usecases/ is judged or named', () => {
  it('a file that is not a manifest, a .yml and a hidden .yaml each get a problem with --base', () => {
    const root = branch();
    write(root, 'usecases/customer-support/notes.md', '# Notes\n');
    write(root, 'usecases/customer-support/website-faq.yml', manifest());
    write(root, 'usecases/customer-support/.draft.yaml', sample(DRAFTING));
    commitAll(root, 'files beside the manifests');
    const r = check(root, '--base', 'main');
    expect(r.stdout).toMatch(
      /^usecases\/customer-support\/notes\.md:1:1 +\(file\) +not a manifest: only use-case manifests \(usecases\/<domain>\/<id>\.yaml\) belong under usecases\//m,
    );
    expect(r.stdout).toMatch(
      /^usecases\/customer-support\/website-faq\.yml:1:1 +\(file\) +manifests end in \.yaml; rename this file/m,
    );
    expect(r.stdout).toMatch(/^usecases\/customer-support\/\.draft\.yaml:1:1 +\(file\) +not a manifest/m);
    expect(r.status).toBe(2);
  });

  it('a whole-portfolio check still passes over files that are not manifests', () => {
    const root = branch();
    write(root, 'usecases/customer-support/notes.md', '# Notes\n');
    expect(check(root).status).toBe(0);
  });
});

describe('commands that write or read one manifest do not go through a link', () => {
  it('coe new refuses to write into a linked domain folder, and writes nothing', () => {
    const elsewhere = tempDir();
    const root = makeRepo();
    symlinkSync(elsewhere, join(root, 'usecases/claims'));
    const before = snapshotTree(elsewhere);
    const r = coe(['new', 'claims-fnol-triage', '--domain', 'claims', '--title', 'FNOL triage'], {
      cwd: root,
    });
    expect(r.stderr).toMatch(/^coe: usecases\/claims is a symbolic link \(to .*\); only regular files/);
    expect(r.status).toBe(2);
    expect(snapshotTree(elsewhere)).toEqual(before);
    expect(existsSync(join(elsewhere, 'claims-fnol-triage.yaml'))).toBe(false);
  });

  it('coe test refuses a fixture read through a linked folder', () => {
    const FIXTURE = 'usecases/legal/contract-clause-review.yaml';
    const outside = makeRepo({ 'contract-clause-review.yaml': sample(FIXTURE) });
    const root = gitRepo({});
    symlinkSync(outside, join(root, 'usecases/legal'));
    // The shipped tests start from their own fixtures; these cases start from a use case instead.
    const tests = join(root, 'policies/tests/data-readiness.yaml');
    writeFileSync(
      tests,
      readFileSync(tests, 'utf8').replaceAll('from: policies/tests/fixtures/', 'from: usecases/legal/'),
    );
    const r = coe(['test', 'policies/tests/data-readiness.yaml'], { cwd: root });
    expect(r.stdout).toContain(`${FIXTURE}: is a symbolic link (at usecases/legal)`);
    // A fixture that cannot be read is a mistake in the test file: invalid input.
    expect(r.status).toBe(2);
  });

  it('coe explain refuses a manifest that is a link', () => {
    const outside = makeRepo({ 'x.yaml': manifest() });
    const root = gitRepo({ 'usecases/claims/.keep': '' });
    symlinkSync(join(outside, 'x.yaml'), join(root, F));
    const r = coe(['explain', 'claims-intake-bot', ...AS_OF], { cwd: root });
    expect(r.stdout).toMatch(refused(F, 'a symbolic link'));
    expect(r.status).toBe(2);
  });
});
