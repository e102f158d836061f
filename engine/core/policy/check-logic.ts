// Load-time checks of a policy's JSON Logic: every operator must be one CoE Gate runs, and every
// path a rule reads from a manifest must exist in the manifest schema. A typo in a policy is
// caught when the policy is loaded, not when it silently never matches.
import usecaseSchema from '../../schema/usecase.schema.json' with { type: 'json' };
import { suggest } from '../schema/validator.ts';
import { constantOutcome, OPERATORS, prepareLogic } from './logic.ts';

type Schema = { $ref?: string; properties?: Record<string, Schema>; items?: Schema; type?: string };

/** What a path in the evaluation context resolves to: a manifest schema node, or open data. */
type Scope =
  | { kind: 'schema'; schema: Schema }
  | { kind: 'open' }
  | { kind: 'context'; forEach?: string | undefined };

export interface LogicIssue {
  /** Where in the logic, as segments below the rule field (for locating the YAML line). */
  at: (string | number)[];
  message: string;
}

const SCOPED_ITEMS = new Set(['some', 'all', 'none', 'filter', 'map']);

/** The top of the evaluation context; only manifest and base have a schema to check against. */
export const CONTEXT_KEYS = [
  'manifest',
  'base',
  'transition',
  'tier',
  'approvals',
  'registries',
  'today',
  'file',
  'priority',
  'placeholders',
  'change',
];

/**
 * Checks `logic`; with `forEach` (a context path to a list), `item` and `index` are in the
 * context too, `item` typed as that list's items.
 */
export function checkLogic(logic: unknown, forEach?: string): LogicIssue[] {
  const issues: LogicIssue[] = [];
  const context: Scope = { kind: 'context', forEach };
  walk(logic, context, [], (issue) => issues.push(issue), context);
  return issues;
}

/** Checks the path a rule's forEach names: it must be a list in the manifest schema. */
export function checkForEach(path: string): string | undefined {
  const problem = checkPath({ kind: 'context' }, path);
  if (problem) return problem;
  const at = resolvePath({ kind: 'context' }, path);
  return at?.kind === 'schema' && !deref(at.schema).items ? `"${path}" is not a list` : undefined;
}

/**
 * Checks a manifest path (spec.models): the manifest schema must have the field. With
 * `throughLists`, a name after a list is a field of its items (spec.evaluation.suites.threshold).
 */
export function checkManifestField(path: string, throughLists = false): string | undefined {
  const full = `manifest.${path}`;
  const scope: Scope = { kind: 'context' };
  const found = throughLists ? resolvePath(scope, full, true) !== undefined : !checkPath(scope, full);
  if (found) return undefined;
  return (checkPath(scope, full) ?? unknownField(scope, full)).replace(`"${full}"`, `"${path}"`);
}

function walk(
  node: unknown,
  scope: Scope,
  at: (string | number)[],
  report: (i: LogicIssue) => void,
  context: Scope,
): void {
  if (Array.isArray(node)) {
    node.forEach((n, i) => {
      walk(n, scope, [...at, i], report, context);
    });
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const keys = Object.keys(node);
  if (keys.length !== 1) {
    report({
      at,
      message: `a JSON Logic operation has exactly one key (the operator), not ${keys.length}: ${keys.join(', ') || 'none'}`,
    });
    return;
  }
  const op = keys[0] as string;
  const args = (node as Record<string, unknown>)[op];
  if (!OPERATORS.has(op)) {
    const hint = suggest(op, [...OPERATORS]);
    report({
      at: [...at, op],
      message: `unknown operation "${op}"${hint ? `; did you mean "${hint}"?` : ''} (see docs/policies.md)`,
    });
    return;
  }
  const list = Array.isArray(args) ? args : [args];
  // present reads its path as var does, so a misspelt one is as much a mistake.
  if (op === 'var' || op === 'root' || op === 'present') {
    const path = list[0];
    if (typeof path === 'string') {
      const problem = checkPath(op === 'root' ? context : scope, path);
      if (problem) report({ at: [...at, op], message: problem });
    }
    list.slice(1).forEach((n, i) => {
      walk(n, scope, [...at, op, i + 1], report, context);
    });
    return;
  }
  if (SCOPED_ITEMS.has(op) || op === 'reduce') {
    walk(list[0], scope, [...at, op, 0], report, context);
    const items = itemScope(list[0], scope, context);
    const inner: Scope = op === 'reduce' ? { kind: 'open' } : items;
    walk(list[1], inner, [...at, op, 1], report, context);
    list.slice(2).forEach((n, i) => {
      walk(n, scope, [...at, op, i + 2], report, context);
    });
    return;
  }
  list.forEach((n, i) => {
    walk(n, scope, Array.isArray(args) ? [...at, op, i] : [...at, op], report, context);
  });
  // An operation on constants alone would fail the same way for every use case: say so now.
  const error = constantOutcome(op, list.map(prepareLogic))?.error;
  if (error) report({ at: [...at, op], message: error });
}

/** The scope inside some/all/none/filter/map: the items of the list the first argument reads. */
function itemScope(source: unknown, scope: Scope, context: Scope): Scope {
  if (source && typeof source === 'object' && !Array.isArray(source)) {
    const [op] = Object.keys(source);
    const args = (source as Record<string, unknown>)[op as string];
    const path = Array.isArray(args) ? args[0] : args;
    if ((op === 'var' || op === 'root') && typeof path === 'string') {
      const resolved = resolvePath(op === 'root' ? context : scope, path);
      if (resolved?.kind === 'schema') {
        const s = deref(resolved.schema);
        return s.items ? { kind: 'schema', schema: deref(s.items) } : { kind: 'open' };
      }
      return { kind: 'open' };
    }
    if (op === 'filter' && Array.isArray(args)) return itemScope(args[0], scope, context);
  }
  return { kind: 'open' };
}

function checkPath(scope: Scope, path: string): string | undefined {
  if (scope.kind === 'context') {
    const head = path.split('.')[0] as string;
    const keys = scope.forEach ? [...CONTEXT_KEYS, 'item', 'index'] : CONTEXT_KEYS;
    if (path !== '' && !keys.includes(head)) {
      const hint = suggest(head, keys);
      return `"${path}" is not in the evaluation context${hint ? `; did you mean "${hint}"?` : ''}; rules read ${keys.join(', ')}`;
    }
  }
  return resolvePath(scope, path) === undefined ? unknownField(scope, path) : undefined;
}

/** Walks `path` from `scope`; undefined when the manifest schema has no such field. */
function resolvePath(scope: Scope, path: string, throughLists = false): Scope | undefined {
  if (path === '') return scope;
  const parts = path.split('.');
  let at: Scope = scope;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    if (at.kind === 'open') return at;
    if (at.kind === 'context') {
      at =
        part === 'manifest' || part === 'base'
          ? { kind: 'schema', schema: usecaseSchema as Schema }
          : { kind: 'open' };
      continue;
    }
    let s = deref(at.schema);
    if (throughLists && s.items && !/^\d+$/.test(part)) s = deref(s.items);
    if (/^\d+$/.test(part) && s.items) at = { kind: 'schema', schema: deref(s.items) };
    else if (s.properties && Object.hasOwn(s.properties, part))
      at = { kind: 'schema', schema: deref(s.properties[part] as Schema) };
    else if (part === 'length' && (s.type === 'array' || s.type === 'string')) return { kind: 'open' };
    else return undefined;
  }
  return at;
}

function unknownField(scope: Scope, path: string): string {
  const parts = path.split('.');
  for (let n = parts.length - 1; n >= 0; n--) {
    const parent = resolvePath(scope, parts.slice(0, n).join('.'));
    if (parent?.kind !== 'schema') continue;
    const allowed = Object.keys(deref(parent.schema).properties ?? {});
    const hint = suggest(parts[n] as string, allowed);
    return `reads "${path}", but the manifest schema has no field "${parts[n]}" there${hint ? `; did you mean "${hint}"?` : ''}`;
  }
  return `reads "${path}", which the manifest schema does not have`;
}

function deref(s: Schema): Schema {
  let node = s;
  while (node.$ref) {
    const name = node.$ref.replace('#/$defs/', '');
    node = (usecaseSchema.$defs as Record<string, Schema>)[name] as Schema;
  }
  return node;
}
