// The gate's judgement of one event: the same engine as `coe check --base`, then the approvals
// against the pull request's reviews and, for a policy change, the impact of the proposed
// policies. Reads git only (what the commit holds, never the checkout's files); GitHub only
// through `reviews`.
import { judge } from '../core/check/judge.ts';
import { buildReport } from '../core/check/report.ts';
import { changedUseCases } from '../core/gate/changed-use-cases.ts';
import { decide, type GateReport } from '../core/gate/gate-report.ts';
import { type GateApprovals, type Review, verifyApprovals } from '../core/gate/verify-approvals.ts';
import { loadPolicies } from '../core/policy/load-policies.ts';
import type { Problem } from '../core/problem.ts';
import { POLICIES_DIR } from '../fs/read-policies.ts';
import { baseSources } from '../git/base-sources.ts';
import { differs, GitError } from '../git/git.ts';
import { policyImpact } from '../git/policy-impact.ts';
import type { GateEvent } from './event.ts';

export interface JudgeEventOptions {
  root: string;
  event: GateEvent;
  today: string;
  /** Fetches the pull request's reviews (only asked for when approvals are checked). */
  reviews: () => Promise<Review[]>;
  detailsUrl: string | null;
  /**
   * The commit judged, read through git (default HEAD, the commit checked out; never the files of
   * the checkout): the publishing workflow re-judges a fork's pull request at its head this way.
   */
  atCommit?: string;
}

export const MERGE_GROUP_NOTE =
  'Approvals were enforced when each pull request joined the merge queue; the merge group re-runs the file rules on the combined change.';

export async function judgeEvent(o: JudgeEventOptions): Promise<GateReport> {
  const { root, event, today } = o;
  const parts = {
    repository: `${event.owner}/${event.repo}`,
    event: event.name,
    pullRequest: event.pullRequest?.number ?? null,
    headSha: event.headSha,
    baseSha: event.baseSha,
    detailsUrl: o.detailsUrl,
  };
  const head = o.atCommit ?? 'HEAD';
  const base = await baseSources(root, event.baseSha, [], head).catch((error: unknown) => {
    if (!(error instanceof GitError)) throw error;
    throw new Error(
      `the base commit ${event.baseSha.slice(0, 7)} is not in the checkout (${error.message}); check out with actions/checkout's fetch-depth: 0 so the merge base and the base branch's policies can be read`,
    );
  });
  const check = buildReport(judge({ ...base, today }), today, base.info);
  // Did this change edit policies/ (not: did the base branch move on since it branched)?
  const policiesChanged = await differs(root, base.info.mergeBase, head, [POLICIES_DIR]);

  let impact = null;
  let impactError: string | null = null;
  if (policiesChanged) {
    const result = await policyImpact(root, event.baseSha, today, head);
    if (result.ok) impact = result.report;
    else if (result.stage === 'missing') impactError = result.message;
    else if (result.stage === 'policies') impactError = firstProblem(result.problems);
  }

  let approvals: GateApprovals | null = null;
  let approvalsNote: string | null = null;
  const loaded = base.policies ? loadPolicies(base.policies) : undefined;
  if (!event.pullRequest) approvalsNote = MERGE_GROUP_NOTE;
  else if (!loaded?.ok)
    approvalsNote = 'Approvals could not be checked: the base branch has no valid policies.';
  else if (check.problems.length === 0) {
    const changed = changedUseCases(check, base.manifests, base.baseOf);
    approvals = verifyApprovals(
      changed,
      { ...event.pullRequest, headSha: event.headSha, reviews: await o.reviews() },
      loaded.policies,
      policiesChanged,
    );
  } else approvalsNote = 'Approvals are checked once every file is valid.';

  return decide({ ...parts, check, approvals, approvalsNote, impact, impactError });
}

function firstProblem(problems: readonly Problem[]): string {
  const p = problems[0];
  return p ? `${p.file}:${p.line}:${p.column} ${p.message}` : 'unknown problem';
}
