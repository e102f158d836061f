// The RACI applied to one use case: which roles must approve its entering the current stage at
// its effective tier, and which approvals recorded in the manifest count for them. Shared by the
// lifecycle rules and, later, by the Action that checks these against real reviews.
import type { UseCase } from '../manifest/usecase.gen.ts';
import type { PolicySet } from './load-policies.ts';

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

export function requiredRoles(policies: PolicySet, stage: string, tier: string): string[] {
  const roles: string[] = [];
  for (const entry of policies.registries.raci.approvals) {
    if (entry.to !== stage || (entry.tiers && !entry.tiers.includes(tier as 'low'))) continue;
    for (const role of entry.roles) if (!roles.includes(role)) roles.push(role);
  }
  return roles;
}

// One lookup table per policy set, not per manifest.
const holderTables = new WeakMap<PolicySet, Map<string, Set<string>>>();
function holdersOf(policies: PolicySet): Map<string, Set<string>> {
  let table = holderTables.get(policies);
  if (!table) {
    table = new Map(policies.registries.roles.map((r) => [r.id, new Set(r.members)]));
    holderTables.set(policies, table);
  }
  return table;
}

export function checkApprovals(manifest: UseCase, policies: PolicySet, tier: string): ApprovalsVerdict {
  const stage = manifest.spec.lifecycle.stage;
  const required = requiredRoles(policies, stage, tier);
  const holders = holdersOf(policies);
  const onePerPerson = policies.registries.raci.oneRolePerPerson ?? true;
  const filled: Record<string, string> = {};
  const invalid: string[] = [];
  const used = new Set<string>();
  for (const a of manifest.spec.lifecycle.approvals ?? []) {
    if (a.stage !== stage) continue;
    if (!holders.get(a.role)?.has(a.login)) {
      invalid.push(`${a.login} does not hold the ${a.role} role`);
      continue;
    }
    if (!required.includes(a.role) || filled[a.role]) continue;
    if (onePerPerson && used.has(a.login)) {
      invalid.push(`${a.login} already approved in another role; one person fills one role per stage`);
      continue;
    }
    filled[a.role] = a.login;
    used.add(a.login);
  }
  return { stage, required, filled, missing: required.filter((r) => !filled[r]), invalid };
}
