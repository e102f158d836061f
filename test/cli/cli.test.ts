// The command line as a user meets it: help, version, usage errors, formats, colour.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { V8_FLAGS } from '../../engine/cli/v8-flags.js';
import { PROBLEM_CODES } from '../../engine/core/problem.ts';
import { addAnnotationKeywords } from '../../engine/core/schema/compile.ts';
import usecaseSchema from '../../engine/schema/usecase.schema.json' with { type: 'json' };
import pkg from '../../package.json' with { type: 'json' };
import { coe, coeOnTerminal, copyPolicies, makeRepo, manifest, REPO_ROOT } from '../helpers/repo.ts';

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const reportSchema = JSON.parse(
  readFileSync(join(REPO_ROOT, 'engine/schema/check-report.schema.json'), 'utf8'),
);
const F = 'usecases/claims/claims-intake-bot.yaml';
const ESC = '\u001b';

describe('coe', () => {
  it('prints help listing every command, and exits 0', () => {
    const r = coe(['--help'], { cwd: REPO_ROOT });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Usage: coe \[options\] \[command\]/);
    expect(r.stdout).toMatch(
      /^ +check \[options\] \[paths\.\.\.\] +validate the manifests and evaluate the policies/m,
    );
    expect(r.stdout).toMatch(/^ +new \[options\] \[id\] +scaffold a use-case manifest/m);
    expect(r.stdout).toMatch(/Exit codes: 0 all policies hold, 1 a policy blocks, 2 invalid input or usage/);
  });

  it('prints help for a command', () => {
    const r = coe(['check', '--help'], { cwd: REPO_ROOT });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/--format <format> +output format \(choices: "text", "json", "markdown"/);
    const n = coe(['help', 'new'], { cwd: REPO_ROOT });
    expect(n.stdout).toMatch(/--domain <domain>/);
  });

  it('prints its version', () => {
    const r = coe(['--version'], { cwd: REPO_ROOT });
    expect(r.stdout.trim()).toBe(pkg.version);
    expect(r.status).toBe(0);
  });

  it('runs a whole-portfolio command with its V8 settings in the same process, keeping the flags it was given, its output and exit code', () => {
    // A hook that reports, at exit, the process it ran in and its flags (on stderr: execve closes
    // every descriptor but the standard three). The V8 settings (the young generation's size) only
    // take effect at start, so coe restarts itself with them when the work is large.
    const hook =
      "data:text/javascript,process.on('exit',()=>process.getBuiltinModule('node:fs').writeSync(2," +
      "'\\n'+JSON.stringify({pid:process.pid,execArgv:process.execArgv})))";
    const run = (args: string[]) =>
      spawnSync(process.execPath, ['--import', hook, join(REPO_ROOT, pkg.bin.coe), ...args], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
      });
    const seen = (r: { stderr: string }) =>
      JSON.parse(r.stderr.trim().split('\n').at(-1) as string) as { pid: number; execArgv: string[] };
    // A command that reads the whole portfolio restarts with them.
    const check = run(['check', '--format', 'json', '--as-of', '2026-11-24']);
    const report = check.stdout.slice(0, check.stdout.lastIndexOf('}') + 1);
    expect((JSON.parse(report) as { summary: { valid: number } }).summary.valid).toBe(20);
    expect(check.status).toBe(0);
    expect(seen(check).pid).toBe(check.pid);
    expect(seen(check).execArgv).toEqual(expect.arrayContaining([...V8_FLAGS, '--import']));
    expect(run(['check', '--format', 'xml']).status).toBe(2);
    // --version does not pay for a second start of Node, nor a check of a change, which reads few
    // files (it sets the settings V8 reads at run time).
    const version = run(['--version']);
    expect(version.stdout.trim()).toBe(pkg.version);
    expect(seen(version).execArgv).toEqual(['--import', expect.stringMatching(/^data:/)]);
    for (const base of [['--base', 'HEAD'], ['--base=HEAD']]) {
      const change = run(['check', ...base, '--format', 'json']);
      expect(change.stdout).toContain('"mergeBase"');
      expect(seen(change).execArgv).toEqual(['--import', expect.stringMatching(/^data:/)]);
    }
  });

  it('stops quietly when the reader closes the pipe early', () => {
    // A report far larger than a pipe's buffer (64 KiB), so head closing the pipe after one line
    // interrupts the write.
    const files: Record<string, string> = {};
    for (let i = 0; i < 400; i++) files[`usecases/claims/bot-${i}.yaml`] = manifest(`bot-${i}`);
    const root = makeRepo(files);
    const coeCmd = `${JSON.stringify(process.execPath)} ${JSON.stringify(join(REPO_ROOT, pkg.bin.coe))}`;
    const r = spawnSync('sh', ['-c', `${coeCmd} check --format json | head -n 1`], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(r.stdout).toBe('{\n');
    expect(r.stderr).toBe('');
  });

  it('a reader that starts late still gets the whole report, and the exit code', () => {
    // coe exits as soon as its output is with the system (engine/cli/coe.js): never before.
    const files: Record<string, string> = {};
    for (let i = 0; i < 400; i++) files[`usecases/claims/bot-${i}.yaml`] = manifest(`bot-${i}`);
    const root = makeRepo(files);
    const coeCmd = `${JSON.stringify(process.execPath)} ${JSON.stringify(join(REPO_ROOT, pkg.bin.coe))}`;
    const late = (args: string) =>
      spawnSync('bash', ['-c', `set -o pipefail; ${coeCmd} check ${args} | { sleep 0.5; cat; }`], {
        cwd: root,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
    const json = late('--format json');
    expect(json.stderr).toBe('');
    expect(json.status).toBe(0);
    expect(json.stdout.length).toBeGreaterThan(64 * 1024);
    expect(JSON.parse(json.stdout).useCases).toHaveLength(400);
    // With the policies, the text report lists findings for every one of them, and blocks.
    copyPolicies(root);
    const text = late('--as-of 2030-01-01');
    expect(text.stderr).toBe('');
    expect(text.status).toBe(1);
    expect(text.stdout.length).toBeGreaterThan(64 * 1024);
    expect(text.stdout).toMatch(/\n\d+ rules from \d+ policy files, as of 2030-01-01\n$/);
  });

  it('exits 2 with a suggestion on an unknown command', () => {
    const r = coe(['chek'], { cwd: REPO_ROOT });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown command 'chek'/);
    expect(r.stderr).toMatch(/Did you mean check\?/);
  });

  it('exits 2 on an unknown option or format', () => {
    expect(coe(['check', '--verbose'], { cwd: REPO_ROOT }).status).toBe(2);
    const r = coe(['check', '--format', 'xml'], { cwd: REPO_ROOT });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/argument 'xml' is invalid\. Allowed choices are text, json, markdown/);
  });

  it('exits 2 with the fix when run outside a CoE repository', () => {
    const empty = makeRepo();
    const r = coe(['check', '--root', join(empty, 'missing')], { cwd: empty });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`coe: --root ${join(empty, 'missing')}: no such folder\n`);
  });

  it('refuses to run on an old Node with a one-line message', () => {
    // The bin is a plain-JavaScript shim; run it with the version Node reports set to 20.
    const fakeOld =
      "Object.defineProperty(process, 'version', { value: 'v20.1.0' });" +
      "Object.defineProperty(process.versions, 'node', { value: '20.1.0' });" +
      `await import(${JSON.stringify(join(REPO_ROOT, pkg.bin.coe))});`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', fakeOld, '--', 'check'], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'coe: needs Node.js 24 or later, this is v20.1.0. Run it as "npx coe" from the repository, which uses the Node 24 that npm ci installs.\n',
    );
  });
});

describe('coe check output formats', () => {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  addAnnotationKeywords(ajv);
  ajv.addSchema(usecaseSchema);
  ajv.addSchema(JSON.parse(readFileSync(join(REPO_ROOT, 'engine/schema/gate-report.schema.json'), 'utf8')));
  const validateReport = ajv.compile(reportSchema);

  it('JSON output matches the documented schema, for a valid and an invalid repository', () => {
    const good = makeRepo({ [F]: manifest() });
    const ok = coe(['check', '--format', 'json'], { cwd: good });
    expect(ok.status).toBe(0);
    const okReport = JSON.parse(ok.stdout);
    expect(validateReport(okReport), JSON.stringify(validateReport.errors)).toBe(true);
    expect(okReport.useCases).toEqual([
      expect.objectContaining({ id: 'claims-intake-bot', file: F, stage: 'intake', riskTier: 'medium' }),
    ]);
    expect(okReport.exitCode).toBe(0);

    const bad = makeRepo({ [F]: manifest().replace('stage: intake', 'stage: launched') });
    const no = coe(['check', '--format', 'json'], { cwd: bad });
    expect(no.status).toBe(2);
    const noReport = JSON.parse(no.stdout);
    expect(validateReport(noReport), JSON.stringify(validateReport.errors)).toBe(true);
    expect(noReport.exitCode).toBe(2);
    expect(noReport.problems).toEqual([
      {
        file: F,
        line: 30,
        column: 12,
        endLine: 30,
        endColumn: 20, // just past "launched"
        path: 'spec.lifecycle.stage',
        code: 'schema-invalid-value',
        message: expect.stringMatching(/^"launched" is not allowed; use one of: intake, discovery/),
      },
    ]);
  });

  it('the report schema lists exactly the problem codes the engine emits', () => {
    const codes = reportSchema.$defs.Problem.properties.code.enum;
    expect([...codes].sort()).toEqual([...PROBLEM_CODES].sort());
  });

  it('markdown output is a table a PR comment can show', () => {
    const bad = makeRepo({ [F]: manifest().replace('audience: internal', 'audience: everyone|all') });
    const r = coe(['check', '--format', 'markdown'], { cwd: bad });
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/^### ❌ CoE Gate: 1 problem in 1 file$/m);
    expect(r.stdout).toMatch(
      /^\| `usecases\/claims\/claims-intake-bot\.yaml` \| 19:15 \| `spec\.classification\.audience` \| "everyone\\\|all" is not allowed/m,
    );
    const good = makeRepo({ [F]: manifest() });
    const g = coe(['check', '--format', 'markdown'], { cwd: good });
    expect(g.stdout).toMatch(/^### ✅ CoE Gate: 1 use case valid \(no policies evaluated\)$/m);
    expect(g.stdout).toMatch(/^\| `claims-intake-bot` Claims intake bot \| intake \| medium \| valid \|$/m);
  });

  it('colours text only when asked: FORCE_COLOR on, NO_COLOR and pipes off', () => {
    const bad = makeRepo({ [F]: manifest().replace('stage: intake', 'stage: launched') });
    const piped = coe(['check'], { cwd: bad });
    expect(piped.stdout).not.toContain(ESC);
    const forced = coe(['check'], { cwd: bad, env: { FORCE_COLOR: '1', NO_COLOR: '' } });
    expect(forced.stdout).toContain(`${ESC}[31m✖ 1 problem`);
  });

  it('colours text on a real terminal unless NO_COLOR is set', () => {
    const bad = makeRepo({ [F]: manifest().replace('stage: intake', 'stage: launched') });
    expect(coeOnTerminal(['check'], { cwd: bad }).stdout).toContain(`${ESC}[31m✖ 1 problem`);
    const plain = coeOnTerminal(['check'], { cwd: bad, env: { NO_COLOR: '1' } }).stdout;
    expect(plain).toContain('✖ 1 problem');
    expect(plain).not.toContain(ESC);
  });

  it('an empty usecases/ folder says how to start', () => {
    const root = makeRepo();
    const r = coe(['check'], { cwd: root });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/No use-case manifests found\. Create one with: coe new/);
  });

  it('finds the repository root from a subfolder', () => {
    const root = makeRepo({ [F]: manifest() });
    const r = coe(['check'], { cwd: join(root, 'usecases/claims') });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/✔ 1 use case valid/);
    const rel = coe(['check', 'claims-intake-bot.yaml'], { cwd: join(root, 'usecases/claims') });
    expect(rel.status).toBe(0);
  });
});
