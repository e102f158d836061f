// Generated from engine/schema/gate-report.schema.json by `npm run generate`. Do not edit.
import type { CheckReport, Login, Problem, RoleStatus, UseCaseApprovals } from './check-report.gen.ts';

export type Sha = string;
/**
 * A rule's outcome on a use case on one side of the change; absent where the rule is not in that side's policies.
 */
export type ImpactOutcome = 'pass' | 'fail' | 'waived' | 'not-applicable' | 'absent';

/**
 * What the CoE Gate Action decided about one event: the report artifact a fork's run leaves for the publishing workflow, and the Action's `report` output.
 */
export interface GateReport {
  format: 'coe-gate/gate-report@1';
  repository: string;
  event: 'pull_request' | 'pull_request_review' | 'merge_group';
  pullRequest: number | null;
  headSha: Sha;
  baseSha: Sha;
  conclusion: 'success' | 'failure';
  title: string;
  reasons: string[];
  /**
   * The same report as `coe check --base --format json`; null when the engine could not judge.
   */
  check: null | CheckReport;
  approvals: null | Approvals;
  approvalsNote: string | null;
  impact: null | Impact;
  impactError: string | null;
  error: string | null;
  /**
   * Why the gate refuses the change whatever its content: it goes into a branch the gate does not pass changes into.
   */
  refusal: string | null;
  detailsUrl: string | null;
  /**
   * Set by coe check --base --format markdown: the comment as the gate would post it, before there is a pull request (recorded approvals not yet verified).
   */
  preview?: true;
}
export interface Approvals {
  useCases: UseCaseApprovals[];
  changesRequested: {
    login: Login;
    roles: string[];
  }[];
  stale: Login[];
  policyChange: null | RoleStatus[];
  engineChange: null | {
    paths: string[];
    roles: RoleStatus[];
  };
  /**
   * Who cannot approve: the author, and whoever wrote or pushed commits.
   */
  excluded: {
    login: Login;
    why: string;
  }[];
  blocked: boolean;
}
export interface Impact {
  useCases: number;
  changes: {
    id: string;
    file: string;
    rule: string;
    before: ImpactOutcome;
    after: ImpactOutcome;
    levelBefore: 'advisory' | 'soft' | 'hard' | null;
    levelAfter: 'advisory' | 'soft' | 'hard' | null;
    message: string;
    significant: boolean;
  }[];
  newlyBlocked: string[];
  newlyUnblocked: string[];
  rulesAdded: string[];
  rulesRemoved: string[];
  rules: {
    rule: string;
    change: 'added' | 'removed' | 'changed';
    levelBefore: 'advisory' | 'soft' | 'hard' | null;
    levelAfter: 'advisory' | 'soft' | 'hard' | null;
    before: null | OutcomeCounts;
    after: null | OutcomeCounts;
  }[];
  /**
   * Problems in the proposed policies or the manifests, as in the check report.
   */
  problems: Problem[];
}
export interface OutcomeCounts {
  pass: number;
  fail: number;
  waived: number;
  'not-applicable': number;
}
