// One syntax for people and teams across the manifest and the registries, the CODEOWNERS one:
// "@login" for a user, "@org/team-slug" for a team. The other forms are refused at their line with
// the fix; old commits that wrote approvals with a bare login (valid then) still read in history.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { commitAt, edit, git, write } from '../helpers/git.ts';
import { coe, copyPolicies, makeRepo, manifest } from '../helpers/repo.ts';

const F = 'usecases/claims/claims-intake-bot.yaml';
const AS_OF = ['--as-of', '2026-11-24'];

/** The test manifest with one intake approval whose login is written `login`, as given. */
const withApproval = (login: string) =>
  manifest(
    'claims-intake-bot',
    'claims',
    `    approvals:\n      - { stage: intake, role: coe-maintainer, login: ${login}, date: 2026-11-20, pr: 12 }\n`,
  );

function check(files: Record<string, string>) {
  const root = makeRepo(files);
  copyPolicies(root);
  return coe(['check', ...AS_OF], { cwd: root });
}

/** The line and column of `needle` in the text, 1-based. */
function position(text: string, needle: string): string {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  return `${line + 1}:${(lines[line] as string).indexOf(needle) + 1}`;
}

describe('people and teams are written one way', () => {
  test('"@login" passes', () => {
    const r = check({ [F]: withApproval('"@bchen"') });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  test('a bare login is refused at its line, with the fix', () => {
    const text = withApproval('bchen');
    const r = check({ [F]: text });
    expect(r.status).toBe(2);
    expect(r.stdout).toContain(
      `${F}:${position(text, 'bchen')}  spec.lifecycle.approvals[0].login  "bchen" is a login without the @; write "@bchen"`,
    );
  });

  test('an unquoted @login is a YAML error that says to quote it', () => {
    const text = withApproval('@bchen');
    const r = check({ [F]: text });
    expect(r.status).toBe(2);
    expect(r.stdout).toContain(
      `${F}:${position(text, '@bchen')}  (file)  a value cannot start with @ in YAML; quote it: "@bchen"`,
    );
    // In block style too.
    const block = manifest(
      'claims-intake-bot',
      'claims',
      '    approvals:\n      - stage: intake\n        role: coe-maintainer\n        login: @bchen\n        date: 2026-11-20\n        pr: 12\n',
    );
    const b = check({ [F]: block });
    expect(b.status).toBe(2);
    expect(b.stdout).toContain(
      `${F}:${position(block, '@bchen')}  (file)  a value cannot start with @ in YAML; quote it: "@bchen"`,
    );
  });

  test('a team where one person approves is refused, saying so', () => {
    const text = withApproval('"@acme/coe-maintainers"');
    const r = check({ [F]: text });
    expect(r.status).toBe(2);
    expect(r.stdout).toContain(
      `${F}:${position(text, '"@acme/coe-maintainers"')}  spec.lifecycle.approvals[0].login  "@acme/coe-maintainers" is a team; only a GitHub user approves here: write one person's "@login"`,
    );
  });

  test('a waiver approver and a role member follow the same rule', () => {
    const waiver = manifest(
      'claims-intake-bot',
      'claims',
      '    waivers:\n      - { rule: release-gates.rubric-scores, reason: Later, stage: intake, expires: 2026-12-31, approver: mtanaka, granted: 2026-11-20, pr: 40 }\n',
    );
    const w = check({ [F]: waiver });
    expect(w.status).toBe(2);
    expect(w.stdout).toContain(
      'spec.lifecycle.waivers[0].approver  "mtanaka" is a login without the @; write "@mtanaka"',
    );

    const root = makeRepo({ [F]: withApproval('"@bchen"') });
    copyPolicies(root);
    edit(
      root,
      'policies/registries/roles.yaml',
      'members: ["@bchen", "@fvogel"]',
      'members: [bchen, "@fvogel"]',
    );
    const roles = readFileSync(join(root, 'policies/registries/roles.yaml'), 'utf8');
    const r = coe(['check', ...AS_OF], { cwd: root });
    expect(r.status).toBe(2);
    expect(r.stdout + r.stderr).toContain(`policies/registries/roles.yaml:${position(roles, 'bchen, ')}`);
    expect(r.stdout + r.stderr).toContain('"bchen" is a login without the @; write "@bchen"');
  });
});

describe('history written before the @', () => {
  test('coe audit reads old approvals written bare and new ones written @login as the same person', () => {
    const root = makeRepo();
    git(root, 'init', '-q', '-b', 'main');
    copyPolicies(root);
    commitAt(root, 'Add the policies (#1)', '2026-01-05');
    // Then, a bare login was the form approvals took.
    write(root, F, withApproval('bchen'));
    commitAt(root, 'Propose the claims intake bot (#12)', '2026-01-10');
    // Now the @ form: the same record, rewritten; then a new approval in it.
    edit(root, F, 'login: bchen', 'login: "@bchen"');
    commitAt(root, 'Write approvers as @login (#13)', '2026-02-01');
    edit(root, F, '    stage: intake\n', '    stage: discovery\n');
    write(
      root,
      F,
      `${readFileSync(join(root, F), 'utf8')}      - { stage: discovery, role: coe-lead, login: "@mtanaka", date: 2026-02-09, pr: 14 }\n      - { stage: discovery, role: domain-champion, login: "@jbaptiste", date: 2026-02-09, pr: 14 }\n`,
    );
    commitAt(root, 'Enter discovery (#14)', '2026-02-10');

    const r = coe(['audit', '--as-of', '2026-03-01', '--format', 'json'], { cwd: root });
    expect(r.stderr).toBe('');
    const trail = JSON.parse(r.stdout);
    const rows = trail.useCases[0].changes as {
      pullRequest: number | null;
      approvalsAdded: { login: string }[];
      approvalsRemoved?: unknown[];
      approvalsEdited?: unknown[];
      flags: { code: string }[];
    }[];
    // The old commit's bare login reads as @bchen; rewriting it in the new form edits nothing.
    const byPr = new Map(rows.map((c) => [c.pullRequest, c]));
    expect(byPr.get(12)?.approvalsAdded.map((a) => a.login)).toEqual(['@bchen']);
    expect(byPr.get(13)?.approvalsAdded).toEqual([]);
    expect(JSON.stringify(byPr.get(13))).not.toContain('record-edited');
    expect(byPr.get(14)?.approvalsAdded.map((a) => a.login)).toEqual(['@mtanaka', '@jbaptiste']);
  });

  test('coe check --base: a change that only rewrites old bare approvals as @login edits no approval', () => {
    const root = makeRepo({ [F]: withApproval('bchen') });
    copyPolicies(root);
    git(root, 'init', '-q', '-b', 'main');
    commitAt(root, 'Propose the claims intake bot (#12)', '2026-01-10');
    git(root, 'checkout', '-q', '-b', 'at-form');
    edit(root, F, 'login: bchen', 'login: "@bchen"');
    commitAt(root, 'Write approvers as @login', '2026-02-01');
    const r = coe(['check', ...AS_OF, '--base', 'main'], { cwd: root });
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toContain('lifecycle.approvals-append-only');
    expect(r.stdout).not.toContain('Approvals this change needs');
    expect(r.status).toBe(0);
  });
});
