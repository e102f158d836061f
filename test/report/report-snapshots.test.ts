// What a reader gets, kept as files: the text, markdown and SARIF reports of `coe check`, the
// comment preview of `coe check --base`, and the pull-request comment the gate posts, each for one
// fixed portfolio (test/fixtures/report-portfolio/: base/ on main, change/ over it on a branch,
// with the shipped policies and the tests' roles), judged as of a pinned date.
//
// A change to any of them fails here and shows the difference. When the change is meant, update
// the files with `npx vitest run -u test/report/report-snapshots.test.ts` and commit them: the diff
// in test/report/__snapshots__/ is reviewed like code. Nothing in them comes from the clock, the
// temporary folder, git's commit ids or the release: those are replaced by placeholders below.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Review } from '../../engine/core/approvals/gate.ts';
import { verifyApprovals } from '../../engine/core/approvals/gate.ts';
import type { CheckReport } from '../../engine/core/check/report.ts';
import { changedUseCases } from '../../engine/core/gate/changed-use-cases.ts';
import { decide } from '../../engine/core/gate/gate-report.ts';
import { loadPolicies, type PolicySet } from '../../engine/core/policy/load-policies.ts';
import { readPolicySources } from '../../engine/fs/read-policies.ts';
import { COMMENT_MARKER, renderGateMarkdown } from '../../engine/report/gate-markdown.ts';
import { commitAt, git } from '../helpers/git.ts';
import { coe, copyPolicies, REPO_ROOT } from '../helpers/repo.ts';

const PORTFOLIO = join(REPO_ROOT, 'test', 'fixtures', 'report-portfolio');
const AS_OF = '2026-11-24';
const SNAPSHOTS = join(import.meta.dirname, '__snapshots__');
const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };

/** The pull request's commits, as the gate names them: fixed, so the comment does not change. */
const HEAD = 'c0ffee0'.padEnd(40, '1');
const BASE = 'ba5e000'.padEnd(40, '2');

let root = '';
/** Placeholders for what changes from run to run or release to release. */
let stable: (text: string) => string = (t) => t;

// One repository for every test here (makeRepo's would be removed after the first).
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'coe-snapshots-'));
  mkdirSync(join(root, 'usecases'));
  copyPolicies(root);
  cpSync(join(PORTFOLIO, 'base'), root, { recursive: true });
  git(root, 'init', '-q', '-b', 'main');
  commitAt(root, 'the portfolio', '2026-11-02');
  git(root, 'checkout', '-q', '-b', 'change');
  cpSync(join(PORTFOLIO, 'change'), root, { recursive: true });
  commitAt(root, 'the change', '2026-11-23');
  const mergeBase = git(root, 'rev-parse', 'main').trim();
  stable = (text) =>
    text
      .replaceAll(root, '<repository>')
      .replaceAll(mergeBase, BASE)
      .replaceAll(mergeBase.slice(0, 7), BASE.slice(0, 7))
      .replaceAll(`coe-gate ${version}`, 'coe-gate <version>');
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

function check(...args: string[]): string {
  const r = coe(['check', '--as-of', AS_OF, ...args], { cwd: root });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(1); // the portfolio has a blocked use case: every report shows one
  expect(r.stdout).not.toContain(root);
  return stable(r.stdout);
}

describe('report snapshots of a fixed portfolio', () => {
  it('the text report', async () => {
    await expect(check()).toMatchFileSnapshot(join(SNAPSHOTS, 'check.txt'));
  });

  it('the markdown report', async () => {
    await expect(check('--format', 'markdown')).toMatchFileSnapshot(join(SNAPSHOTS, 'check.md'));
  });

  it('the SARIF report, with the full description of the rules its results name', async () => {
    const sarif = JSON.parse(check('--format', 'sarif')) as {
      runs: {
        tool: { driver: { version: string; semanticVersion: string; rules: { id: string }[] } };
        results: { ruleIndex: number }[];
      }[];
    };
    for (const run of sarif.runs) {
      const driver = run.tool.driver;
      expect([driver.version, driver.semanticVersion]).toEqual([version, version]);
      driver.version = driver.semanticVersion = '<version>';
      // Every rule of the shipped policies is described; only those the results name are kept
      // whole, the others by id, in place, so each result's ruleIndex still points at its rule.
      const named = new Set(run.results.map((r) => r.ruleIndex));
      driver.rules = driver.rules.map((rule, i) => (named.has(i) ? rule : { id: rule.id }));
    }
    await expect(`${JSON.stringify(sarif, null, 2)}\n`).toMatchFileSnapshot(
      join(SNAPSHOTS, 'check.sarif.json'),
    );
  });

  it('the comment preview of coe check --base', async () => {
    await expect(check('--base', 'main', '--format', 'markdown')).toMatchFileSnapshot(
      join(SNAPSHOTS, 'comment-preview.md'),
    );
  });

  it('the pull-request comment the gate posts, with reviews', async () => {
    const report = JSON.parse(check('--base', 'main', '--format', 'json')) as CheckReport;
    const policies = loaded(readPolicySources(root));
    const sources = (report.base?.changed ?? []).map((file) => ({
      file,
      read: () => readFileSync(join(PORTFOLIO, 'change', file)),
    }));
    const baseOf = (file: string) => {
      try {
        return readFileSync(join(PORTFOLIO, 'base', file));
      } catch {
        return undefined;
      }
    };
    const at = (login: string, state: Review['state'], time: string): Review => ({
      login,
      state,
      commitId: HEAD,
      submittedAt: `2026-11-23T${time}:00Z`,
    });
    const approvals = verifyApprovals({
      changed: changedUseCases(report, sources, baseOf, policies),
      pulls: [
        {
          number: 14,
          author: '@olga',
          contributors: ['@olga'],
          openedAt: '2026-11-20T09:00:00Z',
          // The coe lead approves (the waiver they granted counts with it); a domain champion
          // asks for changes; nobody has reviewed the new proposal yet.
          reviews: [at('@mtanaka', 'APPROVED', '10:00'), at('@jbaptiste', 'CHANGES_REQUESTED', '11:00')],
        },
      ],
      headSha: HEAD,
      policies,
      policiesChanged: false,
      engineChanged: [],
      sameContent: () => true,
    });
    const gate = decide({
      repository: 'acme/ai-portfolio',
      event: 'pull_request',
      pullRequest: 14,
      headSha: HEAD,
      baseSha: BASE,
      check: report,
      approvals,
      detailsUrl: 'https://github.com/acme/ai-portfolio/actions/runs/1',
    });
    const comment = `${COMMENT_MARKER}\n${renderGateMarkdown(gate)}`;
    await expect(stable(comment)).toMatchFileSnapshot(join(SNAPSHOTS, 'pull-request-comment.md'));
  });
});

function loaded(sources: ReturnType<typeof readPolicySources>): PolicySet {
  const load = loadPolicies(sources ?? []);
  if (!load.ok) throw new Error(`the policies do not load: ${load.problems[0]?.message}`);
  return load.policies;
}
