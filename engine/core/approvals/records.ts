// The approvals a manifest records for the stage it is at, as the lifecycle rules read them
// (`approvals` in a rule's context): which roles the RACI asks for at its effective tier, which
// records fill them, which records cannot count. What the file alone can tell; the pull-request
// gate also checks the review behind each new record (gate.ts).
import type { UseCase } from '../../schema/usecase.gen.ts';
import type { Tier } from '../manifest/vocabulary.ts';
import type { PolicySet } from '../policy/load-policies.ts';
import { identityKey } from './identity.ts';
import { baselineRoles, requiredRoles } from './raci.ts';
import { bookOf } from './roles.ts';

export type Lifecycle = UseCase['spec']['lifecycle'];
export type Approval = NonNullable<Lifecycle['approvals']>[number];

/** One approval of an import, as `coe import --approver role=@login --pr N` gives it. */
export type ImportApprover = Omit<Approval, 'stage'>;

/**
 * The lifecycle an import writes: the stage the inventory gives, the baseline an earlier import
 * recorded (else this stage), the approvals recorded before (append-only), and the import roles'
 * approvals given for this import when the baseline is at this stage and has none yet (on a
 * use case imported earlier, they belong to its own import pull request).
 */
export function importedLifecycle(
  stage: Lifecycle['stage'],
  ctx: { kept?: Pick<Lifecycle, 'baseline' | 'approvals'>; approvers?: readonly ImportApprover[] },
): Lifecycle {
  const baseline = ctx.kept?.baseline ?? { stage };
  const approvals = [...(ctx.kept?.approvals ?? [])];
  if (baseline.stage === stage && !approvals.some((a) => a.stage === stage))
    for (const a of ctx.approvers ?? []) approvals.push({ stage, ...a });
  return { stage, baseline, ...(approvals.length ? { approvals } : {}) };
}

export interface ApprovalsVerdict {
  stage: string;
  /** Roles the RACI asks for, in RACI order. */
  required: string[];
  /** role → login, for the recorded approvals that count. */
  filled: Record<string, string>;
  /** Required roles no counting approval fills. */
  missing: string[];
  /** Recorded approvals for this stage that do not count, each with the reason. */
  invalid: string[];
}

export function checkApprovals(manifest: UseCase, policies: PolicySet, tier: Tier): ApprovalsVerdict {
  const stage = manifest.spec.lifecycle.stage;
  const raci = policies.registries.raci;
  // An imported use case at the stage it was imported at: the import's approvers stand for it.
  const required = baselineRoles(raci, manifest, stage) ?? requiredRoles(raci, stage, tier);
  const book = bookOf(policies);
  const onePerPerson = raci.oneRolePerPerson ?? true;
  const filled: Record<string, string> = {};
  const invalid: string[] = [];
  const used = new Set<string>();
  for (const a of manifest.spec.lifecycle.approvals ?? []) {
    if (a.stage !== stage) continue;
    const refusal = book.refusal(a.login, a.role, manifest);
    if (refusal) {
      invalid.push(refusal);
      continue;
    }
    if (!required.includes(a.role) || filled[a.role]) continue;
    const person = identityKey(a.login);
    if (onePerPerson && used.has(person)) {
      invalid.push(`${a.login} already approved in another role; one person fills one role per stage`);
      continue;
    }
    filled[a.role] = a.login;
    used.add(person);
  }
  return { stage, required, filled, missing: required.filter((r) => !filled[r]), invalid };
}
