#!/usr/bin/env node
import { V8_FLAGS } from './v8-flags.js';

// Node's own modules as they are (Node 22.3 and later): importing node:fs as an ES module builds
// its module facade, which reads every export and so loads its promises API and streams, about
// 10 ms of a start that coe --version otherwise spends mostly in Node itself.
const builtin = async (id) => process.getBuiltinModule?.(id) ?? (await import(id));
const { existsSync } = await builtin('node:fs');

// Plain JavaScript so that an older Node gets a clear message instead of a stack trace. From a
// clone, coe runs the TypeScript source beside this file, which Node 24 runs natively; the npm
// package ships no source but the compiled bundle (scripts/build-cli.ts), which Node 22 runs.
const fromSource = existsSync(new URL('./main.ts', import.meta.url));
const needed = fromSource ? 24 : 22;
const major = Number(process.versions.node.split('.')[0]);
if (major < needed) {
  process.stderr.write(
    fromSource
      ? `coe: needs Node.js 24 or later, this is ${process.version}. Run it as "npx coe" from the repository, ` +
          'which uses the Node 24 that npm ci installs.\n'
      : `coe: needs Node.js 22 or later, this is ${process.version}.\n`,
  );
  process.exit(2);
}
// A reader that stops early (coe check | head) closes the pipe: stop quietly, as other tools do.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
// `coe --version` alone is answered here, from the package's own package.json: loading the CLI
// (commander, the command table) to print one line would cost more than the rest of the start.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
  const { readFileSync } = await builtin('node:fs');
  const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`${version}\n`);
} else await start();

/** Everything else: the V8 settings, the compile cache, then the command line itself (main.ts). */
async function start() {
  // The V8 settings are command-line flags, and some (the young generation's size) only take effect
  // at start: the commands that read a whole portfolio or history restart this same process with
  // them (execve keeps the pid, the streams and the exit code); a restart costs a Node start, which
  // the others (new, explain…) do not pay, nor need the settings. Nor does a check of a
  // change (--base), which judges the few manifests that changed: when the policies changed and it
  // judges them all, its peak is the versions it reads from git, the same with the setting as
  // without (about 1 GB at 50,000 manifests). Where a restart is not possible (Windows) or not
  // worth it, set the settings V8 reads at run time and go on without the rest.
  const WHOLE_PORTFOLIO = new Set(['check', 'portfolio', 'audit', 'impact']);
  const command = args[0] ?? '';
  const missing = WHOLE_PORTFOLIO.has(command)
    ? V8_FLAGS.filter((flag) => !process.execArgv.includes(flag))
    : [];
  const ofAChange = command === 'check' && args.some((arg) => arg === '--base' || arg.startsWith('--base='));
  if (missing.length && !ofAChange && typeof process.execve === 'function' && process.platform !== 'win32') {
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
  const { setFlagsFromString } = await builtin('node:v8');
  for (const flag of missing) setFlagsFromString(flag);
  // Node keeps the compiled code of the modules it loads on disk and reuses it on the next start.
  // It keeps what was compiled when a module loaded: with V8's usual lazy compilation only the
  // top level, so every function a command runs was compiled again at each start. The package's
  // bundle is compiled eagerly, and all of it is kept: from the second run on `coe check --base`
  // starts about 10% faster (npm run bench; docs/cli.md#performance). Only with the cache, which
  // eager compilation would otherwise cost at every start; and not from a clone, whose TypeScript
  // source it makes slower to start (coe --version 56 against 40 ms).
  const nodeModule = await builtin('node:module');
  if (typeof nodeModule.enableCompileCache === 'function') {
    const eager = !fromSource;
    // Before the cache's folder is chosen: V8's settings name it.
    if (eager) setFlagsFromString('--no-lazy');
    const { status } = nodeModule.enableCompileCache();
    const { ENABLED, ALREADY_ENABLED } = nodeModule.constants.compileCacheStatus;
    if (eager && status !== ENABLED && status !== ALREADY_ENABLED) setFlagsFromString('--lazy');
  }
  try {
    const { main } = await import(fromSource ? './main.ts' : '../../dist/cli/main.mjs');
    process.exitCode = await main(args);
    // The command is done and has waited for everything it started. Left to itself, Node would go
    // on to tear down: the event loop's last turns and V8's garbage collection work still pending,
    // about 10 ms of every run (npm run bench). Once all output is with the system, exit at once
    // (the compile cache is still written on the way out).
    if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit();
  } catch (error) {
    // Only a fault while loading the engine gets here; main() handles everything after that.
    process.stderr.write(
      `coe: internal error while starting: ${error instanceof Error ? error.message : error}\n`,
    );
    if (process.env.COE_DEBUG) process.stderr.write(`${error?.stack ?? ''}\n`);
    process.exitCode = 2;
  }
}
