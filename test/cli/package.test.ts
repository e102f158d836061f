// The npm package as an adopter gets it: `npm pack` (which builds the CLI bundle first), the
// tarball unpacked into a project's node_modules as npm would install it, and `coe` run from
// there through its bin link on a CoE repository of that project. It must give the verdict the
// source gives, ship no sample use cases, policies or test tooling, and need no other package.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_REPOSITORY } from '../../engine/cli/commands/init.ts';
import pkg from '../../package.json' with { type: 'json' };
import { POLICIES_WARM, REPLAY_LOGIC_HOOK } from '../bench/processes.ts';
import { LOADED_MODULES_HOOK, loadedModules } from '../helpers/loaded-modules.ts';
import { installPackage, type PackResult, packPackage } from '../helpers/package.ts';
import { coe, NEW_CLAIMS_TRIAGE, REPO_ROOT, roleHolders } from '../helpers/repo.ts';

let packed: PackResult;
let project: string;
// Shared by the tests of this file, so not the helpers' folders (removed after each test).
const scratch = mkdtempSync(join(tmpdir(), 'coe-pack-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

beforeAll(() => {
  const out = join(scratch, 'tarball');
  mkdirSync(out);
  packed = packPackage(out);
  // A project that depends on coe-gate: the package where npm puts it, and the bin link npm makes.
  project = join(scratch, 'adopter');
  installPackage(join(out, packed.filename), project);
  // Its CoE repository: the shipped policies and sample use cases, as a stand-in for its own.
  for (const dir of ['policies', 'usecases'])
    cpSync(join(REPO_ROOT, dir), join(project, dir), { recursive: true });
  execFileSync('git', ['init', '-q', '-b', 'main', project]);
}, 120_000);

/**
 * `coe` through the project's bin link (its shebang, the Node first on PATH), without the source;
 * `node` names the Node binary to run it with (default: the one running the tests).
 */
function installedCoe(args: string[], cwd = project, node = process.execPath) {
  return spawnSync(join(project, 'node_modules', '.bin', 'coe'), args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', PATH: `${dirname(node)}:${process.env.PATH}` },
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** A Node 22 binary, which .ci/run installs; the package supports it (engines: >=22). */
const NODE22 = process.env.COE_NODE22;

describe('the npm package', () => {
  it('holds the CLI bundle, its launcher, the schemas and the licences, and nothing else', () => {
    const paths = packed.files.map((f) => f.path).sort();
    expect(paths).toEqual(
      expect.arrayContaining([
        'LICENSE',
        'README.md',
        'dist/cli/licenses.txt',
        'dist/cli/main.mjs',
        'dist/lib/index.mjs',
        'dist/lib/index.d.ts',
        'dist/lib/licenses.txt',
        'engine/cli/coe.js',
        'engine/cli/v8-flags.js',
        'engine/schema/usecase.schema.json',
        'engine/schema/policy.schema.json',
        // What coe init copies into a new repository.
        'policies/registries/roles.yaml',
        'policies/tests/fixtures/broker-call-summary.yaml',
        'docs/templates/coe-charter.md',
        '.github/workflows/coe-gate.yml',
      ]),
    );
    // Nothing else: no sample portfolio, no tests or test tooling, no TypeScript source.
    const shipped =
      /^(LICENSE|README\.md|package\.json|dist\/cli\/|dist\/lib\/index\.(mjs|d\.ts)$|dist\/lib\/licenses\.txt$|engine\/cli\/[\w-]+\.js$|engine\/schema\/[\w-]+\.schema\.json$|policies\/|docs\/templates\/|\.github\/workflows\/coe-[\w-]+\.yml$)/;
    expect(paths.filter((p) => !shipped.test(p))).toEqual([]);
    // Everything it runs is bundled: installing it installs no other package.
    const manifest = JSON.parse(
      readFileSync(join(project, 'node_modules', 'coe-gate', 'package.json'), 'utf8'),
    );
    expect(manifest.dependencies).toBeUndefined();
    expect(manifest.engines.node).toBe('>=22');
    // npm publish --provenance refuses a package whose repository is not the one that built it
    // (E422): the repository the release workflow runs in, whose Action coe init's workflows use.
    const repository = `https://github.com/${ACTION_REPOSITORY}`;
    expect(manifest.repository.url.replace(/^git\+/, '').replace(/\.git$/, '')).toBe(repository);
    expect(manifest.bugs.url).toBe(`${repository}/issues`);
    expect(manifest.homepage).toBe(`${repository}#readme`);
    // Where an adopter's `coe --help` sends them.
    expect(installedCoe(['--help']).stdout).toContain(`Docs: ${repository}#readme`);
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

  it('is an API too: checkRepository gives the report coe check prints, under the types it declares', () => {
    const script = [
      "import { checkRepository, EXIT, PROBLEM_CODES, renderSarif } from 'coe-gate';",
      "const { report, rules } = checkRepository('.', { asOf: '2026-11-24' });",
      'process.stdout.write(JSON.stringify({ report, rules: rules.length, exit: EXIT, codes: PROBLEM_CODES.length, sarif: JSON.parse(renderSarif(report, rules)).version }));',
    ].join('\n');
    // From the project, as an adopter's code imports it: the package's exports, no source.
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: project,
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    const api = JSON.parse(r.stdout);
    const cli = JSON.parse(installedCoe(['check', '--format', 'json', '--as-of', '2026-11-24']).stdout);
    expect(api.report).toEqual(cli);
    expect(api.rules).toBe(cli.policies.rules);
    expect(api.exit).toEqual({ ok: 0, blocked: 1, invalid: 2 });
    expect(api.sarif).toBe('2.1.0');

    // The declarations type-check an adopter's strict code with no other package's types, and
    // catch a wrong use of it (the control: a file that must not compile).
    const consumer = join(project, 'consumer');
    mkdirSync(consumer, { recursive: true });
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2023',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          types: [],
          skipLibCheck: false,
        },
      }),
    );
    const good = [
      "import { checkRepository, type CheckReport, type Problem, type UseCase } from 'coe-gate';",
      "const report: CheckReport = checkRepository('.', { asOf: '2026-11-24', paths: ['usecases/claims'] }).report;",
      'const problems: Problem[] = report.problems;',
      "const stage: UseCase['spec']['lifecycle']['stage'] = 'pilot';",
      'export const out = [problems.length, report.exitCode, stage] as const;',
    ].join('\n');
    const tsc = (source: string) => {
      writeFileSync(join(consumer, 'main.ts'), source);
      return spawnSync(
        process.execPath,
        [join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-p', consumer],
        {
          encoding: 'utf8',
        },
      );
    };
    const ok = tsc(good);
    expect(ok.stdout).toBe('');
    expect(ok.status).toBe(0);
    const wrong = tsc(`${good}\nexport const bad: string = report.exitCode;\ncheckRepository('.', {});\n`);
    expect(wrong.stdout).toMatch(
      /main\.ts\(6,14\): error TS2322: Type 'number' is not assignable to type 'string'/,
    );
    expect(wrong.stdout).toMatch(/main\.ts\(7,\d+\): error TS2345: [\s\S]*Property 'asOf' is missing/);
  });

  it.skipIf(!NODE22)(
    'runs on Node 22 as on Node 24 (skipped unless COE_NODE22 names a Node 22 binary, as .ci/run sets it)',
    () => {
      const node = NODE22 as string;
      expect(execFileSync(node, ['--version'], { encoding: 'utf8' })).toMatch(/^v22\./);
      for (const args of [['--version'], ['check', '--format', 'json', '--as-of', '2026-11-24'], ['test']]) {
        const on22 = installedCoe(args, project, node);
        const on24 = installedCoe(args);
        expect(on22.stdout, args.join(' ')).toBe(on24.stdout);
        expect(on22.stderr, args.join(' ')).toBe(on24.stderr);
        expect(on22.status, args.join(' ')).toBe(on24.status);
      }
      // The API too.
      const script =
        "import { checkRepository } from 'coe-gate'; process.stdout.write(String(checkRepository('.', { asOf: '2026-11-24' }).report.summary.valid));";
      const api = (bin: string) =>
        spawnSync(bin, ['--input-type=module', '-e', script], { cwd: project, encoding: 'utf8' });
      expect(api(node).stdout).toBe(api(process.execPath).stdout);
      expect(Number(api(node).stdout)).toBeGreaterThan(0);
    },
  );

  it("lets npm run bench replay the rules' logic: a replayed pass judges every use case as evaluating does", () => {
    const installed = join(project, 'node_modules', 'coe-gate');
    const warm = (lib: string) =>
      spawnSync(
        process.execPath,
        ['--import', REPLAY_LOGIC_HOOK, POLICIES_WARM, lib, project, '2026-11-24'],
        {
          encoding: 'utf8',
        },
      );
    // policies-warm.mjs throws unless each replayed pass gives the same check as the real one.
    const r = warm(installed);
    expect(r.stderr).toBe('');
    expect(Object.keys(JSON.parse(r.stdout)).sort()).toEqual(['replayed', 'with', 'without']);
    // A package whose evaluateLogic the hook cannot find is refused, not timed as if replayed.
    const renamed = join(scratch, 'renamed');
    mkdirSync(join(renamed, 'dist', 'lib'), { recursive: true });
    const lib = readFileSync(join(installed, 'dist', 'lib', 'index.mjs'), 'utf8');
    writeFileSync(
      join(renamed, 'dist', 'lib', 'index.mjs'),
      lib.replaceAll('evaluateLogic(', 'evaluateTheLogic('),
    );
    const refused = warm(renamed);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('no "function evaluateLogic(logic, context, apply = applyCompiled)"');
  });

  it('answers --version from its package.json without loading the CLI; anything more loads it', () => {
    const launcher = join(project, 'node_modules', 'coe-gate', 'engine', 'cli', 'coe.js');
    const run = (...args: string[]) => {
      const r = spawnSync(process.execPath, ['--import', LOADED_MODULES_HOOK, launcher, ...args], {
        cwd: project,
        encoding: 'utf8',
      });
      return { ...r, files: loadedModules(r.stderr).files };
    };
    const loadsCli = (files: string[]) => files.some((f) => f.endsWith('/dist/cli/main.mjs'));
    for (const flag of ['--version', '-v']) {
      const r = run(flag);
      expect(r.status, flag).toBe(0);
      expect(r.stdout, flag).toBe(`${pkg.version}\n`);
      expect(loadsCli(r.files), flag).toBe(false);
    }
    // With anything beside it, commander reads the command line, and answers the same.
    const more = run('--version', '--help');
    expect(more.status).toBe(0);
    expect(more.stdout).toBe(`${pkg.version}\n`);
    expect(loadsCli(more.files)).toBe(true);
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

describe('coe init, from the installed package', () => {
  it('starts a CoE repository that passes coe check and coe test, and again once its example is replaced', () => {
    const repo = join(scratch, 'acme-coe');
    mkdirSync(repo);
    // What `npm install` of the package.json it writes gives: coe-gate in node_modules.
    symlinkSync(join(project, 'node_modules'), join(repo, 'node_modules'));
    const init = installedCoe(['init', '.', '--name', 'Acme AI CoE', '--owner', '@acme/ai-coe'], repo);
    expect(init.stderr).toBe('');
    expect(init.stdout).toMatch(/^created a CoE repository in \.: \d+ files$/m);
    expect(init.status).toBe(0);
    execFileSync('git', ['init', '-q', '-b', 'main', repo]);
    const passes = () => {
      const check = installedCoe(['check'], repo);
      expect(check.stdout, check.stderr).toMatch(/✔ 1 use case across 1 domain passes every blocking rule/);
      expect(check.status).toBe(0);
      const test = installedCoe(['test'], repo);
      expect(test.stdout, test.stderr).toMatch(/^\d+ passed, 0 failed$/m);
      expect(test.status).toBe(0);
    };
    passes();

    const adopter = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
    expect(adopter.devDependencies).toEqual({ 'coe-gate': `^${pkg.version}` });
    const gate = readFileSync(join(repo, '.github/workflows/coe-gate.yml'), 'utf8');
    expect(gate).toMatch(new RegExp(`^ +uses: coe-gate/coe-gate@v${pkg.version.split('.')[0]}$`, 'm'));
    expect(gate).not.toMatch(/uses: \.\/|\.coe-gate/);
    expect(readFileSync(join(repo, '.github/CODEOWNERS'), 'utf8')).toMatch(
      /^\/policies\/ @acme\/ai-coe\n\/\.github\/ @acme\/ai-coe$/m,
    );
    expect(readFileSync(join(repo, 'README.md'), 'utf8')).toMatch(/^# Acme AI CoE$/m);
    expect(existsSync(join(repo, 'usecases/example/faq-assistant.yaml'))).toBe(true);
    // Every editor modeline it wrote resolves, offline, to a schema in the installed package.
    for (const file of [
      'usecases/example/faq-assistant.yaml',
      'policies/tests/lifecycle.yaml',
      'policies/registries/roles.yaml',
    ]) {
      const schema = readFileSync(join(repo, file), 'utf8').match(
        /^# yaml-language-server: \$schema=(\S+)$/m,
      )?.[1];
      expect(schema, file).toMatch(/node_modules\/coe-gate\/engine\/schema\//);
      expect(existsSync(join(repo, dirname(file), schema as string)), file).toBe(true);
    }

    // The team replaces the example with its own use case.
    rmSync(join(repo, 'usecases/example'), { recursive: true });
    const created = installedCoe([...NEW_CLAIMS_TRIAGE], repo);
    expect(created.status, created.stderr).toBe(0);
    const text = readFileSync(join(repo, 'usecases/claims/claims-triage.yaml'), 'utf8');
    expect(text.split('\n')[0]).toBe(
      '# yaml-language-server: $schema=../../node_modules/coe-gate/engine/schema/usecase.schema.json',
    );
    // coe new writes a use case that still needs its intake approval: recorded, it passes.
    writeFileSync(
      join(repo, 'usecases/claims/claims-triage.yaml'),
      `${text.trimEnd()}\n    approvals:\n      - { stage: intake, role: coe-maintainer, login: "${roleHolders(repo, 'coe-maintainer')[0]}", date: 2026-11-20, pr: 2 }\n`,
    );
    passes();

    // A second init writes nothing over what is there.
    const again = installedCoe(['init', '.'], repo);
    expect(again.stderr).toBe(
      'coe: policies/README.md exists already; coe init writes into a new repository only\n',
    );
    expect(again.status).toBe(2);
  });
});
