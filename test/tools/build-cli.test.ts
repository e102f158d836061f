// The CLI as the npm package ships it (scripts/build-cli.ts): each command's code in chunks of its own, so
// `coe --version` or a typo loads none of them and `coe check` only what checking needs; Node's own
// modules are loaded when the code first uses one, not all at the start; the schemas' validators
// compiled ahead, the same as ajv compiles them at run time. What a run loads is read from Node
// itself (a resolve hook and its list of built-in modules), never from timings.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newAjv, SCHEMAS, type SchemaKind } from '../../engine/core/schema/compile.ts';
import { FORMATS } from '../../engine/core/schema/formats.ts';
import pkg from '../../package.json' with { type: 'json' };
import { bundleCli, precompiledValidators } from '../../scripts/build-cli.ts';
import { LOADED_MODULES_HOOK, loadedModules } from '../helpers/loaded-modules.ts';
import { REPO_ROOT } from '../helpers/repo.ts';

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
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      LOADED_MODULES_HOOK,
      '--input-type=module',
      '-e',
      `const { main } = await import(${JSON.stringify(pathToFileURL(entry).href)});
       process.exitCode = await main(${JSON.stringify(argv)});`,
    ],
    { cwd: out, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
  );
  const loaded = loadedModules(r.stderr);
  const chunks = loaded.files.map((url) => url.slice(url.lastIndexOf('/') + 1));
  return { ...r, chunks, builtins: loaded.builtins };
}

const COMMANDS = ['check', 'init', 'new', 'test', 'explain', 'impact', 'audit', 'portfolio', 'coverage'];
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

  it('checks a repository without loading what starts a process, which only --base needs', () => {
    const check = run(['check', '--root', REPO_ROOT, '--format', 'json']);
    expect(JSON.parse(check.stdout)).toHaveProperty('summary');
    expect(commandChunks(check.chunks)).toEqual(['check']);
    expect(check.builtins).not.toContain('NativeModule child_process');
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

/** The YAML files of `dir` (recursively), parsed. */
function documents(dir: string): unknown[] {
  return readdirSync(join(REPO_ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => load(readFileSync(join(REPO_ROOT, dir, f), 'utf8')));
}

/** Values of the wrong type or form for what `value` is. */
function wrong(value: unknown): unknown[] {
  if (typeof value === 'string')
    return /^\d{4}-\d{2}-\d{2}/.test(value) ? ['2026-02-30', 42] : [42, 'a'.repeat(300)];
  if (typeof value === 'number') return ['x', -1];
  if (Array.isArray(value)) return ['x', {}];
  return ['x'];
}

/** `doc`, and each version of it with one value removed, replaced by a wrong one, or a key added. */
function* variants(doc: unknown): Generator<unknown> {
  yield doc;
  if (doc === null || typeof doc !== 'object') {
    yield* wrong(doc);
    return;
  }
  const entries = Array.isArray(doc) ? doc.map((v, i) => [i, v] as const) : Object.entries(doc);
  const copy = (): Record<string | number, unknown> => (Array.isArray(doc) ? [...doc] : { ...doc }) as never;
  for (const [key, value] of entries) {
    const without = copy();
    if (Array.isArray(without)) without.splice(key as number, 1);
    else delete without[key];
    yield without;
    for (const changed of variants(value)) {
      if (changed === value) continue;
      const next = copy();
      next[key] = changed;
      yield next;
    }
  }
  if (Array.isArray(doc)) yield [...doc, doc[0]];
  else yield { ...doc, unknownField: 'x' };
}

describe("the package's validators, compiled when it is built", () => {
  it('judge as ajv compiling the schemas at run time does, with the same errors, on the shipped files and every one-value change of them', () => {
    const precompiled: Record<string, ValidateFunction> = {};
    new Function('exports', 'require', 'FORMATS', precompiledValidators())(
      precompiled,
      createRequire(import.meta.url),
      FORMATS,
    );
    const atRunTime = newAjv();
    // Each error field by field: the schemas (verbose) by their JSON, once per object; the data
    // is the value validated, the very same object for both.
    const json = new WeakMap<object, string>();
    const schemaText = (schema: unknown) => {
      if (schema === null || typeof schema !== 'object') return JSON.stringify(schema);
      const known = json.get(schema);
      if (known !== undefined) return known;
      const s = JSON.stringify(schema);
      json.set(schema, s);
      return s;
    };
    const outcome = (valid: unknown, errors: ErrorObject[] | null | undefined) =>
      [
        String(valid),
        ...(errors ?? []).map((e) =>
          [
            e.instancePath,
            e.schemaPath,
            e.keyword,
            JSON.stringify(e.params),
            e.message,
            schemaText(e.schema),
            schemaText(e.parentSchema),
          ].join(' '),
        ),
      ].join('\n');
    const sameData = (a: ErrorObject[] | null | undefined, b: ErrorObject[] | null | undefined) =>
      (a ?? []).every((e, i) => Object.is(e.data, b?.[i]?.data));
    const corpus: [SchemaKind, unknown[]][] = [
      ['usecase', [...documents('usecases'), ...documents('policies/tests/fixtures')]],
      ['policy', documents('policies').filter((d) => (d as { kind?: string }).kind === 'Policy')],
      ['registry', documents('policies/registries')],
      [
        'policy-test',
        documents('policies/tests').filter((d) => (d as { kind?: string }).kind === 'PolicyTest'),
      ],
      [
        'team-membership',
        [
          {
            apiVersion: 'coe-gate/v1',
            kind: 'TeamMembership',
            readAt: '2026-11-24T09:00:00Z',
            teams: { '@acme/ai-coe': ['bchen', 'jdelacroix'] },
          },
        ],
      ],
    ];
    const differ: string[] = [];
    let compared = 0;
    for (const [kind, docs] of corpus) {
      expect(docs.length, kind).toBeGreaterThan(0);
      const runtime = atRunTime.getSchema(SCHEMAS[kind].$id) as ValidateFunction;
      const ahead = precompiled[kind] as ValidateFunction;
      for (const doc of docs) {
        for (const variant of variants(doc)) {
          compared++;
          const expected = outcome(runtime(variant), runtime.errors);
          const got = outcome(ahead(variant), ahead.errors);
          if ((got !== expected || !sameData(runtime.errors, ahead.errors)) && differ.length < 3)
            differ.push(
              `${kind} ${JSON.stringify(variant).slice(0, 200)}…\nat run time: ${expected}\nahead: ${got}`,
            );
        }
      }
    }
    expect(differ).toEqual([]);
    expect(compared).toBeGreaterThan(10_000);
  });
});
