// The CLI as the npm package ships it (build-cli.ts): each command's code in chunks of its own, so
// `coe --version` or a typo loads none of them and `coe check` only what checking needs; Node's own
// modules are loaded when the code first uses one, not all at the start. What a run loads is read
// from Node itself (a resolve hook and its list of built-in modules), never from timings.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { bundleCli } from './build-cli.ts';

let out: string;
let entry: string;
beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'coe-build-cli-'));
  entry = join(out, 'cli', 'main.mjs');
  await bundleCli(entry);
}, 120_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Every file and built-in module one run of the bundle's main() loads, and its output. */
function run(argv: string[]) {
  const hook = `data:text/javascript,${encodeURIComponent(
    `import { registerHooks } from 'node:module';
     const files = [];
     registerHooks({ resolve(specifier, context, next) {
       const r = next(specifier, context);
       if (r.url.startsWith('file:')) files.push(r.url);
       return r;
     } });
     process.on('exit', () => process.getBuiltinModule('node:fs').writeSync(2,
       '\\n' + JSON.stringify({ files, builtins: process.moduleLoadList })));`,
  )}`;
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      hook,
      '--input-type=module',
      '-e',
      `const { main } = await import(${JSON.stringify(pathToFileURL(entry).href)});
       process.exitCode = await main(${JSON.stringify(argv)});`,
    ],
    { cwd: out, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
  );
  const loaded = JSON.parse(r.stderr.trim().split('\n').at(-1) as string) as {
    files: string[];
    builtins: string[];
  };
  const chunks = loaded.files.map((url) => url.slice(url.lastIndexOf('/') + 1));
  return { ...r, chunks, builtins: loaded.builtins };
}

const COMMANDS = ['check', 'init', 'new', 'test', 'explain', 'impact', 'audit', 'portfolio'];
const commandChunks = (chunks: string[]) =>
  chunks.filter((c) => COMMANDS.some((name) => c.startsWith(`${name}-`))).map((c) => c.split('-')[0]);

describe('the CLI bundle', () => {
  it('is an entry and chunks, one named after each command', () => {
    const chunks = readdirSync(join(out, 'cli', 'chunks'));
    expect(commandChunks(chunks).sort()).toEqual([...COMMANDS].sort());
    expect(readdirSync(join(out, 'cli')).sort()).toEqual(['chunks', 'licenses.txt', 'main.mjs']);
  });

  it('prints its version, and a suggestion for a typo, loading no command and starting no process', () => {
    const version = run(['--version']);
    expect(version.stdout).toBe(`${pkg.version}\n`);
    expect(version.status).toBe(0);
    expect(commandChunks(version.chunks)).toEqual([]);
    // Commander needs child_process only to run a subcommand as a program, which coe has none of.
    expect(version.builtins).not.toContain('NativeModule child_process');
    expect(version.builtins).not.toContain('NativeModule crypto');

    const typo = run(['chek']);
    expect(typo.stderr).toMatch(/unknown command 'chek'\n\(Did you mean check\?\)/);
    expect(typo.status).toBe(2);
    expect(commandChunks(typo.chunks)).toEqual([]);
  });

  it('loads the command it runs and no other; the list of commands in help loads them all', () => {
    const check = run(['check', '--help']);
    expect(check.stdout).toMatch(/^Usage: coe check \[options\] \[paths\.\.\.\]/);
    // Commands that share code with check (its --as-of) load it; check loads none of them.
    expect(commandChunks(check.chunks)).toEqual(['check']);
    const helpNew = run(['help', 'new']);
    expect(helpNew.stdout).toMatch(/--domain <domain>/);
    expect(commandChunks(helpNew.chunks)).toEqual(['new']);
    const help = run(['--help']);
    expect(help.stdout).toMatch(/^ +portfolio \[options\] +report the portfolio/m);
    expect(commandChunks(help.chunks).sort()).toEqual([...COMMANDS].sort());
  });
});
