// The whole of `coe check` over file contents: load the policies, then stream the manifests
// through validation and evaluation. Pure; the adapters supply the files and the date.

import { checkAssets } from '../manifest/assets.ts';
import type { UseCase } from '../manifest/usecase.gen.ts';
import { type Evaluation, evaluateManifest, type RuleResult, type WaiverResult } from '../policy/evaluate.ts';
import { loadPolicies, type PolicySet } from '../policy/load-policies.ts';
import type { Problem } from '../problem.ts';
import {
  type CheckOptions,
  checkManifests,
  copyString,
  detach,
  type LoadedManifest,
  loadManifest,
  type ManifestCheck,
  type SourceFile,
} from './check-manifests.ts';

export interface Judgement {
  id: string;
  file: string;
  tier: Evaluation['tier'];
  transition: Evaluation['transition'];
  priority: number | null;
  blocked: boolean;
  /** Results that are not a plain pass or not-applicable: failures (any level) and waived ones. */
  findings: RuleResult[];
  counts: { pass: number; fail: number; waived: number; notApplicable: number };
  waivers: WaiverResult[];
}

export interface JudgeInput {
  manifests: Iterable<SourceFile>;
  /** undefined: the repository has no policies, manifests are only validated. */
  policies: Iterable<SourceFile> | undefined;
  inputProblems?: readonly Problem[];
  today: string;
  /** The bytes of a manifest at the base revision, when judging a change; undefined for a new one. */
  baseOf?: (file: string) => Uint8Array | undefined;
  /** Whether a path exists in the repository judged: links to repository files are checked. */
  linkExists?: (repoPath: string) => boolean;
  /** Called with each manifest and its evaluation, while both are at hand (coe portfolio keeps a summary). */
  onEvaluated?: (loaded: LoadedManifest, evaluation: Evaluation, policies: PolicySet) => void;
  /**
   * false: no judgement is kept (judgements is empty), for a caller that keeps its own summary
   * through onEvaluated. The heap grows to a multiple of what stays live, so every row counts.
   */
  keepJudgements?: boolean;
}

export interface JudgeOutput {
  check: ManifestCheck;
  policies: { files: string[]; rules: number } | null;
  judgements: Judgement[];
}

export function judge(input: JudgeInput): JudgeOutput {
  let policySet: PolicySet | undefined;
  const policyProblems: Problem[] = [];
  if (input.policies) {
    const loaded = loadPolicies(input.policies);
    if (loaded.ok) policySet = loaded.policies;
    else policyProblems.push(...loaded.problems);
  }
  const judgements: Judgement[] = [];
  const options: CheckOptions = {
    inputProblems: [...(input.inputProblems ?? []), ...policyProblems],
    ...(input.linkExists ? { linkExists: input.linkExists } : {}),
  };
  if (policySet) {
    const set = policySet;
    const assets = new Set(set.registries.assets.map((a) => a.id));
    options.onManifest = (loaded) => {
      const base = loadBase(loaded.file, input.baseOf?.(loaded.file));
      const evaluation = evaluateManifest(loaded, set, { today: input.today, base });
      if (input.keepJudgements !== false) judgements.push(summarise(evaluation));
      input.onEvaluated?.(loaded, evaluation, set);
      const { reuses, provides } = loaded.manifest.spec;
      return reuses?.length || provides?.length ? checkAssets(loaded, assets) : undefined;
    };
  }
  const check = checkManifests(input.manifests, options);
  judgements.sort((a, b) => (a.file < b.file ? -1 : 1));
  return {
    check,
    policies: policySet ? { files: policySet.files, rules: policySet.rules.length } : null,
    judgements,
  };
}

/**
 * The base version as a manifest. One that no longer validates (written before a schema change)
 * is compared with as absent: the change is then judged like a new use case, never waved through.
 */
function loadBase(file: string, bytes: Uint8Array | undefined): UseCase | null {
  if (!bytes) return null;
  return loadManifest(file, bytes, [])?.manifest ?? null;
}

function summarise(e: Evaluation): Judgement {
  // Only what came from the manifest text needs copying (see copyString); tier reasons and rule
  // fields come from the policies, and most use cases have no findings or waivers at all.
  const j = judgement(e);
  return {
    ...j,
    id: copyString(j.id),
    findings: j.findings.length ? detach(j.findings) : [],
    waivers: j.waivers.length ? detach(j.waivers) : [],
  };
}

function judgement(e: Evaluation): Judgement {
  const counts = { pass: 0, fail: 0, waived: 0, notApplicable: 0 };
  for (const r of e.results) {
    if (r.outcome === 'not-applicable') counts.notApplicable++;
    else counts[r.outcome]++;
  }
  return {
    id: e.id,
    file: e.file,
    tier: e.tier,
    transition: e.transition,
    priority: e.priority,
    blocked: e.blocked,
    findings: e.results.filter((r) => r.outcome === 'fail' || r.outcome === 'waived'),
    counts,
    waivers: e.waivers,
  };
}
