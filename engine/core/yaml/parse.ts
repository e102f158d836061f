// Bytes → one YAML document → a plain value, with every way that can go wrong turned into
// a Problem with a position. Pure: the caller reads the bytes.
import { constructFromEvents, type Event, parseEvents, YAMLException } from 'js-yaml';
import { type Problem, problem } from '../problem.ts';
import { Locator, positionIn } from './locate.ts';

export const LIMITS = {
  /** Largest manifest accepted; real ones are a few KiB. */
  maxFileBytes: 1024 * 1024,
  /** Aliases allowed in one manifest or policy file. */
  maxAliases: 100,
  /** Aliases allowed in one policy test file, which reuses fixtures through anchors. */
  maxTestAliases: 1000,
  /** Nodes a document may hold once its aliases are expanded; a rich manifest has a few thousand. */
  maxExpandedNodes: 100_000,
  /** Nesting depth; the deepest manifest field is under ten levels down. */
  maxDepth: 64,
} as const;

export type Parsed =
  | { ok: true; text: string; value: Record<string, unknown>; events: Event[] }
  | { ok: false; problems: Problem[] };

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8Lossy = new TextDecoder('utf-8');

export function decodeText(
  file: string,
  bytes: Uint8Array,
): { ok: true; text: string } | { ok: false; problems: Problem[] } {
  if (bytes.length > LIMITS.maxFileBytes) {
    return fail(problem(file, 'file-too-large', tooLarge(bytes.length)));
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const text = utf8Lossy.decode(bytes.subarray(0, nul));
    return fail(
      problem(
        file,
        'file-binary',
        'binary file (it contains a NUL byte): a manifest is YAML text',
        positionIn(text, text.length),
      ),
    );
  }
  try {
    return { ok: true, text: utf8.decode(bytes) };
  } catch {
    const text = utf8Lossy.decode(bytes);
    return fail(
      problem(
        file,
        'file-encoding',
        'not valid UTF-8: save the file as UTF-8',
        positionIn(text, text.indexOf('\uFFFD')),
      ),
    );
  }
}

export function tooLarge(bytes: number): string {
  const n = (v: number) => v.toLocaleString('en');
  return `file is ${n(bytes)} bytes; manifests are limited to ${LIMITS.maxFileBytes / 1024 / 1024} MiB (${n(LIMITS.maxFileBytes)} bytes)`;
}

/** What a file holds, as its problems name it: a manifest unless the reader says otherwise. */
export interface DocumentKind {
  /** e.g. "a manifest". */
  name: string;
  /** The fields it is a mapping of, e.g. "apiVersion, kind, metadata and spec". */
  fields: string;
}

export const MANIFEST_DOCUMENT: DocumentKind = {
  name: 'a manifest',
  fields: 'apiVersion, kind, metadata and spec',
};

/**
 * Parses one manifest's text (or the `document` named) into a mapping. `maxAliases`: policy tests
 * reuse fixtures through anchors and may allow more than manifests.
 */
export function parseYaml(
  file: string,
  text: string,
  maxAliases: number = LIMITS.maxAliases,
  document: DocumentKind = MANIFEST_DOCUMENT,
): Parsed {
  if (!hasContent(text)) {
    return fail(
      problem(file, 'file-empty', `file is empty: ${document.name} starts with ${document.fields}`),
    );
  }
  // load() is parseEvents + constructFromEvents; doing the two halves here keeps the events,
  // from which positions are found later without parsing again.
  let value: unknown;
  let events: Event[];
  try {
    events = parseEvents(text, { filename: file, maxDepth: LIMITS.maxDepth });
    const documents = constructFromEvents(events, {
      source: text,
      filename: file,
      maxAliases,
    });
    if (documents.length !== 1)
      throw new YAMLException(
        documents.length
          ? 'expected a single document in the stream, but found more'
          : 'expected a document, but the input is empty',
      );
    value = documents[0];
  } catch (error) {
    return fail(yamlProblem(file, text, error, maxAliases));
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const what = Array.isArray(value) ? 'a list' : value === null ? 'empty' : `a ${typeof value}`;
    return fail(
      problem(
        file,
        'yaml-not-mapping',
        `the document is ${what}; ${document.name} is a mapping of ${document.fields}`,
      ),
    );
  }
  // Only anchors (&) can be aliased; most manifests have none and skip the walk.
  if (text.includes('&') && expandedSize(value, LIMITS.maxExpandedNodes) > LIMITS.maxExpandedNodes) {
    const locator = new Locator(text, events);
    return fail(
      problem(
        file,
        'yaml-alias-limit',
        `aliases expand to more than ${LIMITS.maxExpandedNodes.toLocaleString('en')} nodes; write the values out instead of nesting anchors`,
        locator.position(locator.firstAliasOffset() ?? 0),
      ),
    );
  }
  return { ok: true, text, value: value as Record<string, unknown>, events };
}

function yamlProblem(file: string, text: string, error: unknown, maxAliases: number): Problem {
  if (!(error instanceof YAMLException)) {
    return problem(
      file,
      'yaml-syntax',
      `YAML could not be read: ${String((error as Error)?.message ?? error)}`,
    );
  }
  const reason = error.reason;
  const at = error.mark ? { line: error.mark.line + 1, column: error.mark.column + 1 } : {};
  if (/single document/.test(reason)) {
    return problem(
      file,
      'yaml-multiple-documents',
      'more than one YAML document (---) in one file; put each use case in its own file',
      { line: secondDocumentLine(text) },
    );
  }
  if (/duplicated mapping key/.test(reason)) {
    return problem(file, 'yaml-duplicate-key', 'duplicate key: each field may appear once in a mapping', at);
  }
  if (/maxAliases|alias/i.test(reason) && /exceed/.test(reason)) {
    return problem(
      file,
      'yaml-alias-limit',
      `more than ${maxAliases} aliases in one document; write the values out`,
      at,
    );
  }
  const unquoted = error.mark ? unquotedAt(text, error.mark.line) : undefined;
  if (unquoted)
    return problem(
      file,
      'yaml-syntax',
      `a value cannot start with @ in YAML; quote it: "${unquoted.value}"`,
      { line: unquoted.line, column: unquoted.column },
    );
  return problem(file, 'yaml-syntax', `YAML syntax: ${reason}`, at);
}

/**
 * A value on the line that starts with @, unquoted (login: @bchen): YAML reserves @, so the parser
 * stops there with a message about indentation or commas. The value, and its 1-based column.
 */
function unquotedAt(text: string, line: number): { value: string; line: number; column: number } | undefined {
  const source = text.split('\n')[line] ?? '';
  const m = /(^|[:[{,-][ \t]*|[ \t])(@[^\s,\]}#]*)/.exec(source.replace(/#.*$/, ''));
  if (!m || (m[1] as string).trim() === '' || !/[:[{,-]/.test(m[1] as string)) return undefined;
  return { value: m[2] as string, line: line + 1, column: m.index + (m[1] as string).length + 1 };
}

/** Counts nodes as if aliases were expanded, visiting each shared node once. */
function expandedSize(root: unknown, limit: number): number {
  const sizes = new Map<object, number>();
  const size = (v: unknown): number => {
    if (v === null || typeof v !== 'object') return 1;
    const known = sizes.get(v);
    if (known !== undefined) return known;
    let n = 1;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      n += size(child);
      if (n > limit) break;
    }
    sizes.set(v, n);
    return n;
  };
  return size(root);
}

function hasContent(text: string): boolean {
  return /^[ \t]*[^\s#]/m.test(text);
}

function secondDocumentLine(text: string): number {
  const lines = text.split('\n');
  let seenContent = false;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as string;
    if (/^(---|\.\.\.)(\s|$)/.test(l)) {
      if (seenContent) return i + 1;
      seenContent = true; // an opening --- before the first document
    } else if (/^[ \t]*[^\s#]/.test(l)) seenContent = true;
  }
  return 1;
}

function fail(p: Problem): { ok: false; problems: Problem[] } {
  return { ok: false, problems: [p] };
}
