// `coe explain`: what a use case needs for the next (or a named) stage. The manifest is evaluated
// as if it were already there, with its current version as the base, so every gate of that stage,
// and the transition rules, report what is met and what is missing.

import { requiredRoles } from '../approvals/raci.ts';
import { bookOf } from '../approvals/roles.ts';
import type { LoadedManifest } from '../check/check-manifests.ts';
import { STAGES, type Stage } from '../manifest/vocabulary.ts';
import { evaluateManifest, type RuleResult, type TierVerdict } from './evaluate.ts';
import type { PolicySet } from './load-policies.ts';

export interface ChecklistItem {
  rule: string;
  title: string;
  level: RuleResult['level'];
  policy: string;
  met: boolean;
  waived: boolean;
  /** For unmet items, each finding's message and where. */
  details: { message: string; path: string; line: number }[];
  remediation: string;
}

export interface Checklist {
  id: string;
  file: string;
  from: Stage;
  to: Stage;
  tier: TierVerdict;
  items: ChecklistItem[];
  /** Roles that must approve entering `to`, and who may fill each for this use case. */
  approvers: { role: string; holders: string[] }[];
}

/** The stage after `stage`; production stays production, retired has none. */
export function nextStage(stage: Stage): Stage | undefined {
  if (stage === 'retired') return undefined;
  if (stage === 'production') return 'production';
  return STAGES[STAGES.indexOf(stage) + 1];
}

export function explain(loaded: LoadedManifest, policies: PolicySet, to: Stage, today: string): Checklist {
  const current = loaded.manifest;
  const target = structuredClone(current);
  target.spec.lifecycle.stage = to;
  // Approvals for the target stage are what the checklist asks for; the RACI list below names them.
  const evaluation = evaluateManifest({ ...loaded, manifest: target }, policies, { today, base: current });
  const policyOf = new Map(policies.rules.map((r) => [r.id, r.policy]));
  const items = new Map<string, ChecklistItem>();
  for (const r of evaluation.results) {
    if (r.outcome === 'not-applicable') continue;
    const item = items.get(r.rule) ?? {
      rule: r.rule,
      title: r.title,
      level: r.level,
      policy: policyOf.get(r.rule) ?? '',
      met: true,
      waived: false,
      details: [],
      remediation: r.remediation,
    };
    if (r.outcome === 'fail') {
      item.met = false;
      item.details.push({ message: r.message, path: r.path, line: r.line });
    }
    if (r.outcome === 'waived') item.waived = true;
    items.set(r.rule, item);
  }
  const book = bookOf(policies);
  return {
    id: current.metadata.id,
    file: loaded.file,
    from: current.spec.lifecycle.stage,
    to,
    tier: evaluation.tier,
    items: [...items.values()],
    approvers: requiredRoles(policies.registries.raci, to, evaluation.tier.effective).map((role) => ({
      role,
      holders: book.holders(role, target),
    })),
  };
}
