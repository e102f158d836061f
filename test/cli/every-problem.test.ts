// Every problem in one run, as a user meets it: a manifest's schema, location, id and link
// problems together; the valid manifests judged beside an invalid one, in every format; a rule
// whose own logic fails reported once, at its line in its policy; and problems in the policies
// named at the file and line that should change. Real CLI, real temporary repositories.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { addAnnotationKeywords } from '../../engine/core/schema/compile.ts';
import usecaseSchema from '../../engine/schema/usecase.schema.json' with { type: 'json' };
import { edit, git, gitRepo } from '../helpers/git.ts';
import { coe, copyPolicies, makeRepo, manifest, REPO_ROOT } from '../helpers/repo.ts';

const AS_OF = ['--as-of', '2026-11-24'];
const F = 'usecases/claims/claims-intake-bot.yaml';
/** Valid, and blocked: declared low where its data make it medium (and unapproved at intake). */
const UNDER = 'usecases/claims/under-tiered.yaml';
/** Invalid: a misspelt field. */
const BROKEN = 'usecases/claims/broken-bot.yaml';

const check = (root: string, ...args: string[]) => coe(['check', ...AS_OF, ...args], { cwd: root });
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
const re = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
addAnnotationKeywords(ajv);
ajv.addSchema(usecaseSchema);
ajv.addSchema(JSON.parse(readFileSync(join(REPO_ROOT, 'engine/schema/gate-report.schema.json'), 'utf8')));
const validateReport = ajv.compile(
  JSON.parse(readFileSync(join(REPO_ROOT, 'engine/schema/check-report.schema.json'), 'utf8')),
);

describe("one manifest's problems, all in the first run", () => {
  it('a schema problem, the wrong file name and folder, a shared id and a dead link together', () => {
    const evidence = `  evaluation:
    suites:
      - { type: offline, metric: accuracy, score: 0.9, threshold: 0.8, date: 2026-10-01, evidence: docs/evidence/offline.md }
`;
    const text = manifest('claims-intake-bot', 'sales')
      .replace('  owner:', '  ownr:')
      .replace('  lifecycle:', `${evidence}  lifecycle:`);
    const root = makeRepo({ [BROKEN]: text, [F]: manifest() });
    const r = check(root);
    const at = (needle: string) => `${re(BROKEN)}:${lineOf(text, needle)}:\\d+`;
    expect(r.stdout).toMatch(new RegExp(`^${at('ownr:')} +metadata\\.ownr +unknown field "ownr"`, 'm'));
    expect(r.stdout).toMatch(
      new RegExp(
        `^${at('id: claims-intake-bot')} +metadata\\.id +id "claims-intake-bot" does not match`,
        'm',
      ),
    );
    expect(r.stdout).toMatch(
      new RegExp(
        `^${at('id: claims-intake-bot')} +metadata\\.id +id "claims-intake-bot" is also used by ${re(F)}`,
        'm',
      ),
    );
    expect(r.stdout).toMatch(
      new RegExp(
        `^${at('domain: sales')} +metadata\\.domain +domain "sales" does not match the folder "claims"`,
        'm',
      ),
    );
    expect(r.stdout).toMatch(
      new RegExp(
        `^${at('docs/evidence/offline.md')} +spec\\.evaluation\\.suites\\[0\\]\\.evidence +"docs/evidence/offline\\.md" is not in the repository`,
        'm',
      ),
    );
    expect(r.stdout).toMatch(
      new RegExp(
        `^${re(F)}:\\d+:\\d+ +metadata\\.id +id "claims-intake-bot" is also used by ${re(BROKEN)}`,
        'm',
      ),
    );
    expect(r.status).toBe(2);
  });

  it('a check a schema problem makes meaningless is skipped: an invalid id is not compared with the file name', () => {
    const root = makeRepo({ [F]: manifest('Claims Intake Bot') });
    const r = check(root, '--format', 'json');
    const codes = JSON.parse(r.stdout).problems.map(
      (p: { code: string; path: string }) => `${p.code} ${p.path}`,
    );
    expect(codes).toEqual(['schema-invalid-value metadata.id']);
    expect(r.status).toBe(2);
  });
});

describe('an invalid manifest hides no finding of the valid ones', () => {
  function repo() {
    return gitRepo({
      [UNDER]: manifest('under-tiered').replace('riskTier: medium', 'riskTier: low'),
      [BROKEN]: manifest('broken-bot').replace('  owner:', '  ownr:'),
    });
  }
  const FINDING = 'risk-tiering.declared-not-below-computed';

  it('every format carries the problem and the finding, and the exit stays 2', () => {
    const root = repo();
    const text = check(root);
    expect(text.stdout).toMatch(new RegExp(`^${re(BROKEN)}:8:3 +metadata\\.ownr +unknown field "ownr"`, 'm'));
    expect(text.stdout).toMatch(new RegExp(`^${re(UNDER)}:\\d+:\\d+ +hard +${re(FINDING)} `, 'm'));
    expect(text.stdout).toMatch(/^under-tiered +intake +low \(computed medium\) .* blocked$/m);
    expect(text.stdout).toContain('✖ 1 of the 1 use case judged is blocked (2 failures)');
    expect(text.stdout).toContain('✖ 1 problem in 1 file (2 read); fix them and run coe check again');
    expect(text.status).toBe(2);

    const json = check(root, '--format', 'json');
    const report = JSON.parse(json.stdout);
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
    expect(report.exitCode).toBe(2);
    expect(report.problems).toEqual([
      expect.objectContaining({ file: BROKEN, code: 'schema-unknown-field' }),
    ]);
    expect(report.useCases).toEqual([
      expect.objectContaining({
        file: UNDER,
        blocked: true,
        findings: expect.arrayContaining([expect.objectContaining({ rule: FINDING, outcome: 'fail' })]),
      }),
    ]);
    expect(json.status).toBe(2);

    const markdown = check(root, '--format', 'markdown');
    expect(markdown.stdout).toContain(
      '### ❌ CoE Gate: 1 problem in 1 file; 1 of the 1 use case judged blocked',
    );
    expect(markdown.stdout).toContain(`| \`${BROKEN}\` | 8:3 | \`metadata.ownr\` |`);
    expect(markdown.stdout).toMatch(
      new RegExp(`\\| 🛑 hard \\| \`${re(FINDING)}\` \\| \`${re(UNDER)}:\\d+\` \\|`),
    );
    expect(markdown.status).toBe(2);

    const sarif = JSON.parse(check(root, '--format', 'sarif').stdout);
    const results = sarif.runs[0].results.map(
      (r: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
        `${r.ruleId} ${r.locations[0]?.physicalLocation.artifactLocation.uri}`,
    );
    expect(results).toEqual(
      expect.arrayContaining([`input/schema-unknown-field ${BROKEN}`, `${FINDING} ${UNDER}`]),
    );

    const junit = check(root, '--format', 'junit');
    expect(junit.stdout).toContain(`<error type="schema-unknown-field"`);
    expect(junit.stdout).toMatch(new RegExp(`<testcase name="${re(FINDING)}"[^>]*>\\s*<failure`));
    expect(junit.status).toBe(2);

    const github = check(root, '--format', 'github');
    expect(github.stdout).toContain(
      `::error file=${BROKEN},line=8,col=3,title=coe-gate%3A schema-unknown-field::`,
    );
    expect(github.stdout).toContain(`::error file=${UNDER},`);
  });

  it('the gate, previewed with --base, shows both and stays blocked', () => {
    const root = repo();
    git(root, 'checkout', '-q', '-b', 'change');
    edit(root, UNDER, /^( {2}title: .*)$/m, '$1, renamed');
    edit(root, BROKEN, /^( {2}title: .*)$/m, '$1, renamed');
    const r = check(root, '--base', 'main', '--format', 'markdown');
    expect(r.stdout).toMatch(/^### ❌ CoE Gate: Blocked: 1 problem in 1 file; 2 blocking rules fail/m);
    expect(r.stdout).toContain(`| \`${BROKEN}\` | 8:3 | \`metadata.ownr\` |`);
    expect(r.stdout).toContain(`\`${FINDING}\``);
    expect(r.status).toBe(2);
  });
});

describe("a rule whose own logic fails as it runs is the policy's problem", () => {
  /** Two use cases, judged by the shipped policies with one rule's require replaced. */
  function judgedWith(require: string) {
    const root = gitRepo({ [F]: manifest(), 'usecases/claims/second-bot.yaml': manifest('second-bot') });
    edit(
      root,
      'policies/risk-tiering.yaml',
      `require: { "!=": [{ var: tier.computed }, prohibited] }`,
      `require: ${require}`,
    );
    const policy = readFileSync(join(root, 'policies/risk-tiering.yaml'), 'utf8');
    return { root, line: lineOf(policy, `require: ${require}`) };
  }

  it('is reported once, at the rule in its policy, and the rule still fails on each use case: exit 2', () => {
    const { root, line } = judgedWith('{ "<": [{ var: manifest.spec.classification.riskTier }, 3] }');
    const r = check(root);
    const problems = r.stdout.split('\n').filter((l) => l.startsWith('policies/'));
    expect(problems).toEqual([
      `policies/risk-tiering.yaml:${line}:5  rules[0].require  rule risk-tiering.not-prohibited: its require condition fails as it runs on 2 use cases (the first: ${F}): "<" compares "medium" with 3; both must be numbers, or both strings. Fix the condition; until then the rule counts as failed on each of them (docs/policies.md)`,
    ]);
    expect(r.status).toBe(2);
    const report = JSON.parse(check(root, '--format', 'json').stdout);
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
    expect(report.problems).toEqual([
      expect.objectContaining({ file: 'policies/risk-tiering.yaml', line, code: 'policy-runtime-error' }),
    ]);
    for (const u of report.useCases) {
      expect(u.blocked).toBe(true);
      expect(u.findings).toContainEqual(
        expect.objectContaining({ rule: 'risk-tiering.not-prohibited', outcome: 'fail', blocking: true }),
      );
    }
  });

  it('a value the manifest lacks stays a failing rule, "is missing", not a policy problem: exit 1', () => {
    const { root } = judgedWith('{ "<": [{ var: manifest.spec.intake.scores.risk }, 5] }');
    const report = JSON.parse(check(root, '--format', 'json').stdout);
    expect(report.problems).toEqual([]);
    expect(report.useCases[0].findings).toContainEqual(
      expect.objectContaining({
        rule: 'risk-tiering.not-prohibited',
        message: expect.stringMatching(/^spec\.intake\.scores\.risk is missing: /),
      }),
    );
    expect(report.exitCode).toBe(1);
  });
});

describe('problems in the policies name the file and line to change', () => {
  function withPolicies() {
    const root = makeRepo({ [F]: manifest() });
    copyPolicies(root);
    return root;
  }

  it('an empty policy file is named as an empty policy file', () => {
    const root = withPolicies();
    writeFileSync(join(root, 'policies/extra.yaml'), '');
    const r = check(root);
    expect(r.stdout).toMatch(
      /^policies\/extra\.yaml:1:1 +\(file\) +file is empty: a policy file starts with apiVersion, kind \(Policy, ModelRegistry, VendorRegistry, RoleRegistry, Raci, Rubric, AssetRegistry, PortfolioSettings, Packs, Pack\)/m,
    );
    expect(r.stdout).not.toContain('manifest');
    expect(r.status).toBe(2);
  });

  it('a missing rubric is named at the registry file that should hold it, no other file blamed', () => {
    const root = withPolicies();
    rmSync(join(root, 'policies/registries/rubric.yaml'));
    const r = check(root);
    const problems = r.stdout.split('\n').filter((l) => /^\S+:\d+:\d+ /.test(l));
    expect(problems).toEqual([
      'policies/registries/rubric.yaml:1:1  (file)  no Rubric in the policies (the weights of the priority score); add policies/registries/rubric.yaml with kind: Rubric (docs/policies.md)',
    ]);
    expect(r.status).toBe(2);
  });

  it('a default waiver role that is not in the roles registry is named at waivers:, on its line', () => {
    const root = withPolicies();
    const raci = 'policies/registries/raci.yaml';
    edit(root, raci, /^ {2}soft: .*\n/m, '');
    edit(root, 'policies/registries/roles.yaml', /^ {2}- id: coe-lead$/m, '  - id: coe-head');
    const line = lineOf(readFileSync(join(root, raci), 'utf8'), 'waivers:');
    const r = check(root);
    expect(r.stdout).toMatch(
      new RegExp(
        `^policies/registries/raci\\.yaml:${line}:1 +waivers +waivers\\.soft is not set and its default role "coe-lead" is not in policies/registries/roles\\.yaml`,
        'm',
      ),
    );
    expect(r.status).toBe(2);
  });
});
