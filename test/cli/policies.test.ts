// The policy engine as a CoE sees it: the shipped policies judging manifests in real git
// repositories, through the real CLI.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { commitAll, edit, git, gitRepo, write } from '../helpers/git.ts';
import { coe, manifest, REPO_ROOT, roleHolders } from '../helpers/repo.ts';

const F = 'usecases/claims/claims-intake-bot.yaml';
const AS_OF = ['--as-of', '2026-11-24'];

/** The test manifest at intake with the approval the RACI asks for: passes every rule there. */
const intake = (extra = '') =>
  manifest(
    'claims-intake-bot',
    'claims',
    `    approvals:
      - { stage: intake, role: coe-maintainer, login: "@bchen", date: 2026-01-20, pr: 12 }
${extra}`,
  );

/** The same use case in discovery, with what discovery needs. */
const discovery = (extra = '') =>
  intake(`      - { stage: discovery, role: coe-lead, login: "@mtanaka", date: 2026-02-10, pr: 31 }
      - { stage: discovery, role: domain-champion, login: "@jbaptiste", date: 2026-02-11, pr: 31 }
${extra}`)
    .replace('    stage: intake', '    stage: discovery')
    .replace(
      '  classification:',
      `    io:
      inputs: Emails to the claims mailbox
      outputs: A queue for each email, with the reason
      goodLooksLike: Handlers accept the queue without reopening the email
    roi:
      - { metric: minutes from email to assignment, unit: minutes, baseline: 95, target: 15 }
    scores: { value: 4, feasibility: 4, dataReadiness: 3, risk: 3, adoption: 4 }
  classification:`,
    );

const lineOf = (root: string, file: string, needle: string) =>
  readFileSync(join(root, file), 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(needle)) + 1;

function check(root: string, ...args: string[]) {
  return coe(['check', ...AS_OF, ...args], { cwd: root });
}

describe('coe check with the shipped policies', () => {
  it('passes a use case that meets every rule of its stage, and exits 0', () => {
    const root = gitRepo({ [F]: intake() });
    const r = check(root);
    expect(r.stdout).toMatch(/✔ 1 use case across 1 domain passes every blocking rule/);
    // Every shipped policy file: those of policies/ and of every pack, not the tests of either.
    const files = readdirSync(join(REPO_ROOT, 'policies'), { recursive: true, encoding: 'utf8' }).filter(
      (f) => f.endsWith('.yaml') && !f.startsWith('tests/') && !/^packs\/[^/]+\/tests\//.test(f),
    );
    expect(r.stdout).toMatch(
      new RegExp(`^\\d+ rules from ${files.length} policy files, as of 2026-11-24$`, 'm'),
    );
    expect(r.status).toBe(0);
  });

  it('blocks with exit 1 and says which rule, where, and the fix', () => {
    const root = gitRepo({
      [F]: discovery().replace(/ {6}- \{ stage: discovery, role: domain-champion.*\n/, ''),
    });
    const r = check(root);
    const line = lineOf(root, F, '    approvals:');
    expect(r.stdout).toContain(
      `${F}:${line}:5  hard      lifecycle.approvals-recorded  Being at discovery as a medium-tier use case needs approval by: domain-champion.`,
    );
    expect(r.stdout).toMatch(/ {4}fix: Ask a holder of each missing role/);
    expect(r.stdout).toMatch(/✖ 1 of 1 use case blocked \(1 failure\)/);
    expect(r.status).toBe(1);
  });

  it('a valid waiver lets a failing soft rule pass and is listed; an expired one does not count', () => {
    const waiver = (expires: string) => `    waivers:
      - rule: release-gates.rubric-scores
        reason: Scoring waits for the portfolio review in December.
        stage: discovery
        expires: ${expires}
        approver: "@mtanaka"
        granted: 2026-06-01
        pr: 40
`;
    const unscored = (extra: string) => discovery(extra).replace(/ {4}scores: .*\n/, '');
    const root = gitRepo({ [F]: unscored(waiver('2026-12-31').replace('2026-06-01', '2026-11-20')) });
    const ok = check(root);
    expect(ok.stdout).toMatch(
      /waived +release-gates\.rubric-scores {2}The use case has no prioritisation scores/,
    );
    expect(ok.stdout).toMatch(
      /claims-intake-bot {2}release-gates\.rubric-scores {2}applied \(@mtanaka, expires 2026-12-31\)/,
    );
    expect(ok.status).toBe(0);

    write(root, F, unscored(waiver('2026-06-30')));
    const expired = check(root);
    expect(expired.stdout).toMatch(/soft {6}release-gates\.rubric-scores/);
    expect(expired.stdout).toMatch(
      /expired \(@mtanaka, expires 2026-06-30\): its last day was 2026-06-30; it no longer counts/,
    );
    expect(expired.status).toBe(1);
  });

  it('a waiver from someone without the waiver role does not count', () => {
    const root = gitRepo({
      [F]: discovery(`    waivers:
      - { rule: release-gates.rubric-scores, reason: Not yet, stage: discovery, expires: 2026-12-31, approver: "@agarcia", granted: 2026-11-20, pr: 40 }
`).replace(/ {4}scores: .*\n/, ''),
    });
    const r = check(root);
    expect(r.stdout).toMatch(
      /invalid \(@agarcia, expires 2026-12-31\): @agarcia does not hold the role that may waive release-gates\.rubric-scores \(coe-lead\)/,
    );
    expect(r.status).toBe(1);
  });

  it('JSON output carries tier, findings, counts and waivers', () => {
    const root = gitRepo({ [F]: intake().replace('riskTier: medium', 'riskTier: low') });
    const r = check(root, '--format', 'json');
    const report = JSON.parse(r.stdout);
    const [u] = report.useCases;
    expect(u.tier).toEqual({
      computed: 'medium',
      declared: 'low',
      effective: 'medium',
      reasons: ['works in a regulated domain', 'reads regulated or personal data'],
      provisional: false,
    });
    expect(u.findings).toEqual([
      expect.objectContaining({
        rule: 'risk-tiering.declared-not-below-computed',
        outcome: 'fail',
        blocking: true,
        path: 'spec.classification.riskTier',
        line: lineOf(root, F, 'riskTier:'),
      }),
    ]);
    expect(report.summary).toMatchObject({ blocked: 1, failures: 1 });
    expect(r.status).toBe(1);
  });
});

describe('the computed tier', () => {
  it('gives the reasons of the tier it settles on, not of the tiers below it', () => {
    const root = gitRepo({
      [F]: intake().replace('decisionMode: assistive', 'decisionMode: automated'),
    });
    const [u] = JSON.parse(check(root, '--format', 'json').stdout).useCases;
    // Automated in a regulated domain is high; the medium conditions that also hold (a regulated
    // domain, personal data, acting without a person) do not explain a high tier.
    expect(u.tier).toEqual({
      computed: 'high',
      declared: 'medium',
      effective: 'high',
      reasons: ['decides on its own in a regulated domain'],
      provisional: false,
    });
    expect(u.findings).toContainEqual(
      expect.objectContaining({
        rule: 'risk-tiering.declared-not-below-computed',
        message:
          'The declared tier is medium but the use case is high: it decides on its own in a regulated domain.',
      }),
    );
  });
});

describe('tiering condition ids', () => {
  it('an id used twice in the tiering section is a policy error naming the line, exit 2', () => {
    const root = gitRepo({ [F]: intake() });
    edit(root, 'policies/risk-tiering.yaml', '- id: regulated-domain', '- id: customer-facing');
    // The second one (the condition that was regulated-domain) is the one reported.
    const second = lineOf(root, 'policies/risk-tiering.yaml', 'reason: works in a regulated domain') - 3;
    const policy = load(readFileSync(join(root, 'policies/risk-tiering.yaml'), 'utf8')) as {
      tiering: { rules: { id: string }[] };
    };
    const index = policy.tiering.rules.map((r) => r.id).lastIndexOf('customer-facing');
    const r = check(root);
    expect(r.stdout).toContain(
      `policies/risk-tiering.yaml:${second}:11  tiering.rules[${index}].id  id "customer-facing" appears twice in tiering`,
    );
    expect(r.status).toBe(2);
  });
});

describe('rules fail closed', () => {
  /** The intake manifest judged by a copy of the shipped policies with one rule's require replaced. */
  function judgedWith(require: string) {
    const root = gitRepo({ [F]: intake() });
    edit(
      root,
      'policies/risk-tiering.yaml',
      `require: { "!=": [{ var: tier.computed }, prohibited] }`,
      `require: ${require}`,
    );
    return check(root, '--format', 'json');
  }
  const finding = (stdout: string) =>
    JSON.parse(stdout).useCases[0].findings.find(
      (f: { rule: string }) => f.rule === 'risk-tiering.not-prohibited',
    );

  it('a comparison with a value the manifest lacks fails with "is missing", never passes on null', () => {
    // In plain JSON Logic, null < 5 is true: the rule would pass for a use case with no scores.
    const r = judgedWith('{ "<": [{ var: manifest.spec.intake.scores.risk }, 5] }');
    expect(finding(r.stdout)).toMatchObject({
      outcome: 'fail',
      blocking: true,
      path: 'spec.intake.scores.risk',
      message: expect.stringMatching(/^spec\.intake\.scores\.risk is missing: /),
    });
    expect(r.status).toBe(1);
  });

  it('a default says absence is acceptable', () => {
    const r = judgedWith('{ "<": [{ var: [manifest.spec.intake.scores.risk, 0] }, 5] }');
    expect(finding(r.stdout)).toBeUndefined();
    expect(r.status).toBe(0);
  });

  it("a comparison of a string with a number is the policy's problem, at its line, and the rule still fails, exit 2", () => {
    const r = judgedWith('{ "<": [{ var: manifest.spec.classification.riskTier }, 3] }');
    const report = JSON.parse(r.stdout);
    expect(report.problems).toEqual([
      expect.objectContaining({
        file: 'policies/risk-tiering.yaml',
        code: 'policy-runtime-error',
        message: expect.stringContaining(
          `on ${F}: "<" compares "medium" with 3; both must be numbers, or both strings`,
        ),
      }),
    ]);
    expect(finding(r.stdout)).toMatchObject({
      outcome: 'fail',
      blocking: true,
      message: expect.stringMatching(
        /^the rule's own logic fails \("<" compares "medium" with 3; both must be numbers, or both strings\), so it counts as failed until its policy is fixed \(policies\/risk-tiering\.yaml:\d+\)$/,
      ),
    });
    expect(r.status).toBe(2);
  });

  it('reads own fields only: a name every object or list inherits reads as absent', () => {
    // The manifest schema has no such field, so the policies do not load…
    const refused = judgedWith('{ present: manifest.spec.data.sources.map }');
    expect(JSON.parse(refused.stdout).problems).toEqual([
      expect.objectContaining({ code: 'policy-logic', path: 'rules[0].require.present' }),
    ]);
    expect(refused.status).toBe(2);
    // …and in the open parts of the context, the evaluation reads it as absent.
    const r = judgedWith('{ present: registries.models.map }');
    expect(finding(r.stdout)).toMatchObject({ outcome: 'fail' });
    expect(finding(judgedWith('{ present: registries.models }').stdout)).toBeUndefined();
    const length = judgedWith('{ "==": [{ var: manifest.spec.data.sources.length }, 1] }');
    expect(finding(length.stdout)).toBeUndefined();
  });
});

describe('coe check --base: a change judged against its base version', () => {
  function branch(files: Record<string, string>) {
    const root = gitRepo(files);
    git(root, 'checkout', '-q', '-b', 'feature');
    return root;
  }

  it('lists the approvals the change needs, recorded or not, with whom to ask', () => {
    const root = branch({ [F]: intake() });
    write(root, F, discovery());
    const r = check(root, '--base', 'main');
    expect(r.stdout).toContain("Approvals this change needs (the pull request's reviews must confirm them)");
    expect(r.stdout).toMatch(/^ {2}claims-intake-bot {2}entering discovery \(medium tier\)$/m);
    expect(r.stdout).toMatch(/^ {4}coe-lead: recorded for @mtanaka; ask them to approve the pull request$/m);
    write(root, F, discovery().replace(/ {6}- \{ stage: discovery, role: domain-champion.*\n/, ''));
    const missing = check(root, '--base', 'main').stdout;
    // The role's first holder is named, and the line that records it is given.
    const [holder] = roleHolders(root, 'domain-champion').filter((h) =>
      missing.includes(`ask ${h} and record it`),
    );
    expect(missing).toMatch(/^ {4}domain-champion: not recorded; ask @[\w-]+ and record it$/m);
    expect(missing).toMatch(
      /^ {4}to record them, add these lines at the end of spec\.lifecycle\.approvals in /m,
    );
    expect(missing).toContain(
      `      - { stage: discovery, role: domain-champion, login: "${holder}", date: `,
    );
  });

  it('a skipped stage fails on the stage line', () => {
    const root = branch({ [F]: intake() });
    edit(root, F, '    stage: intake', '    stage: prototype');
    const r = check(root, '--base', 'main');
    expect(r.stdout).toMatch(
      /^compared with main \(merge base [0-9a-f]{8}\): 1 manifest changed; judged by the policies at main/m,
    );
    expect(r.stdout).toContain(
      `${F}:${lineOf(root, F, 'stage: prototype')}:12  hard      lifecycle.one-stage-at-a-time  The use case jumps from intake to prototype, skipping a stage.`,
    );
    expect(r.status).toBe(1);
  });

  it('moving one stage forward is not a skip', () => {
    const root = branch({ [F]: intake() });
    write(root, F, discovery());
    const r = check(root, '--base', 'main', '--format', 'json');
    const findings = JSON.parse(r.stdout).useCases[0].findings.map((f: { rule: string }) => f.rule);
    expect(findings).not.toContain('lifecycle.one-stage-at-a-time');
    expect(JSON.parse(r.stdout).useCases[0].transition).toEqual({ from: 'intake', to: 'discovery' });
    expect(r.status).toBe(0);
  });

  it('a lowered tier needs a new rationale', () => {
    const root = branch({ [F]: intake().replace('riskTier: medium', 'riskTier: high') });
    const r1 = check(root, '--base', 'main');
    expect(r1.stdout).toMatch(/no use case changed; nothing to judge/);
    expect(r1.status).toBe(0);
    commitAll(root, 'nothing yet');
    write(root, F, intake());
    const r = check(root, '--base', 'main');
    expect(r.stdout).toMatch(
      /hard {6}risk-tiering\.lowered-tier-explained {2}The declared tier drops from high to medium without a new rationale\./,
    );
    expect(r.status).toBe(1);
    edit(
      root,
      F,
      '    riskTier: medium',
      '    riskTier: medium\n    rationale: Handlers confirm every routing; no decision is automated.',
    );
    expect(check(root, '--base', 'main').status).toBe(0);
  });

  it('an approval already on the base branch cannot be edited', () => {
    const root = branch({ [F]: intake() });
    edit(root, F, 'login: "@bchen"', 'login: "@fvogel"');
    const r = check(root, '--base', 'main');
    expect(r.stdout).toMatch(
      /hard {6}lifecycle\.approvals-append-only {2}An approval already recorded on the base branch was edited/,
    );
    expect(r.status).toBe(1);
  });

  it('a waiver cannot be rewritten in place, but can be removed', () => {
    const waiver = `    waivers:
      - { rule: release-gates.rubric-scores, reason: Later, stage: intake, expires: 2026-12-31, approver: "@mtanaka", granted: 2026-11-20, pr: 40 }
`;
    const root = branch({ [F]: intake(waiver) });
    edit(root, F, 'expires: 2026-12-31', 'expires: 2027-12-31');
    const r = check(root, '--base', 'main');
    expect(r.stdout).toMatch(
      /hard {6}lifecycle\.waivers-not-rewritten {2}The waiver of release-gates\.rubric-scores was changed in place/,
    );
    expect(r.status).toBe(1);
    write(root, F, intake());
    expect(check(root, '--base', 'main').status).toBe(0);
  });

  it('an evaluation score that drops blocks unless the responsible-AI lead waives it', () => {
    const suites = (score: number) => `  evaluation:
    suites:
      - { type: offline, metric: routing accuracy, score: ${score}, threshold: 0.8, date: 2026-10-01, evidence: https://evals.example/1 }
`;
    const root = branch({ [F]: intake().replace('  lifecycle:', `${suites(0.92)}  lifecycle:`) });
    write(root, F, intake().replace('  lifecycle:', `${suites(0.86)}  lifecycle:`));
    const r = check(root, '--base', 'main');
    expect(r.stdout).toContain(
      `${F}:${lineOf(root, F, '    suites:')}:5  soft      lifecycle.scores-not-lowered-silently  The offline result recorded on the base branch (routing accuracy: 0.92) is now removed, worse by more than the suite's recorded tolerance, or measured the other way.`,
    );
    expect(r.status).toBe(1);
    write(
      root,
      F,
      intake(`    waivers:
      - { rule: lifecycle.scores-not-lowered-silently, reason: New test set is harder, stage: intake, expires: 2027-01-31, approver: "@cmorales", granted: 2026-11-20, pr: 41 }
`).replace('  lifecycle:', `${suites(0.86)}  lifecycle:`),
    );
    const waived = check(root, '--base', 'main');
    expect(waived.status).toBe(0);
    // A waiver is an approval: the pull request will need its approver's review, and --base says so.
    expect(waived.stdout).toContain(
      `${F}:${lineOf(root, F, 'rule: lifecycle.scores-not-lowered-silently')}  waiver of lifecycle.scores-not-lowered-silently: needs @cmorales's approving review of the pull request that adds it`,
    );
  });

  it('moving back a stage is noted as an advisory, and does not block', () => {
    const root = branch({ [F]: discovery() });
    // Everything recorded stays, approvals included; only the stage goes back.
    edit(root, F, '    stage: discovery', '    stage: intake');
    const r = check(root, '--base', 'main');
    expect(r.stdout).toMatch(
      /advisory {2}lifecycle\.moving-back {2}The use case moves back from discovery to intake; the gates of intake apply again\./,
    );
    expect(r.status).toBe(0);
  });

  it('an approval added for a past stage must come from a holder of the role', () => {
    const root = branch({ [F]: intake() });
    edit(
      root,
      F,
      '      - { stage: intake, role: coe-maintainer, login: "@bchen", date: 2026-01-20, pr: 12 }\n',
      '      - { stage: intake, role: coe-maintainer, login: "@bchen", date: 2026-01-20, pr: 12 }\n      - { stage: intake, role: coe-lead, login: "@agarcia", date: 2026-01-21, pr: 13 }\n',
    );
    const r = check(root, '--base', 'main');
    expect(r.stdout).toMatch(
      /hard {6}lifecycle\.new-approvals-by-role-holders {2}@agarcia is recorded as approving intake as coe-lead, but does not hold that role for this use case/,
    );
    expect(r.status).toBe(1);
    edit(root, F, 'login: "@agarcia"', 'login: "@mtanaka"');
    const held = check(root, '--base', 'main');
    expect(held.status).toBe(0);
    // Held, but for a stage this change does not enter: the gate will not count it, and says so now.
    expect(held.stdout).toContain(
      `${F}:${lineOf(root, F, 'login: "@mtanaka"')}  it is for intake, but this change enters no stage and makes no change the RACI watches`,
    );
  });

  it('logins compare without regard to letter case, as on GitHub', () => {
    const root = branch({ [F]: intake() });
    write(root, F, discovery().replace('login: "@mtanaka"', 'login: "@MTanaka"'));
    const r = check(root, '--base', 'main');
    expect(r.stdout).not.toMatch(/lifecycle\.(new-)?approvals-by-role-holders/);
    expect(r.stdout).toMatch(/coe-lead: recorded for @MTanaka; ask them to approve the pull request/);
    expect(r.status).toBe(0);
  });

  it('a domain champion approves for the domains they hold the role for, and the use case names whom it asks', () => {
    const root = branch({ [F]: intake() });
    // agarcia champions hr, not claims.
    write(root, F, discovery().replace('login: "@jbaptiste"', 'login: "@agarcia"'));
    const other = check(root, '--base', 'main');
    expect(other.stdout).toMatch(
      /lifecycle\.approvals-by-role-holders {2}Some recorded approvals do not count: @agarcia holds the domain-champion role for hr only, not claims\./,
    );
    expect(other.status).toBe(1);
    // The use case names rnakamura as its champion: jbaptiste, though a claims champion, is not asked.
    write(
      root,
      F,
      discovery().replace('  created: 2026-01-15', '  champion: "@rnakamura"\n  created: 2026-01-15'),
    );
    const named = check(root, '--base', 'main');
    expect(named.stdout).toContain(
      'claims-intake-bot names @rnakamura in metadata.champion; only they fill the domain-champion role for it',
    );
    expect(named.stdout).toMatch(/domain-champion: not recorded; ask @rnakamura and record it/);
    expect(named.status).toBe(1);
  });

  it('a retired use case cannot come back', () => {
    const retired = intake().replace(
      '    stage: intake',
      '    stage: retired\n    retirement: { date: 2026-06-30, reason: Replaced by the new intake flow }',
    );
    const root = branch({ [F]: retired });
    edit(root, F, '    stage: retired', '    stage: discovery');
    const r = check(root, '--base', 'main');
    expect(r.stdout).toMatch(
      /hard {6}lifecycle\.retired-is-final {2}A retired use case cannot return to discovery\./,
    );
    expect(r.status).toBe(1);
  });

  it('is judged by the policies at the base, never by the policies in the change', () => {
    const root = branch({ [F]: intake() });
    edit(root, F, '    stage: intake', '    stage: prototype');
    // The change also weakens the rule it breaks.
    edit(
      root,
      'policies/lifecycle.yaml',
      /(id: lifecycle\.one-stage-at-a-time\n {4}title: .*\n {4}level:) hard/,
      '$1 advisory',
    );
    commitAll(root, 'skip a stage and soften the rule');
    const r = check(root, '--base', 'main');
    expect(r.stdout).toMatch(/hard {6}lifecycle\.one-stage-at-a-time/);
    expect(r.stdout).toMatch(
      /policies\/ here differ from main's and were not used; see their effect with: coe impact --base main/,
    );
    expect(r.status).toBe(1);
    // Without --base, the working tree's policies apply: the same rule is only advisory.
    expect(check(root).stdout).not.toMatch(/hard {6}lifecycle\.one-stage-at-a-time/);
  });

  it('judges only the manifests that changed', () => {
    const other = 'usecases/hr/hr-helper.yaml';
    const root = branch({ [F]: intake(), [other]: manifest('hr-helper', 'hr') });
    expect(check(root).stdout).toContain('hr-helper'); // it has no intake approval: blocked on a full check
    expect(check(root).status).toBe(1);
    write(root, F, discovery());
    const r = check(root, '--base', 'main', '--format', 'json');
    expect(JSON.parse(r.stdout).useCases.map((u: { id: string }) => u.id)).toEqual(['claims-intake-bot']);
    expect(JSON.parse(r.stdout).base.changed).toEqual([F]);
    expect(r.status).toBe(0);
  });

  it('judges every manifest when the branch changed the policies, whether committed or not', () => {
    const other = 'usecases/hr/hr-helper.yaml';
    const root = branch({ [F]: intake(), [other]: manifest('hr-helper', 'hr') });
    write(root, F, discovery());
    edit(root, 'policies/lifecycle.yaml', 'title: Stages are not skipped', 'title: No stage is skipped');
    const judged = () => {
      const r = check(root, '--base', 'main', '--format', 'json');
      return JSON.parse(r.stdout).useCases.map((u: { id: string }) => u.id);
    };
    expect(judged()).toEqual(['claims-intake-bot', 'hr-helper']);
    commitAll(root, 'reword a rule');
    expect(judged()).toEqual(['claims-intake-bot', 'hr-helper']);
    expect(check(root, '--base', 'main').stdout).toContain(
      'policies changed since the merge base, so every use case was evaluated',
    );
  });

  it('a branch with no history in common with REF is compared with REF itself', () => {
    const root = gitRepo({ [F]: intake() });
    const main = git(root, 'rev-parse', 'HEAD').trim();
    git(root, 'checkout', '-q', '--orphan', 'lonely');
    commitAll(root, 'a new root commit with the same files');
    write(root, F, discovery());
    const r = check(root, '--base', 'main');
    expect(r.stdout).toContain(`compared with main (merge base ${main.slice(0, 8)}): 1 manifest changed`);
    expect(r.stdout).toMatch(/claims-intake-bot +discovery/);
    expect(r.status).toBe(0);
  });

  it('a ref that does not exist is a usage error', () => {
    const root = branch({ [F]: intake() });
    const r = check(root, '--base', 'no-such-branch');
    expect(r.stderr).toBe(
      'coe: --base no-such-branch: no such branch, tag or commit (try git fetch, or origin/no-such-branch)\n',
    );
    expect(r.status).toBe(2);
  });
});

describe('bad policies are refused with file and line, exit 2', () => {
  const cases: [string, string, string | RegExp, string, (root: string) => RegExp][] = [
    [
      'malformed YAML',
      'policies/lifecycle.yaml',
      'rules:\n',
      'rules:\n  - [unclosed\n',
      () => /^policies\/lifecycle\.yaml:\d+:\d+ +\(file\) +YAML syntax: /m,
    ],
    [
      'an unknown operation, with a did-you-mean',
      'policies/release-gates.yaml',
      'require: { nonempty: { var: [manifest.spec.intake.roi, []] } }',
      'require: { nonemtpy: { var: [manifest.spec.intake.roi, []] } }',
      (root) =>
        new RegExp(
          `^policies/release-gates\\.yaml:${lineOf(root, 'policies/release-gates.yaml', 'nonemtpy')}:\\d+ +rules\\[\\d+\\]\\.require\\.nonemtpy +require: unknown operation "nonemtpy"; did you mean "nonempty"\\?`,
          'm',
        ),
    ],
    [
      'an unknown operation inside another, on constants',
      'policies/risk-tiering.yaml',
      'require: { "!=": [{ var: tier.computed }, prohibited] }',
      'require: { "<": [{ nonemtpy: [1] }, 2] }',
      () => /rules\[0\]\.require\["<"\]\[0\]\.nonemtpy +require: unknown operation "nonemtpy"/,
    ],
    [
      'a duplicate rule id',
      'policies/release-gates.yaml',
      '  - id: release-gates.roi-baselines',
      '  - id: release-gates.io-defined',
      () =>
        /^policies\/release-gates\.yaml:\d+:\d+ +rules\[1\]\.id +rule id "release-gates\.io-defined" is already used in policies\/release-gates\.yaml/m,
    ],
    [
      'a rule reading a field the manifest schema does not have',
      'policies/release-gates.yaml',
      '{ var: [manifest.spec.intake.roi, []] }',
      '{ var: [manifest.spec.intake.rois, []] }',
      () =>
        /require: reads "manifest\.spec\.intake\.rois", but the manifest schema has no field "rois" there; did you mean "roi"\?/,
    ],
    [
      'a registry entry naming an unknown role',
      'policies/registries/raci.yaml',
      '  - to: retired\n    roles: [coe-lead]',
      '  - to: retired\n    roles: [coe-leed]',
      (root) =>
        new RegExp(
          `^policies/registries/raci\\.yaml:${lineOf(root, 'policies/registries/raci.yaml', 'coe-leed')}:\\d+ +approvals\\[\\d+\\]\\.roles\\[0\\] +role "coe-leed" is not in policies/registries/roles\\.yaml; did you mean "coe-lead"\\?`,
          'm',
        ),
    ],
    [
      'a watched change naming a field the manifest schema does not have',
      'policies/registries/raci.yaml',
      'field: spec.tools',
      'field: spec.toolz',
      (root) =>
        new RegExp(
          `^policies/registries/raci\\.yaml:${lineOf(root, 'policies/registries/raci.yaml', 'spec.toolz')}:\\d+ +changes\\[4\\]\\.field +reads "spec\\.toolz", but the manifest schema has no field "toolz" there; did you mean "tools"\\?`,
          'm',
        ),
    ],
    [
      'an operation on constants that cannot work',
      'policies/data-readiness.yaml',
      '{ stage_index: prototype }',
      '{ stage_index: prototyp }',
      (root) =>
        new RegExp(
          `^policies/data-readiness\\.yaml:${lineOf(root, 'policies/data-readiness.yaml', 'prototyp }')}:\\d+ +rules\\[\\d+\\]\\.when\\.or\\[0\\]\\.and\\[1\\]\\[">="\\]\\[1\\]\\.stage_index +when: "prototyp" is not a stage \\(intake, discovery, `,
          'm',
        ),
    ],
    [
      'a rule id without its policy name',
      'policies/lifecycle.yaml',
      'id: lifecycle.retirement-recorded',
      'id: retirement-recorded',
      () => /rules\[\d+\]\.id +must match pattern|is not valid here/,
    ],
    [
      'a message reading a let value the rule does not define',
      'policies/release-gates.yaml',
      'so it may not be used here. Approved models for a {{tier.effective}}-tier use case: {{let.alternatives}}.',
      'so it may not be used here. Approved models: {{let.alternative}}.',
      (root) =>
        new RegExp(
          `^policies/release-gates\\.yaml:${lineOf(root, 'policies/release-gates.yaml', 'let.alternative}')}:\\d+ +rules\\[\\d+\\]\\.message +message: \\{\\{let\\.alternative\\}\\} reads let\\.alternative, which the rule does not define under let`,
          'm',
        ),
    ],
    [
      'an unknown operation in a let value',
      'policies/release-gates.yaml',
      'map:\n',
      'mapp:\n',
      () =>
        /rules\[\d+\]\.let\.alternatives\.mapp +let\.alternatives: unknown operation "mapp"; did you mean "map"\?/,
    ],
    [
      'an unknown kind',
      'policies/registries/rubric.yaml',
      'kind: Rubric',
      'kind: Rubrik',
      () =>
        /^policies\/registries\/rubric\.yaml:\d+:7 +kind +kind "Rubrik" is not one CoE Gate reads here; .*\(did you mean "Rubric"\?\)/m,
    ],
  ];
  for (const [name, file, from, to, expected] of cases) {
    it(name, () => {
      const root = gitRepo({ [F]: intake() });
      edit(root, file, from, to);
      const r = check(root);
      expect(r.stdout).toMatch(expected(root));
      expect(`${r.stdout}${r.stderr}`).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n|internal error/);
      expect(r.status).toBe(2);
    });
  }
});
