// The approvals half of the pull-request gate: which roles a change needs, and whether the people
// holding them approved this very content in the pull request that makes the change. Pure: the
// Action hands in the pull request's reviews and commits, and git's answer to "did the reviewed
// commit hold the same content?" (sameContent).
//
// The trail stays in git: a use-case team records each approval in the manifest (stage, role,
// login, date, pr) and the named person approves the pull request. A record counts only for the
// stage entry its pull request makes, only from a holder of the role who neither opened the pull
// request nor wrote or pushed to it, and only with their approving review of a commit whose
// content, approval records aside, is what merges. A waiver is an approval of a failure and is
// held to the same.

import { isDeepStrictEqual } from 'node:util';
import type {
  RoleStatus,
  UnverifiedApprovals,
  UnverifiedWaivers,
  UseCaseApprovals,
} from '../../schema/check-report.gen.ts';
import type { Approvals } from '../../schema/gate-report.gen.ts';
import type { UseCase } from '../../schema/usecase.gen.ts';
import type { Stage, Tier } from '../manifest/vocabulary.ts';
import type { PolicySet } from '../policy/load-policies.ts';
import { identityKey, sameIdentity } from './identity.ts';
import {
  baselineRoles,
  engineChangeRoles,
  policyChangeRoles,
  requiredRoles,
  stagesToApprove,
  waiverRoles,
  watchedChanges,
} from './raci.ts';
import type { Approval } from './records.ts';
import { bookOf, isTeamHolder, type RoleBook, type RoleScope } from './roles.ts';
import type { Waiver } from './waivers.ts';

export type ReviewState = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';

export interface Review {
  login: string;
  state: ReviewState;
  /** The commit the review was given on. */
  commitId: string;
  /** ISO timestamp; reviews are judged in this order. */
  submittedAt: string;
}

/** A review that decides where its author stands: comments and pending reviews do not. */
export type StandingReview = Review & { state: 'APPROVED' | 'CHANGES_REQUESTED' | 'DISMISSED' };

const stands = (r: Review): r is StandingReview => r.state !== 'COMMENTED' && r.state !== 'PENDING';

export interface PullRequestFacts {
  number: number;
  author: string;
  /** Everyone who authored, committed or pushed its commits: none of them approves it. */
  contributors: readonly string[];
  /** When GitHub opened it (ISO timestamp): no waiver in it is granted earlier. */
  openedAt: string;
  reviews: readonly Review[];
}

/** One use case a change touches: its move, its tier, and the manifest at both ends. */
export interface ChangedUseCase {
  id: string;
  file: string;
  /** Null for a new use case. */
  from: Stage | null;
  /** Null for a deleted manifest. */
  to: Stage | null;
  /** The tier controls apply to: the higher of the effective tiers before and after. */
  tier: Tier;
  head: UseCase | null;
  base: UseCase | null;
  /** Where the i-th recorded approval and waiver are in the head file. */
  lineOfApproval: (index: number) => number;
  lineOfWaiver: (index: number) => number;
}

/** What a review must have seen to count: a use case's content, policies/, the gate's own files. */
export type Concern = { kind: 'use-case'; file: string } | { kind: 'policies' } | { kind: 'engine' };

export interface GateInput {
  changed: readonly ChangedUseCase[];
  /**
   * The pull request judged, or those of a merge group; null on a laptop (`coe check --base`),
   * where records are taken at their word and reviews are still to come.
   */
  pulls: readonly PullRequestFacts[] | null;
  /** The commit the verdict is about (a pull request's head, a merge group's head). */
  headSha: string;
  policies: PolicySet;
  policiesChanged: boolean;
  /** The gate's own paths this change touches (ENGINE_PATHS); empty when none. */
  engineChanged: readonly string[];
  /** Whether `commit` held the same content as `headSha` for the concern (true for the head). */
  sameContent: (concern: Concern, commit: string) => boolean;
}

/**
 * A role a change needs (gate-report.schema.json): the stage it is for (absent for a change to
 * policies/ or to the gate) and why besides entering the stage (`spec.models changed`, a removal);
 * who fills it (`by`: a holder's approval verified against their review), or before there is a pull
 * request who the manifest records for it (`recorded`); who may fill it (its holders for this use
 * case, the author and committers excepted); whether a line in the manifest and a review fill it,
 * or (nothing left to write it in) a review alone. For a record still to write, `suggested` is whom
 * it names: a holder whose review of this content already stands (`approved`), else the use case's
 * champion, else the first holder; never one person twice at a stage where one person fills one role.
 */
export type { RoleStatus };

/** An approval record the change adds that does not count, where it is and why. */
export type RecordProblem = UnverifiedApprovals[number];

/** A waiver the change adds or alters that does not count (locally: that awaits its review). */
export type WaiverProblem = UnverifiedWaivers[number];

/** One changed use case: the roles it needs, and the records and waivers it adds that do not count. */
export type { UseCaseApprovals };

/**
 * The approvals of a change (gate-report.schema.json): per use case; role holders whose latest
 * review asks for changes (each blocks until they approve); approvals of an earlier commit whose
 * content has changed since and that fill no role (stale); the roles that must approve a change to
 * policies/ or (with its paths) to the gate itself; who cannot approve and why (the author, whoever
 * wrote or pushed commits).
 */
export type GateApprovals = Approvals;

interface Standing {
  /** The latest review that approves, asks for changes, or was dismissed. */
  latest: Review;
}

/** A pull request as the judgement needs it: its facts and each reviewer's latest standing. */
interface Pull {
  facts: PullRequestFacts;
  standings: Map<string, Standing>;
  /** Lower-case login → who they are and why they cannot approve. */
  excluded: Map<string, { login: string; why: string }>;
}

/**
 * Each reviewer's latest review that approves, asks for changes or was dismissed, by lower-case
 * login: comments neither approve nor block. Oldest first, so a later review replaces an earlier one.
 */
export function latestReviews(reviews: readonly Review[]): Map<string, StandingReview> {
  const latest = new Map<string, StandingReview>();
  const ordered = [...reviews].sort((a, b) => (a.submittedAt < b.submittedAt ? -1 : 1));
  for (const r of ordered) {
    if (!stands(r)) continue;
    latest.set(identityKey(r.login), r);
  }
  return latest;
}

function pullOf(facts: PullRequestFacts): Pull {
  const standings = new Map<string, Standing>();
  for (const [login, latest] of latestReviews(facts.reviews)) standings.set(login, { latest });
  const excluded = new Map<string, { login: string; why: string }>();
  for (const login of facts.contributors)
    excluded.set(identityKey(login), {
      login,
      why: `wrote or pushed commits of pull request #${facts.number}`,
    });
  excluded.set(identityKey(facts.author), {
    login: facts.author,
    why: `opened pull request #${facts.number}`,
  });
  return { facts, standings, excluded };
}

class Judge {
  readonly input: GateInput;
  readonly book: RoleBook;
  readonly pulls: Pull[] | null;
  readonly onePerPerson: boolean;

  constructor(input: GateInput) {
    this.input = input;
    this.book = bookOf(input.policies);
    this.pulls = input.pulls?.map(pullOf) ?? null;
    this.onePerPerson = input.policies.registries.raci.oneRolePerPerson ?? true;
  }

  /** Why `login`'s approval in `pull` does not stand for `concern`; undefined when it does. */
  approvalProblem(login: string, pull: Pull, concern: Concern): string | undefined {
    const key = identityKey(login);
    const excluded = pull.excluded.get(key);
    if (excluded) return `${login} ${excluded.why}, so cannot approve it`;
    const latest = pull.standings.get(key)?.latest;
    if (!latest) return `${login} has not approved pull request #${pull.facts.number}`;
    if (latest.state === 'CHANGES_REQUESTED') return `${login} asked for changes`;
    if (latest.state === 'DISMISSED') return `${login}'s review was dismissed`;
    if (!this.input.sameContent(concern, latest.commitId))
      return `${login} approved ${latest.commitId.slice(0, 7)}, and what they approved has changed since`;
    return undefined;
  }

  /** Who may fill `role`: its holders for the scope, minus anyone excluded from every pull. */
  holders(role: string, scope: RoleScope): string[] {
    const all = this.book.holders(role, scope);
    const pulls = this.pulls;
    if (!pulls) return all;
    return all.filter((h) => pulls.some((p) => !p.excluded.has(identityKey(h))));
  }

  /**
   * A role filled by a review alone (nothing left to record it in): the first holder whose review
   * stands, in the registry's order; then any reviewer who holds it through a team.
   */
  byReview(role: string, scope: RoleScope, concern: Concern, used: Set<string>): RoleStatus {
    const holders = this.holders(role, scope);
    const status: RoleStatus = { role, holders, via: 'review' };
    const people = holders.filter((h) => !isTeamHolder(h));
    for (const pull of this.pulls ?? []) {
      const teamMembers = [...pull.standings.values()]
        .map((s) => s.latest.login)
        .filter((l) => !people.some((p) => sameIdentity(p, l)) && this.book.holds(l, role, scope));
      const by = [...people, ...teamMembers].find(
        (h) => !used.has(identityKey(h)) && this.approvalProblem(h, pull, concern) === undefined,
      );
      if (by) {
        if (this.onePerPerson) used.add(identityKey(by));
        return { ...status, by };
      }
    }
    return status;
  }

  /**
   * Whom a record still to write should name: a holder whose review of this content stands (a
   * team's members among the reviewers too), else the use case's champion, else the first holder.
   */
  suggest(
    role: string,
    holders: readonly string[],
    useCase: UseCase,
    concern: Concern,
    used: ReadonlySet<string>,
  ): { login: string; approved: boolean } | undefined {
    const free = (l: string) => !used.has(identityKey(l));
    const people = holders.filter((h) => !isTeamHolder(h) && free(h));
    for (const pull of this.pulls ?? []) {
      const reviewers = [...pull.standings.values()].map((s) => s.latest.login);
      const approved = [
        ...people,
        ...reviewers.filter(
          (l) => free(l) && !people.some((p) => sameIdentity(p, l)) && this.book.holds(l, role, useCase),
        ),
      ].find((h) => this.approvalProblem(h, pull, concern) === undefined);
      if (approved) return { login: approved, approved: true };
    }
    const champion = useCase.metadata.champion;
    const login = people.find((h) => champion !== undefined && sameIdentity(h, champion)) ?? people[0];
    return login ? { login, approved: false } : undefined;
  }

  pull(number: number | undefined): Pull | undefined {
    return this.pulls?.find((p) => p.facts.number === number);
  }

  /** Why a record's pull request is not one it may name; undefined when it is. */
  wrongPull(pr: number | undefined): string | undefined {
    if (!this.pulls) return undefined;
    if (this.pull(pr)) return undefined;
    const numbers = this.pulls.map((p) => `#${p.facts.number}`);
    return this.pulls.length === 1
      ? `recorded for pull request #${pr}, but this is ${numbers[0]}`
      : `recorded for pull request #${pr}, which is not in this merge group (${numbers.join(', ')})`;
  }
}

interface Need {
  role: string;
  stage: Stage;
  why: string | null;
}

function judgeUseCase(j: Judge, u: ChangedUseCase): UseCaseApprovals {
  const raci = j.input.policies.registries.raci;
  const out: UseCaseApprovals = {
    id: u.id,
    file: u.file,
    hasApprovals: u.head?.spec.lifecycle.approvals !== undefined,
    from: u.from,
    to: u.to,
    tier: u.tier,
    roles: [],
    unverified: [],
    waivers: [],
  };
  const concern: Concern = { kind: 'use-case', file: u.file };
  if (u.to === null || !u.head) {
    // A removed manifest: nothing to record approvals in, so retiring it rests on reviews alone.
    const used = new Set<string>();
    out.roles = requiredRoles(raci, 'retired', u.tier).map((role) => ({
      ...j.byReview(role, u.base, concern, used),
      stage: 'retired',
      why: 'the manifest is removed',
    }));
    return out;
  }
  const head = u.head;
  const needs: Need[] = [];
  const add = (role: string, stage: Stage, why: string | null) => {
    if (!needs.some((n) => n.role === role && n.stage === stage)) needs.push({ role, stage, why });
  };
  const entered = stagesToApprove(raci, u.from, u.to, head);
  // A new use case imported at its stage: the RACI's import roles stand for every stage up to it.
  const imported = u.base ? undefined : baselineRoles(raci, head, u.to);
  for (const stage of entered)
    for (const role of imported ?? requiredRoles(raci, stage, u.tier))
      add(role, stage, imported ? `imported at ${stage}: the baseline` : null);
  const watched = u.base ? watchedChanges(raci, u.base, head, u.to, u.tier) : [];
  for (const change of watched) for (const role of change.roles) add(role, u.to, `${change.field} changed`);
  // A baseline only the import writes: added to, changed in or removed from a use case already
  // here, it changes whose approvals stand for the stage, so the stage's own roles approve it.
  const rebased =
    u.base !== null && !isDeepStrictEqual(u.base.spec.lifecycle.baseline, head.spec.lifecycle.baseline);
  if (rebased)
    for (const role of requiredRoles(raci, u.to, u.tier)) add(role, u.to, 'spec.lifecycle.baseline changed');
  const approvable = new Set<Stage>([...entered, ...(rebased || watched.length ? [u.to] : [])]);

  // The records this change adds: all but those already on the base branch.
  const onBase = countByKey(u.base?.spec.lifecycle.approvals ?? []);
  const valid: Approval[] = [];
  (head.spec.lifecycle.approvals ?? []).forEach((a, index) => {
    if (takeFromCount(onBase, a)) return;
    const reason = recordProblem(j, a, approvable, head, concern);
    if (reason) out.unverified.push({ file: u.file, line: u.lineOfApproval(index), approval: a, reason });
    else valid.push(a);
  });

  const usedAt = new Map<Stage, Set<string>>();
  for (const need of needs) {
    const used = usedAt.get(need.stage) ?? new Set<string>();
    usedAt.set(need.stage, used);
    const record = valid.find(
      (a) =>
        a.stage === need.stage && a.role === need.role && !(j.onePerPerson && used.has(identityKey(a.login))),
    );
    if (record && j.onePerPerson) used.add(identityKey(record.login));
    out.roles.push({
      role: need.role,
      stage: need.stage,
      ...(need.why ? { why: need.why } : {}),
      ...(record ? (j.pulls ? { by: record.login } : { recorded: record.login }) : {}),
      holders: j.holders(need.role, head),
      via: 'record',
    });
  }

  for (const r of out.roles) {
    if (r.by || r.recorded) continue;
    const used = usedAt.get(r.stage as Stage) as Set<string>;
    const pick = j.suggest(r.role, r.holders, head, concern, used);
    if (!pick) continue;
    r.suggested = pick.login;
    if (pick.approved) r.approved = true;
    if (j.onePerPerson) used.add(identityKey(pick.login));
  }

  const baseWaivers = countByKey(u.base?.spec.lifecycle.waivers ?? []);
  (head.spec.lifecycle.waivers ?? []).forEach((w, index) => {
    if (takeFromCount(baseWaivers, w)) return;
    const reason = waiverProblem(j, w, head, concern);
    if (reason) out.waivers.push({ file: u.file, line: u.lineOfWaiver(index), waiver: w, reason });
  });
  return out;
}

/** Why a record the change adds does not count; undefined when it does (or, locally, may). */
function recordProblem(
  j: Judge,
  a: Approval,
  approvable: Set<Stage>,
  useCase: UseCase,
  concern: Concern,
): string | undefined {
  if (!approvable.has(a.stage)) {
    const entered = [...approvable];
    return entered.length
      ? `it is for ${a.stage}, but this change approves ${entered.join(', ')}: an approval counts only for the stage its pull request enters`
      : `it is for ${a.stage}, but this change enters no stage and makes no change the RACI watches`;
  }
  const wrong = j.wrongPull(a.pr);
  if (wrong) return wrong;
  const refusal = j.book.refusal(a.login, a.role, useCase);
  if (refusal) return refusal;
  const pull = j.pull(a.pr);
  return pull ? j.approvalProblem(a.login, pull, concern) : undefined;
}

/** Why a waiver the change adds or alters does not count; locally, the review it still needs. */
function waiverProblem(j: Judge, w: Waiver, useCase: UseCase, concern: Concern): string | undefined {
  const raci = j.input.policies.registries.raci;
  if (!j.pulls) return `needs ${w.approver}'s approving review of the pull request that adds it`;
  const wrong = j.wrongPull(w.pr);
  if (wrong) return wrong;
  const pull = j.pull(w.pr) as Pull;
  const roles = waiverRoles(raci, w.rule);
  if (!roles.some((role) => j.book.holds(w.approver, role, useCase)))
    return `${w.approver} does not hold a role that may waive ${w.rule} (${roles.join(', ')})`;
  const opened = pull.facts.openedAt.slice(0, 10);
  if (w.granted < opened)
    return `granted ${w.granted}, before pull request #${pull.facts.number} was opened (${opened})`;
  return j.approvalProblem(w.approver, pull, concern);
}

/** Items by their value, counted, so an item repeated on the base branch is matched once per copy. */
function countByKey(items: readonly object[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(recordKey(item), (counts.get(recordKey(item)) ?? 0) + 1);
  return counts;
}

function takeFromCount(counts: Map<string, number>, item: object): boolean {
  const key = recordKey(item);
  const n = counts.get(key) ?? 0;
  if (n === 0) return false;
  counts.set(key, n - 1);
  return true;
}

/** A record's value as one string, keys sorted and logins by identityKey (GitHub ignores case). */
export function recordKey(item: object): string {
  const entries = Object.entries(item).map(([k, v]) => [
    k,
    (k === 'login' || k === 'approver') && typeof v === 'string' ? identityKey(v) : v,
  ]);
  return JSON.stringify(entries.sort(([a], [b]) => ((a as string) < (b as string) ? -1 : 1)));
}

export function verifyApprovals(input: GateInput): GateApprovals {
  const j = new Judge(input);
  const raci = input.policies.registries.raci;
  const useCases = input.changed.map((u) => judgeUseCase(j, u));

  const reviewRoles = (roles: string[], concern: Concern) => {
    const used = new Set<string>();
    return roles.map((role) => j.byReview(role, null, concern, used));
  };
  const policyChange = input.policiesChanged
    ? reviewRoles(policyChangeRoles(raci), { kind: 'policies' })
    : null;
  const engineChange = input.engineChanged.length
    ? { paths: [...input.engineChanged], roles: reviewRoles(engineChangeRoles(raci), { kind: 'engine' }) }
    : null;

  const concerns: Concern[] = [
    ...input.changed.map((u): Concern => ({ kind: 'use-case', file: u.file })),
    ...(policyChange ? [{ kind: 'policies' } as const] : []),
    ...(engineChange ? [{ kind: 'engine' } as const] : []),
  ];
  // An approval that counted somewhere is not stale, even if another concern changed since.
  const counted = new Set(
    [...useCases.flatMap((u) => u.roles), ...(policyChange ?? []), ...(engineChange?.roles ?? [])].flatMap(
      (r) => (r.by ? [identityKey(r.by)] : []),
    ),
  );
  const changesRequested: GateApprovals['changesRequested'] = [];
  const stale: string[] = [];
  const excluded: GateApprovals['excluded'] = [];
  for (const pull of j.pulls ?? []) {
    for (const { latest } of pull.standings.values()) {
      const roles = j.book.rolesHeld(latest.login);
      if (latest.state === 'CHANGES_REQUESTED' && roles.length > 0)
        changesRequested.push({ login: latest.login, roles });
      if (
        latest.state === 'APPROVED' &&
        latest.commitId !== input.headSha &&
        !counted.has(identityKey(latest.login)) &&
        concerns.some((c) => !input.sameContent(c, latest.commitId)) &&
        !stale.some((s) => sameIdentity(s, latest.login))
      )
        stale.push(latest.login);
    }
    excluded.push(...pull.excluded.values());
  }
  const unfilled = (roles: readonly RoleStatus[]) => roles.some((r) => !r.by);
  const blocked =
    changesRequested.length > 0 ||
    (policyChange !== null && unfilled(policyChange)) ||
    (engineChange !== null && unfilled(engineChange.roles)) ||
    useCases.some((u) => u.unverified.length > 0 || u.waivers.length > 0 || unfilled(u.roles));
  return { useCases, changesRequested, stale, policyChange, engineChange, excluded, blocked };
}

/**
 * Before there is a pull request (`coe check --base` on a laptop): the roles each change needs and
 * who the manifest records for them, the records that cannot count whatever the reviews, and the
 * waivers that will need a review. The gate checks each record against a review.
 */
export function recordedApprovals(
  changed: readonly ChangedUseCase[],
  policies: PolicySet,
): UseCaseApprovals[] {
  return verifyApprovals({
    changed,
    pulls: null,
    headSha: '',
    policies,
    policiesChanged: false,
    engineChanged: [],
    sameContent: () => true,
  }).useCases;
}
