// JSON output written in pieces: what `JSON.stringify(value, null, 2)` writes, byte for byte, but
// the outer object and the arrays in it are taken member by member, so a report of 50,000 use
// cases never becomes one string of tens of megabytes (nor its copy on the way to stdout).

/** How many levels of objects and arrays are written member by member; deeper ones whole. */
const STREAMED_LEVELS = 2;
/** A list longer than this is written member by member at any depth (the portfolio's ROI lines). */
export const LONG_LIST = 64;

/**
 * The pieces of `JSON.stringify(value, null, 2)`, in order; joined, they are exactly that text.
 * `levels` deep, objects and arrays are taken member by member; deeper ones whole, but for a list
 * longer than LONG_LIST.
 */
export function* jsonChunks(value: unknown, levels = STREAMED_LEVELS): Generator<string> {
  yield* chunks(value, '', levels);
}

/** A JSON document as the CLI writes it: the value as jsonChunks gives it, then a line break. */
export function* jsonDocument(value: unknown): Generator<string> {
  yield* jsonChunks(value);
  yield '\n';
}

function* chunks(value: unknown, indent: string, levels: number): Generator<string> {
  if (Array.isArray(value) && (levels > 0 || value.length > LONG_LIST)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    const inner = `${indent}  `;
    for (let i = 0; i < value.length; i++) {
      yield `${i ? ',' : '['}\n${inner}`;
      yield* chunks(omitted(value[i]) ? null : value[i], inner, levels - 1);
    }
    yield `\n${indent}]`;
    return;
  }
  if (levels > 0 && isPlainObject(value)) {
    const entries = Object.entries(value).filter(([, v]) => !omitted(v));
    if (entries.length === 0) {
      yield '{}';
      return;
    }
    const inner = `${indent}  `;
    for (const [i, [key, v]] of entries.entries()) {
      yield `${i ? ',' : '{'}\n${inner}${JSON.stringify(key)}: `;
      yield* chunks(v, inner, levels - 1);
    }
    yield `\n${indent}}`;
    return;
  }
  // JSON.stringify never writes a line break inside a string (it escapes it), so every line break
  // in its output starts an indented line.
  yield (JSON.stringify(value, null, 2) as string).replaceAll('\n', `\n${indent}`);
}

/** What JSON.stringify leaves out of an object (and writes as null in an array). */
function omitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { toJSON?: unknown }).toJSON !== 'function'
  );
}
