// `coe test` in process (engine/core/policy/policy-tests.ts): a case that names a rule's level or
// whether it blocks notices a weakened rule; a RACI case notices a dropped or added role; coverage
// asks for both; a mistake in a test file is a problem with file and line. Policies, roles and
// RACI are this test's own.
import { describe, expect, test } from 'vitest';
import { fullyCovered, runPolicyTests } from '../../engine/core/policy/policy-tests.ts';
import { ownPolicies, TEST_ROLES } from '../helpers/approvals.ts';
import { manifest } from '../helpers/repo.ts';

const F = 'usecases/claims/claims-intake-bot.yaml';
const readRepoFile = (path: string) => (path === F ? Buffer.from(manifest()) : undefined);

/** One rule, t.audience, at `level`: the use case must face customers (the test manifest does not). */
const TIERING = `tiering:\n  default: low\n  rules: []\n`;
const rulesAt = (level: string) => `${TIERING}rules:
  - id: t.audience
    title: Faces customers
    level: ${level}
    require: { "==": [{ var: manifest.spec.classification.audience }, customer-facing] }
    message: The audience is {{manifest.spec.classification.audience}}.
    remediation: Serve customers.
`;
const RACI = `apiVersion: coe-gate/v1
kind: Raci
approvals:
  - { to: pilot, roles: [coe-lead] }
  - { to: pilot, tiers: [medium, high], roles: [security-lead] }
`;

const testFile = (body: string) => [
  {
    file: 'policies/tests/t.yaml',
    read: () => Buffer.from(`apiVersion: coe-gate/v1\nkind: PolicyTest\nmetadata: { name: t }\n${body}`),
  },
];
const cases = (expect: string, o: { set?: string } = {}) =>
  testFile(`cases:
  - name: the intake bot
    manifest: { from: ${F}${o.set ? `, set: { ${o.set} }` : ''} }
    expect:
      t.audience: ${expect}
`);
const run = (body: ReturnType<typeof testFile>, level = 'hard', raci = RACI) =>
  runPolicyTests(body, ownPolicies(rulesAt(level), TEST_ROLES, raci), readRepoFile);

describe('a case that names the level', () => {
  test('passes while the rule keeps it, and covers the rule’s failing side', () => {
    const out = run(cases('{ outcome: fail, level: hard, blocking: true }'));
    expect(out.cases).toEqual([
      { file: 'policies/tests/t.yaml', line: 5, name: 'the intake bot', passed: true, mismatches: [] },
    ]);
    expect(out.coverage).toMatchObject({
      rules: 1,
      covered: 0,
      missingPass: ['t.audience'],
      missingFail: [],
      missingLevel: [],
    });
  });

  test.each([
    ['soft', []],
    ['advisory', [{ aspect: 'blocking', expected: 'true', actual: 'false' }]],
  ])('fails when the rule is turned %s, saying the level it expected and the one it got', (level, more) => {
    const out = run(cases('{ outcome: fail, level: hard, blocking: true }'), level);
    expect(out.cases[0]?.passed).toBe(false);
    expect(out.cases[0]?.mismatches).toEqual(
      [{ aspect: 'level', expected: 'hard', actual: level }, ...more].map((m) => ({
        rule: 't.audience',
        ...m,
        message: 'The audience is internal.',
      })),
    );
    expect(out.coverage.missingFail).toEqual(['t.audience']);
  });

  test('of a passing rule: no message, and a pass never blocks', () => {
    const out = run(
      cases('{ outcome: pass, level: soft, blocking: true }', {
        set: 'spec.classification.audience: customer-facing',
      }),
    );
    expect(out.cases[0]?.mismatches).toEqual([
      { rule: 't.audience', aspect: 'level', expected: 'soft', actual: 'hard', message: '' },
      { rule: 't.audience', aspect: 'blocking', expected: 'true', actual: 'false', message: '' },
    ]);
  });

  test('an outcome alone is still an expectation, and a wrong one fails with the rule’s message', () => {
    expect(run(cases('fail')).cases[0]?.passed).toBe(true);
    expect(run(cases('pass')).cases[0]?.mismatches).toEqual([
      {
        rule: 't.audience',
        aspect: 'outcome',
        expected: 'pass',
        actual: 'fail',
        message: 'The audience is internal.',
      },
    ]);
  });
});

describe('coverage', () => {
  const both = (fail: string) =>
    testFile(`cases:
  - name: internal fails
    manifest: { from: ${F} }
    expect: { t.audience: ${fail} }
  - name: customers pass
    manifest: { from: ${F}, set: { spec.classification.audience: customer-facing } }
    expect: { t.audience: pass }
`);

  test('a rule is covered by a passing case and a failing case that names its level', () => {
    const out = run(both('{ outcome: fail, level: hard }'));
    expect(out.coverage).toMatchObject({
      rules: 1,
      covered: 1,
      missingPass: [],
      missingFail: [],
      missingLevel: [],
    });
  });

  test('a failing case that does not name the level leaves the rule uncovered', () => {
    const out = run(both('fail'));
    expect(out.coverage).toMatchObject({ covered: 0, missingFail: [], missingLevel: ['t.audience'] });
    expect(fullyCovered(out.coverage)).toBe(false);
  });

  test('every stage entered at every tier needs a RACI case', () => {
    const out = run(both('{ outcome: fail, level: hard }'));
    expect(out.coverage.raci).toMatchObject({ pairs: 21, covered: 0 });
    expect(out.coverage.raci.missing.slice(0, 4)).toEqual([
      'intake at low',
      'intake at medium',
      'intake at high',
      'discovery at low',
    ]);
    expect(fullyCovered(out.coverage)).toBe(false);
  });
});

describe('a RACI case', () => {
  const raci = (entries: string) => testFile(`raci:\n${entries}`);

  test('passes when the RACI asks for exactly the roles it names, in any order, at each tier it names', () => {
    const out = run(
      raci(
        '  - { to: pilot, tiers: [low], roles: [coe-lead] }\n  - { to: pilot, tiers: [medium, high], roles: [security-lead, coe-lead] }\n',
      ),
    );
    expect(out.cases).toEqual([
      {
        file: 'policies/tests/t.yaml',
        line: 5,
        name: 'entering pilot at tier low',
        passed: true,
        mismatches: [],
      },
      {
        file: 'policies/tests/t.yaml',
        line: 6,
        name: 'entering pilot at tier medium',
        passed: true,
        mismatches: [],
      },
      {
        file: 'policies/tests/t.yaml',
        line: 6,
        name: 'entering pilot at tier high',
        passed: true,
        mismatches: [],
      },
    ]);
    expect(out.coverage.raci).toMatchObject({ covered: 3 });
    expect(out.coverage.raci.missing).not.toContain('pilot at medium');
  });

  test('fails naming a role the RACI no longer asks for, and one it asks for besides', () => {
    const dropped = RACI.replace('roles: [security-lead]', 'roles: [legal-compliance]');
    const out = run(
      raci('  - { to: pilot, tiers: [medium], roles: [coe-lead, security-lead] }\n'),
      'hard',
      dropped,
    );
    expect(out.cases).toEqual([
      {
        file: 'policies/tests/t.yaml',
        line: 5,
        name: 'entering pilot at tier medium',
        passed: false,
        mismatches: [],
        roles: {
          missing: ['security-lead'],
          unexpected: ['legal-compliance'],
          required: ['coe-lead', 'legal-compliance'],
        },
      },
    ]);
  });

  test('a stage the RACI asks nobody for fails when the case names a role', () => {
    const out = run(raci('  - { to: mvp, tiers: [low], roles: [product-lead] }\n'));
    expect(out.cases[0]?.roles).toEqual({ missing: ['product-lead'], unexpected: [], required: [] });
  });
});

describe('a mistake in a test file is a problem, with file and line', () => {
  test.each([
    [
      'a level misspelt',
      cases('{ outcome: fail, level: hardd }'),
      {
        line: 8,
        column: 43,
        path: 'cases[0].expect["t.audience"].level',
        message: '"hardd" is not allowed; use one of: advisory, soft, hard (did you mean "hard"?)',
      },
    ],
    [
      'an outcome misspelt',
      cases('failed'),
      {
        line: 8,
        column: 19,
        path: 'cases[0].expect["t.audience"]',
        message:
          '"failed" is not allowed; use one of: pass, fail, waived, not-applicable (did you mean "fail"?)',
      },
    ],
    [
      'an expectation without its outcome',
      cases('{ level: hard }'),
      {
        line: 8,
        column: 7,
        path: 'cases[0].expect["t.audience"].outcome',
        message: 'missing required field "outcome" in cases[0].expect["t.audience"]',
      },
    ],
    [
      'a role the registry does not have',
      testFile('raci:\n  - { to: pilot, tiers: [low], roles: [coe-lead, security-leed] }\n'),
      {
        line: 5,
        column: 50,
        path: 'raci[0].roles[1]',
        message: 'role "security-leed" is not in the roles registry; did you mean "security-lead"?',
      },
    ],
    [
      "a model of the file's own whose vendor neither the registry nor the file lists",
      testFile(
        'models:\n  - { id: m, vendor: mistral-aj, status: approved, dataClasses: [public], maxTier: low }\nraci:\n  - { to: pilot, tiers: [low], roles: [coe-lead] }\n',
      ),
      {
        line: 5,
        column: 22,
        path: 'models[0].vendor',
        message:
          'vendor "mistral-aj" is not in the vendor registry or this file\'s vendors (did you mean "mistral-ai"?)',
      },
    ],
    [
      "a model of the file's own with a withdrawal date but another status",
      testFile(
        'models:\n  - { id: m, vendor: mistral-ai, status: approved, withdrawnOn: 2027-01-01, dataClasses: [public], maxTier: low }\nraci:\n  - { to: pilot, tiers: [low], roles: [coe-lead] }\n',
      ),
      {
        line: 5,
        column: 65,
        path: 'models[0].withdrawnOn',
        message: 'withdrawnOn is set but the status is approved; set status: withdrawn, or remove the date',
      },
    ],
    [
      'a tier that is not one',
      testFile('raci:\n  - { to: pilot, tiers: [severe], roles: [coe-lead] }\n'),
      {
        line: 5,
        column: 26,
        path: 'raci[0].tiers[0]',
        message: '"severe" is not allowed; use one of: low, medium, high',
      },
    ],
    [
      'nothing to test',
      testFile(''),
      {
        line: 2,
        column: 1,
        path: '',
        message: 'missing "cases" or "raci" at the top level: a test file tests something',
      },
    ],
  ])('%s', (_what, file, at) => {
    const out = run(file);
    expect(out.problems).toEqual([expect.objectContaining({ file: 'policies/tests/t.yaml', ...at })]);
    expect(out.cases).toEqual([]);
  });
});
