// Evidence links that point into the repository must name a file that is there. Which fields are
// links comes from the manifest schema (every use of its Link definition), found once, so a new
// link field is checked without touching this file.
import usecaseSchema from '../../schema/usecase.schema.json' with { type: 'json' };
import { type Problem, problem } from '../problem.ts';
import { Locator } from '../yaml/locate.ts';
import { formatPath, type PathSegment } from '../yaml/path.ts';
import type { ManifestDocument } from './conventions.ts';

type Schema = { [keyword: string]: unknown };
const LINK_REF = '#/$defs/Link';
/** A list's items, in a field path. */
const EACH = Symbol('each');
type FieldPath = (string | typeof EACH)[];

/** The paths, from the manifest's root, of every field whose schema is a Link. */
const LINK_FIELDS: readonly FieldPath[] = linkFields(usecaseSchema as Schema);

function linkFields(root: Schema): FieldPath[] {
  const defs = (root.$defs ?? {}) as Record<string, Schema>;
  const found: FieldPath[] = [];
  const walk = (schema: Schema | undefined, path: FieldPath, seen: Set<string>) => {
    if (!schema) return;
    const ref = schema.$ref;
    if (ref === LINK_REF) return void found.push(path);
    if (typeof ref === 'string' && ref.startsWith('#/$defs/')) {
      if (seen.has(ref)) return; // a definition that contains itself
      return walk(defs[ref.slice('#/$defs/'.length)], path, new Set([...seen, ref]));
    }
    for (const [key, sub] of Object.entries((schema.properties ?? {}) as Record<string, Schema>))
      walk(sub, [...path, key], seen);
    if (schema.items) walk(schema.items as Schema, [...path, EACH], seen);
    for (const branch of ['allOf', 'anyOf', 'oneOf'] as const)
      for (const sub of (schema[branch] ?? []) as Schema[]) walk(sub, path, seen);
  };
  walk(root, [], new Set());
  const unique = new Map(found.map((p) => [p.map((s) => (s === EACH ? '[]' : s)).join('.'), p]));
  return [...unique.values()];
}

export interface RepoLink {
  path: PathSegment[];
  target: string;
}

/** The manifest's links that are repository paths (not URLs), with where each sits. */
export function repoLinks(manifest: unknown): RepoLink[] {
  const out: RepoLink[] = [];
  // Every manifest is walked along every link field: one path stack, copied only for a link found.
  const at: PathSegment[] = [];
  const visit = (value: unknown, field: FieldPath, depth: number) => {
    if (value === null || value === undefined) return;
    const head = field[depth];
    if (head === undefined) {
      if (typeof value === 'string' && !value.startsWith('https://'))
        out.push({ path: [...at], target: value });
      return;
    }
    if (head === EACH) {
      if (!Array.isArray(value)) return;
      for (let i = 0; i < value.length; i++) {
        at.push(i);
        visit(value[i], field, depth + 1);
        at.pop();
      }
      return;
    }
    if (typeof value === 'object' && Object.hasOwn(value, head)) {
      at.push(head);
      visit((value as Record<string, unknown>)[head], field, depth + 1);
      at.pop();
    }
  };
  for (const field of LINK_FIELDS) visit(manifest, field, 0);
  return out;
}

/**
 * A problem for each repository link whose file is not in the repository. A manifest that is not
 * valid is checked too, so one run reports both; a link a schema problem already names (its path
 * in `invalid`) is not.
 */
export function checkLinks(
  m: ManifestDocument,
  exists: (repoPath: string) => boolean,
  invalid: ReadonlySet<string> = new Set(),
): Problem[] {
  const missing = repoLinks(m.manifest).filter(
    (l) => !exists(l.target.replace(/\/+$/, '')) && !invalid.has(formatPath(l.path)),
  );
  if (missing.length === 0) return [];
  const locator = new Locator(m.text, m.events);
  return missing.map((l) =>
    problem(
      m.file,
      'link-not-found',
      `"${l.target}" is not in the repository; link a file that is (a path from the repository root) or an https URL`,
      { ...locator.span(l.path), path: formatPath(l.path) },
    ),
  );
}
