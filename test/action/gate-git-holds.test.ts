// The Action judges what git holds at the checked-out commit, read as blobs: a link, a submodule
// or a file that is not a manifest under usecases/ (or a link under policies/) blocks the pull
// request and the check run names it. The committed bundle, real git repositories, the loopback
// GitHub.
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import type { FakeGitHub } from '../github/fake-github.ts';
import { commitAll, git, write } from '../helpers/git.ts';
import { readable } from '../helpers/markdown.ts';
import { makeRepo } from '../helpers/repo.ts';
import { type Change, change as changeOf, sample, useScenario } from '../helpers/scenario.ts';

/** At intake in the sample; its move to production needs approvals it does not have. */
const PROPOSAL = 'usecases/customer-support/policy-wording-qa-copilot.yaml';
/** In production in the sample: a new use case cannot start there. */
const DRAFTING = 'usecases/customer-support/support-reply-drafting.yaml';
const SHADOW = 'usecases/a-shadow';

const atProduction = (text: string) => text.replace(/^ {4}stage: intake$/m, '    stage: production');

const scenario = useScenario();
let fake: FakeGitHub;
beforeEach(() => {
  fake = scenario.fake();
});

/** main with the proposal at intake and the shipped policies; a commit on a branch with `head` applied. */
const change = (head: (root: string) => void): Change => changeOf({ [PROPOSAL]: sample(PROPOSAL) }, head);
const gate = (c: Change) => scenario.gate(c, scenario.open(c));

/** The one check run: a failure whose summary names `path` and says why (`message`'s start). */
function expectBlockedNaming(path: string, message: string) {
  const [check] = fake.checkRuns();
  expect(fake.checkRuns()).toHaveLength(1);
  expect(check?.conclusion).toBe('failure');
  expect(check?.output.title).toMatch(/^Blocked: .*problem/);
  expect(readable(check?.output.summary ?? '')).toContain(`| \`${path}\` | 1:1 | — | ${message}`);
  expect(fake.annotations(check?.id as number)).toContainEqual(
    expect.objectContaining({ path, annotation_level: 'failure', title: expect.stringMatching(/^file-/) }),
  );
  return check;
}

describe('a folder linked under usecases/ (a-shadow -> customer-support)', () => {
  test('a jump from intake to production behind the link blocks, and the check run names the link', async () => {
    const c = change((root) => {
      write(root, PROPOSAL, atProduction(sample(PROPOSAL)));
      symlinkSync('customer-support', join(root, SHADOW));
    });
    const run = await gate(c);
    expect(run.status).toBe(1);
    expectBlockedNaming(SHADOW, 'is a symbolic link (git mode 120000)');
    // The manifest is judged under its own path all the same.
    expect(run.report?.check?.base?.changed).toEqual([PROPOSAL]);
    expect(run.report?.check?.useCases.find((u) => u.file === PROPOSAL)?.blocked).toBe(true);
  });

  test('a new production manifest smuggled in beside the link blocks', async () => {
    const c = change((root) => {
      write(root, DRAFTING, sample(DRAFTING));
      symlinkSync('customer-support', join(root, SHADOW));
    });
    const run = await gate(c);
    expect(run.status).toBe(1);
    expectBlockedNaming(SHADOW, 'is a symbolic link');
    expect(run.report?.check?.useCases.map((u) => u.file)).toEqual([DRAFTING]);
  });
});

test('a submodule (gitlink) under usecases/ blocks, named', async () => {
  const c = change((root) => {
    const vendor = join(root, 'usecases/vendor');
    mkdirSync(vendor);
    git(vendor, 'init', '-q', '-b', 'main');
    write(vendor, 'customer-support/support-reply-drafting.yaml', sample(DRAFTING));
    commitAll(vendor, 'vendored use cases');
    const commit = git(vendor, 'rev-parse', 'HEAD').trim();
    git(root, 'update-index', '--add', '--cacheinfo', `160000,${commit},usecases/vendor`);
  });
  expect(git(c.root, 'ls-tree', 'HEAD', 'usecases/vendor')).toMatch(/^160000 commit /);
  const run = await gate(c);
  expect(run.status).toBe(1);
  expectBlockedNaming('usecases/vendor', 'is a submodule (git mode 160000)');
  expect(run.report?.check?.useCases).toEqual([]);
});

test('a link under policies/ out of the repository blocks, and nothing is read through it', async () => {
  const outside = makeRepo({ 'evil.yaml': 'apiVersion: coe-gate/v1\nkind: ReadThroughTheLink\n' });
  const c = change((root) => {
    write(root, PROPOSAL, `${sample(PROPOSAL)}# touched\n`);
    symlinkSync(join(outside, 'evil.yaml'), join(root, 'policies/extra.yaml'));
  });
  const run = await gate(c);
  expect(run.status).toBe(1);
  const check = expectBlockedNaming('policies/extra.yaml', 'is a symbolic link (git mode 120000)');
  expect(JSON.stringify(check)).not.toContain('ReadThroughTheLink');
  expect(run.summary).not.toContain('ReadThroughTheLink');
});

test('a changed file under usecases/ that is not a manifest blocks, named', async () => {
  const c = change((root) => write(root, 'usecases/customer-support/notes.md', '# Notes\n'));
  const run = await gate(c);
  expect(run.status).toBe(1);
  expectBlockedNaming('usecases/customer-support/notes.md', 'not a manifest: only use-case manifests');
});

test('the checked-out commit is judged, not the files of the checkout', async () => {
  const c = change((root) => write(root, PROPOSAL, atProduction(sample(PROPOSAL))));
  // The checkout's files no longer show the jump (and show a link the commit does not have).
  write(c.root, PROPOSAL, sample(PROPOSAL));
  symlinkSync('customer-support', join(c.root, SHADOW));
  const run = await gate(c);
  expect(run.status).toBe(1);
  expect(run.report?.check?.problems).toEqual([]);
  expect(run.report?.check?.useCases.find((u) => u.file === PROPOSAL)).toMatchObject({
    stage: 'production',
    blocked: true,
  });
});
