// The evaluator (engine/core/policy/evaluate.ts) on policies written here: the tier a use case
// computes to, which rules apply, what a failure says and where, and failing closed when a value
// is missing or a condition cannot be decided. The evaluation date is pinned.
import { describe, expect, test } from 'vitest';
import type { LoadedManifest } from '../../engine/core/check/check-manifests.ts';
import {
  evaluateManifest,
  outcomeByRule,
  type RuleResult,
  tierOf,
} from '../../engine/core/policy/evaluate.ts';
import { AS_OF, loadedUseCase, ownPolicies } from '../helpers/approvals.ts';

/** The test manifest: claims, internal, assistive, insurance, declared medium, at `stage`. */
const loaded = (edit: (t: string) => string = (t) => t, lifecycle = '    stage: discovery\n') =>
  loadedUseCase(lifecycle, edit);
const set = (from: string, to: string) => (t: string) => {
  if (!t.includes(from)) throw new Error(`${from} is not in the test manifest`);
  return t.replace(from, to);
};
const both =
  (...edits: ((t: string) => string)[]) =>
  (t: string) =>
    edits.reduce((text, e) => e(text), t);
const lineOf = (m: LoadedManifest, text: string) => m.text.split('\n').findIndex((l) => l.includes(text)) + 1;

const TIERING = `tiering:
  default: low
  prohibited:
    - { id: biometric, when: { "==": [{ var: manifest.spec.classification.regulatedDomain }, biometrics] }, reason: identifies people }
  rules:
    - { tier: medium, when: { "!=": [{ var: manifest.spec.classification.regulatedDomain }, none] }, reason: works in a regulated domain }
    - { tier: high, when: { "==": [{ var: manifest.spec.classification.decisionMode }, automated] }, reason: decides on its own }
    - { tier: medium, when: { "==": [{ var: manifest.spec.classification.pattern }, internal-copilot] }, reason: is a copilot }
    - { tier: high, when: { "==": [{ var: manifest.spec.classification.audience }, customer-facing] }, reason: faces customers }
`;

/** A policy set of `rules` (YAML list items) and `tiering`. */
const policy = (rules = '', tiering = TIERING) =>
  ownPolicies(`${tiering}rules:${rules ? `\n${rules}` : ' []\n'}`);

/** One rule: `id` t.<name>, the fields given (YAML lines at rule indent) after the defaults. */
const rule = (name: string, fields: string) => `  - id: t.${name}
    title: ${name}
${fields
  .trim()
  .split('\n')
  .map((l) => `    ${l.trim()}`)
  .join('\n')}
`;
const base = (o: { level?: string; message?: string; remediation?: string; path?: string } = {}) => `
level: ${o.level ?? 'hard'}
message: ${JSON.stringify(o.message ?? 'It fails.')}
remediation: ${JSON.stringify(o.remediation ?? 'Fix it.')}
${o.path ? `path: ${o.path}` : ''}`;

function evaluate(m: LoadedManifest, rules: string, o: { base?: LoadedManifest; tiering?: string } = {}) {
  return evaluateManifest(m, policy(rules, o.tiering), { today: AS_OF, base: o.base?.manifest ?? null });
}
const only = (m: LoadedManifest, r: string, o: { base?: LoadedManifest } = {}) => evaluate(m, r, o).results;

describe('the tier', () => {
  const tier = (edit?: (t: string) => string, tiering?: string) =>
    evaluate(loaded(edit), '', { tiering }).tier;

  test('is the highest tier whose condition holds, with the reasons of that tier only', () => {
    expect(tier()).toEqual({
      computed: 'medium',
      declared: 'medium',
      effective: 'medium',
      reasons: ['works in a regulated domain', 'is a copilot'],
      provisional: false,
    });
    const high = set('decisionMode: assistive', 'decisionMode: automated');
    const customers = set('audience: internal', 'audience: customer-facing');
    expect(tier(both(high, customers))).toEqual({
      computed: 'high',
      declared: 'medium',
      effective: 'high',
      reasons: ['decides on its own', 'faces customers'],
      provisional: false,
    });
  });

  test('is the default when no condition holds, and a lower tier’s condition never lowers the default', () => {
    const plain = both(
      set('regulatedDomain: insurance', 'regulatedDomain: none'),
      set('pattern: internal-copilot', 'pattern: ai-in-product'),
    );
    expect(tier(plain)).toMatchObject({ computed: 'low', reasons: [] });
    const floor = `tiering:\n  default: medium\n  rules:\n    - { tier: low, when: { "==": [1, 1] }, reason: always }\n`;
    expect(tier(plain, floor)).toMatchObject({ computed: 'medium', reasons: ['always'] });
  });

  test('a prohibited class is the computed tier, controls apply as high, and the tier rules are not tried', () => {
    expect(tier(set('regulatedDomain: insurance', 'regulatedDomain: biometrics'))).toEqual({
      computed: 'prohibited',
      declared: 'medium',
      effective: 'high',
      reasons: ['identifies people'],
      provisional: false,
    });
  });

  test('the effective tier is the higher of the declared and the computed one', () => {
    const declared = (t: string) => set('riskTier: medium', `riskTier: ${t}\n    rationale: Decided so.`);
    expect(tier(declared('high'))).toMatchObject({ computed: 'medium', declared: 'high', effective: 'high' });
    expect(tier(declared('low'))).toMatchObject({ computed: 'medium', declared: 'low', effective: 'medium' });
  });

  test('a condition that cannot be decided is taken to hold, and says so', () => {
    const undecided = `tiering:
  default: low
  rules:
    - { tier: high, when: { "==": [{ var: manifest.spec.intake.scores.risk }, 5] }, reason: scored as risky }
    - { tier: high, when: { ">": [{ var: manifest.spec.classification.audience }, 3] }, reason: reaches many }
    - { tier: high, when: { or: [{ var: manifest.spec.design.mode }, { var: manifest.spec.intake.roi }] }, reason: is designed }
`;
    expect(tier(undefined, undecided)).toMatchObject({
      computed: 'high',
      reasons: [
        'scored as risky (assumed: spec.intake.scores.risk missing)',
        'reaches many (assumed: ">" compares "internal" with 3; both must be numbers, or both strings)',
        'is designed (assumed: spec.design.mode, spec.intake.roi missing)',
      ],
    });
    const prohibited = `tiering:
  default: low
  prohibited:
    - { id: x, when: { "==": [{ var: manifest.spec.intake.scores.risk }, 5] }, reason: may be risky }
  rules: []
`;
    expect(tier(undefined, prohibited)).toMatchObject({ computed: 'prohibited', effective: 'high' });
  });

  test('a classification answer left as TODO is not an answer: its conditions are assumed to hold, provisionally', () => {
    const unanswered = both(
      set('decisionMode: assistive', 'decisionMode: TODO'),
      set('audience: internal', 'audience: TODO'),
    );
    expect(tier(unanswered)).toEqual({
      computed: 'high',
      declared: 'medium',
      effective: 'high',
      reasons: [
        'decides on its own (assumed until spec.classification.decisionMode is answered)',
        'faces customers (assumed until spec.classification.audience is answered)',
      ],
      provisional: true,
    });
  });

  test('a prohibited class that may apply until an answer is given makes the tier high, not prohibited', () => {
    const maybe = set('regulatedDomain: insurance', 'regulatedDomain: TODO');
    expect(tier(maybe)).toMatchObject({
      computed: 'high',
      effective: 'high',
      provisional: true,
      reasons: expect.arrayContaining([
        'may be prohibited: identifies people (assumed until spec.classification.regulatedDomain is answered)',
      ]),
    });
    // A missing value that is not a placeholder still fails closed all the way.
    const prohibitedOnScores = `tiering:
  default: low
  prohibited:
    - { id: x, when: { "==": [{ var: manifest.spec.intake.scores.risk }, 5] }, reason: may be risky }
  rules: []
`;
    expect(tier(maybe, prohibitedOnScores)).toMatchObject({ computed: 'prohibited', provisional: false });
  });

  test('tierOf, for the gate, computes the same tier as the evaluation', () => {
    const m = loaded(set('decisionMode: assistive', 'decisionMode: automated'));
    expect(tierOf(m.manifest, policy(), AS_OF)).toEqual(evaluate(m, '').tier);
  });
});

describe('a rule', () => {
  const audience = rule(
    'customers',
    `require: { "==": [{ var: manifest.spec.classification.audience }, customer-facing] }
     ${base({ level: 'soft', path: 'spec.classification.audience', message: 'The audience is {{manifest.spec.classification.audience}}.', remediation: 'Serve customers ({{tier.effective}} tier).' })}`,
  );

  test('that fails says so with its level, its message and fix with values filled in, and where', () => {
    const m = loaded();
    const evaluation = evaluate(m, audience);
    expect(evaluation.results).toEqual([
      {
        rule: 't.customers',
        title: 'customers',
        level: 'soft',
        outcome: 'fail',
        blocking: true,
        message: 'The audience is internal.',
        remediation: 'Serve customers (medium tier).',
        path: 'spec.classification.audience',
        line: lineOf(m, 'audience: internal'),
        column: 15,
        // the value "internal", for a viewer to underline
        endLine: lineOf(m, 'audience: internal'),
        endColumn: 23,
      },
    ]);
    expect(evaluation.blocked).toBe(true);
    expect(evaluation).toMatchObject({ id: 'claims-intake-bot', file: m.file, waivers: [] });
  });

  test('that passes says nothing and blocks nothing', () => {
    const evaluation = evaluate(loaded(set('audience: internal', 'audience: customer-facing')), audience);
    expect(evaluation.results).toEqual([
      {
        rule: 't.customers',
        title: 'customers',
        level: 'soft',
        outcome: 'pass',
        blocking: false,
        message: '',
        remediation: '',
        path: 'spec.classification.audience',
        line: 0,
        column: 0,
      },
    ]);
    expect(evaluation.blocked).toBe(false);
  });

  test('blocks when it fails at soft or hard level, never at advisory', () => {
    const at = (level: string) =>
      rule(level, `require: { "==": [1, 2] }\n${base({ level })}`).replace(
        '"==": [1, 2]',
        '"==": [{ var: today }, x]',
      );
    const evaluation = evaluate(loaded(), at('advisory') + at('soft') + at('hard'));
    expect(evaluation.results.map((r) => [r.rule, r.outcome, r.blocking])).toEqual([
      ['t.advisory', 'fail', false],
      ['t.soft', 'fail', true],
      ['t.hard', 'fail', true],
    ]);
    expect(evaluation.blocked).toBe(true);
    expect(evaluate(loaded(), at('advisory')).blocked).toBe(false);
    expect(evaluate(loaded(), at('advisory')).results[0]?.path).toBe('');
    const passing = rule('passing', `require: { "==": [1, 1] }\n${base()}`).replace(
      '"==": [1, 1]',
      'present: today',
    );
    expect(evaluate(loaded(), passing).results[0]).toMatchObject({ outcome: 'pass', path: '' });
  });
});

describe('failing closed', () => {
  test('a rule that reads an absent field fails, it does not pass', () => {
    const m = loaded();
    const r = rule(
      'value',
      `require: { ">=": [{ var: manifest.spec.intake.scores.value }, 3] }\n${base({ message: 'Value below 3.' })}`,
    );
    expect(only(m, r)).toMatchObject([
      {
        outcome: 'fail',
        blocking: true,
        message: 'spec.intake.scores.value is missing: Value below 3.',
        path: 'spec.intake.scores.value',
        line: lineOf(m, '  intake:'),
      },
    ]);
  });

  test('even where the logic would hold without the value', () => {
    const r = rule(
      'either',
      `require: { or: [{ var: manifest.spec.design.mode }, { var: manifest.spec.intake.scores }, true] }\n${base({ message: 'No design.' })}`,
    );
    expect(only(loaded(), r)).toMatchObject([
      {
        outcome: 'fail',
        message: 'spec.design.mode, spec.intake.scores are missing: No design.',
        path: 'spec.design.mode',
      },
    ]);
  });

  test('a read with a default is not missing', () => {
    const r = rule(
      'value',
      `require: { ">=": [{ var: [manifest.spec.intake.scores.value, 0] }, 3] }\n${base({ message: 'Value below 3.' })}`,
    );
    expect(only(loaded(), r)).toMatchObject([{ outcome: 'fail', message: 'Value below 3.', path: '' }]);
  });

  test('logic that errs fails the rule with the reason', () => {
    const r = rule(
      'compare',
      `require: { ">": [{ var: manifest.spec.classification.audience }, 3] }\n${base({ path: 'spec.classification' })}`,
    );
    expect(only(loaded(), r)).toMatchObject([
      {
        outcome: 'fail',
        message:
          'the rule\'s own logic fails (">" compares "internal" with 3; both must be numbers, or both strings), so it counts as failed until its policy is fixed (policies/t.yaml:16)',
        path: 'spec.classification',
      },
    ]);
  });

  test('a when that reads an absent field, or errs, makes the rule apply', () => {
    const when = (name: string, condition: string) =>
      rule(
        name,
        `when: ${condition}\nrequire: { "==": [{ var: manifest.spec.classification.audience }, customer-facing] }\n${base()}`,
      );
    const results = only(
      loaded(),
      when('absent', '{ "==": [{ var: manifest.spec.intake.scores.risk }, 5] }') +
        when('errs', '{ ">": [{ var: manifest.spec.classification.audience }, 3] }') +
        when('never', '{ "==": [{ var: manifest.spec.classification.audience }, nobody] }') +
        when('always', '{ "==": [{ var: manifest.spec.classification.audience }, internal] }'),
    );
    expect(results.map((r) => [r.rule, r.outcome])).toEqual([
      ['t.absent', 'fail'],
      ['t.errs', 'fail'],
      ['t.never', 'not-applicable'],
      ['t.always', 'fail'],
    ]);
  });
});

describe('which rules apply', () => {
  const scoped = (appliesTo: string) =>
    rule('scoped', `appliesTo: ${appliesTo}\nrequire: { "==": [{ var: today }, never] }\n${base()}`);
  test.each([
    ['stages', '{ stages: [discovery, pilot] }', '{ stages: [pilot] }'],
    ['tiers (the effective tier)', '{ tiers: [medium, high] }', '{ tiers: [low] }'],
    ['patterns', '{ patterns: [internal-copilot] }', '{ patterns: [agentic-workflow] }'],
    ['audiences', '{ audiences: [internal] }', '{ audiences: [customer-facing] }'],
  ])('by %s', (_what, matching, other) => {
    expect(only(loaded(), scoped(matching))[0]?.outcome).toBe('fail');
    expect(only(loaded(), scoped(other))[0]?.outcome).toBe('not-applicable');
  });

  test('a rule without filters or when applies to every use case', () => {
    expect(only(loaded(), scoped('{}').replace('    appliesTo: {}\n', ''))[0]?.outcome).toBe('fail');
  });
});

describe('forEach', () => {
  const twoSources = set(
    '      - name: FNOL emails',
    '      - name: Claim notes\n        system: Guidewire\n        classification: regulated\n        personalData: personal\n      - name: FNOL emails',
  );
  const notRegulated = (fields = '') =>
    rule(
      'sources',
      `forEach: manifest.spec.data.sources
       ${fields}
       require: { "!=": [{ var: item.classification }, regulated] }
       ${base({ path: 'classification', message: '{{item.name}} is regulated.' })}`,
    );

  test('judges each item on its own: one finding per failing item, on its line', () => {
    const m = loaded(twoSources);
    expect(only(m, notRegulated())).toMatchObject([
      {
        outcome: 'fail',
        message: 'Claim notes is regulated.',
        path: 'spec.data.sources[0].classification',
        line: lineOf(m, 'classification: regulated'),
      },
    ]);
    const bothRegulated = loaded(
      both(twoSources, set('classification: confidential', 'classification: regulated')),
    );
    expect(only(bothRegulated, notRegulated()).map((r) => [r.path, r.message])).toEqual([
      ['spec.data.sources[0].classification', 'Claim notes is regulated.'],
      ['spec.data.sources[1].classification', 'FNOL emails is regulated.'],
    ]);
  });

  test('passes once when every item passes; does not apply to an empty or absent list', () => {
    expect(only(loaded(), notRegulated())).toMatchObject([{ outcome: 'pass', path: 'classification' }]);
    const tools = rule('tools', `forEach: manifest.spec.tools\nrequire: { var: item.highImpact }\n${base()}`);
    expect(only(loaded(), tools)).toMatchObject([{ outcome: 'not-applicable' }]);
  });

  test('a when that reads the item picks the items judged', () => {
    const personal = notRegulated('when: { "==": [{ var: [item.name, none] }, FNOL emails] }');
    expect(only(loaded(twoSources), personal)).toMatchObject([{ outcome: 'pass' }]);
    const none = notRegulated('when: { "==": [{ var: item.name }, Nothing] }');
    expect(only(loaded(twoSources), none)).toMatchObject([{ outcome: 'not-applicable' }]);
  });

  test('a when that does not read the item is decided once for the use case', () => {
    const never = notRegulated(
      'when: { "==": [{ var: manifest.spec.classification.audience }, customer-facing] }',
    );
    expect(only(loaded(twoSources), never)).toMatchObject([{ outcome: 'not-applicable' }]);
    const always = notRegulated('when: { "==": [{ var: manifest.spec.classification.audience }, internal] }');
    expect(only(loaded(twoSources), always)).toMatchObject([
      { outcome: 'fail', path: 'spec.data.sources[0].classification' },
    ]);
  });

  test('a missing value of an item is named by the item’s place', () => {
    const retention = rule(
      'retention',
      `forEach: manifest.spec.data.sources\nrequire: { present: item.name }\n${base()}`,
    ).replace('{ present: item.name }', '{ ">": [{ var: item.retentionDays }, 0] }');
    expect(only(loaded(), retention)).toMatchObject([
      {
        message: 'spec.data.sources[0].retentionDays is missing: It fails.',
        path: 'spec.data.sources[0].retentionDays',
      },
    ]);
  });

  test('a finding without a path goes on the item; one about an item of the base list goes on the list', () => {
    const m = loaded(twoSources);
    const anywhere = rule(
      'anywhere',
      `forEach: manifest.spec.data.sources\nrequire: { "!=": [{ var: item.classification }, regulated] }\n${base()}`,
    );
    expect(only(m, anywhere)).toMatchObject([
      { path: 'spec.data.sources[0]', line: lineOf(m, '- name: Claim notes') },
    ]);
    const kept = rule(
      'kept',
      `forEach: base.spec.data.sources\nrequire: { in: [{ var: item.name }, { pluck: [{ root: manifest.spec.data.sources }, name] }] }\n${base({ path: 'name', message: '{{item.name}} was removed.' })}`,
    );
    const head = loaded();
    expect(only(head, kept, { base: loaded(twoSources) })).toMatchObject([
      { message: 'Claim notes was removed.', path: 'spec.data.sources', line: lineOf(head, '    sources:') },
    ]);
  });

  test("over values the rule lists: one finding per value that fails, named in the message, at the rule's path", () => {
    const m = loaded();
    const needs = rule(
      'classified',
      `forEach: [internal, confidential, regulated]
require: { in: [{ var: item }, { pluck: [{ var: manifest.spec.data.sources }, classification] }] }
${base({ message: 'No source is {{item}} (value {{index}}).', path: 'spec.data.sources' })}`,
    );
    const results = only(m, needs);
    // The sources are confidential only: internal and regulated fail, each on its own.
    expect(results.map((r) => [r.outcome, r.message, r.path])).toEqual([
      ['fail', 'No source is internal (value 0).', 'spec.data.sources'],
      ['fail', 'No source is regulated (value 2).', 'spec.data.sources'],
    ]);
    expect(results[0]?.line).toBe(lineOf(m, 'sources:'));
    expect(only(m, needs.replace('[internal, confidential, regulated]', '[confidential]'))).toMatchObject([
      { outcome: 'pass' },
    ]);
  });
});

describe('what a rule reads', () => {
  test('placeholders: each one listed with its path, read by the rules as absent, and flagged on its own line', () => {
    const unfinished = both(
      set('audience: internal', 'audience: TODO'),
      set(
        'goal: Route first notice of loss emails to the right queue within minutes.',
        'goal: "TODO: the business goal"',
      ),
    );
    const m = loaded(unfinished);
    const flagged = rule(
      'unfinished',
      `forEach: placeholders
       require: false
       ${base({ path: '"{{item.path}}"', message: '{{item.path}} is {{item.value}}.' })}`,
    );
    expect(only(m, flagged).map((r) => [r.outcome, r.path, r.line, r.message])).toEqual([
      ['fail', 'spec.intake.goal', lineOf(m, 'goal: "TODO'), 'spec.intake.goal is TODO: the business goal.'],
      [
        'fail',
        'spec.classification.audience',
        lineOf(m, 'audience: TODO'),
        'spec.classification.audience is TODO.',
      ],
    ]);
    // Nothing left to flag is the pass of a rule whose every item is a finding.
    expect(only(loaded(), flagged)).toMatchObject([{ outcome: 'pass' }]);
    // Any other rule over an empty list has nothing to judge.
    const notFalse = rule(
      'some',
      `forEach: placeholders\nrequire: { "!=": [{ var: item.value }, x] }\n${base()}`,
    );
    expect(only(loaded(), notFalse)).toMatchObject([{ outcome: 'not-applicable' }]);
    const goal = rule('goal', `require: { present: manifest.spec.intake.goal }\n${base()}`);
    expect(only(m, goal)).toMatchObject([{ outcome: 'fail' }]);
    expect(only(loaded(), goal)).toMatchObject([{ outcome: 'pass' }]);
  });

  test('let: values a failing rule computes for its message, in its forEach item’s scope', () => {
    const r = rule(
      'let',
      `forEach: manifest.spec.data.sources
       require: { "!=": [{ var: item.classification }, confidential] }
       let: { upper: { cat: [{ var: item.name }, " (", { var: item.system }, ")"] }, count: { count: { var: manifest.spec.data.sources } } }
       ${base({ message: '{{let.upper}} is one of {{let.count}}.' })}`,
    );
    expect(only(loaded(), r).map((x) => x.message)).toEqual(['FNOL emails (Exchange) is one of 1.']);
  });

  test('change: whether a change is judged, so that no base means a new use case', () => {
    const r = rule('change', `require: { var: change }\n${base({ message: 'Not a change.' })}`);
    const m = loaded();
    const judged = (o: { base?: LoadedManifest | null; change?: boolean }) =>
      evaluateManifest(m, policy(r), {
        today: AS_OF,
        base: o.base?.manifest ?? null,
        ...(o.change === undefined ? {} : { change: o.change }),
      }).results[0]?.outcome;
    expect(judged({})).toBe('fail');
    expect(judged({ change: true })).toBe('pass');
    expect(judged({ base: loaded() })).toBe('pass');
  });

  test('the move from the base version, and the evaluation says it', () => {
    const r = rule(
      'moved',
      `require: { "==": [{ var: [transition.from, null] }, { var: transition.to }] }\n${base({ message: 'Moved from {{transition.from}} to {{transition.to}}.' })}`,
    );
    const head = loaded();
    const moved = evaluate(head, r, { base: loaded(undefined, '    stage: intake\n') });
    expect(moved.transition).toEqual({ from: 'intake', to: 'discovery' });
    expect(moved.results[0]?.message).toBe('Moved from intake to discovery.');
    const fresh = evaluate(head, r);
    expect(fresh.transition).toEqual({ from: null, to: 'discovery' });
    expect(fresh.results[0]?.message).toBe('Moved from (none) to discovery.');
  });

  test('the priority: the rubric’s weighted score, rounded to two decimals, or none without scores', () => {
    const scores = set(
      '  intake:\n',
      '  intake:\n    scores: { value: 5, feasibility: 4, dataReadiness: 3, risk: 2, adoption: 2 }\n',
    );
    // 0.35·5 + 0.2·4 + 0.2·3 + 0.15·2 + 0.1·2
    expect(evaluate(loaded(scores), '').priority).toBe(3.65);
    expect(evaluate(loaded(), '').priority).toBeNull();
    const r = rule(
      'priority',
      `require: { ">=": [{ var: [priority, 0] }, 4] }\n${base({ message: 'Priority {{priority}}.' })}`,
    );
    expect(only(loaded(scores), r)[0]?.message).toBe('Priority 3.65.');
  });

  test('the approvals the RACI asks for at the stage and tier, and the date', () => {
    const r = rule(
      'approved',
      `require: { "!": { nonempty: { var: approvals.missing } } }\n${base({ message: 'Missing {{approvals.missing}} on {{today}}.' })}`,
    );
    expect(only(loaded(), r)[0]?.message).toBe('Missing coe-lead, domain-champion on 2026-11-24.');
  });
});

test('one outcome per rule: any failing item fails it, a waived one beats a pass, and the first failure speaks', () => {
  const result = (rule: string, outcome: RuleResult['outcome'], message = '') =>
    ({ rule, outcome, message, level: 'soft' }) as RuleResult;
  const outcomes = outcomeByRule([
    result('a', 'pass'),
    result('a', 'fail', 'first'),
    result('a', 'fail', 'second'),
    result('a', 'waived'),
    result('b', 'not-applicable'),
    result('b', 'pass'),
    result('c', 'waived', 'waived'),
    result('c', 'pass'),
  ]);
  expect(Object.fromEntries(outcomes)).toEqual({
    a: { outcome: 'fail', message: 'first', level: 'soft' },
    b: { outcome: 'pass', message: '', level: 'soft' },
    c: { outcome: 'waived', message: 'waived', level: 'soft' },
  });
});
