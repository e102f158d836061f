#!/usr/bin/env node
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
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
