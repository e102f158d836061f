// `coe test`: policy tests as data, beside the policies. Each case builds a manifest (a sample or
// an inline one, patched), evaluates every rule, and compares the outcomes it names. Coverage: every
// rule needs at least one case where it passes and one where it fails.
import type { SourceFile } from '../check/check-manifests.ts';
import type { UseCase } from '../manifest/usecase.gen.ts';
import { NotRegularFileError, readSource } from '../not-regular.ts';
import type { Problem } from '../problem.ts';
import { suggest, validateAs, validateManifest } from '../schema/validator.ts';
import { Locator } from '../yaml/locate.ts';
import { decodeText, LIMITS, parseYaml } from '../yaml/parse.ts';
import { parsePath } from '../yaml/path.ts';
import { evaluateManifest, type Outcome, outcomeByRule } from './evaluate.ts';
import type { PolicySet } from './load-policies.ts';
import type { Fixture, PolicyTest } from './policy-test.gen.ts';

/** Cases evaluate as of this date unless they say otherwise, so they never age. */
export const DEFAULT_AS_OF = '2026-11-24';

export interface CaseResult {
  file: string;
  line: number;
  name: string;
  passed: boolean;
  /** Rules whose outcome differs from the expectation. */
  mismatches: { rule: string; expected: Outcome; actual: Outcome; message: string }[];
  /** Set when the case could not run (a bad fixture, an unknown rule). */
  error?: string;
}

export interface TestRun {
  cases: CaseResult[];
  coverage: { rules: number; covered: number; missingPass: string[]; missingFail: string[] };
  problems: Problem[];
}

/**
 * Reads a repository file for `from:` fixtures; undefined when it does not exist. Throws
 * NotRegularFileError for a link on the way, which is never followed.
 */
export type ReadRepoFile = (path: string) => Uint8Array | undefined;

export function runPolicyTests(
  tests: Iterable<SourceFile>,
  policies: PolicySet,
  readRepoFile: ReadRepoFile,
): TestRun {
  const problems: Problem[] = [];
  const cases: CaseResult[] = [];
  const seenPass = new Set<string>();
  const seenFail = new Set<string>();
  const ruleIds = policies.rules.map((r) => r.id);
  for (const source of tests) {
    const bytes = readSource(source, problems);
    if (!bytes) continue;
    const decoded = decodeText(source.file, bytes);
    if (!decoded.ok) {
      problems.push(...decoded.problems);
      continue;
    }
    const parsed = parseYaml(source.file, decoded.text, LIMITS.maxTestAliases);
    if (!parsed.ok) {
      problems.push(...parsed.problems);
      continue;
    }
    const valid = validateAs<PolicyTest>(
      'policy-test',
      source.file,
      parsed.text,
      parsed.value,
      parsed.events,
    );
    if (!valid.ok) {
      problems.push(...valid.problems);
      continue;
    }
    const locator = new Locator(parsed.text, parsed.events);
    valid.value.cases.forEach((c, i) => {
      const at = { file: source.file, line: locator.locate(['cases', i, 'name']).line, name: c.name };
      const unknown = Object.keys(c.expect).filter((id) => !ruleIds.includes(id));
      if (unknown.length) {
        const hint = suggest(unknown[0] as string, ruleIds);
        cases.push({
          ...at,
          passed: false,
          mismatches: [],
          error: `no rule ${unknown.join(', ')}${hint ? ` (did you mean "${hint}"?)` : ''}`,
        });
        return;
      }
      const manifest = buildFixture(c.manifest, readRepoFile);
      const base = c.base ? buildFixture(c.base, readRepoFile) : undefined;
      const broken = [manifest, base].find((f): f is { error: string } => f !== undefined && 'error' in f);
      if (broken) {
        cases.push({ ...at, passed: false, mismatches: [], error: broken.error });
        return;
      }
      const evaluation = evaluateManifest(
        {
          file: `${source.file}#${c.name}`,
          text: '',
          manifest: (manifest as { manifest: UseCase }).manifest,
        },
        policies,
        { today: c.asOf ?? DEFAULT_AS_OF, base: base && 'manifest' in base ? base.manifest : null },
      );
      const outcomes = outcomeByRule(evaluation.results);
      const mismatches: CaseResult['mismatches'] = [];
      for (const [rule, expected] of Object.entries(c.expect) as [string, Outcome][]) {
        const actual = outcomes.get(rule)?.outcome ?? 'not-applicable';
        if (actual !== expected)
          mismatches.push({ rule, expected, actual, message: outcomes.get(rule)?.message ?? '' });
        if (expected === 'pass' && actual === 'pass') seenPass.add(rule);
        if (expected === 'fail' && actual === 'fail') seenFail.add(rule);
      }
      cases.push({ ...at, passed: mismatches.length === 0, mismatches });
    });
  }
  return {
    cases,
    problems,
    coverage: {
      rules: ruleIds.length,
      covered: ruleIds.filter((id) => seenPass.has(id) && seenFail.has(id)).length,
      missingPass: ruleIds.filter((id) => !seenPass.has(id)),
      missingFail: ruleIds.filter((id) => !seenFail.has(id)),
    },
  };
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
