// `coe test`: policy tests as data, beside the policies. Each case builds a manifest (a sample or
// an inline one, patched), evaluates every rule, and compares what it expects of each rule: the
// outcome, and where it says, the rule's level and whether it blocks. Each RACI case compares the
// roles entering a stage needs at a tier with what the RACI asks for. Coverage: every rule needs a
// case where it passes and one where it fails that names its level (so a hard rule turned soft
// fails the run), and every stage × tier of the RACI needs a case (so a dropped role does).

import type { Case, Expectation, Fixture, PolicyTest, RaciCase } from '../../schema/policy-test.gen.ts';
import type { UseCase } from '../../schema/usecase.gen.ts';
import { requiredRoles } from '../approvals/raci.ts';
import type { SourceFile } from '../check/check-manifests.ts';
import { RISK_TIERS, STAGES, type Stage, type Tier } from '../manifest/vocabulary.ts';
import { NotRegularFileError, readSource } from '../not-regular.ts';
import { type Problem, problem } from '../problem.ts';
import { suggest, validateAs, validateManifest } from '../schema/validator.ts';
import { Locator } from '../yaml/locate.ts';
import { decodeText, LIMITS, parseYaml } from '../yaml/parse.ts';
import { formatPath, parsePath } from '../yaml/path.ts';
import { evaluateManifest, type Outcome, outcomeByRule, type RuleResult } from './evaluate.ts';
import { modelEntryProblems, type PolicySet } from './load-policies.ts';

/** Cases evaluate as of this date unless they say otherwise, so they never age. */
export const DEFAULT_AS_OF = '2026-11-24';

/** One thing a case expected of a rule that did not hold. */
export interface Mismatch {
  rule: string;
  /** What differs: the outcome, the rule's level, or whether it blocks. */
  aspect: 'outcome' | 'level' | 'blocking';
  expected: string;
  actual: string;
  /** The rule's message in this case (empty when it did not fail). */
  message: string;
}

export interface CaseResult {
  file: string;
  line: number;
  name: string;
  passed: boolean;
  mismatches: Mismatch[];
  /** A RACI case that failed: the roles expected that the RACI does not ask for, and the reverse. */
  roles?: { missing: string[]; unexpected: string[]; required: string[] };
  /** Set when the case could not run (a bad fixture, an unknown rule). */
  error?: string;
}

export interface TestRun {
  cases: CaseResult[];
  coverage: {
    rules: number;
    /** Rules with a passing case and a failing case that names the rule's level. */
    covered: number;
    missingPass: string[];
    missingFail: string[];
    /** Rules with failing cases, none of which names the rule's level. */
    missingLevel: string[];
    /** Every stage entered × every tier: how many the RACI cases test, and which they do not. */
    raci: { pairs: number; covered: number; missing: string[] };
  };
  problems: Problem[];
}

/**
 * Reads a repository file for `from:` fixtures; undefined when it does not exist. Throws
 * NotRegularFileError for a link on the way, which is never followed.
 */
export type ReadRepoFile = (path: string) => Uint8Array | undefined;

/** Whether the run leaves nothing uncovered: every rule and every stage × tier of the RACI. */
export function fullyCovered(coverage: TestRun['coverage']): boolean {
  return coverage.covered === coverage.rules && coverage.raci.missing.length === 0;
}

/** A stage × tier pair as the coverage line names it. */
export const pairName = (stage: Stage, tier: Tier): string => `${stage} at ${tier}`;

interface Seen {
  pass: Set<string>;
  fail: Set<string>;
  failWithLevel: Set<string>;
  pairs: Set<string>;
}

export function runPolicyTests(
  tests: Iterable<SourceFile>,
  policies: PolicySet,
  readRepoFile: ReadRepoFile,
): TestRun {
  const problems: Problem[] = [];
  const cases: CaseResult[] = [];
  const seen: Seen = { pass: new Set(), fail: new Set(), failWithLevel: new Set(), pairs: new Set() };
  for (const source of tests) {
    const test = readTestFile(source, policies, problems);
    if (!test) continue;
    const { value, locator } = test;
    // A file that names its own role holders is judged with them, not with the registry's; its
    // own models and vendors are judged with on top of the registries'.
    const judgedBy =
      value.roles || value.models || value.vendors
        ? {
            ...policies,
            registries: {
              ...policies.registries,
              roles: value.roles ?? policies.registries.roles,
              models: overlay(policies.registries.models, value.models),
              vendors: overlay(policies.registries.vendors, value.vendors),
            },
          }
        : policies;
    value.cases?.forEach((c, i) => {
      const at = { file: source.file, line: locator.locate(['cases', i, 'name']).line, name: c.name };
      cases.push(runCase(c, at, judgedBy, readRepoFile, seen));
    });
    value.raci?.forEach((r, i) => {
      const line = locator.locate(['raci', i]).line;
      for (const tier of r.tiers)
        cases.push(runRaciCase(r, tier, { file: source.file, line }, judgedBy, seen));
    });
  }
  const ruleIds = policies.rules.map((r) => r.id);
  const pairs = STAGES.flatMap((stage) => RISK_TIERS.map((tier) => pairName(stage, tier)));
  const missingPairs = pairs.filter((p) => !seen.pairs.has(p));
  return {
    cases,
    problems,
    coverage: {
      rules: ruleIds.length,
      covered: ruleIds.filter((id) => seen.pass.has(id) && seen.failWithLevel.has(id)).length,
      missingPass: ruleIds.filter((id) => !seen.pass.has(id)),
      missingFail: ruleIds.filter((id) => !seen.fail.has(id)),
      missingLevel: ruleIds.filter((id) => seen.fail.has(id) && !seen.failWithLevel.has(id)),
      raci: { pairs: pairs.length, covered: pairs.length - missingPairs.length, missing: missingPairs },
    },
  };
}

/** A registry's entries with a test file's on top: one with the same id replaces it, a new one is added. */
function overlay<T extends { id: string }>(registry: readonly T[], own: readonly T[] | undefined): T[] {
  if (!own) return [...registry];
  const ids = new Set(own.map((e) => e.id));
  return [...registry.filter((e) => !ids.has(e.id)), ...own];
}

/** A test file, validated; its mistakes are problems (invalid input), each with file and line. */
function readTestFile(
  source: SourceFile,
  policies: PolicySet,
  problems: Problem[],
): { value: PolicyTest; locator: Locator } | undefined {
  // A link is never followed: readSource names it as a problem instead.
  const bytes = readSource(source, problems);
  if (!bytes) return undefined;
  const decoded = decodeText(source.file, bytes);
  if (!decoded.ok) return void problems.push(...decoded.problems);
  const parsed = parseYaml(source.file, decoded.text, LIMITS.maxTestAliases, {
    name: 'a policy test file',
    fields: 'apiVersion, kind (PolicyTest) and cases or raci; see docs/policies.md',
  });
  if (!parsed.ok) return void problems.push(...parsed.problems);
  const valid = validateAs<PolicyTest>('policy-test', source.file, parsed.text, parsed.value, parsed.events);
  if (!valid.ok) return void problems.push(...valid.problems);
  const locator = new Locator(parsed.text, parsed.events);
  const before = problems.length;
  if (!valid.value.cases && !valid.value.raci) {
    problems.push(
      problem(
        source.file,
        'schema-missing-field',
        'missing "cases" or "raci" at the top level: a test file tests something',
        {
          ...locator.span(['kind'], 'key'),
          path: '',
        },
      ),
    );
  }
  const roleIds = policies.registries.roles.map((r) => r.id);
  const unknownRole = (role: string, path: (string | number)[]) => {
    if (roleIds.includes(role)) return;
    const hint = suggest(role, roleIds);
    problems.push(
      problem(
        source.file,
        'policy-reference',
        `role "${role}" is not in the roles registry${hint ? `; did you mean "${hint}"?` : ''}`,
        { ...locator.span(path), path: formatPath(path) },
      ),
    );
  };
  for (const [i, r] of (valid.value.roles ?? []).entries()) unknownRole(r.id, ['roles', i, 'id']);
  for (const [i, r] of (valid.value.raci ?? []).entries())
    for (const [j, role] of r.roles.entries()) unknownRole(role, ['raci', i, 'roles', j]);
  const vendorIds = overlay(policies.registries.vendors, valid.value.vendors).map((v) => v.id);
  problems.push(
    ...modelEntryProblems(valid.value.models ?? [], vendorIds, source.file, locator, {
      registry: "the vendor registry or this file's vendors",
    }),
  );
  return problems.length === before ? { value: valid.value, locator } : undefined;
}

type At = Pick<CaseResult, 'file' | 'line' | 'name'>;

function runCase(c: Case, at: At, policies: PolicySet, readRepoFile: ReadRepoFile, seen: Seen): CaseResult {
  const ruleIds = policies.rules.map((r) => r.id);
  const unknown = Object.keys(c.expect).filter((id) => !ruleIds.includes(id));
  if (unknown.length) {
    const hint = suggest(unknown[0] as string, ruleIds);
    return {
      ...at,
      passed: false,
      mismatches: [],
      error: `no rule ${unknown.join(', ')}${hint ? ` (did you mean "${hint}"?)` : ''}`,
    };
  }
  const manifest = buildFixture(c.manifest, readRepoFile);
  const base = c.base ? buildFixture(c.base, readRepoFile) : undefined;
  const broken = [manifest, base].find((f): f is { error: string } => f !== undefined && 'error' in f);
  if (broken) return { ...at, passed: false, mismatches: [], error: broken.error };
  const evaluation = evaluateManifest(
    { file: `${at.file}#${c.name}`, text: '', manifest: (manifest as { manifest: UseCase }).manifest },
    policies,
    {
      today: c.asOf ?? DEFAULT_AS_OF,
      base: base && 'manifest' in base ? base.manifest : null,
      change: c.change ?? base !== undefined,
    },
  );
  const outcomes = outcomeByRule(evaluation.results);
  const mismatches: Mismatch[] = [];
  for (const [rule, expected] of Object.entries(c.expect)) {
    const want: Expectation = typeof expected === 'string' ? { outcome: expected } : expected;
    const got = outcomes.get(rule);
    const actual = {
      outcome: got?.outcome ?? 'not-applicable',
      level: got?.level ?? '',
      blocking: blocks(evaluation.results, rule),
    };
    const found = differences(want, actual).map((m) => ({ rule, ...m, message: got?.message ?? '' }));
    mismatches.push(...found);
    if (found.length) continue;
    if (want.outcome === 'pass') seen.pass.add(rule);
    if (want.outcome === 'fail') seen.fail.add(rule);
    if (want.outcome === 'fail' && want.level) seen.failWithLevel.add(rule);
  }
  return { ...at, passed: mismatches.length === 0, mismatches };
}

/** Whether any of the rule's results blocks the use case. */
function blocks(results: readonly RuleResult[], rule: string): boolean {
  return results.some((r) => r.rule === rule && r.blocking);
}

/** What the expectation names that the evaluation did not give. */
function differences(
  want: Expectation,
  got: { outcome: Outcome; level: string; blocking: boolean },
): Omit<Mismatch, 'rule' | 'message'>[] {
  const out: Omit<Mismatch, 'rule' | 'message'>[] = [];
  if (want.outcome !== got.outcome)
    out.push({ aspect: 'outcome', expected: want.outcome, actual: got.outcome });
  if (want.level !== undefined && want.level !== got.level)
    out.push({ aspect: 'level', expected: want.level, actual: got.level });
  if (want.blocking !== undefined && want.blocking !== got.blocking)
    out.push({ aspect: 'blocking', expected: String(want.blocking), actual: String(got.blocking) });
  return out;
}

/** The roles the RACI asks for entering `r.to` at `tier`, against the roles the case names. */
function runRaciCase(
  r: RaciCase,
  tier: Tier,
  at: Pick<CaseResult, 'file' | 'line'>,
  policies: PolicySet,
  seen: Seen,
): CaseResult {
  const name = `entering ${r.to} at tier ${tier}`;
  seen.pairs.add(pairName(r.to, tier));
  const required = requiredRoles(policies.registries.raci, r.to, tier);
  const missing = r.roles.filter((role) => !required.includes(role));
  const unexpected = required.filter((role) => !(r.roles as string[]).includes(role));
  if (missing.length === 0 && unexpected.length === 0) return { ...at, name, passed: true, mismatches: [] };
  return { ...at, name, passed: false, mismatches: [], roles: { missing, unexpected, required } };
}

function buildFixture(
  fixture: Fixture,
  readRepoFile: ReadRepoFile,
): { manifest: UseCase } | { error: string } {
  let value: unknown;
  if (fixture.from) {
    let bytes: Uint8Array | undefined;
    try {
      bytes = readRepoFile(fixture.from);
    } catch (error) {
      if (!(error instanceof NotRegularFileError)) throw error;
      return { error: `${fixture.from}: ${error.message}` };
    }
    if (!bytes) return { error: `${fixture.from} does not exist` };
    const decoded = decodeText(fixture.from, bytes);
    const parsed = decoded.ok ? parseYaml(fixture.from, decoded.text) : decoded;
    if (!parsed.ok) return { error: `${fixture.from} does not load: ${parsed.problems[0]?.message}` };
    value = parsed.value;
  } else {
    value = structuredClone(fixture.inline);
  }
  for (const path of fixture.unset ?? []) unsetPath(value, path);
  for (const [path, v] of Object.entries(fixture.set ?? {})) setPath(value, path, structuredClone(v));
  const valid = validateManifest(fixture.from ?? 'inline manifest', '', value);
  if (!valid.ok) {
    const p = valid.problems[0] as Problem;
    return { error: `the patched manifest is not valid: ${p.path ? `${p.path}: ` : ''}${p.message}` };
  }
  return { manifest: valid.value };
}

function setPath(root: unknown, path: string, value: unknown): void {
  const parts = parsePath(path);
  let node = root as Record<string | number, unknown>;
  for (let i = 0; i < parts.length - 1; i++) {
    const key = parts[i] as string | number;
    if (node[key] === null || typeof node[key] !== 'object')
      node[key] = typeof parts[i + 1] === 'number' ? [] : {};
    node = node[key] as Record<string | number, unknown>;
  }
  node[parts.at(-1) as string | number] = value;
}

function unsetPath(root: unknown, path: string): void {
  const parts = parsePath(path);
  let node = root as Record<string | number, unknown> | undefined;
  for (let i = 0; i < parts.length - 1 && node; i++) node = node[parts[i] as string | number] as typeof node;
  if (!node) return;
  const last = parts.at(-1) as string | number;
  if (Array.isArray(node) && typeof last === 'number') node.splice(last, 1);
  else delete node[last];
}
