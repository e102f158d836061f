// JSON Logic as CoE Gate runs it: json-logic-js with the pitfalls closed and a few documented
// operations added (docs/policies.md). Policies are data; nothing in them is ever run as code.
//
// Fail closed: a `var` without a default that finds nothing is recorded as a missing read, and a
// rule whose condition made one fails with "<path> is missing" instead of comparing null.
import { isDeepStrictEqual } from 'node:util';
import jsonLogic, { type RulesLogic } from 'json-logic-js';
import { ROLE_BOOK, type RoleBook, roleBook } from '../approvals/roles.ts';
import type { UseCase } from '../manifest/usecase.gen.ts';
import { STAGES, TIER_ORDER } from '../manifest/vocabulary.ts';
import { read } from '../read-path.ts';

export type Logic = RulesLogic | unknown;

/** Operators json-logic-js evaluates itself, with their arguments unevaluated (scoped logic). */
const SCOPED = new Set(['if', '?:', 'and', 'or', 'filter', 'map', 'reduce', 'all', 'none', 'some']);

/** Built-in operators kept as they are. */
const KEPT = new Set([
  '===',
  '!==',
  '!!',
  '!',
  '%',
  'in',
  'cat',
  'substr',
  '+',
  '*',
  '-',
  '/',
  'min',
  'max',
  'merge',
]);

const DAY_MS = 86_400_000;

export class LogicError extends Error {}

interface Evaluation {
  root: unknown;
  missing: string[];
}

let current: Evaluation | undefined;

function tracked(scope: unknown, path: unknown, fallback: unknown, hasFallback: boolean): unknown {
  const p = path === undefined || path === null ? '' : String(path);
  const value = read(scope, p);
  if (value !== undefined && value !== null) return value;
  if (hasFallback) return fallback;
  if (current) {
    // An object reached inside some/all/none: found by identity, only when a read misses.
    const prefix = findPath(current.root, scope);
    current.missing.push(prefix === undefined ? `${p} (in a list item)` : prefix ? `${prefix}.${p}` : p);
  }
  return null;
}

function sameType(op: string, a: unknown, b: unknown): void {
  if ((typeof a !== 'number' && typeof a !== 'string') || typeof a !== typeof b) {
    throw new LogicError(
      `"${op}" compares ${JSON.stringify(a)} with ${JSON.stringify(b)}; both must be numbers, or both strings`,
    );
  }
}

function order<T extends string>(list: readonly T[], what: string, value: unknown): number {
  const i = list.indexOf(value as T);
  if (i < 0) throw new LogicError(`${JSON.stringify(value)} is not a ${what} (${list.join(', ')})`);
  return i;
}

// Dates repeat across a portfolio (today, evaluation dates): parse each string once.
const days = new Map<string, number>();
function day(value: unknown): number {
  const notADate = () => new LogicError(`${JSON.stringify(value)} is not a date (YYYY-MM-DD)`);
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw notADate();
  let t = days.get(value);
  if (t === undefined) {
    t = Date.parse(`${value}T00:00:00Z`);
    if (Number.isNaN(t)) throw notADate();
    if (days.size < 100_000) days.set(value, t);
  }
  return t;
}

// A registry list (frozen when the policies load) is searched for every use case: index it once
// per key. The first item with a value wins, as in a search from the start.
const indexes = new WeakMap<readonly unknown[], Map<string, Map<unknown, unknown>>>();
function indexOf(list: readonly unknown[], key: string): Map<unknown, unknown> {
  let byKey = indexes.get(list);
  if (!byKey) {
    byKey = new Map();
    indexes.set(list, byKey);
  }
  let index = byKey.get(key);
  if (!index) {
    index = new Map();
    for (const item of list) {
      const v = read(item, key);
      if (!index.has(v)) index.set(v, item);
    }
    byKey.set(key, index);
  }
  return index;
}

/** The operations CoE Gate adds or redefines; each is documented in docs/policies.md. */
const ADDED: Record<string, (this: unknown, ...args: unknown[]) => unknown> = {
  var(this: unknown, ...args: unknown[]) {
    return tracked(this, args[0], args[1], args.length > 1);
  },
  /** Reads from the root of the context, also inside some/all/none/filter/map. */
  root(...args: unknown[]) {
    return tracked(current?.root, args[0], args[1], args.length > 1);
  },
  '=='(a: unknown, b: unknown) {
    return a === b;
  },
  '!='(a: unknown, b: unknown) {
    return a !== b;
  },
  /** With three arguments, "between": {"<": [0, x, 10]}. */
  '<'(a: unknown, b: unknown, c?: unknown) {
    sameType('<', a, b);
    if (c === undefined) return (a as number) < (b as number);
    sameType('<', b, c);
    return (a as number) < (b as number) && (b as number) < (c as number);
  },
  '<='(a: unknown, b: unknown, c?: unknown) {
    sameType('<=', a, b);
    if (c === undefined) return (a as number) <= (b as number);
    sameType('<=', b, c);
    return (a as number) <= (b as number) && (b as number) <= (c as number);
  },
  '>'(a: unknown, b: unknown) {
    sameType('>', a, b);
    return (a as number) > (b as number);
  },
  '>='(a: unknown, b: unknown) {
    sameType('>=', a, b);
    return (a as number) >= (b as number);
  },
  /** True when the path holds a value: 0, false and "" count as present; null and absent do not. */
  present(this: unknown, path: unknown) {
    const v = read(this, String(path));
    return v !== undefined && v !== null;
  },
  /** True for a non-empty list, mapping or string. */
  nonempty(value: unknown) {
    if (Array.isArray(value) || typeof value === 'string') return value.length > 0;
    return value !== null && typeof value === 'object' && Object.keys(value).length > 0;
  },
  count(value: unknown) {
    return Array.isArray(value) ? value.length : 0;
  },
  today() {
    const t = read(current?.root, 'today');
    if (typeof t !== 'string') throw new LogicError('the evaluation has no date');
    return t;
  },
  /** Whole days from the first date to the second (negative when the second is earlier). */
  days_between(a: unknown, b: unknown) {
    return Math.round((day(b) - day(a)) / DAY_MS);
  },
  /** Position of a lifecycle stage: intake 0 … retired 6. */
  stage_index(stage: unknown) {
    return order(STAGES, 'stage', stage);
  },
  /** Position of a risk tier: low 0, medium 1, high 2, prohibited 3. */
  tier_index(tier: unknown) {
    return order(TIER_ORDER, 'risk tier', tier);
  },
  /** The first item of a list whose `key` equals `value`, or null. */
  find(list: unknown, key: unknown, value: unknown) {
    if (!Array.isArray(list)) return null;
    if (Object.isFrozen(list) && !Number.isNaN(value)) return indexOf(list, String(key)).get(value) ?? null;
    return list.find((item) => read(item, String(key)) === value) ?? null;
  },
  /** The values of `key` across a list. */
  pluck(list: unknown, key: unknown) {
    return Array.isArray(list) ? list.map((item) => read(item, String(key))) : [];
  },
  /** True when every item of the first list is in the second. */
  subset(a: unknown, b: unknown) {
    return Array.isArray(a) && Array.isArray(b) && a.every((x) => b.includes(x));
  },
  /** A field of a computed value (var reads only from the data): {"get": [{"find": …}, "status"]}. */
  get(value: unknown, path: unknown, fallback: unknown) {
    const v = read(value, String(path));
    return v === undefined || v === null ? (fallback ?? null) : v;
  },
  /** Whether an evaluation suite's score meets its threshold, in the suite's direction. */
  meets(suite: unknown) {
    const score = read(suite, 'score');
    const threshold = read(suite, 'threshold');
    if (typeof score !== 'number' || typeof threshold !== 'number') return false;
    return read(suite, 'direction') === 'lower-is-better' ? score <= threshold : score >= threshold;
  },
  /**
   * Whether a login holds a role for the use case judged (roles registry, letter case ignored,
   * domain scopes and the person the use case names for a role applied): the gate's own answer.
   */
  holds(login: unknown, role: unknown) {
    const root = current?.root as { [ROLE_BOOK]?: RoleBook } | undefined;
    const roles = read(root, 'registries.roles');
    if (!Array.isArray(roles)) throw new LogicError('the evaluation has no roles registry');
    if (typeof login !== 'string' || typeof role !== 'string') return false;
    const manifest = (read(root, 'manifest') ?? null) as UseCase | null;
    // The evaluation's own book knows the team members read for it; a bare context, no team's.
    return (root?.[ROLE_BOOK] ?? roleBook(roles)).holds(login, role, manifest);
  },
  /** Value equality for lists and mappings too. */
  deep_equal(a: unknown, b: unknown) {
    return isDeepStrictEqual(a, b);
  },
  /** True when the list holds an item equal (by value) to the given one. */
  includes_equal(list: unknown, value: unknown) {
    return Array.isArray(list) && list.some((item) => isDeepStrictEqual(item, value));
  },
  /** Items from start up to (not including) end. */
  slice(list: unknown, start: unknown, end: unknown) {
    return Array.isArray(list)
      ? list.slice(Number(start ?? 0), end === undefined ? undefined : Number(end))
      : [];
  },
};

export const OPERATORS: ReadonlySet<string> = new Set([...SCOPED, ...KEPT, ...Object.keys(ADDED)]);

// json-logic-js keeps one operation table per process: configure it once, here. The operations
// redefined above replace its own; these it has are removed.
for (const name of ['log', 'missing', 'missing_some']) jsonLogic.rm_operation(name);
for (const [name, fn] of Object.entries(ADDED)) jsonLogic.add_operation(name, fn);

/** Operations whose value depends on the data they are given, not only on their arguments. */
const READS_DATA = new Set(['var', 'root', 'present', 'today', 'holds']);

/**
 * A policy's logic as it is evaluated, prepared once when the policy loads: each operation's
 * arguments as a list (json-logic-js wraps a lone argument on every evaluation otherwise), and
 * each operation on constants alone replaced by its value ({"stage_index": "pilot"} → 4). What
 * it decides is unchanged.
 */
export function prepareLogic(logic: Logic): Logic {
  if (Array.isArray(logic)) return logic.map(prepareLogic);
  if (logic === null || typeof logic !== 'object' || Object.keys(logic).length !== 1) return logic;
  const [op, raw] = Object.entries(logic)[0] as [string, unknown];
  const args = (Array.isArray(raw) ? raw : [raw]).map(prepareLogic);
  const out = constantOutcome(op, args);
  return out && out.error === undefined && isPrimitive(out.value) ? out.value : { [op]: args };
}

/**
 * The outcome of an operation whose arguments are constants (prepared), which is the same on
 * every evaluation; undefined when it reads data. Its error is a mistake in the policy itself.
 */
export function constantOutcome(op: string, preparedArgs: unknown[]): Outcome | undefined {
  if (!OPERATORS.has(op) || SCOPED.has(op) || READS_DATA.has(op) || !preparedArgs.every(isConstant))
    return undefined;
  return evaluateLogic({ [op]: preparedArgs }, {});
}

function isConstant(value: unknown): boolean {
  return isPrimitive(value) || (Array.isArray(value) && value.every(isConstant));
}

function isPrimitive(value: unknown): boolean {
  // Policies are YAML: they hold no functions.
  return value === null || typeof value !== 'object';
}

export interface Outcome {
  value: unknown;
  /** Paths read without a default that held nothing. */
  missing: string[];
  /** Set when the logic itself failed (a comparison of mismatched types, a bad date). */
  error?: string;
}

/** Evaluates `logic` against `context`; never throws for a policy's own mistakes. */
export function evaluateLogic(logic: Logic, context: object): Outcome {
  const evaluation: Evaluation = { root: context, missing: [] };
  const previous = current;
  current = evaluation;
  try {
    return { value: jsonLogic.apply(logic as RulesLogic, context), missing: evaluation.missing };
  } catch (error) {
    if (error instanceof LogicError)
      return { value: undefined, missing: evaluation.missing, error: error.message };
    throw error;
  } finally {
    current = previous;
  }
}

export function truthy(value: unknown): boolean {
  return jsonLogic.truthy(value);
}

/** Finds where `target` sits inside `root` (by identity), as a dotted path with indexes. */
function findPath(root: unknown, target: unknown): string | undefined {
  const seen = new Set<unknown>();
  const walk = (node: unknown, path: string): string | undefined => {
    if (node === target) return path;
    if (node === null || typeof node !== 'object' || seen.has(node)) return undefined;
    seen.add(node);
    for (const [k, v] of Object.entries(node)) {
      const found = walk(v, Array.isArray(node) ? `${path}[${k}]` : path ? `${path}.${k}` : k);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return walk(root, '');
}
