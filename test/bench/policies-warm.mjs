// Part of npm run bench: what the policies add to a check once everything is warm. One process
// imports the installed package's API (dist/lib) and runs judge() over files it has already read,
// with and without the policies, in turns; after a first pass of each, the fastest of three more
// counts, so that each is as warm as V8 makes it. Prints the times in milliseconds, as JSON.
//
// Given the hook replay-logic-hook.mjs (node --import), it also times a third kind of pass: with
// the policies, every outcome of their logic replayed from a first pass instead of evaluated, and
// checks that it judges every use case exactly as the real pass does. Its time is what the
// policies would add with logic that took no time at all.
//
//   node [--import ./replay-logic-hook.mjs] test/bench/policies-warm.mjs <installed package folder> <root> <as-of>
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [pkg = '', root = '.', asOf = '2026-11-24'] = process.argv.slice(2);
const { judge, readPolicySources, readSources } = await import(
  pathToFileURL(join(pkg, 'dist', 'lib', 'index.mjs')).href
);
const replaying = globalThis.__coeLogicTapeHooked?.() === true;
const inMemory = (sources) =>
  sources.map((s) => {
    const bytes = s.read();
    return { file: s.file, read: () => bytes };
  });
const manifests = inMemory(readSources(root, [], root).sources);
const policies = inMemory(readPolicySources(root) ?? []);

function run(withPolicies) {
  const start = performance.now();
  const { check } = judge({ manifests, policies: withPolicies ? policies : undefined, today: asOf });
  const ms = performance.now() - start;
  if (check.useCases.length !== manifests.length) throw new Error(`judged ${check.useCases.length} files`);
  return { ms, check };
}

const plain = new Map();
const tape = {
  mode: 'record',
  outcomes: [],
  next: 0,
  /** One outcome per plain value with nothing missing; any other outcome as it is. */
  shared(outcome) {
    const { value, missing, error } = outcome;
    if (missing.length || error !== undefined || (value !== null && typeof value === 'object'))
      return outcome;
    let kept = plain.get(value);
    if (!kept) {
      kept = Object.freeze({ value, missing: Object.freeze([]) });
      plain.set(value, kept);
    }
    return kept;
  },
};
if (replaying) {
  globalThis.__coeLogicTape = tape;
  run(true);
  tape.mode = 'off';
}
function replayed() {
  tape.mode = 'replay';
  tape.next = 0;
  try {
    return run(true);
  } finally {
    tape.mode = 'off';
  }
}

// The first pass of each kind warms it up; the fastest of the others counts, this machine's noise
// being all on the slow side.
const PASSES = 4;
const times = { without: Infinity, with: Infinity, ...(replaying ? { replayed: Infinity } : {}) };
for (let pass = 0; pass < PASSES; pass++) {
  const counted = (kind, ms) => {
    if (pass > 0) times[kind] = Math.min(times[kind], ms);
  };
  counted('without', run(false).ms);
  const real = run(true);
  counted('with', real.ms);
  if (replaying) {
    const again = replayed();
    if (tape.next !== tape.outcomes.length)
      throw new Error('the replayed pass asked for a different number of outcomes');
    if (JSON.stringify(again.check) !== JSON.stringify(real.check))
      throw new Error('the replayed pass judged differently from the real one');
    counted('replayed', again.ms);
  }
}
process.stdout.write(`${JSON.stringify(times)}\n`);
