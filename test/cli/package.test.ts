// The npm package as an adopter gets it: `npm pack` (which builds the CLI bundle first), the
// tarball unpacked into a project's node_modules as npm would install it, and `coe` run from
// there through its bin link on a CoE repository of that project. It must give the verdict the
// source gives, ship no sample use cases, policies or test tooling, and need no other package.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { coe, REPO_ROOT } from '../helpers/repo.ts';

interface PackResult {
  filename: string;
  unpackedSize: number;
  files: { path: string }[];
}

let packed: PackResult;
let project: string;
// Shared by the tests of this file, so not the helpers' folders (removed after each test).
const scratch = mkdtempSync(join(tmpdir(), 'coe-pack-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

beforeAll(() => {
  const out = join(scratch, 'tarball');
  mkdirSync(out);
  const json = execFileSync('npm', ['pack', '--pack-destination', out, '--json', '--silent'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  packed = (JSON.parse(json) as PackResult[])[0] as PackResult;
  // A project that depends on coe-gate: the package where npm puts it, and the bin link npm makes.
  project = join(scratch, 'adopter');
  const installed = join(project, 'node_modules', 'coe-gate');
  mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['-xzf', join(out, packed.filename), '-C', installed, '--strip-components=1']);
  mkdirSync(join(project, 'node_modules', '.bin'));
  symlinkSync(join('..', 'coe-gate', pkg.bin.coe), join(project, 'node_modules', '.bin', 'coe'));
  // Its CoE repository: the shipped policies and sample use cases, as a stand-in for its own.
  for (const dir of ['policies', 'usecases'])
    cpSync(join(REPO_ROOT, dir), join(project, dir), { recursive: true });
  execFileSync('git', ['init', '-q', '-b', 'main', project]);
}, 120_000);

/** `coe` through the project's bin link (its shebang, the Node first on PATH), without the source. */
function installedCoe(args: string[]) {
  return spawnSync(join(project, 'node_modules', '.bin', 'coe'), args, {
    cwd: project,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', PATH: `${dirname(process.execPath)}:${process.env.PATH}` },
    maxBuffer: 64 * 1024 * 1024,
  });
}

describe('the npm package', () => {
  it('holds the CLI bundle, its launcher, the schemas and the licences, and nothing else', () => {
    const paths = packed.files.map((f) => f.path).sort();
    expect(paths).toEqual(
      [
        'LICENSE',
        'README.md',
        'dist/cli/licenses.txt',
        'dist/cli/main.mjs',
        'engine/cli/coe.js',
        'engine/cli/v8-flags.js',
        'engine/schema/policy-test.schema.json',
        'engine/schema/policy.schema.json',
        'engine/schema/registries.schema.json',
        'engine/schema/usecase.schema.json',
        'package.json',
      ].sort(),
    );
    // Everything it runs is bundled: installing it installs no other package.
    const manifest = JSON.parse(
      readFileSync(join(project, 'node_modules', 'coe-gate', 'package.json'), 'utf8'),
    );
    expect(manifest.dependencies).toBeUndefined();
    expect(manifest.engines.node).toBe('>=22');
    expect(packed.unpackedSize).toBeLessThan(15 * 1024 * 1024);
  });

  it('runs from node_modules and gives the verdict the source gives', () => {
    const version = installedCoe(['--version']);
    expect(version.stderr).toBe('');
    expect(version.stdout.trim()).toBe(pkg.version);
    for (const args of [
      ['check', '--format', 'json', '--as-of', '2026-11-24'],
      ['check', '--as-of', '2099-01-01'],
      ['test'],
      ['explain', 'fnol-triage-assistant', '--as-of', '2026-11-24'],
    ]) {
      const installed = installedCoe(args);
      const source = coe(args, { cwd: project });
      expect(installed.stdout, args.join(' ')).toBe(source.stdout);
      expect(installed.stderr, args.join(' ')).toBe(source.stderr);
      expect(installed.status, args.join(' ')).toBe(source.status);
    }
    // The sample passes today and is blocked once time has broken it: both verdicts were compared.
    expect(installedCoe(['check', '--as-of', '2026-11-24']).status).toBe(0);
    expect(installedCoe(['check', '--as-of', '2099-01-01']).status).toBe(1);
  });

  it('a launcher on too old a Node says which version it needs, in one line', () => {
    const fakeOld =
      "Object.defineProperty(process.versions, 'node', { value: '20.1.0' });" +
      "Object.defineProperty(process, 'version', { value: 'v20.1.0' });" +
      `await import(${JSON.stringify(join(project, 'node_modules', 'coe-gate', pkg.bin.coe))});`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', fakeOld, '--', '--version'], {
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('coe: needs Node.js 22 or later, this is v20.1.0.\n');
    expect(r.status).toBe(2);
  });
});
