// JSON Logic as CoE Gate runs it (engine/core/policy/logic.ts), operation by operation as
// docs/policies.md documents them: what a policy author can rely on, and the pitfalls closed.
import { describe, expect, test } from 'vitest';
import {
  constantOutcome,
  evaluateLogic,
  OPERATORS,
  prepareLogic,
  truthy,
} from '../../engine/core/policy/logic.ts';

const value = (logic: unknown, context: object = {}) => {
  const out = evaluateLogic(logic, context);
  if (out.error) throw new Error(out.error);
  return out.value;
};
const error = (logic: unknown, context: object = {}) => evaluateLogic(logic, context).error;

describe('var fails closed', () => {
  const context = { a: { b: 0, f: false, e: '', n: null, list: [{ x: 1 }, { y: 2 }] } };

  test('a value found is read; 0, false and "" are values', () => {
    expect(evaluateLogic({ var: 'a.b' }, context)).toEqual({ value: 0, missing: [] });
    expect(value({ var: 'a.f' }, context)).toBe(false);
    expect(value({ var: 'a.e' }, context)).toBe('');
    expect(value({ var: '' }, context)).toBe(context);
    expect(value({ var: null }, context)).toBe(context);
    expect(value({ var: [] }, context)).toBe(context);
  });

  test('a value absent or null is null, and recorded as missing', () => {
    expect(evaluateLogic({ var: 'a.zz' }, context)).toEqual({ value: null, missing: ['a.zz'] });
    expect(evaluateLogic({ var: 'a.n' }, context)).toEqual({ value: null, missing: ['a.n'] });
    expect(evaluateLogic({ var: 'constructor' }, context)).toEqual({ value: null, missing: ['constructor'] });
  });

  test('a default stands in for an absent or null value, and nothing is missing', () => {
    expect(evaluateLogic({ var: ['a.zz', 7] }, context)).toEqual({ value: 7, missing: [] });
    expect(evaluateLogic({ var: ['a.n', null] }, context)).toEqual({ value: null, missing: [] });
  });

  test('inside some/all/none, a missing field of an item is named by the item’s place', () => {
    const out = evaluateLogic({ all: [{ var: 'a.list' }, { var: 'x' }] }, context);
    expect(out.missing).toEqual(['a.list[1].x']);
    const literal = evaluateLogic({ some: [['q'], { var: 'y' }] }, context);
    expect(literal.missing).toEqual(['y (in a list item)']);
  });

  test('root reads from the top of the context, also inside some', () => {
    const ctx = { wanted: 2, list: [{ v: 1 }, { v: 2 }] };
    expect(value({ some: [{ var: 'list' }, { '==': [{ var: 'v' }, { root: 'wanted' }] }] }, ctx)).toBe(true);
    expect(evaluateLogic({ some: [{ var: 'list' }, { root: 'nope' }] }, ctx).missing).toEqual([
      'nope',
      'nope',
    ]);
    expect(evaluateLogic({ root: ['nope', 'x'] }, ctx)).toEqual({ value: 'x', missing: [] });
  });
});

describe('comparisons', () => {
  test('== and != are strict', () => {
    expect(value({ '==': [1, '1'] })).toBe(false);
    expect(value({ '==': ['a', 'a'] })).toBe(true);
    expect(value({ '!=': [1, '1'] })).toBe(true);
    expect(value({ '!=': [1, 1] })).toBe(false);
  });

  test.each([
    ['<', [1, 2], true],
    ['<', [2, 2], false],
    ['<=', [2, 2], true],
    ['<=', [3, 2], false],
    ['>', [3, 2], true],
    ['>', [2, 2], false],
    ['>=', [2, 2], true],
    ['>=', [1, 2], false],
    ['<', ['2026-01-01', '2026-11-24'], true],
    ['>', ['2026-11-24', '2026-01-01'], true],
    ['<', [1, 2, 3], true],
    ['<', [1, 3, 3], false],
    ['<', [3, 3, 4], false],
    ['<=', [1, 3, 3], true],
    ['<=', [1, 4, 3], false],
    ['<=', [4, 4, 5], true],
    ['<=', [5, 4, 5], false],
  ])('%s %j is %s', (op, args, expected) => {
    expect(value({ [op]: args })).toBe(expected);
  });

  test('numbers compare with numbers and strings with strings; anything else is an error, never false', () => {
    for (const op of ['<', '<=', '>', '>='])
      expect(error({ [op]: [1, 'a'] })).toBe(
        `"${op}" compares 1 with "a"; both must be numbers, or both strings`,
      );
    expect(error({ '<': [null, 0.8] })).toBe(
      '"<" compares null with 0.8; both must be numbers, or both strings',
    );
    expect(error({ '>=': [true, true] })).toBe(
      '">=" compares true with true; both must be numbers, or both strings',
    );
    expect(error({ '<': [0, 1, 'z'] })).toBe(
      '"<" compares 1 with "z"; both must be numbers, or both strings',
    );
    expect(error({ '<=': [0, 1, 'z'] })).toBe(
      '"<=" compares 1 with "z"; both must be numbers, or both strings',
    );
  });

  test('a comparison that errs keeps the missing reads that caused it', () => {
    expect(evaluateLogic({ '<': [{ var: 'score' }, 0.8] }, {})).toEqual({
      value: undefined,
      missing: ['score'],
      error: '"<" compares null with 0.8; both must be numbers, or both strings',
    });
  });
});

describe('operations CoE Gate adds', () => {
  test('present: a path holds a value', () => {
    const ctx = { zero: 0, no: false, empty: '', nothing: null };
    expect(['zero', 'no', 'empty', 'nothing', 'absent'].map((p) => value({ present: p }, ctx))).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(evaluateLogic({ present: 'absent' }, ctx).missing).toEqual([]);
  });

  test('nonempty: a non-empty list, mapping or string', () => {
    const cases = [[], [0], '', 'x', {}, { a: 1 }, null, 0];
    expect(cases.map((c) => value({ nonempty: [{ var: 'v' }] }, { v: c }))).toEqual([
      false,
      true,
      false,
      true,
      false,
      true,
      false,
      false,
    ]);
  });

  test('count: the length of a list, 0 for anything else', () => {
    expect(value({ count: [{ var: 'v' }] }, { v: [1, 2] })).toBe(2);
    expect(value({ count: [{ var: 'v' }] }, { v: 'abc' })).toBe(0);
  });

  test('today: the evaluation date, which every evaluation must have', () => {
    expect(value({ today: [] }, { today: '2026-11-24' })).toBe('2026-11-24');
    expect(error({ today: [] }, {})).toBe('the evaluation has no date');
  });

  test('days_between: whole days from the first date to the second', () => {
    expect(value({ days_between: ['2026-11-01', '2026-11-24'] })).toBe(23);
    expect(value({ days_between: ['2026-11-24', '2026-11-01'] })).toBe(-23);
    expect(value({ days_between: ['2026-03-01', '2026-03-31'] })).toBe(30);
    expect(value({ days_between: ['2026-11-01', '2026-11-01'] })).toBe(0);
    expect(error({ days_between: ['2026-11-1', '2026-11-24'] })).toBe(
      '"2026-11-1" is not a date (YYYY-MM-DD)',
    );
    expect(error({ days_between: ['2026-11-24', '2026-13-45'] })).toBe(
      '"2026-13-45" is not a date (YYYY-MM-DD)',
    );
    expect(error({ days_between: ['x2026-11-24', '2026-11-24'] })).toBe(
      '"x2026-11-24" is not a date (YYYY-MM-DD)',
    );
    expect(error({ days_between: ['2026-11-24x', '2026-11-24'] })).toBe(
      '"2026-11-24x" is not a date (YYYY-MM-DD)',
    );
    expect(error({ days_between: [20261124, '2026-11-24'] })).toBe('20261124 is not a date (YYYY-MM-DD)');
    // Dates JavaScript would read, but not YYYY-MM-DD.
    expect(error({ days_between: ['2026-11', '2026-11-24'] })).toBe('"2026-11" is not a date (YYYY-MM-DD)');
    expect(error({ days_between: ['+002026-11-24', '2026-11-24'] })).toBe(
      '"+002026-11-24" is not a date (YYYY-MM-DD)',
    );
  });

  test('stage_index and tier_index: positions, and a clear error for anything else', () => {
    expect(value({ stage_index: 'intake' })).toBe(0);
    expect(value({ stage_index: 'retired' })).toBe(6);
    expect(error({ stage_index: 'pilto' })).toBe(
      '"pilto" is not a stage (intake, discovery, prototype, mvp, pilot, production, retired)',
    );
    expect(value({ tier_index: 'low' })).toBe(0);
    expect(value({ tier_index: 'prohibited' })).toBe(3);
    expect(error({ tier_index: 'severe' })).toBe(
      '"severe" is not a risk tier (low, medium, high, prohibited)',
    );
  });

  test('find: the first item whose field equals the value, or null; a frozen registry list alike', () => {
    const items = [
      { id: 'a', meta: { kind: 'x' }, n: 1 },
      { id: 'a', n: 2 },
      { id: 'b', n: 3 },
      { id: 'd', n: Number.NaN },
    ];
    for (const list of [items, Object.freeze([...items])]) {
      expect(value({ find: [{ var: 'list' }, 'id', 'a'] }, { list })).toEqual(items[0]);
      expect(value({ find: [{ var: 'list' }, 'id', 'b'] }, { list })).toEqual(items[2]);
      expect(value({ find: [{ var: 'list' }, 'meta.kind', 'x'] }, { list })).toEqual(items[0]);
      expect(value({ find: [{ var: 'list' }, 'id', 'c'] }, { list })).toBeNull();
      // NaN equals nothing, not even the NaN of an item.
      expect(value({ find: [{ var: 'list' }, 'n', Number.NaN] }, { list })).toBeNull();
    }
    expect(value({ find: [{ var: 'list' }, 'id', 'a'] }, { list: 'a' })).toBeNull();
  });

  test('pluck, subset, get', () => {
    const list = [{ c: 'x' }, { c: 'y' }, {}];
    expect(value({ pluck: [{ var: 'list' }, 'c'] }, { list })).toEqual(['x', 'y', undefined]);
    expect(value({ pluck: [{ var: 'list' }, 'c'] }, { list: 'xy' })).toEqual([]);
    expect(value({ subset: [['x'], ['x', 'y']] })).toBe(true);
    expect(
      value({
        subset: [
          ['x', 'z'],
          ['x', 'y'],
        ],
      }),
    ).toBe(false);
    expect(value({ subset: [[], []] })).toBe(true);
    expect(value({ subset: ['x', ['x']] })).toBe(false);
    expect(value({ subset: [['x'], 'x'] })).toBe(false);
    const found = { status: 'approved', nested: { n: null } };
    expect(value({ get: [{ var: 'f' }, 'status', 'unlisted'] }, { f: found })).toBe('approved');
    expect(value({ get: [{ var: 'f' }, 'nested.n', 'unlisted'] }, { f: found })).toBe('unlisted');
    expect(value({ get: [{ var: ['g', null] }, 'status', 'unlisted'] }, {})).toBe('unlisted');
    expect(value({ get: [{ var: 'f' }, 'other'] }, { f: found })).toBeNull();
  });

  test('meets: a score against its threshold, in the suite’s direction', () => {
    const meets = (suite: object) => value({ meets: { var: 's' } }, { s: suite });
    expect(meets({ score: 0.9, threshold: 0.8 })).toBe(true);
    expect(meets({ score: 0.8, threshold: 0.8 })).toBe(true);
    expect(meets({ score: 0.7, threshold: 0.8 })).toBe(false);
    expect(meets({ score: 0.1, threshold: 0.2, direction: 'lower-is-better' })).toBe(true);
    expect(meets({ score: 0.2, threshold: 0.2, direction: 'lower-is-better' })).toBe(true);
    expect(meets({ score: 0.3, threshold: 0.2, direction: 'lower-is-better' })).toBe(false);
    expect(meets({ score: 0.9, threshold: 0.8, direction: 'higher-is-better' })).toBe(true);
    expect(meets({ score: '0.9', threshold: 0.8 })).toBe(false);
    expect(meets({ score: 0.9, threshold: '0.8' })).toBe(false);
  });

  test('version_gaps: what a suite evaluated that differs from what the use case declares', () => {
    const gaps = (suite: object, spec: object) =>
      value({ version_gaps: [{ var: 'suite' }, { var: 'spec' }] }, { suite, spec });
    const spec = {
      models: [
        { id: 'claude-sonnet-4', version: 'bedrock-2025-09' },
        { id: 'text-embedding-3-large', version: 'embed-3' },
      ],
      versions: { prompt: 'v4', workflow: '2.1.0' },
    };
    const same = {
      models: [{ id: 'claude-sonnet-4', version: 'bedrock-2025-09' }],
      prompt: 'v4',
      workflow: '2.1.0',
    };
    expect(gaps({ evaluated: same }, spec)).toEqual([]);
    expect(gaps({ evaluated: { ...same, prompt: 'v3' } }, spec)).toEqual([
      'prompt v3, the use case declares v4',
    ]);
    expect(gaps({ evaluated: { ...same, workflow: '2.0.0', prompt: 'v3' } }, spec)).toEqual([
      'prompt v3, the use case declares v4',
      'workflow 2.0.0, the use case declares 2.1.0',
    ]);
    expect(
      gaps(
        { evaluated: { models: [{ id: 'claude-sonnet-4', version: 'bedrock-2025-05' }, { id: 'gpt-4o' }] } },
        spec,
      ),
    ).toEqual([
      'model claude-sonnet-4 at bedrock-2025-05, the use case declares bedrock-2025-09',
      'model gpt-4o, which the use case does not declare',
    ]);
    // What either side leaves out is not compared: naming it is another rule's business.
    expect(gaps({}, spec)).toEqual([]);
    expect(gaps({ evaluated: same }, { models: [{ id: 'claude-sonnet-4' }] })).toEqual([]);
    expect(gaps({ evaluated: { prompt: 'v3' } }, {})).toEqual([]);
    expect(gaps({ evaluated: { models: 'claude-sonnet-4' } }, spec)).toEqual([]);
  });

  test('deep_equal, includes_equal and slice compare and cut by value', () => {
    const pair = (a: unknown, b: unknown) => value({ deep_equal: [{ var: 'a' }, { var: 'b' }] }, { a, b });
    expect(pair([1, { a: 2 }], [1, { a: 2 }])).toBe(true);
    expect(pair([1, { a: 2 }], [1, { a: 3 }])).toBe(false);
    expect(value({ includes_equal: [{ var: 'l' }, { var: 'v' }] }, { l: [[1], [2]], v: [2] })).toBe(true);
    expect(value({ includes_equal: [{ var: 'l' }, { var: 'v' }] }, { l: [[1], [2]], v: [3] })).toBe(false);
    expect(value({ includes_equal: ['ab', 'a'] })).toBe(false);
    expect(value({ slice: [{ var: 'l' }, 1, 3] }, { l: [1, 2, 3, 4] })).toEqual([2, 3]);
    expect(value({ slice: [{ var: 'l' }, 1] }, { l: [1, 2, 3, 4] })).toEqual([2, 3, 4]);
    expect(value({ slice: [{ var: 'l' }] }, { l: [1, 2, 3, 4] })).toEqual([1, 2, 3, 4]);
    expect(value({ slice: ['abc', 1] })).toEqual([]);
  });

  test('holds: a login holds a role for the use case judged, as the gate decides it', () => {
    const roles = [
      { id: 'coe-lead', title: 'Lead', members: ['lena'] },
      { id: 'domain-champion', title: 'Champion', members: [{ login: 'cara', domains: ['claims'] }] },
    ];
    const ctx = { registries: { roles }, manifest: { metadata: { id: 'x', domain: 'claims' } } };
    expect(value({ holds: ['LENA', 'coe-lead'] }, ctx)).toBe(true);
    expect(value({ holds: ['cara', 'domain-champion'] }, ctx)).toBe(true);
    expect(value({ holds: ['cara', 'domain-champion'] }, { registries: { roles } })).toBe(false);
    expect(
      value({ holds: ['cara', 'domain-champion'] }, { ...ctx, manifest: { metadata: { domain: 'hr' } } }),
    ).toBe(false);
    expect(value({ holds: [null, 'coe-lead'] }, ctx)).toBe(false);
    expect(value({ holds: ['lena', 7] }, ctx)).toBe(false);
    expect(error({ holds: ['lena', 'coe-lead'] }, {})).toBe('the evaluation has no roles registry');
  });
});

describe('the operations a policy may use', () => {
  test('are JSON Logic’s own as documented, with CoE Gate’s additions; log, missing and method are gone', () => {
    expect([...OPERATORS].sort()).toEqual(
      [
        ...['if', '?:', 'and', 'or', 'filter', 'map', 'reduce', 'all', 'none', 'some'],
        ...['===', '!==', '!!', '!', '%', 'in', 'cat', 'substr', '+', '*', '-', '/', 'min', 'max', 'merge'],
        ...['var', 'root', '==', '!=', '<', '<=', '>', '>=', 'present', 'nonempty', 'count', 'today'],
        ...['days_between', 'stage_index', 'tier_index', 'find', 'pluck', 'subset', 'get', 'meets', 'holds'],
        ...['deep_equal', 'includes_equal', 'slice', 'version_gaps'],
      ].sort(),
    );
    for (const removed of ['log', 'missing', 'missing_some', 'method'])
      expect(() => evaluateLogic({ [removed]: ['a'] }, { a: 1 })).toThrow(
        `Unrecognized operation ${removed}`,
      );
  });

  test('JSON Logic’s own work as json-logic-js defines them', () => {
    expect(value({ if: [{ var: 'a' }, 'yes', 'no'] }, { a: 1 })).toBe('yes');
    expect(value({ and: [true, { '!': [false] }, { '!!': ['x'] }] })).toBe(true);
    expect(value({ in: ['b', ['a', 'b']] })).toBe(true);
    expect(value({ cat: ['a', { substr: ['xbc', 1] }] })).toBe('abc');
    expect(value({ '+': [1, { '*': [2, 3] }, { '-': [4, 1] }, { '/': [8, 4] }, { '%': [7, 4] }] })).toBe(15);
    expect(value({ max: [1, { min: [5, 3] }] })).toBe(3);
    expect(value({ merge: [[1], [2]] })).toEqual([1, 2]);
    expect(value({ '===': [1, 1] })).toBe(true);
    expect(value({ '!==': [1, 1] })).toBe(false);
    expect(truthy([])).toBe(false);
    expect(truthy('0')).toBe(true);
    expect(truthy(0)).toBe(false);
  });
});

describe('a policy’s logic prepared when it loads', () => {
  test('an operation on constants alone is worked out once', () => {
    expect(prepareLogic({ stage_index: 'pilot' })).toBe(4);
    expect(prepareLogic({ '<': [1, 2] })).toBe(true);
    expect(prepareLogic({ '==': [null, null] })).toBe(true);
    expect(prepareLogic({ and: [{ stage_index: 'pilot' }, { var: 'x' }] })).toEqual({
      and: [4, { var: ['x'] }],
    });
    expect(prepareLogic({ '>': [{ var: 'x' }, { '+': [1, [2]] }] })).toEqual({ '>': [{ var: ['x'] }, 3] });
  });

  test('what reads data, is scoped, errs or is not a plain value stays as written, its arguments as a list', () => {
    expect(prepareLogic({ var: 'x' })).toEqual({ var: ['x'] });
    expect(prepareLogic({ today: [] })).toEqual({ today: [] });
    expect(prepareLogic({ if: [true, 1, 2] })).toEqual({ if: [true, 1, 2] });
    expect(prepareLogic({ '<': [1, 'a'] })).toEqual({ '<': [1, 'a'] });
    expect(prepareLogic({ merge: [[1], [2]] })).toEqual({ merge: [[1], [2]] });
    expect(prepareLogic({ nope: [1] })).toEqual({ nope: [1] });
    expect(prepareLogic([{ stage_index: 'mvp' }, 'x', null])).toEqual([3, 'x', null]);
    expect(prepareLogic({ a: 1, b: 2 })).toEqual({ a: 1, b: 2 });
    expect(prepareLogic({})).toEqual({});
  });

  test('the outcome of a constant operation, whose error is the policy’s own mistake', () => {
    expect(constantOutcome('stage_index', ['pilto'])).toEqual({
      value: undefined,
      missing: [],
      error: '"pilto" is not a stage (intake, discovery, prototype, mvp, pilot, production, retired)',
    });
    expect(constantOutcome('+', [1, [2, [3]]])).toEqual({ value: 3, missing: [] });
    expect(constantOutcome('var', ['x'])).toBeUndefined();
    expect(constantOutcome('holds', ['lena', 'coe-lead'])).toBeUndefined();
    expect(constantOutcome('present', ['x'])).toBeUndefined();
    expect(constantOutcome('root', ['x'])).toBeUndefined();
    expect(constantOutcome('today', [])).toBeUndefined();
    expect(constantOutcome('some', [[1], true])).toBeUndefined();
    expect(constantOutcome('nope', [1])).toBeUndefined();
    expect(constantOutcome('+', [1, { var: ['x'] }])).toBeUndefined();
    expect(constantOutcome('+', [1, [{ var: ['x'] }]])).toBeUndefined();
    expect(constantOutcome('+', [1, [2, { var: ['x'] }]])).toBeUndefined();
  });
});
