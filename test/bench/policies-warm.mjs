// Part of npm run bench: what the policies add to a check once everything is warm. One process
// imports the installed package's API (dist/lib) and runs judge() over files it has already read,
// with and without the policies, in turns; the last pass of each counts, so that each is as warm
// as V8 makes it. Prints the two times in milliseconds, as JSON.
//
//   node test/bench/policies-warm.mjs <installed package folder> <root> <as-of>
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [pkg = '', root = '.', asOf = '2026-11-24'] = process.argv.slice(2);
const { judge, readPolicySources, readSources } = await import(
  pathToFileURL(join(pkg, 'dist', 'lib', 'index.mjs')).href
);
const inMemory = (sources) =>
  sources.map((s) => {
    const bytes = s.read();
    return { file: s.file, read: () => bytes };
  });
const manifests = inMemory(readSources(root, [], root).sources);
const policies = inMemory(readPolicySources(root) ?? []);

function timed(withPolicies) {
  const start = performance.now();
  const { check } = judge({ manifests, policies: withPolicies ? policies : undefined, today: asOf });
  const ms = performance.now() - start;
  if (check.useCases.length !== manifests.length) throw new Error(`judged ${check.useCases.length} files`);
  return ms;
}

const PASSES = 3;
const times = { without: 0, with: 0 };
for (let pass = 0; pass < PASSES; pass++) {
  times.without = timed(false);
  times.with = timed(true);
}
process.stdout.write(`${JSON.stringify(times)}\n`);
