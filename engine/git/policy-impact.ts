// `coe impact` and the Action's policy-change table share this: the policies at a ref against
// the working tree's, over every manifest in the working tree.
import { counted } from '../core/counted.ts';
import { type ImpactReport, impact } from '../core/policy/impact.ts';
import { loadPolicies } from '../core/policy/load-policies.ts';
import type { Problem } from '../core/problem.ts';
import { readPolicySources } from '../fs/read-policies.ts';
import { readSources } from '../fs/read-sources.ts';
import { manifestsAt, policiesAt } from './commit-sources.ts';
import { resolveBase } from './git.ts';

export type PolicyImpact =
  | { ok: true; report: ImpactReport }
  /** `stage`: the policies did not load, or the manifests did not validate. */
  | { ok: false; stage: 'policies' | 'manifests'; problems: Problem[] }
  | { ok: false; stage: 'missing'; message: string };

/**
 * Throws GitError when `ref` does not resolve. `head`: the proposed policies and the manifests as
 * they are at that commit (read through git), instead of the working tree. `onProgress`: called as
 * the manifests are judged (counted.ts).
 */
export async function policyImpact(
  root: string,
  ref: string,
  today: string,
  head?: string,
  onProgress?: (judged: number, total: number) => void,
): Promise<PolicyImpact> {
  const base = await resolveBase(root, ref, head);
  const beforeFiles = await policiesAt(root, base.policyCommit);
  const afterFiles = head ? await policiesAt(root, head) : readPolicySources(root);
  if (!beforeFiles)
    return { ok: false, stage: 'missing', message: `${ref} has no policies/ folder to compare with` };
  if (!afterFiles)
    return { ok: false, stage: 'missing', message: 'the working tree has no policies/ folder' };
  const before = loadPolicies(beforeFiles);
  const after = loadPolicies(afterFiles);
  if (!before.ok || !after.ok) {
    const problems = [...(before.ok ? [] : before.problems), ...(after.ok ? [] : after.problems)];
    return { ok: false, stage: 'policies', problems };
  }
  const sources = head ? await manifestsAt(root, head) : readSources(root);
  const report = impact(
    counted(sources.sources, onProgress),
    before.policies,
    after.policies,
    today,
    sources.problems,
  );
  if (report.problems.length) return { ok: false, stage: 'manifests', problems: report.problems };
  return { ok: true, report };
}
