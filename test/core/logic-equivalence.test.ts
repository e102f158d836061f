// The compiled JSON Logic (engine/core/policy/logic.ts) against json-logic-js, the interpreter it
// replaced, kept as the reference (test/helpers/logic-reference.ts): every shipped rule and tier
// condition (policies/) judged both ways on generated manifests, whole evaluations compared; then
// random logic of every operation CoE Gate runs, prepared and as written, on the same contexts.
// Values, missing reads and errors must be identical; the test names the first differences.
// Generated from a fixed seed, so a failure repeats.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { dump } from 'js-yaml';
import { describe, expect, test } from 'vitest';
import { type LoadedManifest, loadManifest } from '../../engine/core/check/check-manifests.ts';
import { evaluateManifest, tierOf } from '../../engine/core/policy/evaluate.ts';
import { loadPolicies, type PolicySet } from '../../engine/core/policy/load-policies.ts';
import { type Apply, evaluateLogic, OPERATORS, prepareLogic } from '../../engine/core/policy/logic.ts';
import { parseYaml } from '../../engine/core/yaml/parse.ts';
import { parsePath } from '../../engine/core/yaml/path.ts';
import { readPolicySources } from '../../engine/fs/read-policies.ts';
import type { UseCase } from '../../engine/schema/usecase.gen.ts';
import { referenceApply } from '../helpers/logic-reference.ts';
import { REPO_ROOT } from '../helpers/repo.ts';

/** A small seeded generator (mulberry32): the same cases on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = random(20261202);
const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
const chance = (p: number) => rand() < p;

const DATES = ['2025-06-01', '2026-11-24', '2027-03-15'];

function shippedPolicies(): PolicySet {
  const loaded = loadPolicies(readPolicySources(REPO_ROOT) ?? []);
  if (!loaded.ok) throw new Error(`the shipped policies do not load: ${loaded.problems[0]?.message}`);
  return loaded.policies;
}

/** The shipped samples and the policy tests' fixtures, as the engine loads them. */
function samples(): LoadedManifest[] {
  const dirs = ['usecases', join('policies', 'tests', 'fixtures')];
  return dirs.flatMap((dir) =>
    readdirSync(join(REPO_ROOT, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => {
        const file = join(dir, f);
        const loaded = loadManifest(file, readFileSync(join(REPO_ROOT, file)), []);
        if (!loaded) throw new Error(`${file} does not load`);
        return loaded;
      }),
  );
}

type Path = (string | number)[];
/** Every node of a value (the root too), with its path. */
function nodes(value: unknown, path: Path = [], into: [Path, unknown][] = []): [Path, unknown][] {
  into.push([path, value]);
  if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value))
      nodes(v, [...path, Array.isArray(value) ? Number(k) : k], into);
  return into;
}
/** A path with its list indexes left out: where in a manifest, whichever item. */
const shape = (path: Path) => path.map((p) => (typeof p === 'number' ? '[]' : p)).join('.');

/** Values seen at each place across the samples: what a mutation puts in a place. */
function valuePool(manifests: readonly UseCase[]): Map<string, unknown[]> {
  const pool = new Map<string, unknown[]>();
  for (const m of manifests)
    for (const [path, value] of nodes(m)) {
      const key = shape(path);
      const seen = pool.get(key);
      if (seen) seen.push(value);
      else pool.set(key, [value]);
    }
  return pool;
}

function shiftDate(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** A copy of `manifest` with a few random changes: values from other samples, removals, shifted dates and numbers. */
function mutate(manifest: unknown, pool: Map<string, unknown[]>): unknown {
  const copy = structuredClone(manifest) as unknown;
  const steps = 1 + Math.floor(rand() * 5);
  for (let s = 0; s < steps; s++) {
    const [path, value] = pick(nodes(copy).slice(1));
    const parent = path
      .slice(0, -1)
      .reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], copy) as Record<string | number, unknown>;
    const key = path[path.length - 1] as string | number;
    const r = rand();
    if (r < 0.45) parent[key] = structuredClone(pick(pool.get(shape(path)) ?? [value]));
    else if (r < 0.65) {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
    } else if (r < 0.85 && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value))
      parent[key] = shiftDate(value, Math.round((rand() - 0.5) * 1500));
    else if (r < 0.85 && typeof value === 'number')
      parent[key] = chance(0.5) ? value + pick([-1, 1, -0.05, 0.05]) : 0;
    else if (Array.isArray(value) && value.length) value.push(structuredClone(pick(value)));
    else parent[key] = structuredClone(pick(pick([...pool.values()])));
  }
  return copy;
}

/** A manifest that is valid (the engine judges only those), as the engine loads it from its text. */
function asLoaded(value: unknown, n: number): LoadedManifest | undefined {
  const text = dump(value, { lineWidth: -1 });
  return loadManifest(`usecases/generated/variant-${n}.yaml`, Buffer.from(text), []);
}

/** A manifest and its base as a policy test builds them (policies/tests/): a fixture with values set or removed. */
interface Fixture {
  from?: string;
  inline?: unknown;
  set?: Record<string, unknown>;
  unset?: string[];
}
interface Case {
  manifest: Fixture;
  base?: Fixture;
  asOf?: string;
}

function policyTestCases(): (Case & { judgedBy: PolicySet })[] {
  const dir = join(REPO_ROOT, 'policies', 'tests');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((f) => {
      const parsed = parseYaml(f, readFileSync(join(dir, f), 'utf8'), 1000);
      if (!parsed.ok) throw new Error(`${f} does not parse`);
      // A file's own models and vendors, on top of the registries', as coe test judges its cases.
      const own = parsed.value as { models?: { id: string }[]; vendors?: { id: string }[] };
      const judgedBy = own.models || own.vendors ? withOwn(policies, own) : policies;
      return ((parsed.value.cases ?? []) as Case[]).map((c) => ({ ...c, judgedBy }));
    });
}

/** The registries' models and vendors with a test file's on top (an id they share is the file's). */
function withOwn(set: PolicySet, own: { models?: { id: string }[]; vendors?: { id: string }[] }): PolicySet {
  const overlay = <T extends { id: string }>(list: readonly T[], mine: { id: string }[] = []) => [
    ...list.filter((e) => !mine.some((m) => m.id === e.id)),
    ...(mine as T[]),
  ];
  return {
    ...set,
    registries: {
      ...set.registries,
      models: overlay(set.registries.models, own.models),
      vendors: overlay(set.registries.vendors, own.vendors),
    },
  };
}

/** A policy test's fixture, with `mutations` random changes on top. */
function fixture(f: Fixture, mutations: number, n: number): LoadedManifest | undefined {
  const from = f.from ? originals.find((o) => o.file === f.from)?.manifest : f.inline;
  if (!from) throw new Error(`no fixture ${f.from}`);
  let value = structuredClone(from) as Record<string | number, unknown>;
  const at = (path: string) => {
    const parts = parsePath(path);
    let node = value;
    for (const key of parts.slice(0, -1)) {
      if (node[key] === null || typeof node[key] !== 'object') node[key] = {};
      node = node[key] as typeof node;
    }
    return { node, key: parts.at(-1) as string | number };
  };
  for (const path of f.unset ?? []) {
    const { node, key } = at(path);
    if (Array.isArray(node) && typeof key === 'number') node.splice(key, 1);
    else delete node[key];
  }
  for (const [path, v] of Object.entries(f.set ?? {})) {
    const { node, key } = at(path);
    node[key] = structuredClone(v);
  }
  for (let i = 0; i < mutations; i++) value = mutate(value, pool) as typeof value;
  return asLoaded(value, n);
}

type Result<T> = { ok: T } | { threw: { name: string; message: string } };
function attempt<T>(run: () => T): Result<T> {
  try {
    return { ok: run() };
  } catch (error) {
    const e = error as Error;
    return { threw: { name: e.constructor.name, message: e.message } };
  }
}

const policies = shippedPolicies();
const originals = samples();
const pool = valuePool(originals.map((l) => l.manifest));
const generated: LoadedManifest[] = [];
for (let n = 0; generated.length < 600 && n < 6000; n++) {
  const made = asLoaded(mutate(pick(originals).manifest, pool), n);
  if (made) generated.push(made);
}
const corpus = [...originals, ...generated];

/** Every policy test's manifest and base as written, and again with random changes: cases made to reach each rule. */
const cases = policyTestCases().flatMap((c, i) =>
  [0, 1, 2].map((mutations) => {
    const manifest = fixture(c.manifest, mutations, 10_000 + i);
    const base = c.base ? fixture(c.base, mutations && Math.floor(rand() * 2), 20_000 + i) : undefined;
    return { manifest, base: base?.manifest ?? null, today: c.asOf ?? '2026-11-24', set: c.judgedBy };
  }),
);

describe('the compiled evaluation decides as json-logic-js did', () => {
  test('every shipped rule and tier condition, on generated manifests with and without a base', () => {
    expect(generated.length).toBe(600);
    const judged = [
      ...cases.flatMap(({ manifest, base, today, set }) =>
        manifest ? [{ loaded: manifest, base, today, set }] : [],
      ),
      ...corpus.flatMap((loaded) =>
        [null, pick(corpus).manifest].map((base) => ({ loaded, base, today: pick(DATES), set: policies })),
      ),
    ];
    expect(judged.length).toBeGreaterThan(1500);
    const differences: string[] = [];
    const outcomes = new Map<string, Set<string>>();
    for (const { loaded, base, today, set } of judged) {
      {
        const options = { today, base };
        const compiled = attempt(() => evaluateManifest(loaded, set, options));
        const reference = attempt(() => evaluateManifest(loaded, set, { ...options, apply: referenceApply }));
        if (!isDeepStrictEqual(compiled, reference))
          differences.push(`${loaded.file} (base ${base?.metadata.id ?? 'none'}, ${options.today})`);
        if ('ok' in compiled)
          for (const r of compiled.ok.results)
            outcomes.set(r.rule, (outcomes.get(r.rule) ?? new Set()).add(r.outcome));
      }
    }
    expect(differences.slice(0, 5)).toEqual([]);
    // The corpus reaches every shipped rule, and makes each both pass and fail.
    expect(outcomes.size).toBe(policies.rules.length);
    const notBoth = [...outcomes]
      .filter(([, seen]) => !seen.has('pass') || !seen.has('fail'))
      .map(([rule, seen]) => `${rule}: ${[...seen].join(', ')}`);
    expect(notBoth).toEqual([]);
  });
});

/** Paths of the evaluation context a random var reads: the manifest's own, its base's, and some that are absent. */
const CONTEXT_PATHS = [
  ...new Set(
    corpus.slice(0, 40).flatMap((l) =>
      nodes(l.manifest)
        .map(([path]) => ['manifest', ...path].join('.'))
        .filter(() => chance(0.2)),
    ),
  ),
  'base.spec.lifecycle.stage',
  'base.spec.intake.scores',
  'registries.roles',
  'registries.models',
  'today',
  'tier.effective',
  'tier.computed',
  'transition.to',
  'transition.from',
  'priority',
  'item',
  'index',
  'manifest.spec.nope',
  'nothing.here',
  '',
];
/** Paths inside a list item (some, all, filter…) and reduce's own. */
const ITEM_PATHS = [
  '',
  'id',
  'score',
  'threshold',
  'direction',
  'stage',
  'role',
  'login',
  'status',
  'access.status',
  'date',
  'current',
  'accumulator',
  'name',
  'nope',
];
const LIST_PATHS = [
  'manifest.spec.models',
  'manifest.spec.evaluation.suites',
  'manifest.spec.lifecycle.approvals',
  'manifest.spec.data.sources',
  'manifest.metadata.tags',
  'registries.roles',
  'registries.models',
  'base.spec.lifecycle.approvals',
  'manifest.spec.nope',
];
const LITERALS: unknown[] = [
  0,
  1,
  -1,
  2.5,
  7,
  Number.NaN,
  '',
  'x',
  'pilot',
  'production',
  'intake',
  'retired',
  'high',
  'low',
  'medium',
  'prohibited',
  '2026-11-24',
  '2025-01-31',
  '2026-13-45',
  'id',
  'score',
  'coe-lead',
  'domain-champion',
  'mtanaka',
  'rnakamura',
  'claims',
  'gpt-4o-2024-08',
  null,
  true,
  false,
  [],
  ['pilot', 'mvp'],
  [1, 2, 3],
  { a: 1, b: 2 },
];
const SCOPED = ['filter', 'map', 'reduce', 'all', 'none', 'some'];
const OPS = [...OPERATORS, 'nope', 'log', 'missing', 'var.length', '%.nope'];

/** A random JSON Logic expression; `inItem`: inside some/all/filter…, where var reads an item. */
function logic(depth: number, inItem = false): unknown {
  if (depth === 0 || chance(0.3)) {
    if (chance(0.5)) return structuredClone(pick(LITERALS));
    const path = inItem && chance(0.7) ? pick(ITEM_PATHS) : pick(CONTEXT_PATHS);
    if (chance(0.15)) return { root: pick(CONTEXT_PATHS) };
    return chance(0.2) ? { var: [path, pick(LITERALS)] } : chance(0.5) ? { var: path } : { var: [path] };
  }
  const op = pick(OPS);
  if (SCOPED.includes(op)) {
    const list = chance(0.85) ? { var: pick(LIST_PATHS) } : pick(LITERALS);
    const each = logic(depth - 1, true);
    return { [op]: op === 'reduce' && chance(0.7) ? [list, each, logic(depth - 1, inItem)] : [list, each] };
  }
  const count = op === 'if' || op === '?:' ? Math.floor(rand() * 6) : pick([0, 1, 1, 2, 2, 2, 3, 3, 4]);
  const args = Array.from({ length: count }, () => logic(depth - 1, inItem));
  // A lone argument is also written without its list, as json-logic-js allows.
  return { [op]: count === 1 && chance(0.5) ? args[0] : args };
}

/** The context a rule reads (evaluate.ts), for a manifest of the corpus. */
function contextOf(loaded: LoadedManifest): Record<string, unknown> {
  const base = chance(0.5) ? pick(corpus).manifest : null;
  const today = pick(DATES);
  const models = loaded.manifest.spec.models ?? [];
  return {
    manifest: loaded.manifest,
    base,
    transition: { from: base?.spec.lifecycle.stage ?? null, to: loaded.manifest.spec.lifecycle.stage },
    registries: policies.registries,
    today,
    file: loaded.file,
    priority: chance(0.5) ? 3.2 : null,
    tier: tierOf(loaded.manifest, policies, today),
    approvals: undefined,
    item: models.length ? pick(models) : undefined,
    index: 0,
  };
}

describe('every operation, compiled, as json-logic-js evaluates it', () => {
  test('random logic on the contexts of generated manifests, prepared and as written', () => {
    const contexts = Array.from({ length: 40 }, () => contextOf(pick(corpus)));
    const differences: string[] = [];
    const compare = (what: string, expression: unknown, context: object) => {
      const run = (apply?: Apply) => attempt(() => evaluateLogic(expression, context, apply));
      const compiled = run();
      const reference = run(referenceApply);
      if (!isDeepStrictEqual(compiled, reference))
        differences.push(
          `${what} ${JSON.stringify(expression)}: ${JSON.stringify(compiled)} ≠ ${JSON.stringify(reference)}`,
        );
      return compiled;
    };
    let values = 0;
    let errors = 0;
    let thrown = 0;
    for (let n = 0; n < 2500; n++) {
      const written = logic(1 + Math.floor(rand() * 4));
      const prepared = attempt(() => prepareLogic(structuredClone(written)));
      for (let c = 0; c < 6; c++) {
        const context = pick(contexts);
        const out = compare('as written', written, context);
        if ('ok' in prepared) compare('prepared', prepared.ok, context);
        if ('threw' in out) thrown++;
        else if (out.ok.error) errors++;
        else values++;
      }
    }
    expect(differences.slice(0, 5)).toEqual([]);
    // The cases reach values, a policy's errors (LogicError) and the evaluator's own failures.
    expect(Math.min(values, errors, thrown)).toBeGreaterThan(500);
  });
});
