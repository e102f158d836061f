// Schema validation of parsed files (manifests, policies, registries). Ajv finds the errors; this
// module turns each into a Problem a person can act on (the field, the allowed values, a "did you mean").
import type { ErrorObject, ValidateFunction } from 'ajv';
import { closest, distance } from 'fastest-levenshtein';
import type { Event } from 'js-yaml';
import type { UseCase } from '../../schema/usecase.gen.ts';
import usecaseSchema from '../../schema/usecase.schema.json' with { type: 'json' };
import { parseIdentity } from '../approvals/identity.ts';
import { type Problem, problem } from '../problem.ts';
import { Locator } from '../yaml/locate.ts';
import { formatPath, fromJsonPointer } from '../yaml/path.ts';
import { compiledValidator, type SchemaKind } from './compile.ts';

const validators = new Map<SchemaKind, ValidateFunction>();

/**
 * The validator of one schema, compiled the first time it is needed (compile.ts): compiling costs
 * about 150 ms, which `coe --version`, `coe --help` and a command that validates nothing should not pay.
 */
function validatorOf(kind: SchemaKind): ValidateFunction {
  let validate = validators.get(kind);
  if (!validate) {
    validate = compiledValidator(kind);
    validators.set(kind, validate);
  }
  return validate;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

export function validateManifest(
  file: string,
  text: string,
  value: unknown,
  events?: Event[],
): Validated<UseCase> {
  return validateAs<UseCase>('usecase', file, text, value, events);
}

/** Validates `value` against one of the schemas; positions are computed only when it fails. */
export function validateAs<T>(
  kind: SchemaKind,
  file: string,
  text: string,
  value: unknown,
  events?: Event[],
): Validated<T> {
  const validate = validatorOf(kind);
  if (validate(value)) return { ok: true, value: value as T };
  const locator = new Locator(text, events); // only files with problems pay for positions
  const problems = (validate.errors ?? [])
    .filter((e) => e.keyword !== 'if') // "must match then schema": the then-branch errors say why
    .map((e) => toProblem(file, locator, e));
  return { ok: false, problems: foldTypos(dedupe(problems)) };
}

function toProblem(file: string, locator: Locator, e: ErrorObject): Problem {
  // A key that breaks a propertyNames rule: the error is the mapping's, the key is where to look.
  const named =
    (e as ErrorObject & { propertyName?: string }).propertyName ??
    (e.keyword === 'propertyNames' ? String(e.params.propertyName) : undefined);
  const at =
    named === undefined ? fromJsonPointer(e.instancePath) : [...fromJsonPointer(e.instancePath), named];
  if (named !== undefined && e.keyword === 'propertyNames') {
    return problem(file, 'schema-invalid-value', `"${named}" is not allowed as a name here`, {
      ...locator.span(at, 'key'),
      path: formatPath(at),
    });
  }
  switch (e.keyword) {
    case 'additionalProperties': {
      const field = String(e.params.additionalProperty);
      const path = [...at, field];
      const allowed = Object.keys(parentOf(e).properties ?? {});
      const hint = suggest(field, allowed);
      return problem(
        file,
        'schema-unknown-field',
        `unknown field "${field}"${hint ? `; did you mean "${hint}"?` : `; allowed here: ${allowed.join(', ')}`}`,
        { ...locator.span(path, 'key'), path: formatPath(path) },
      );
    }
    case 'required': {
      const field = String(e.params.missingProperty);
      const path = [...at, field];
      const where = at.length ? `in ${formatPath(at)}` : 'at the top level';
      return problem(file, 'schema-missing-field', `missing required field "${field}" ${where}`, {
        ...locator.span(at, 'key'),
        path: formatPath(path),
      });
    }
    default:
      return problem(file, 'schema-invalid-value', invalidValueMessage(e), {
        ...locator.span(at, named === undefined ? 'value' : 'key'),
        path: formatPath(at),
      });
  }
}

function invalidValueMessage(e: ErrorObject): string {
  const got = describe(e.data);
  switch (e.keyword) {
    case 'enum': {
      const allowed = (e.params.allowedValues as unknown[]).map(String);
      const hint = typeof e.data === 'string' ? suggest(e.data, allowed) : undefined;
      return `${got} is not allowed; use one of: ${allowed.join(', ')}${hint ? ` (did you mean "${hint}"?)` : ''}`;
    }
    case 'const':
      return `must be ${JSON.stringify(e.params.allowedValue)}, not ${got}`;
    case 'type': {
      // YAML reads 35, true or null as a number, a boolean or nothing: quoting keeps it text.
      const quote =
        e.params.type === 'string' && (e.data === null || ['number', 'boolean'].includes(typeof e.data))
          ? `; to mean the text, write it in quotes: "${String(e.data)}"`
          : '';
      return `must be ${article(String(e.params.type))}, not ${got}${quote}`;
    }
    case 'format':
      return e.params.format === 'date'
        ? `${got} is not a date; write YYYY-MM-DD, e.g. 2026-03-31`
        : `${got} is not a valid ${e.params.format}`;
    case 'pattern': {
      if (e.params.pattern === usecaseSchema.$defs.Text.pattern) return 'must not be empty or blank';
      const identity =
        typeof e.data === 'string' ? identityMessage(e.data, String(e.params.pattern)) : undefined;
      if (identity) return identity;
      const desc = parentOf(e).description;
      const what = desc ? `: ${desc}` : ` (expected the pattern ${e.params.pattern})`;
      return `${got} is not valid here${what}`;
    }
    case 'minLength':
      return e.params.limit === 1 ? 'must not be empty' : `must be at least ${e.params.limit} characters`;
    case 'maxLength':
      return `is ${[...String(e.data)].length} characters long; the most is ${e.params.limit}`;
    case 'minItems':
      return `needs at least ${e.params.limit} item${e.params.limit === 1 ? '' : 's'}`;
    case 'uniqueItems':
      return `lists the same value twice (items ${e.params.j} and ${e.params.i})`;
    default:
      return `${e.message ?? 'is not valid'}`;
  }
}

/** The schema object that holds the failing keyword (ajv's verbose mode provides it). */
function parentOf(e: ErrorObject): { properties?: Record<string, unknown>; description?: string } {
  return (e.parentSchema ?? {}) as { properties?: Record<string, unknown>; description?: string };
}

export function suggest(word: string, options: readonly string[]): string | undefined {
  if (!options.length) return undefined;
  const best = closest(word, options as string[]);
  const limit = Math.max(2, Math.floor(word.length / 3));
  return distance(word.toLowerCase(), best.toLowerCase()) <= limit ? best : undefined;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  return String(v);
}

function article(type: string): string {
  const name = { object: 'mapping', array: 'list', integer: 'whole number' }[type] ?? type;
  return /^[aeiou]/.test(name) ? `an ${name}` : `a ${name}`;
}

/** A misspelt required field shows up twice (unknown + missing); keep only the "did you mean". */
function foldTypos(problems: Problem[]): Problem[] {
  const meant = new Set<string>();
  for (const p of problems) {
    const hint =
      p.code === 'schema-unknown-field' ? /did you mean "([^"]+)"/.exec(p.message)?.[1] : undefined;
    if (hint) meant.add(`${p.path.slice(0, p.path.lastIndexOf('.') + 1)}${hint}`);
  }
  return problems.filter((p) => !(p.code === 'schema-missing-field' && meant.has(p.path)));
}

/** One problem per field and kind: a value of the wrong type also fails its enum, say. */
function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const k = p.code === 'schema-invalid-value' ? `${p.path}\0${p.code}` : `${p.path}\0${p.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

const IDENTITY_PATTERNS: ReadonlySet<string> = new Set([
  usecaseSchema.$defs.GitHubLogin.pattern,
  usecaseSchema.$defs.GitHubTeam.pattern,
  usecaseSchema.$defs.GitHubPrincipal.pattern,
]);

/**
 * Where a field names a GitHub user or team ("@login", "@org/team-slug", the CODEOWNERS form): a
 * value that misses the form in a way with one fix says so, with the fix. A login without its @
 * (the form approvals were once written in), or a team where only a person approves.
 */
function identityMessage(value: string, pattern: string): string | undefined {
  if (!IDENTITY_PATTERNS.has(pattern)) return undefined;
  const fits = (v: string) => new RegExp(pattern, 'u').test(v);
  const got = JSON.stringify(value);
  if (!value.startsWith('@') && fits(`@${value}`)) {
    const what = value.includes('/') ? 'a team' : 'a login';
    return `${got} is ${what} without the @; write "@${value}"`;
  }
  const id = parseIdentity(value);
  if (id?.kind === 'team' && pattern === usecaseSchema.$defs.GitHubLogin.pattern)
    return `${got} is a team; only a GitHub user approves here: write one person's "@login"`;
  if (id?.kind === 'user' && pattern === usecaseSchema.$defs.GitHubTeam.pattern)
    return `${got} is a user; a team goes here: write "@org/team-slug"`;
  if (id) return undefined;
  const [what, form] =
    pattern === usecaseSchema.$defs.GitHubTeam.pattern
      ? ['team', '"@org/team-slug"']
      : pattern === usecaseSchema.$defs.GitHubLogin.pattern
        ? ['user', '"@login"']
        : ['user or team', '"@login" or "@org/team-slug"'];
  return `${got} is not a GitHub ${what}: write ${form}`;
}
