// The approvals a manifest records for the stage it is at, as the lifecycle rules read them
// (`approvals` in a rule's context): which roles the RACI asks for at its effective tier, which
// records fill them, which records cannot count. What the file alone can tell; the pull-request
// gate also checks the review behind each new record (gate.ts).
import type { UseCase } from '../../schema/usecase.gen.ts';
import type { Tier } from '../manifest/vocabulary.ts';
import type { PolicySet } from '../policy/load-policies.ts';
import { identityKey } from './identity.ts';
import { requiredRoles } from './raci.ts';
import { bookOf } from './roles.ts';

export type Approval = NonNullable<UseCase['spec']['lifecycle']['approvals']>[number];

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
  const required = requiredRoles(policies.registries.raci, stage, tier);
  const book = bookOf(policies);
  const onePerPerson = policies.registries.raci.oneRolePerPerson ?? true;
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
