// The approvals half of the pull-request gate: which roles a change needs, and whether the PR's
// real reviews give them. Pure: the Action fetches the reviews and hands them in.
//
// The trail stays in git: a use-case team records each approval in the manifest (stage, role,
// login, date, pr) and the named person approves the pull request's head commit. A recorded
// approval counts only when that review exists, so what merges is both reviewed on GitHub and
// written in the repository's history, where `git log` alone shows it to an auditor.
import { isDeepStrictEqual } from 'node:util';
import type { UseCase } from '../manifest/usecase.gen.ts';
import type { Stage } from '../manifest/vocabulary.ts';
import { requiredRoles } from '../policy/approvals.ts';
import type { Tier } from '../policy/evaluate.ts';
import type { PolicySet } from '../policy/load-policies.ts';
import { read } from '../policy/logic.ts';

export type ReviewState = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';

export interface Review {
  login: string;
  state: ReviewState;
  /** The commit the review was given on. */
  commitId: string;
  /** ISO timestamp; reviews are judged in this order. */
  submittedAt: string;
}

export interface PullRequestFacts {
  number: number;
  author: string;
  headSha: string;
  reviews: readonly Review[];
}

/** One changed use case, as the gate needs it: its transition and the approvals at both ends. */
export interface ChangedUseCase {
  id: string;
  file: string;
  from: Stage | null;
  to: Stage;
  /** The tier controls apply to (the higher of declared and computed). */
  tier: Tier;
  head: UseCase;
  base: UseCase | null;
  /** Where the i-th recorded approval is in the file. */
  lineOfApproval: (index: number) => number;
}

export type Approval = NonNullable<UseCase['spec']['lifecycle']['approvals']>[number];

export interface RoleStatus {
  role: string;
  /** Who fills it, when someone does. */
  by?: string;
  /** Whether the approval was given on an earlier pull request (already in the base version). */
  earlier?: boolean;
  /** Why the role is asked for besides entering a stage: the watched change (`spec.models changed`). */
  why?: string;
  /** Who may approve: the role's holders, the author excepted. */
  holders: string[];
}

export interface RecordProblem {
  file: string;
  line: number;
  approval: Approval;
  reason: string;
}

export interface UseCaseApprovals {
  id: string;
  file: string;
  from: Stage | null;
  to: Stage;
  tier: Tier;
  roles: RoleStatus[];
  /** New approval records that no review backs. */
  unverified: RecordProblem[];
}

export interface ReviewerView {
  login: string;
  /** Approved the head commit. */
  approvesHead: boolean;
  /** Latest review asks for changes. */
  requestsChanges: boolean;
  /** Approved, but an earlier commit. */
  stale: boolean;
}

export interface GateApprovals {
  useCases: UseCaseApprovals[];
  /** Role holders whose latest review asks for changes: each blocks until they approve. */
  changesRequested: { login: string; roles: string[] }[];
  /** Approvals of an earlier commit, which a push made stale. */
  stale: string[];
  /** Set when the pull request changes policies/: the roles that must approve it. */
  policyChange: RoleStatus[] | null;
  blocked: boolean;
}

/** Each reviewer's standing: their latest decisive review (comments neither approve nor block). */
function reviewerViews(pr: PullRequestFacts): Map<string, ReviewerView> {
  const latest = new Map<string, Review>();
  const ordered = [...pr.reviews].sort((a, b) => (a.submittedAt < b.submittedAt ? -1 : 1));
  for (const r of ordered) {
    if (r.state === 'COMMENTED' || r.state === 'PENDING') continue;
    latest.set(r.login.toLowerCase(), r);
  }
  const views = new Map<string, ReviewerView>();
  for (const [login, r] of latest) {
    views.set(login, {
      login: r.login,
      approvesHead: r.state === 'APPROVED' && r.commitId === pr.headSha,
      requestsChanges: r.state === 'CHANGES_REQUESTED',
      stale: r.state === 'APPROVED' && r.commitId !== pr.headSha,
    });
  }
  return views;
}

export function verifyApprovals(
  changed: readonly ChangedUseCase[],
  pr: PullRequestFacts,
  policies: PolicySet,
  policiesChanged: boolean,
): GateApprovals {
  const views = reviewerViews(pr);
  const author = pr.author.toLowerCase();
  const { holdersOf, rolesOf } = roleLookups(policies, author);
  const approvesHead = (login: string) =>
    login.toLowerCase() !== author && (views.get(login.toLowerCase())?.approvesHead ?? false);

  const unbacked = (a: Approval) => reviewProblem(a, pr, approvesHead);
  const useCases = changed.map((u) => judgeUseCase(u, policies, { holdersOf, rolesOf, unbacked }));
  const changesRequested = [...views.values()]
    .filter((v) => v.requestsChanges && rolesOf(v.login).length > 0)
    .map((v) => ({ login: v.login, roles: rolesOf(v.login) }));
  const stale = [...views.values()].filter((v) => v.stale).map((v) => v.login);

  let policyChange: RoleStatus[] | null = null;
  if (policiesChanged) {
    const used = new Set<string>();
    policyChange = (policies.registries.raci.policyChanges ?? []).map((role) => {
      const holders = holdersOf(role);
      const by = holders.find((h) => approvesHead(h) && !used.has(h));
      if (by) used.add(by);
      return by ? { role, by, holders } : { role, holders };
    });
  }
  const blocked =
    changesRequested.length > 0 ||
    (policyChange?.some((r) => !r.by) ?? false) ||
    useCases.some((u) => u.unverified.length > 0 || u.roles.some((r) => !r.by));
  return { useCases, changesRequested, stale, policyChange, blocked };
}

/** Who holds a role (the author left out: they cannot approve), and which roles a login holds. */
function roleLookups(policies: PolicySet, author: string): Pick<Lookups, 'holdersOf' | 'rolesOf'> {
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  return {
    holdersOf: (role) =>
      policies.registries.roles.find((r) => r.id === role)?.members.filter((m) => !same(m, author)) ?? [],
    rolesOf: (login) =>
      policies.registries.roles.filter((r) => r.members.some((m) => same(m, login))).map((r) => r.id),
  };
}

interface Lookups {
  holdersOf: (role: string) => string[];
  rolesOf: (login: string) => string[];
  /** Why a new record is not backed by a review, or undefined when it is. */
  unbacked: (a: Approval) => string | undefined;
}

function judgeUseCase(
  u: ChangedUseCase,
  policies: PolicySet,
  { holdersOf, rolesOf, unbacked }: Lookups,
): UseCaseApprovals {
  const headRecords = u.head.spec.lifecycle.approvals ?? [];
  const baseRecords = u.base?.spec.lifecycle.approvals ?? [];
  const key = (a: Approval) => `${a.stage}\u0000${a.role}\u0000${a.login.toLowerCase()}\u0000${a.date}`;
  const onBase = new Set(baseRecords.map(key));
  const unverified: RecordProblem[] = [];
  const verified: Approval[] = [];
  headRecords.forEach((a, index) => {
    if (onBase.has(key(a))) return;
    const reason = rolesOf(a.login).includes(a.role)
      ? unbacked(a)
      : `${a.login} does not hold the ${a.role} role`;
    if (reason) unverified.push({ file: u.file, line: u.lineOfApproval(index), approval: a, reason });
    else verified.push(a);
  });

  // Entering a stage needs the RACI's roles for it, which an approval given earlier for the same
  // stage also fills; a change the RACI watches (a new model in production) needs its roles anew.
  const needed = new Map<string, { why: string | null; renewed: boolean }>();
  if (u.from !== u.to) {
    for (const role of requiredRoles(policies, u.to, u.tier)) needed.set(role, { why: null, renewed: false });
  }
  for (const change of changedFields(u, policies)) {
    for (const role of change.roles) needed.set(role, { why: `${change.field} changed`, renewed: true });
  }
  const oneRolePerPerson = policies.registries.raci.oneRolePerPerson ?? true;
  const used = new Set<string>();
  const roles: RoleStatus[] = [];
  for (const [role, { why, renewed }] of needed) {
    const holders = holdersOf(role);
    const fits = (a: Approval) =>
      a.stage === u.to && a.role === role && !(oneRolePerPerson && used.has(a.login.toLowerCase()));
    const now = verified.find(fits);
    const earlier = now || renewed ? undefined : baseRecords.find(fits);
    const by = now ?? earlier;
    if (by) used.add(by.login.toLowerCase());
    roles.push({
      role,
      ...(by ? { by: by.login } : {}),
      ...(earlier ? { earlier: true } : {}),
      ...(why ? { why } : {}),
      holders,
    });
  }
  return { id: u.id, file: u.file, from: u.from, to: u.to, tier: u.tier, roles, unverified };
}

/** The RACI's watched changes that this change makes, at its stage and tier. */
function changedFields(u: ChangedUseCase, policies: PolicySet): { field: string; roles: string[] }[] {
  if (!u.base) return [];
  const base = u.base;
  return (policies.registries.raci.changes ?? []).filter(
    (c) =>
      (!c.stages || c.stages.includes(u.to)) &&
      (!c.tiers || c.tiers.includes(u.tier)) &&
      !isDeepStrictEqual(read(u.head, c.field) ?? null, read(base, c.field) ?? null),
  );
}

/** Why a newly recorded approval is not backed by this pull request's reviews, or undefined. */
function reviewProblem(
  a: Approval,
  pr: PullRequestFacts,
  approvesHead: (login: string) => boolean,
): string | undefined {
  if (a.login.toLowerCase() === pr.author.toLowerCase())
    return `${a.login} opened this pull request and cannot approve it`;
  if (a.pr !== undefined && a.pr !== pr.number)
    return `recorded for pull request #${a.pr}, but this is #${pr.number}`;
  if (!approvesHead(a.login))
    return `${a.login} has not approved this pull request's latest commit (${pr.headSha.slice(0, 7)})`;
  return undefined;
}

/**
 * Before there is a pull request (coe check --base on a laptop): the roles each change needs and
 * who is recorded for them. Records are taken at their word here; the gate checks each against a
 * review on the pull request.
 */
export function recordedApprovals(
  changed: readonly ChangedUseCase[],
  policies: PolicySet,
): UseCaseApprovals[] {
  const { holdersOf, rolesOf } = roleLookups(policies, '');
  return changed.map((u) => judgeUseCase(u, policies, { holdersOf, rolesOf, unbacked: () => undefined }));
}
