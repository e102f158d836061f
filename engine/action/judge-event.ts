// The gate's judgement of one event: the same engine as `coe check --base`, then the approvals
// against the reviews of the pull request (or of every pull request in a merge group) and, for a
// policy change, the impact of the proposed policies. Reads git only (what the commit holds,
// never the checkout's files); GitHub only through `pulls`.
import { type PullRequestFacts, verifyApprovals } from '../core/approvals/gate.ts';
import { ENGINE_PATHS } from '../core/approvals/raci.ts';
import { type TeamDirectory, teamsNamed } from '../core/approvals/roles.ts';
import { judge } from '../core/check/judge.ts';
import { buildReport } from '../core/check/report.ts';
import { changedUseCases } from '../core/gate/changed-use-cases.ts';
import { decide, type GateReport } from '../core/gate/gate-report.ts';
import { loadPolicies, withTeams } from '../core/policy/load-policies.ts';
import type { Problem } from '../core/problem.ts';
import { POLICIES_DIR } from '../fs/read-policies.ts';
import { baseSources } from '../git/base-sources.ts';
import { changedPaths, differs, GitError, subjects } from '../git/git.ts';
import { policyImpact } from '../git/policy-impact.ts';
import { reviewedContent } from '../git/review-content.ts';
import type { GateEvent } from './event.ts';

/** What the gate asks GitHub: a pull request's reviews and commits (and, for a merge group's, the rest). */
export interface PullRequests {
  /** `known`: what the event itself says of the pull request, so it is not fetched again. */
  facts(number: number, known?: { author: string; openedAt: string }): Promise<PullRequestFacts>;
}

export interface JudgeEventOptions {
  root: string;
  event: GateEvent;
  today: string;
  pulls: PullRequests;
  detailsUrl: string | null;
  /** Branches besides the default one whose pull requests the gate may pass. */
  baseBranches?: readonly string[];
  /** Reads the members of the teams the base's roles name (none named: not called). */
  teams?: (names: readonly string[]) => Promise<TeamDirectory>;
  /**
   * The commit judged, read through git (default HEAD, the commit checked out; never the files of
   * the checkout): the publishing workflow re-judges a fork's pull request at its head this way.
   */
  atCommit?: string;
}

export async function judgeEvent(o: JudgeEventOptions): Promise<GateReport> {
  const { root, event, today } = o;
  const parts = {
    repository: `${event.owner}/${event.repo}`,
    event: event.name,
    pullRequest: event.pullRequest?.number ?? null,
    headSha: event.headSha,
    baseSha: event.baseSha,
    detailsUrl: o.detailsUrl,
    refusal: baseRefusal(event, o.baseBranches ?? []),
  };
  const head = o.atCommit ?? 'HEAD';
  const base = await baseSources(root, event.baseSha, [], head).catch((error: unknown) => {
    if (!(error instanceof GitError)) throw error;
    throw new Error(
      `the base commit ${event.baseSha.slice(0, 7)} is not in the checkout (${error.message}); check out with actions/checkout's fetch-depth: 0 so the merge base and the base branch's policies can be read`,
    );
  });
  // The base's policies judge; the members of the teams they name are read once, for both halves.
  const loaded = base.policies ? loadPolicies(base.policies) : undefined;
  const named = loaded?.ok ? teamsNamed(loaded.policies.registries.roles) : [];
  const teams = named.length && o.teams ? await o.teams(named) : undefined;
  const check = buildReport(
    judge({ ...base, today, loadedPolicies: loaded, ...(teams ? { teams } : {}) }),
    today,
    base.info,
  );
  // What this change edited (not: what the base branch changed since it branched).
  const [policiesChanged, engineChanged] = await Promise.all([
    differs(root, base.info.mergeBase, head, [POLICIES_DIR]),
    changedPaths(root, base.info.mergeBase, head, ENGINE_PATHS),
  ]);

  let impact = null;
  let impactError: string | null = null;
  if (policiesChanged) {
    const result = await policyImpact(root, event.baseSha, today, head);
    if (result.ok) impact = result.report;
    else if (result.stage === 'missing') impactError = result.message;
    else if (result.stage === 'policies') impactError = firstProblem(result.problems);
  }

  if (!loaded?.ok)
    return decide({
      ...parts,
      check,
      approvals: null,
      approvalsNote: 'Approvals could not be checked: the base branch has no valid policies.',
      impact,
      impactError,
    });
  if (check.problems.length > 0)
    return decide({
      ...parts,
      check,
      approvals: null,
      approvalsNote: 'Approvals are checked once every file is valid.',
      impact,
      impactError,
    });
  const policies = teams ? withTeams(loaded.policies, teams) : loaded.policies;
  const changed = changedUseCases(check, base.manifests, base.baseOf, policies);
  const pulls = await pullsJudged(o, base.info.policyCommit);
  const sameContent = reviewedContent(
    root,
    event.headSha,
    changed.map((u) => u.file),
    pulls.flatMap((p) => p.reviews.map((r) => r.commitId)),
  );
  const approvals = verifyApprovals({
    changed,
    pulls,
    headSha: event.headSha,
    policies,
    policiesChanged,
    engineChanged,
    sameContent,
  });
  const approvalsNote =
    event.name === 'merge_group'
      ? `Approvals were checked again on the merge group, against the reviews of ${pulls.map((p) => `#${p.number}`).join(', ') || 'no pull request'}.`
      : null;
  return decide({ ...parts, check, approvals, approvalsNote, impact, impactError });
}

/**
 * The pull requests whose reviews count: the event's, or a merge group's, which its head branch
 * names (and the merge and squash commits in it, when the queue groups several).
 */
async function pullsJudged(o: JudgeEventOptions, baseCommit: string): Promise<PullRequestFacts[]> {
  const pr = o.event.pullRequest;
  if (pr) {
    const facts = await o.pulls.facts(pr.number, { author: pr.author, openedAt: pr.openedAt });
    return [{ ...facts, contributors: [...facts.contributors, ...(pr.pusher ? [pr.pusher] : [])] }];
  }
  const named = new Set(o.event.groupPulls);
  for (const subject of await subjects(o.root, baseCommit, o.event.headSha)) {
    const n = /^Merge pull request #(\d+) /.exec(subject)?.[1] ?? /\(#(\d+)\)$/.exec(subject)?.[1];
    if (n) named.add(Number(n));
  }
  return Promise.all([...named].sort((a, b) => a - b).map((n) => o.pulls.facts(n)));
}

/** Why the gate will not pass a change into this branch, or null when it gates that branch. */
function baseRefusal(event: GateEvent, extra: readonly string[]): string | null {
  if (event.baseRef === event.defaultBranch || extra.includes(event.baseRef)) return null;
  const gated = [event.defaultBranch, ...extra].map((b) => `"${b}"`).join(', ');
  return `this change goes into "${event.baseRef}", and the gate passes changes into ${gated} only (the base-branches input lists more)`;
}

function firstProblem(problems: readonly Problem[]): string {
  const p = problems[0];
  return p ? `${p.file}:${p.line}:${p.column} ${p.message}` : 'unknown problem';
}
