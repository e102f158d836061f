#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';
import { V8_FLAGS } from './v8-flags.js';

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
// The V8 settings are command-line flags, and some (the young generation's size) only take effect
// at start: restart this same process with them (execve keeps the pid, the streams and the exit
// code). Where it cannot (Windows), set the ones V8 reads at run time and go on without the rest.
const missing = V8_FLAGS.filter((flag) => !process.execArgv.includes(flag));
if (missing.length && typeof process.execve === 'function' && process.platform !== 'win32') {
  try {
    process.execve(process.execPath, [
      process.execPath,
      ...missing,
      ...process.execArgv,
      ...process.argv.slice(1),
    ]);
  } catch {
    // Not restarted: go on as this process.
  }
}
for (const flag of missing) setFlagsFromString(flag);
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
