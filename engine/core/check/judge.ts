// The whole of `coe check` over file contents: load the policies, then stream the manifests
// through validation and evaluation. Pure; the adapters supply the files and the date.

import type { CheckReport } from '../../schema/check-report.gen.ts';
import type { UseCase } from '../../schema/usecase.gen.ts';
import type { TeamDirectory } from '../approvals/roles.ts';
import { checkAssets } from '../manifest/assets.ts';
import { type Evaluation, evaluateManifest, type PolicyError, type RuleResult } from '../policy/evaluate.ts';
import {
  type LoadedRule,
  loadPolicies,
  type PolicyLoad,
  type PolicySet,
  withTeams,
} from '../policy/load-policies.ts';
import { compareProblems, type Problem, problem } from '../problem.ts';
import {
  type CheckOptions,
  checkManifests,
  type LoadedManifest,
  loadHistoricManifest,
  type ManifestCheck,
  type SourceFile,
  type UnchangedUseCases,
} from './check-manifests.ts';
import type { Keep } from './keep.ts';

/** The policies' verdict on one use case, as kept on its row of the report. */
/**
 * What a use case's row in the check report adds with policies (check-report.schema.json):
 * findings are the results that are not a plain pass or not-applicable (failures of any level, and
 * waived ones).
 */
export type Judgement = Required<
  Pick<
    CheckReport['useCases'][number],
    'tier' | 'transition' | 'priority' | 'blocked' | 'findings' | 'counts' | 'waivers'
  >
>;

export interface JudgeInput {
  manifests: Iterable<SourceFile>;
  /** undefined: the repository has no policies, manifests are only validated. */
  policies: Iterable<SourceFile> | undefined;
  /** The same policies already loaded, by a caller that needed them first (the teams they name). */
  loadedPolicies?: PolicyLoad | undefined;
  inputProblems?: readonly Problem[];
  today: string;
  /** The bytes of a manifest at the base revision, when judging a change; undefined for a new one. */
  baseOf?: (file: string) => Uint8Array | undefined;
  /** Whether a path exists in the repository judged: links to repository files are checked. */
  linkExists?: (repoPath: string) => boolean;
  /** The use cases a change leaves alone, when only the changed ones are judged: compared for likely duplicates. */
  unchanged?: UnchangedUseCases | undefined;
  /** The members of the teams the roles name, as read for this judgement; none known by default. */
  teams?: TeamDirectory;
  /** Called with each manifest and its evaluation, while both are at hand (coe portfolio keeps a summary). */
  onEvaluated?: (loaded: LoadedManifest, evaluation: Evaluation, policies: PolicySet) => void;
  /**
   * false: no judgement is kept on the rows, for a caller that keeps its own summary through
   * onEvaluated. The heap grows to a multiple of what stays live, so every row counts.
   */
  keepJudgements?: boolean;
}

export interface JudgeOutput {
  /** Each use case's row carries its judgement when there were policies to judge it by. */
  check: ManifestCheck<Judgement>;
  policies: { files: string[]; rules: number } | null;
  /** The rules judged by, in order (none without policies): what SARIF describes. */
  rules: readonly LoadedRule[];
  /** The policies as loaded (with the teams given), for what else the caller asks of them. */
  policySet: PolicySet | null;
}

export function judge(input: JudgeInput): JudgeOutput {
  let policySet: PolicySet | undefined;
  const policyProblems: Problem[] = [];
  if (input.policies) {
    const loaded = input.loadedPolicies ?? loadPolicies(input.policies);
    if (loaded.ok) policySet = input.teams ? withTeams(loaded.policies, input.teams) : loaded.policies;
    else policyProblems.push(...loaded.problems);
  }
  const options: CheckOptions<Judgement> = {
    inputProblems: [...(input.inputProblems ?? []), ...policyProblems],
    ...(input.linkExists ? { linkExists: input.linkExists } : {}),
    ...(input.unchanged ? { unchanged: input.unchanged } : {}),
  };
  const runtime = new RuntimeErrors();
  if (policySet) {
    const set = policySet;
    const assets = new Set(set.registries.assets.map((a) => a.id));
    options.checkReferences = (loaded) => {
      const { reuses, provides } = loaded.manifest.spec;
      return reuses?.length || provides?.length ? checkAssets(loaded, assets) : undefined;
    };
    options.onManifest = (loaded, keep) => {
      const base = loadBase(loaded.file, input.baseOf?.(loaded.file));
      const evaluation = evaluateManifest(loaded, set, {
        today: input.today,
        base,
        change: input.baseOf !== undefined,
      });
      for (const e of evaluation.policyErrors) runtime.add(e, loaded.file);
      input.onEvaluated?.(loaded, evaluation, set);
      return input.keepJudgements === false ? undefined : judgement(evaluation, keep);
    };
  }
  const check = checkManifests(input.manifests, options);
  if (runtime.size) {
    check.problems.push(...runtime.problems());
    check.problems.sort(compareProblems);
  }
  return {
    check,
    policies: policySet ? { files: policySet.files, rules: policySet.rules.length } : null,
    rules: policySet?.rules ?? [],
    policySet: policySet ?? null,
  };
}

/**
 * The base version as a manifest. One that no longer validates (written before a schema change)
 * is compared with as absent: the change is then judged like a new use case, never waved through.
 */
function loadBase(file: string, bytes: Uint8Array | undefined): UseCase | null {
  if (!bytes) return null;
  return loadHistoricManifest(file, bytes, [])?.manifest ?? null;
}

/**
 * What is kept of an evaluation: the findings (failures at any level and waived ones, not the
 * plain passes), counts of the rest, and the waivers, as kept copies (keep.ts). The tier, the
 * transition and the counts repeat across a portfolio and are shared.
 */
function judgement(e: Evaluation, keep: Keep): Judgement {
  const counts = { pass: 0, fail: 0, waived: 0, notApplicable: 0 };
  const findings: RuleResult[] = [];
  for (const r of e.results) {
    if (r.outcome === 'not-applicable') counts.notApplicable++;
    else counts[r.outcome]++;
    if (r.outcome === 'fail' || r.outcome === 'waived') findings.push(keep.copy(r));
  }
  return {
    tier: keep.shared(e.tier),
    transition: keep.shared(e.transition),
    priority: e.priority,
    blocked: e.blocked,
    findings: findings.length ? findings : keep.shared([]),
    counts: keep.shared(counts),
    waivers: e.waivers.length ? keep.copy(e.waivers) : keep.shared([]),
  };
}

/**
 * The rules whose own logic failed as they ran, each reported once at its condition in its policy
 * file (policy-runtime-error), however many use cases it failed on: a mistake in the policy, not
 * in the manifests. Each use case it failed on still counts the rule as failed.
 */
class RuntimeErrors {
  private readonly byCondition = new Map<string, { error: PolicyError; files: Set<string> }>();

  get size(): number {
    return this.byCondition.size;
  }

  add(error: PolicyError, file: string): void {
    const key = `${error.rule.id}\0${error.field}`;
    const seen = this.byCondition.get(key);
    if (seen) seen.files.add(file);
    else this.byCondition.set(key, { error, files: new Set([file]) });
  }

  problems(): Problem[] {
    return [...this.byCondition.values()].map(({ error: { rule, field, error }, files }) => {
      const [first] = files;
      const on = files.size === 1 ? `on ${first}` : `on ${files.size} use cases (the first: ${first})`;
      return problem(
        rule.file,
        'policy-runtime-error',
        `rule ${rule.id}: its ${field} condition fails as it runs ${on}: ${error}. Fix the condition; until then the rule counts as failed on each of them (docs/policies.md)`,
        rule.at[field] ?? rule.at.require,
      );
    });
  }
}
