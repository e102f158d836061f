// coe test, coe explain and coe impact through the real CLI.
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { commitAll, edit, git, gitRepo, write } from '../helpers/git.ts';
import { coe, manifest, REPO_ROOT } from '../helpers/repo.ts';

const F = 'usecases/claims/claims-intake-bot.yaml';
/** The intake approval a use case at intake needs not to be blocked. */
const APPROVED =
  '    approvals:\n      - { stage: intake, role: coe-maintainer, login: "@bchen", date: 2026-01-20, pr: 12 }\n';
const intake = manifest('claims-intake-bot', 'claims', APPROVED);

/** A repository with the shipped policies, their tests and the sample use cases they start from. */
function shippedRepo(): string {
  const root = gitRepo({});
  cpSync(join(REPO_ROOT, 'usecases'), join(root, 'usecases'), { recursive: true });
  return root;
}

/** A repository with the intake manifest and a test file policies/tests/mine.yaml of these cases. */
function withMyTests(cases: string): string {
  const root = gitRepo({ [F]: intake });
  write(
    root,
    'policies/tests/mine.yaml',
    `apiVersion: coe-gate/v1\nkind: PolicyTest\nmetadata: { name: mine }\ncases:\n${cases}`,
  );
  return root;
}

describe('coe test', () => {
  it('passes on the shipped policies, with every rule and every stage × tier of the RACI covered', () => {
    const r = coe(['test'], { cwd: REPO_ROOT });
    expect(r.stdout).toMatch(
      /^coverage: (\d+) of \1 rules have a passing case and a failing case that names the level \(100%\)$/m,
    );
    expect(r.stdout).toMatch(/^coverage: 21 of 21 RACI stage × tier pairs have a case$/m);
    expect(r.stdout).toMatch(/^\d+ passed, 0 failed$/m);
    // Failures only by default: nothing passed is listed; --verbose lists every case.
    expect(r.stdout).not.toContain('✔');
    const all = coe(['test', '--verbose'], { cwd: REPO_ROOT }).stdout;
    expect(all.match(/^ {2}✔ /gm)?.length).toBe(Number(/^(\d+) passed/m.exec(r.stdout)?.[1]));
    expect(r.status).toBe(0);
  });

  it('the shipped policy tests stand on their own: with no use cases, a new portfolio or other role holders, every outcome is the same', () => {
    const outcomes = (root: string) => {
      const r = coe(['test', '--verbose'], { cwd: root });
      expect(r.status, r.stderr).toBe(0);
      return r.stdout;
    };
    const shipped = outcomes(REPO_ROOT);
    expect(shipped).toMatch(/^\d+ passed, 0 failed$/m);
    // The shipped policies and their tests, and no usecases/ at all.
    const root = gitRepo({});
    rmSync(join(root, 'usecases'), { recursive: true });
    expect(outcomes(root)).toBe(shipped);
    // A portfolio of one new use case in a new domain.
    write(root, 'usecases/treasury/cash-forecast-helper.yaml', manifest('cash-forecast-helper', 'treasury'));
    commitAll(root, 'a new portfolio');
    expect(outcomes(root)).toBe(shipped);
    // The CoE's own people in the roles registry: every shipped login replaced.
    const registry = join(root, 'policies/registries/roles.yaml');
    const renamed = readFileSync(registry, 'utf8')
      .replace(
        /members: \[([^\]]*)\]/g,
        (_, list: string) =>
          `members: [${list
            .split(', ')
            .map((l) => l.replace(/^"@/, '"@acme-'))
            .join(', ')}]`,
      )
      .replace(/login: "@([a-z0-9-]+)"/g, 'login: "@acme-$1"');
    expect(renamed).not.toMatch(/members: \[(?!"@acme-)/);
    expect(renamed).not.toMatch(/login: "@(?!acme-)/);
    writeFileSync(registry, renamed);
    commitAll(root, 'our people');
    expect(outcomes(root)).toBe(shipped);
  });

  it('fails on a wrong expectation, showing the rule and its message', () => {
    const root = withMyTests(`  - name: the intake bot is low tier
    manifest:
      from: ${F}
      set: { spec.classification.riskTier: low }
    expect:
      risk-tiering.declared-not-below-computed: pass
`);
    const r = coe(['test', 'policies/tests/mine.yaml'], { cwd: root });
    expect(r.stdout).toMatch(/✖ the intake bot is low tier {2}\(policies\/tests\/mine\.yaml:5\)/);
    expect(r.stdout).toMatch(
      /risk-tiering\.declared-not-below-computed: expected pass, got fail — The declared tier is low but the use case is medium/,
    );
    expect(r.stdout).toMatch(/^coverage: 0 of \d+ rules .*\(enforced only when every test file runs\)$/m);
    expect(r.stdout).not.toMatch(/not covered/);
    expect(r.stdout).toMatch(/^0 passed, 1 failed$/m);
    expect(r.status).toBe(1);
  });

  it('a case that cannot run (an unknown rule, a missing fixture) is a mistake in its file: shown with its line, exit 2', () => {
    const root = withMyTests(`  - name: a rule that is not there
    manifest: { from: ${F} }
    expect: { release-gates.io-defind: pass }
  - name: a fixture that is not there
    manifest: { from: usecases/claims/nope.yaml }
    expect: { release-gates.io-defined: pass }
`);
    const r = coe(['test', 'policies/tests/mine.yaml'], { cwd: root });
    expect(r.stdout).toMatch(
      /✖ a rule that is not there {2}\(policies\/tests\/mine\.yaml:5\)\n {6}no rule release-gates\.io-defind \(did you mean "release-gates\.io-defined"\?\)/,
    );
    expect(r.stdout).toMatch(
      /✖ a fixture that is not there {2}\(policies\/tests\/mine\.yaml:8\)\n {6}usecases\/claims\/nope\.yaml does not exist/,
    );
    expect(r.stdout).toMatch(
      /^0 passed, 2 failed \(2 of them cannot run: a mistake in the test file, exit 2\)$/m,
    );
    expect(r.status).toBe(2);
  });

  it('fails when a rule has no failing case, and names it', () => {
    const root = gitRepo({ [F]: intake });
    // Keep every test file but the lifecycle ones: the lifecycle rules lose their cases.
    rmSync(join(root, 'policies/tests/lifecycle.yaml'));
    const r = coe(['test'], { cwd: root });
    expect(r.stdout).toMatch(/not covered: .*lifecycle\.one-stage-at-a-time \(no passing or failing case\)/);
    expect(r.status).toBe(1);
  });

  it('fails when a hard rule is turned soft, naming the rule and the expected and actual level', () => {
    const root = shippedRepo();
    // A maintainer weakens the input/output definition from hard to soft.
    edit(
      root,
      'policies/release-gates.yaml',
      /(id: release-gates\.io-defined\n(?: {4}.*\n)*? {4}level: )hard/,
      '$1soft',
    );
    const r = coe(['test'], { cwd: root });
    expect(r.stdout).toMatch(/^ {6}release-gates\.io-defined: expected level hard, got soft$/m);
    expect(r.stdout).toMatch(/✖ .+ {2}\(policies\/tests\/release-gates\.yaml:\d+\)$/m);
    expect(r.stdout).toMatch(/^\d+ passed, [1-9]\d* failed$/m);
    expect(r.status).toBe(1);
  });

  it('fails when a role is dropped from the RACI, naming the stage, the tier and the role', () => {
    const root = shippedRepo();
    // The security lead no longer approves entering production.
    edit(
      root,
      'policies/registries/raci.yaml',
      /(- to: production\n {4}tiers: \[medium, high\]\n {4}roles: \[)security-lead, /,
      '$1',
    );
    const r = coe(['test'], { cwd: root });
    expect(r.stdout).toMatch(/✖ entering production at tier medium {2}\(policies\/tests\/raci\.yaml:\d+\)$/m);
    expect(r.stdout).toMatch(
      /^ {6}security-lead: expected, but the RACI does not ask for it \(it asks for platform-architect, domain-champion, coe-lead\)$/m,
    );
    expect(r.stdout).toMatch(/✖ entering production at tier high {2}/);
    expect(r.stdout).toMatch(/^\d+ passed, 2 failed$/m);
    expect(r.status).toBe(1);
  });

  it('fails while a stage × tier of the RACI has no case, or a rule no failing case that names its level', () => {
    const root = shippedRepo();
    edit(
      root,
      'policies/tests/raci.yaml',
      /\n {2}- \{ to: retired, tiers: \[low, medium, high\], roles: \[coe-lead\] \}\n/,
      '\n',
    );
    edit(
      root,
      'policies/tests/release-gates.yaml',
      /release-gates\.io-defined: \{ outcome: fail, level: hard, blocking: true \}/g,
      'release-gates.io-defined: fail',
    );
    const r = coe(['test'], { cwd: root });
    expect(r.stdout).toMatch(/^coverage: 18 of 21 RACI stage × tier pairs have a case$/m);
    expect(r.stdout).toMatch(
      /^ {2}RACI not covered: entering retired at low, retired at medium, retired at high$/m,
    );
    expect(r.stdout).toMatch(/not covered: release-gates\.io-defined \(no failing case names its level\)/);
    expect(r.stdout).toMatch(/^\d+ passed, 0 failed$/m);
    expect(r.status).toBe(1);
  });

  it('refuses a mistake in a level, a RACI stage or a role name as invalid input, with file and line', () => {
    const root = withMyTests(`  - name: a level misspelt
    manifest: { from: ${F} }
    expect:
      release-gates.io-defined: { outcome: fail, level: hardd }
raci:
  - { to: prod, tiers: [low], roles: [coe-lead] }
`);
    const r = coe(['test', 'policies/tests/mine.yaml'], { cwd: root });
    expect(r.stdout).toMatch(
      /^policies\/tests\/mine\.yaml:8:57 +cases\[0\]\.expect\["release-gates\.io-defined"\]\.level +"hardd" is not allowed; use one of: advisory, soft, hard \(did you mean "hard"\?\)$/m,
    );
    expect(r.stdout).toMatch(/^policies\/tests\/mine\.yaml:10:11 +raci\[0\]\.to +"prod" is not allowed/m);
    expect(r.status).toBe(2);
    write(
      root,
      'policies/tests/mine.yaml',
      'apiVersion: coe-gate/v1\nkind: PolicyTest\nmetadata: { name: mine }\nraci:\n  - { to: pilot, tiers: [low], roles: [coe-lead, domain-champoin] }\n',
    );
    const role = coe(['test', 'policies/tests/mine.yaml'], { cwd: root });
    expect(role.stdout).toMatch(
      /^policies\/tests\/mine\.yaml:5:50 +raci\[0\]\.roles\[1\] +role "domain-champoin" is not in the roles registry; did you mean "domain-champion"\?$/m,
    );
    expect(role.status).toBe(2);
    // The summary line reads as a sentence: the count, then what to do.
    expect(role.stdout).toMatch(/^✖ 1 problem; fix them and run coe test again$/m);
    // A file's own role holders name roles the registry defines.
    write(
      root,
      'policies/tests/mine.yaml',
      'apiVersion: coe-gate/v1\nkind: PolicyTest\nmetadata: { name: mine }\nroles:\n  - { id: coe-leed, title: Lead, members: ["@ana"] }\nraci:\n  - { to: pilot, tiers: [low], roles: [coe-lead, domain-champion] }\n',
    );
    const own = coe(['test', 'policies/tests/mine.yaml'], { cwd: root });
    expect(own.stdout).toMatch(
      /^policies\/tests\/mine\.yaml:5:11 +roles\[0\]\.id +role "coe-leed" is not in the roles registry; did you mean "coe-lead"\?$/m,
    );
    expect(own.status).toBe(2);
  });

  it('refuses a test file that does not validate, with file and line', () => {
    const root = gitRepo({ [F]: intake });
    write(
      root,
      'policies/tests/bad.yaml',
      'apiVersion: coe-gate/v1\nkind: PolicyTest\nmetadata: { name: bad }\ncases:\n  - name: x\n    expect: { a.b: maybe }\n',
    );
    const r = coe(['test', 'policies/tests/bad.yaml'], { cwd: root });
    expect(r.stdout).toMatch(
      /^policies\/tests\/bad\.yaml:5:5 +cases\[0\]\.manifest +missing required field "manifest"/m,
    );
    expect(r.status).toBe(2);
  });
});

describe('coe explain', () => {
  it("lists the next stage's requirements, met and unmet, and who must approve", () => {
    const root = gitRepo({ [F]: intake });
    const r = coe(['explain', 'claims-intake-bot', '--as-of', '2026-11-24'], { cwd: root });
    expect(r.stdout).toMatch(/^claims-intake-bot: intake → discovery, tier medium$/m);
    expect(r.stdout).toMatch(/^ {2}✔ Stages are not skipped$/m);
    expect(r.stdout).toMatch(/^ {2}✖ Expected value has baselines and targets \[hard\]$/m);
    expect(r.stdout).toMatch(/^ {6}fix: Add at least one entry to spec\.intake\.roi/m);
    expect(r.stdout).toMatch(/^ {2}coe-lead: @mtanaka, @sbrennan$/m);
    // A claims use case asks the claims champions, not every domain's.
    expect(r.stdout).toMatch(/^ {2}domain-champion: @jbaptiste, @rnakamura$/m);
    expect(r.stdout).toMatch(/blocking items? left$/m);
    expect(r.status).toBe(1);
  });

  it('an unknown id is a usage error', () => {
    const root = gitRepo({ [F]: intake });
    const r = coe(['explain', 'nope'], { cwd: root });
    expect(r.stderr).toBe('coe: no use case "nope": expected usecases/<domain>/nope.yaml\n');
    expect(r.status).toBe(2);
  });
});

describe('coe impact', () => {
  it('lists each verdict a policy change alters, with totals', () => {
    const root = gitRepo({
      [F]: intake,
      'usecases/hr/hr-helper.yaml': manifest(
        'hr-helper',
        'hr',
        intake.split('  lifecycle:\n')[1]?.replace('    stage: intake\n', '') ?? '',
      ),
    });
    git(root, 'checkout', '-q', '-b', 'stricter');
    // A maintainer makes rubric scores required from intake on.
    edit(
      root,
      'policies/release-gates.yaml',
      /(id: release-gates\.rubric-scores\n(?: {4}.*\n)*? {4}appliesTo: \{ stages: \[)discovery, /,
      '$1intake, discovery, ',
    );
    commitAll(root, 'score at intake');
    const r = coe(['impact', '--base', 'main', '--as-of', '2026-11-24'], { cwd: root });
    expect(r.stdout).toMatch(
      /claims-intake-bot +release-gates\.rubric-scores +not-applicable → fail \(soft\) +The use case has no prioritisation scores/,
    );
    expect(r.stdout).toMatch(/hr-helper +release-gates\.rubric-scores +not-applicable → fail/);
    expect(r.stdout).toMatch(/^2 verdicts change across 2 use cases of 2$/m);
    expect(r.stdout).toMatch(/^newly blocked: claims-intake-bot, hr-helper$/m);
    expect(r.status).toBe(0);
  });

  /** Use cases of every goal and how often they are used: what the rule below tells apart. */
  const PORTFOLIO: [id: string, goal: string, frequency: string][] = [
    ['cost-daily-claims', 'cost', 'daily'],
    ['cost-daily-invoices', 'cost', 'daily'],
    ['cost-daily-tickets', 'cost', 'daily'],
    ['cost-weekly-close', 'cost', 'weekly'],
    ['cost-monthly-audit', 'cost', 'monthly'],
    ['revenue-daily-leads', 'revenue', 'daily'],
    ['risk-weekly-review', 'risk', 'weekly'],
  ];
  const EXTRA = 'policies/extra.yaml';
  /** A policy of one rule: a use case that saves cost is used as often as `frequency`. */
  const usedOften = (frequency: string, level = 'soft') =>
    [
      'apiVersion: coe-gate/v1',
      'kind: Policy',
      'metadata: { name: extra, title: Extra, description: The rule a maintainer adds. }',
      'rules:',
      '  - id: extra.used-often',
      '    title: A cost use case is used often',
      `    level: ${level}`,
      '    when: { "==": [{ var: manifest.spec.intake.goalType }, cost] }',
      `    require: { "==": [{ var: manifest.spec.intake.users.frequency }, ${frequency}] }`,
      '    path: spec.intake.users.frequency',
      `    message: Used {{manifest.spec.intake.users.frequency}}, not ${frequency}.`,
      '    remediation: Find more users.',
      '',
    ].join('\n');

  function portfolioRepo(files: Record<string, string> = {}): string {
    const useCases = Object.fromEntries(
      PORTFOLIO.map(([id, goal, frequency]) => [
        `usecases/claims/${id}.yaml`,
        manifest(id, 'claims', APPROVED)
          .replace('goalType: cost', `goalType: ${goal}`)
          .replace('frequency: daily', `frequency: ${frequency}`),
      ]),
    );
    return gitRepo({ ...useCases, ...files });
  }

  /** What the rule asking for `frequency` makes of the repository's use cases, read from their files. */
  function expected(root: string, frequency: string) {
    const dir = join(root, 'usecases', 'claims');
    const useCases = readdirSync(dir).map((f) => {
      const spec = parse(readFileSync(join(dir, f), 'utf8')).spec;
      const outcome =
        spec.intake.goalType !== 'cost'
          ? 'not-applicable'
          : spec.intake.users.frequency === frequency
            ? 'pass'
            : 'fail';
      return { id: f.replace(/\.yaml$/, ''), outcome };
    });
    const ids = (outcome: string) =>
      useCases
        .filter((u) => u.outcome === outcome)
        .map((u) => u.id)
        .sort();
    return { all: useCases.length, pass: ids('pass'), na: ids('not-applicable'), fail: ids('fail') };
  }

  const AS_OF = ['--as-of', '2026-11-24'];
  const row = (id: string, change: string) => new RegExp(`^${id} +extra\\.used-often +${change}`, 'm');

  it('sums up a new rule in one line and lists only the verdicts it makes fail; --verbose lists every one', () => {
    const root = portfolioRepo();
    git(root, 'checkout', '-q', '-b', 'new-rule');
    write(root, EXTRA, usedOften('daily'));
    commitAll(root, 'a new rule');
    const x = expected(root, 'daily');
    expect(x.pass.length * x.na.length * x.fail.length).toBeGreaterThan(0);

    const r = coe(['impact', '--base', 'main', ...AS_OF], { cwd: root });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(
      `\nnew rule extra.used-often (soft): passes ${x.pass.length}, not applicable ${x.na.length}, fails ${x.fail.length}\n`,
    );
    for (const id of x.fail)
      expect(r.stdout).toMatch(row(id, 'absent → fail \\(soft\\) +Used \\w+, not daily\\.$'));
    // Absent → pass and absent → not applicable change nothing a reviewer weighs: counted, not listed.
    expect(r.stdout).not.toMatch(/absent → (pass|not-applicable)/);
    for (const id of [...x.pass, ...x.na]) expect(r.stdout).not.toContain(id);
    expect(r.stdout).toContain(`\n${x.all} verdicts change across ${x.all} use cases of ${x.all}\n`);
    expect(r.stdout).toContain(
      `\nnot listed: ${x.pass.length + x.na.length} that only move between pass, not applicable and absent (coe impact --verbose lists them)\n`,
    );
    expect(r.stdout).toMatch(new RegExp(`^newly blocked: ${x.fail.join(', ')}$`, 'm'));

    const all = coe(['impact', '--base', 'main', '--verbose', ...AS_OF], { cwd: root });
    expect(all.status).toBe(0);
    for (const id of x.pass) expect(all.stdout).toMatch(row(id, 'absent → pass$'));
    for (const id of x.na) expect(all.stdout).toMatch(row(id, 'absent → not-applicable$'));
    for (const id of x.fail) expect(all.stdout).toMatch(row(id, 'absent → fail \\(soft\\)'));
    expect(all.stdout.match(/^\S+ +extra\.used-often +absent → /gm)).toHaveLength(x.all);
    expect(all.stdout).not.toContain('not listed');

    const json = JSON.parse(coe(['impact', '--base', 'main', '-f', 'json', ...AS_OF], { cwd: root }).stdout);
    expect(json.rules).toEqual([
      {
        rule: 'extra.used-often',
        change: 'added',
        levelBefore: null,
        levelAfter: 'soft',
        before: null,
        after: { pass: x.pass.length, 'not-applicable': x.na.length, fail: x.fail.length, waived: 0 },
      },
    ]);
    expect(json.changes.map((c: { id: string }) => c.id).sort()).toEqual(x.fail);
    expect(json.unlistedChanges).toBe(x.pass.length + x.na.length);
    expect(json.rulesAdded).toEqual(['extra.used-often']);
    const every = coe(['impact', '--base', 'main', '-f', 'json', '--verbose', ...AS_OF], { cwd: root });
    expect(JSON.parse(every.stdout).changes).toHaveLength(x.all);

    const md = coe(['impact', '--base', 'main', '-f', 'markdown', ...AS_OF], { cwd: root }).stdout;
    expect(md).toContain(
      `\n- new rule \`extra.used-often\` (soft): passes ${x.pass.length}, not applicable ${x.na.length}, fails ${x.fail.length}\n`,
    );
    expect(md.match(/^\| `[^`]+` \| `extra\.used-often` \| absent \| fail \(soft\) \|/gm)).toHaveLength(
      x.fail.length,
    );
    expect(md).not.toMatch(/\| absent \| (pass|not-applicable) \|/);
  });

  it('lists the passes a changed rule turns into failures, the reverse and failures at a new level, and sums up a removed rule', () => {
    const root = portfolioRepo({ [EXTRA]: usedOften('daily') });
    git(root, 'checkout', '-q', '-b', 'weekly');
    write(root, EXTRA, usedOften('weekly', 'hard'));
    commitAll(root, 'weekly is enough, and it is a must');
    const was = expected(root, 'daily');
    const now = expected(root, 'weekly');
    const flipped = was.pass.filter((id) => now.fail.includes(id));
    const fixed = was.fail.filter((id) => now.pass.includes(id));
    const harder = was.fail.filter((id) => now.fail.includes(id));
    expect(flipped.length * fixed.length * harder.length).toBeGreaterThan(0);

    const r = coe(['impact', '--base', 'main', ...AS_OF], { cwd: root });
    expect(r.status, r.stderr).toBe(0);
    const moved = (a: number, b: number) => (a === b ? `${a}` : `${a} → ${b}`);
    expect(r.stdout).toContain(
      `\nchanged rule extra.used-often (soft → hard): passes ${moved(was.pass.length, now.pass.length)}, not applicable ${now.na.length}, fails ${moved(was.fail.length, now.fail.length)}\n`,
    );
    for (const id of flipped)
      expect(r.stdout).toMatch(row(id, 'pass → fail \\(hard\\) +Used daily, not weekly\\.$'));
    for (const id of fixed) expect(r.stdout).toMatch(row(id, 'fail \\(soft\\) → pass'));
    for (const id of harder) expect(r.stdout).toMatch(row(id, 'fail \\(soft\\) → fail \\(hard\\)'));
    for (const id of now.na) expect(r.stdout).not.toContain(id);
    expect(r.stdout).toMatch(new RegExp(`^newly blocked: ${flipped.join(', ')}$`, 'm'));
    expect(r.stdout).toMatch(new RegExp(`^no longer blocked: ${fixed.join(', ')}$`, 'm'));

    rmSync(join(root, EXTRA));
    commitAll(root, 'no rule after all');
    const gone = coe(['impact', '--base', 'main', ...AS_OF], { cwd: root });
    expect(gone.stdout).toContain(
      `\nremoved rule extra.used-often (soft): passes ${was.pass.length}, not applicable ${was.na.length}, fails ${was.fail.length}\n`,
    );
    for (const id of was.fail) expect(gone.stdout).toMatch(row(id, 'fail \\(soft\\) → absent'));
    expect(gone.stdout).not.toMatch(/(pass|not-applicable) → absent/);
  });

  it('shows a policy that does not load with file and line', () => {
    const root = gitRepo({ [F]: intake });
    // A waiver role for a rule that cannot be waived: hard rules always block.
    edit(
      root,
      'policies/registries/raci.yaml',
      '  rules:\n',
      '  rules:\n    release-gates.io-defined: [coe-lead]\n',
    );
    const r = coe(['impact', '--base', 'main'], { cwd: root });
    expect(r.stdout).toMatch(
      /^policies\/registries\/raci\.yaml:\d+:5 +waivers\.rules\["release-gates\.io-defined"\] +release-gates\.io-defined is hard; only soft rules can be waived/m,
    );
    expect(r.status).toBe(2);
  });
});
