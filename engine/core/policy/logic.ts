// JSON Logic as CoE Gate runs it: JSON Logic's operations as json-logic-js 2.0 defines them, with
// the pitfalls closed and a few documented operations added (docs/policies.md). Policies are data;
// nothing in them is ever run as code: a policy's logic is turned, once, into a tree of closures
// that each run one of the operations below (compile), instead of being interpreted again for
// every use case. json-logic-js itself stays the reference: a test evaluates the shipped policies
// both ways on generated manifests (test/core/logic-equivalence.test.ts).
//
// Fail closed: a `var` without a default that finds nothing is recorded as a missing read, and a
// rule whose condition made one fails with "<path> is missing" instead of comparing null.
import { isDeepStrictEqual } from 'node:util';
import type { UseCase } from '../../schema/usecase.gen.ts';
import { ROLE_BOOK, type RoleBook, roleBook } from '../approvals/roles.ts';
import { STAGES, TIER_ORDER } from '../manifest/vocabulary.ts';
import { pathReader, read } from '../read-path.ts';

export type Logic = unknown;

/** Operators that evaluate their own arguments, some of them not at all or once per item (scoped logic). */
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
  return absent(scope, p, fallback, hasFallback);
}

/** What a read of `p` that found nothing gives: the fallback, or null recorded as missing. */
function absent(scope: unknown, p: string, fallback: unknown, hasFallback: boolean): unknown {
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

/**
 * JSON Logic's own operations that CoE Gate keeps (KEPT), as json-logic-js 2.0 defines them: the
 * same JavaScript on the same values, so that coercions and corner cases come out the same.
 */
const OWN: Record<string, (this: unknown, ...args: unknown[]) => unknown> = {
  '==='(a: unknown, b: unknown) {
    return a === b;
  },
  '!=='(a: unknown, b: unknown) {
    return a !== b;
  },
  '!!'(a: unknown) {
    return truthy(a);
  },
  '!'(a: unknown) {
    return !truthy(a);
  },
  '%'(a: unknown, b: unknown) {
    return (a as number) % (b as number);
  },
  in(a: unknown, b: unknown) {
    if (!b || typeof (b as { indexOf?: unknown }).indexOf === 'undefined') return false;
    return (b as { indexOf: (x: unknown) => number }).indexOf(a) !== -1;
  },
  cat(...args: unknown[]) {
    return args.join('');
  },
  substr(source: unknown, start: unknown, end: unknown) {
    // A negative end counts from the end, as PHP's substr does.
    if ((end as number) < 0) {
      const temp = String(source).substr(start as number);
      return temp.substr(0, temp.length + (end as number));
    }
    return String(source).substr(start as number, end as number);
  },
  '+'(...args: unknown[]) {
    return args.reduce((a: unknown, b) => parseFloat(a as string) + parseFloat(b as string), 0);
  },
  '*'(...args: unknown[]) {
    // Without an initial value, as json-logic-js: no arguments is a TypeError, not 1.
    return args.reduce((a, b) => parseFloat(a as string) * parseFloat(b as string));
  },
  '-'(a: unknown, b: unknown) {
    return b === undefined ? -(a as number) : (a as number) - (b as number);
  },
  '/'(a: unknown, b: unknown) {
    return (a as number) / (b as number);
  },
  min(...args: unknown[]) {
    return Math.min(...(args as number[]));
  },
  max(...args: unknown[]) {
    return Math.max(...(args as number[]));
  },
  merge(...args: unknown[]) {
    return args.reduce<unknown[]>((a, b) => a.concat(b), []);
  },
};

/** The operations CoE Gate adds or redefines; each is documented in docs/policies.md. */
export const ADDED: Record<string, (this: unknown, ...args: unknown[]) => unknown> = {
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
   * What an evaluation suite evaluated that differs from what the use case declares, one sentence
   * tail each ("prompt v3, the use case declares v4"); empty when every version the suite names
   * matches. Compared: `evaluated.prompt` and `.workflow` with `spec.versions`, and each of
   * `evaluated.models` with the model of that id in `spec.models` (a model the use case does not
   * declare differs). A version either side leaves out is not compared.
   */
  version_gaps(suite: unknown, spec: unknown) {
    const gaps: string[] = [];
    const evaluated = read(suite, 'evaluated');
    if (evaluated === undefined || evaluated === null) return gaps;
    const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
    for (const part of ['prompt', 'workflow']) {
      const ran = text(read(evaluated, part));
      const declared = text(read(spec, `versions.${part}`));
      if (ran !== undefined && declared !== undefined && ran !== declared)
        gaps.push(`${part} ${ran}, the use case declares ${declared}`);
    }
    const models = read(spec, 'models');
    const ranModels = read(evaluated, 'models');
    for (const m of Array.isArray(ranModels) ? ranModels : []) {
      const id = read(m, 'id');
      const declared = Array.isArray(models) ? models.find((d) => read(d, 'id') === id) : undefined;
      if (declared === undefined) {
        gaps.push(`model ${String(id)}, which the use case does not declare`);
        continue;
      }
      const ran = text(read(m, 'version'));
      const pinned = text(read(declared, 'version'));
      if (ran !== undefined && pinned !== undefined && ran !== pinned)
        gaps.push(`model ${String(id)} at ${ran}, the use case declares ${pinned}`);
    }
    return gaps;
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

type Operation = (this: unknown, ...args: unknown[]) => unknown;
/**
 * The operations that take their arguments evaluated, by name: JSON Logic's own that are kept and
 * CoE Gate's, which replace json-logic-js's `var`, `==`, `!=`, `<`, `<=`, `>` and `>=`; its `log`,
 * `missing` and `missing_some` are gone.
 */
const OPERATIONS: Readonly<Record<string, Operation>> = Object.freeze(
  Object.assign(
    Object.create(null) as Record<string, Operation>,
    Object.fromEntries([...KEPT].map((op) => [op, OWN[op] as Operation])),
    ADDED,
  ),
);

/** Operations whose value depends on the data they are given, not only on their arguments. */
const READS_DATA = new Set(['var', 'root', 'present', 'today', 'holds']);

/**
 * A policy's logic as it is evaluated, prepared once when the policy loads: each operation's
 * arguments as a list, each operation on constants alone replaced by its value
 * ({"stage_index": "pilot"} → 4), and the whole frozen, so that it is compiled once. What it
 * decides is unchanged.
 */
export function prepareLogic(logic: Logic): Logic {
  return freeze(prepare(logic));
}

function prepare(logic: Logic): Logic {
  if (Array.isArray(logic)) return logic.map(prepare);
  if (logic === null || typeof logic !== 'object' || Object.keys(logic).length !== 1) return logic;
  const [op, raw] = Object.entries(logic)[0] as [string, unknown];
  const args = (Array.isArray(raw) ? raw : [raw]).map(prepare);
  const out = constantOutcome(op, args);
  return out && out.error === undefined && isPrimitive(out.value) ? out.value : { [op]: args };
}

/** Frozen, prepared logic is compiled once for all its evaluations (applyCompiled). */
function freeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) freeze(v);
    Object.freeze(value);
  }
  return value;
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

/** Evaluates logic against data: the evaluation's own, or json-logic-js's `apply` as the reference. */
export type Apply = (logic: Logic, data: unknown) => unknown;

/**
 * Evaluates `logic` against `context`; never throws for a policy's own mistakes. `apply` is the
 * evaluator, compiled closures unless a test passes json-logic-js's to compare the two.
 */
export function evaluateLogic(logic: Logic, context: object, apply: Apply = applyCompiled): Outcome {
  const evaluation: Evaluation = { root: context, missing: [] };
  const previous = current;
  current = evaluation;
  try {
    return { value: apply(logic, context), missing: evaluation.missing };
  } catch (error) {
    if (error instanceof LogicError)
      return { value: undefined, missing: evaluation.missing, error: error.message };
    throw error;
  } finally {
    current = previous;
  }
}

/** JSON Logic's truthiness: JavaScript's, except that an empty list is false. */
export function truthy(value: unknown): boolean {
  if (Array.isArray(value) && value.length === 0) return false;
  return !!value;
}

/** Logic turned into a function of the data it reads (`this` of the operations). */
type Compiled = (data: unknown) => unknown;

// A policy's logic is prepared once (prepareLogic, which freezes it) and evaluated for every use
// case: compile each frozen tree once. Logic that is not frozen could change between two
// evaluations, and is compiled each time it is evaluated.
const compiledLogic = new WeakMap<object, Compiled>();

function applyCompiled(logic: Logic, data: unknown): unknown {
  if (logic === null || typeof logic !== 'object') return logic;
  let compiled = compiledLogic.get(logic);
  if (!compiled) {
    compiled = compile(logic);
    if (deepFrozen(logic)) compiledLogic.set(logic, compiled);
  }
  return compiled(data);
}

function deepFrozen(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  return Object.isFrozen(value) && Object.values(value).every(deepFrozen);
}

function isLogic(logic: unknown): logic is Record<string, unknown> {
  return (
    typeof logic === 'object' && logic !== null && !Array.isArray(logic) && Object.keys(logic).length === 1
  );
}

const always =
  (value: unknown): Compiled =>
  () =>
    value;

/**
 * The closure that evaluates `logic` as json-logic-js's `apply` does, step for step: the same
 * operations on the same values in the same order (so the same reads are recorded missing, and the
 * same error is the first), the scoped operations evaluating their arguments as it does. A list is
 * a new list of its items' values; anything that is not an operation is its own value.
 */
export function compile(logic: Logic): Compiled {
  if (Array.isArray(logic)) {
    const items = logic.map(compile);
    return (data) => items.map((item) => item(data));
  }
  if (!isLogic(logic)) return always(logic);
  const op = Object.keys(logic)[0] as string;
  const raw = logic[op];
  const values: unknown[] = Array.isArray(raw) ? raw : [raw];
  const args = values.map(compile);
  switch (op) {
    case 'if':
    case '?:':
      return (data) => {
        let i = 0;
        for (; i < args.length - 1; i += 2) {
          if (truthy((args[i] as Compiled)(data))) return (args[i + 1] as Compiled)(data);
        }
        if (args.length === i + 1) return (args[i] as Compiled)(data);
        return null;
      };
    case 'and':
      return (data) => {
        let value: unknown;
        for (const arg of args) {
          value = arg(data);
          if (!truthy(value)) return value;
        }
        return value;
      };
    case 'or':
      return (data) => {
        let value: unknown;
        for (const arg of args) {
          value = arg(data);
          if (truthy(value)) return value;
        }
        return value;
      };
    case 'filter':
    case 'map':
    case 'reduce':
    case 'all':
    case 'none':
    case 'some':
      return scoped(op, values, args);
  }
  const operation = Object.hasOwn(OPERATIONS, op) ? OPERATIONS[op] : undefined;
  if (!operation) return unknownOperation(op, args);
  // var with a written path, the most frequent operation: the path's text made once.
  if (op === 'var' && values.every((v) => v === null || typeof v !== 'object')) {
    const path = values[0] === undefined || values[0] === null ? '' : String(values[0]);
    const fallback = values[1];
    const hasFallback = values.length > 1;
    const readPath = pathReader(path);
    return (data) => {
      const value = readPath(data);
      return value !== undefined && value !== null ? value : absent(data, path, fallback, hasFallback);
    };
  }
  // The arguments' values first, left to right, then the operation, with the data as `this`.
  const [a, b, c] = args as [Compiled, Compiled, Compiled];
  switch (args.length) {
    case 0:
      return (data) => operation.call(data);
    case 1:
      return (data) => operation.call(data, a(data));
    case 2:
      return (data) => operation.call(data, a(data), b(data));
    case 3:
      return (data) => operation.call(data, a(data), b(data), c(data));
    default:
      return (data) =>
        operation.apply(
          data,
          args.map((arg) => arg(data)),
        );
  }
}

/** The operations that judge a list's items, each item the data of the logic they apply. */
function scoped(op: string, values: unknown[], args: Compiled[]): Compiled {
  const list = args[0] ?? always(undefined);
  const each = args[1] ?? always(undefined);
  switch (op) {
    case 'filter':
      return (data) => {
        const items = list(data);
        return Array.isArray(items) ? items.filter((item) => truthy(each(item))) : [];
      };
    case 'map':
      return (data) => {
        const items = list(data);
        return Array.isArray(items) ? items.map((item) => each(item)) : [];
      };
    case 'reduce': {
      const start = values[2] !== undefined ? (args[2] as Compiled) : always(null);
      return (data) => {
        const items = list(data);
        const initial = start(data);
        if (!Array.isArray(items)) return initial;
        return items.reduce(
          (accumulator: unknown, current: unknown) => each({ current, accumulator }),
          initial,
        );
      };
    }
    case 'all':
      return (data) => {
        const items = list(data);
        if (!Array.isArray(items) || !items.length) return false;
        for (let i = 0; i < items.length; i++) if (!truthy(each(items[i]))) return false;
        return true;
      };
    case 'none':
      return (data) => {
        const items = list(data);
        if (!Array.isArray(items) || !items.length) return true;
        for (let i = 0; i < items.length; i++) if (truthy(each(items[i]))) return false;
        return true;
      };
    default: // some
      return (data) => {
        const items = list(data);
        if (!Array.isArray(items) || !items.length) return false;
        for (let i = 0; i < items.length; i++) if (truthy(each(items[i]))) return true;
        return false;
      };
  }
}

/**
 * An operation that is not one of CoE Gate's (the loader refuses them in policies): its arguments
 * are evaluated, then it fails as json-logic-js fails, walking a dotted name (a.b) into the table.
 */
function unknownOperation(op: string, args: Compiled[]): Compiled {
  return (data) => {
    const values = args.map((arg) => arg(data));
    if (op.indexOf('.') > 0) {
      const names = op.split('.');
      let operation: unknown = OPERATIONS;
      for (let i = 0; i < names.length; i++) {
        if (!Object.hasOwn(operation as object, names[i] as string))
          throw new Error(`Unrecognized operation ${op} (failed at ${names.slice(0, i + 1).join('.')})`);
        operation = (operation as Record<string, unknown>)[names[i] as string];
      }
      return (operation as Operation).apply(data, values);
    }
    throw new Error(`Unrecognized operation ${op}`);
  };
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
