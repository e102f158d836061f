#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';

// Plain JavaScript so that an older Node gets a clear message instead of a stack trace:
// the engine is TypeScript that Node 24 runs natively.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  process.stderr.write(
    `coe: needs Node.js 24 or later, this is ${process.version}. Run it as "npx coe" from the repository, ` +
      'which uses the Node 24 that npm ci installs.\n',
  );
  process.exit(2);
}
// Checking a portfolio makes the same short-lived objects for every manifest. Whether V8 starts
// allocating them straight into the old generation (allocation-site pretenuring) depends on when
// its first collections fall; when it does, every file's parse is promoted and then collected by
// full collections, and `coe check` of 50,000 manifests peaks at about 490 MB instead of about
// 290 MB, at more CPU. Only an optimisation is turned off (see docs/cli.md#performance).
setFlagsFromString('--no-allocation-site-pretenuring');
// A reader that stops early (coe check | head) closes the pipe: stop quietly, as other tools do.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
try {
  const { main } = await import('./main.ts');
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  // Only a fault while loading the engine gets here; main() handles everything after that.
  process.stderr.write(
    `coe: internal error while starting: ${error instanceof Error ? error.message : error}\n`,
  );
  if (process.env.COE_DEBUG) process.stderr.write(`${error?.stack ?? ''}\n`);
  process.exitCode = 2;
}
