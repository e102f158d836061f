// What `coe new` writes for a team to fill in: text starting with TODO, and @OWNER for the owner.
// A placeholder is not an answer: rules read it as absent, the tier treats it as unknown, and the
// lifecycle rules name each one until it is replaced.
import { formatPath, type PathSegment } from '../yaml/path.ts';

/** The marker every placeholder the scaffold writes starts with (or, for a principal, is). */
export const TODO = 'TODO';
export const OWNER_PLACEHOLDER = '@OWNER';

export function isPlaceholder(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  // A placeholder starts, once trimmed, with T or @: a string whose first character is neither,
  // nor white space (all of it below U+00A0 is ASCII's; above, trimming knows more), is none,
  // and most are told so without reading further.
  const first = value.charCodeAt(0);
  if (first > 0x20 && first < 0xa0 && first !== 0x54 && first !== 0x40) return false;
  // Looked for before any trimmed copy is made.
  if (value.includes(TODO)) return value.trimStart().startsWith(TODO);
  return value.includes(OWNER_PLACEHOLDER) && value.trim() === OWNER_PLACEHOLDER;
}

/** Documents whose text showed that no placeholder can be in them (notePlaceholderFree). */
const placeholderFree = new WeakSet<object>();

/**
 * Notes that `document`, parsed from `text` and never changed after, holds no placeholder when its
 * text shows that none can be there: a string value holds TODO or @OWNER only if the text does, or
 * writes it with a backslash escape ("\x54ODO") in a double-quoted string. OWNER alone is looked
 * for, as a historic manifest's bare login becomes "@OWNER" once read. hasPlaceholder then answers
 * without walking it: most manifests past intake have none, and are checked in their thousands.
 */
export function notePlaceholderFree(document: object, text: string): void {
  if (!text.includes(TODO) && !text.includes('OWNER') && !text.includes('\\')) placeholderFree.add(document);
}

/**
 * Whether a placeholder is anywhere in the value: a walk that makes nothing, so that a manifest
 * without any (most, once past intake) skips the two walks below; none at all for a document
 * whose text already said so (notePlaceholderFree).
 */
export function hasPlaceholder(value: unknown): boolean {
  if (typeof value === 'object' && value !== null && placeholderFree.has(value)) return false;
  return anyPlaceholder(value);
}

function anyPlaceholder(value: unknown): boolean {
  if (typeof value === 'string') return isPlaceholder(value);
  if (Array.isArray(value)) return value.some(anyPlaceholder);
  if (value === null || typeof value !== 'object') return false;
  // Own values, as a for…in with an own-property test reads them, about a quarter faster.
  for (const child of Object.values(value)) if (anyPlaceholder(child)) return true;
  return false;
}

export interface Placeholder {
  /** The manifest field, as users read it: spec.intake.goal, spec.data.sources[0].name. */
  path: string;
  value: string;
}

/** Every placeholder in a manifest, in document order. */
export function findPlaceholders(value: unknown): Placeholder[] {
  const found: Placeholder[] = [];
  const walk = (node: unknown, at: PathSegment[]) => {
    if (isPlaceholder(node)) found.push({ path: formatPath(at), value: node });
    else if (Array.isArray(node)) {
      for (const [i, v] of node.entries()) walk(v, [...at, i]);
    } else if (node !== null && typeof node === 'object')
      for (const [k, v] of Object.entries(node)) walk(v, [...at, k]);
  };
  walk(value, []);
  return found;
}

/**
 * The manifest as the rules read it: each placeholder field left out (a list item that is one is
 * kept as null, so the items after it keep their positions). The same object when there is none.
 */
export function withoutPlaceholders<T>(value: T): T {
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((v) => {
      const w = isPlaceholder(v) ? null : withoutPlaceholders(v);
      if (w !== v) changed = true;
      return w;
    });
    return (changed ? out : value) as T;
  }
  if (value === null || typeof value !== 'object') return value;
  let out: Record<string, unknown> | undefined;
  for (const [k, v] of Object.entries(value)) {
    const w = isPlaceholder(v) ? undefined : withoutPlaceholders(v);
    if (w === v) continue;
    out ??= { ...(value as Record<string, unknown>) };
    if (w === undefined) delete out[k];
    else out[k] = w;
  }
  return (out ?? value) as T;
}
