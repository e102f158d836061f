// A large JSON report written in pieces: the same text as JSON.stringify(value, null, 2), without
// ever holding it whole (at 50,000 use cases the portfolio's is tens of megabytes, and the heap
// grows to a multiple of what is live). Objects and arrays are opened down to `depth`; below it
// each value is one JSON.stringify, re-indented (a JSON text has no line break inside a string).
export function* jsonChunks(value: unknown, depth = 3, indent = ''): Generator<string> {
  const open = depth > 0 && value !== null && typeof value === 'object';
  const entries = open
    ? Array.isArray(value)
      ? value.map((v) => [undefined, v] as const)
      : Object.entries(value as object)
          .filter(([, v]) => v !== undefined && typeof v !== 'function')
          .map(([k, v]) => [k, v] as const)
    : [];
  if (!open || entries.length === 0) {
    // Only an array item can be undefined (or a function) here: JSON writes it as null.
    yield (JSON.stringify(value, null, 2) ?? 'null').replaceAll('\n', `\n${indent}`);
    return;
  }
  const inner = `${indent}  `;
  yield Array.isArray(value) ? '[\n' : '{\n';
  for (let i = 0; i < entries.length; i++) {
    const [key, v] = entries[i] as readonly [string | undefined, unknown];
    yield key === undefined ? inner : `${inner}${JSON.stringify(key)}: `;
    yield* jsonChunks(v, depth - 1, inner);
    yield i < entries.length - 1 ? ',\n' : '\n';
  }
  yield `${indent}${Array.isArray(value) ? ']' : '}'}`;
}

/** The chunks joined into pieces of about `size` characters, for fewer writes. */
export function* batched(chunks: Iterable<string>, size = 1 << 20): Generator<string> {
  let buffer: string[] = [];
  let length = 0;
  for (const c of chunks) {
    buffer.push(c);
    length += c.length;
    if (length >= size) {
      yield buffer.join('');
      buffer = [];
      length = 0;
    }
  }
  if (length) yield buffer.join('');
}
