// Waivers as the manifest records them (engine/core/approvals/waivers.ts): a waiver is an approval
// of a soft rule's failure, for one stage, for a limited time, by a holder of a waiver role.
// Roles and RACI are this test's own; the evaluation date is pinned.
import { describe, expect, test } from 'vitest';
import { applyWaivers, type WaivableResult } from '../../engine/core/approvals/waivers.ts';
import { evaluateManifest } from '../../engine/core/policy/evaluate.ts';
import { AS_OF, loadedUseCase, TEST_RACI, testPolicies, useCase } from '../helpers/approvals.ts';

const policies = testPolicies();
const SOFT = 'release-gates.rubric-scores';
const HARD = 'release-gates.io-defined';

interface Terms {
  rule: string;
  stage: string;
  expires: string;
  approver: string;
  granted: string;
}
const waiver = (o: Partial<Terms> = {}) => {
  const w = {
    rule: SOFT,
    stage: 'discovery',
    expires: '2027-01-31',
    approver: '@leo',
    granted: '2026-11-21',
    ...o,
  };
  return `      - { rule: ${w.rule}, reason: Scored at the December review., stage: ${w.stage}, expires: ${w.expires}, approver: "${w.approver}", granted: ${w.granted}, pr: 7 }\n`;
};
const atDiscovery = (...waivers: string[]) =>
  useCase(`    stage: discovery\n    waivers:\n${waivers.join('')}`);
const failing = (rule = SOFT, n = 1): WaivableResult[] =>
  Array.from({ length: n }, () => ({ rule, outcome: 'fail', blocking: true }));

/** The waiver's status and note, and what became of the results it was applied to. */
function apply(w: string, results = failing(), o: { today?: string; policies?: typeof policies } = {}) {
  const [out] = applyWaivers(atDiscovery(w), results, o.policies ?? policies, o.today ?? AS_OF);
  return { status: out?.status, note: out?.note, results };
}

describe('a waiver that counts', () => {
  test('turns a soft rule’s failure into a waived, non-blocking result, and says until when', () => {
    const out = apply(waiver());
    expect(out).toEqual({
      status: 'applied',
      note: `waives ${SOFT} until 2027-01-31`,
      results: [{ rule: SOFT, outcome: 'waived', blocking: false }],
    });
    const [w] = applyWaivers(atDiscovery(waiver()), failing(), policies, AS_OF);
    expect(w).toMatchObject({
      rule: SOFT,
      approver: '@leo',
      expires: '2027-01-31',
      reason: 'Scored at the December review.',
    });
  });

  test('waives every failing item of the rule, and leaves other rules alone', () => {
    const results = [...failing(SOFT, 2), ...failing(HARD)];
    apply(waiver(), results);
    expect(results.map((r) => [r.rule, r.outcome, r.blocking])).toEqual([
      [SOFT, 'waived', false],
      [SOFT, 'waived', false],
      [HARD, 'fail', true],
    ]);
  });

  test('counts on its last day and on the day it was granted', () => {
    expect(apply(waiver({ expires: AS_OF }))).toMatchObject({ status: 'applied' });
    expect(apply(waiver({ granted: AS_OF }))).toMatchObject({ status: 'applied' });
  });

  test('may run exactly the RACI’s maxDays', () => {
    expect(apply(waiver({ granted: '2026-11-01', expires: '2027-01-30' }))).toMatchObject({
      status: 'applied',
    });
  });

  test('may be granted by a holder of any of the roles that may waive the rule', () => {
    const p = testPolicies(
      undefined,
      TEST_RACI.replace('soft: [coe-lead]', 'soft: [coe-lead, product-lead]'),
    );
    expect(apply(waiver({ approver: '@PIA' }), failing(), { policies: p })).toMatchObject({
      status: 'applied',
    });
  });
});

describe('a waiver with nothing to waive', () => {
  test('is unused when its rule passes or does not apply, and can go', () => {
    expect(apply(waiver(), [{ rule: SOFT, outcome: 'pass', blocking: false }])).toMatchObject({
      status: 'unused',
      note: `${SOFT} passes; the waiver can go`,
    });
    expect(apply(waiver(), [{ rule: SOFT, outcome: 'not-applicable', blocking: false }])).toMatchObject({
      status: 'unused',
      note: `${SOFT} does not apply; the waiver can go`,
    });
  });

  test('a manifest without waivers has none to report', () => {
    expect(applyWaivers(useCase('    stage: discovery\n'), failing(), policies, AS_OF)).toEqual([]);
  });
});

describe('a waiver that does not count leaves the failure blocking', () => {
  test.each([
    [
      'names no rule',
      waiver({ rule: 'release-gates.rubric-score' }),
      'invalid',
      `no rule "release-gates.rubric-score"; did you mean "${SOFT}"?`,
    ],
    ['names nothing like a rule', waiver({ rule: 'zzz' }), 'invalid', 'no rule "zzz"'],
    [
      'waives a hard rule',
      waiver({ rule: HARD }),
      'invalid',
      `${HARD} is hard; only soft rules can be waived`,
    ],
    [
      'waives an advisory rule',
      waiver({ rule: 'release-gates.value-measured' }),
      'invalid',
      'release-gates.value-measured is advisory; only soft rules can be waived',
    ],
    [
      'was granted at another stage',
      waiver({ stage: 'intake' }),
      'expired',
      'granted at intake; it stopped counting when the use case moved to discovery',
    ],
    [
      'is past its last day',
      waiver({ expires: '2026-11-23' }),
      'expired',
      'its last day was 2026-11-23; it no longer counts',
    ],
    [
      'is granted on a day still to come',
      waiver({ granted: '2026-11-25' }),
      'invalid',
      'granted 2026-11-25, a day still to come',
    ],
    [
      'runs longer than the RACI allows',
      waiver({ granted: '2026-11-01', expires: '2027-01-31' }),
      'invalid',
      'it runs 91 days from 2026-11-01; the RACI allows at most 90 (waivers.maxDays)',
    ],
    [
      'is granted by someone without the waiver role',
      waiver({ approver: '@sam' }),
      'invalid',
      `@sam does not hold the role that may waive ${SOFT} (coe-lead)`,
    ],
    [
      'is granted by the CoE lead where the rule names its own waiver role',
      waiver({ rule: 'lifecycle.scores-not-lowered-silently', approver: '@lena' }),
      'invalid',
      '@lena does not hold the role that may waive lifecycle.scores-not-lowered-silently (responsible-ai-lead)',
    ],
  ])('one that %s', (_what, w, status, note) => {
    const [rule] = /rule: (\S+),/.exec(w)?.slice(1) ?? [];
    const out = apply(w, failing(rule));
    expect(out).toEqual({ status, note, results: failing(rule) });
  });

  test('several waiver roles are named as such', () => {
    const p = testPolicies(
      undefined,
      TEST_RACI.replace('soft: [coe-lead]', 'soft: [coe-lead, product-lead]'),
    );
    expect(apply(waiver({ approver: '@sam' }), failing(), { policies: p }).note).toBe(
      `@sam does not hold a role that may waive ${SOFT} (coe-lead, product-lead)`,
    );
  });

  test('the RACI’s own maxDays applies', () => {
    const p = testPolicies(undefined, TEST_RACI.replace('maxDays: 90', 'maxDays: 30'));
    expect(apply(waiver({ granted: '2026-11-01' }), failing(), { policies: p }).note).toBe(
      'it runs 91 days from 2026-11-01; the RACI allows at most 30 (waivers.maxDays)',
    );
  });
});

test('in an evaluation, a waiver never switches off a hard rule: the use case stays blocked', () => {
  const loaded = loadedUseCase(`    stage: discovery\n    waivers:\n${waiver({ rule: HARD })}${waiver()}`);
  const evaluation = evaluateManifest(loaded, policies, { today: AS_OF });
  const result = (rule: string) => evaluation.results.find((r) => r.rule === rule);
  expect(result(HARD)).toMatchObject({ outcome: 'fail', blocking: true, level: 'hard' });
  expect(result(SOFT)).toMatchObject({ outcome: 'waived', blocking: false, level: 'soft' });
  expect(evaluation.waivers.map((w) => [w.rule, w.status])).toEqual([
    [HARD, 'invalid'],
    [SOFT, 'applied'],
  ]);
  expect(evaluation.blocked).toBe(true);
});
