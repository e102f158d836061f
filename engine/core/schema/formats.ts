// The string formats the schemas name (format: date, date-time, uri), as ajv takes them: the
// validators compiled when first needed (compile.ts) and those the npm package's build compiles
// ahead (scripts/build-cli.ts) check with these same functions.
import type { Format } from 'ajv';
import { fullFormats } from 'ajv-formats/dist/formats.js';

// ajv-formats' full date check (real calendar days), remembering its answers.
const fullDate = fullFormats.date as {
  validate: (value: string) => boolean;
  compare: (a: string, b: string) => number | undefined;
};

export const FORMATS: Record<string, Format> = {
  uri: fullFormats.uri,
  'date-time': fullFormats['date-time'],
  date: { type: 'string', validate: remembered(fullDate.validate), compare: fullDate.compare },
};

/**
 * A format check that remembers its answers: a portfolio repeats the same few hundred dates
 * thousands of times. Bounded, so a stream of distinct values cannot grow it without end.
 */
function remembered(check: (value: string) => boolean): (value: string) => boolean {
  const known = new Map<string, boolean>();
  return (value) => {
    let ok = known.get(value);
    if (ok === undefined) {
      ok = check(value);
      if (known.size < 10_000) known.set(value, ok);
    }
    return ok;
  };
}
