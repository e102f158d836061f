// Generated from engine/schema/audit.schema.json by `npm run generate`. Do not edit.

/**
 * Lifecycle stage. Use cases move forward one stage at a time and can be retired from any stage.
 */
export type Stage = 'intake' | 'discovery' | 'prototype' | 'mvp' | 'pilot' | 'production' | 'retired';
/**
 * A lifecycle stage; null where there is no valid manifest (before it exists, after it is deleted, or a version whose stage is not one).
 */
export type StageOrNone = Stage | null;

/**
 * What `coe audit --format json` prints (docs/audit.md).
 */
export interface AuditReport {
  /**
   * The ref whose first-parent history was read.
   */
  ref: string;
  /**
   * The date the current state was judged as of.
   */
  asOf: string;
  /**
   * --since: changes before it are left out.
   */
  since: string | null;
  useCases: UseCase[];
  summary: {
    useCases: number;
    changes: number;
    /**
     * Count of each flag code, in the use cases and changes listed.
     */
    flags: {
      'stage-change-without-approvals': number;
      'record-edited-after-merge': number;
      'no-pull-request': number;
      'manifest-deleted': number;
      'waiver-expired-in-stage': number;
    };
  };
  /**
   * What each flag code means.
   */
  flagCodes: {
    'stage-change-without-approvals': string;
    'record-edited-after-merge': string;
    'no-pull-request': string;
    'manifest-deleted': string;
    'waiver-expired-in-stage': string;
  };
}
export interface UseCase {
  /**
   * metadata.id (the path when a version had none).
   */
  id: string;
  domain: string;
  /**
   * Where the manifest is, or was last.
   */
  file: string;
  /**
   * The manifest is deleted at the ref.
   */
  removed: boolean;
  /**
   * Current stage; null when deleted.
   */
  stage: Stage | null;
  /**
   * Current effective tier; null when deleted.
   */
  tier: string | null;
  /**
   * Oldest first.
   */
  changes: Change[];
  /**
   * Flags on the current state, judged as of asOf.
   */
  flags: Flag[];
}
export interface Change {
  /**
   * Short sha (7 characters).
   */
  commit: string;
  sha: string;
  /**
   * Committer date, YYYY-MM-DD.
   */
  date: string;
  author: string;
  /**
   * From a merge subject (Merge pull request #N from …) or a squash subject ending (#N); null when the message names none.
   */
  pullRequest: number | null;
  change: 'added' | 'modified' | 'renamed' | 'deleted';
  file: string;
  /**
   * For a rename or a move to another domain: where the manifest was.
   */
  previousFile: string | null;
  /**
   * Lifecycle stage before and after; null before a use case exists and after it is deleted.
   */
  stage: {
    before: StageOrNone;
    after: StageOrNone;
  };
  /**
   * Effective risk tier (the higher of the declared and the computed one, by the policies in force) before and after.
   */
  tier: {
    before: string | null;
    after: string | null;
  };
  /**
   * Items: An approval or waiver record as the manifest wrote it (spec.lifecycle.approvals or waivers).
   */
  approvalsAdded: {}[];
  /**
   * Items: An approval or waiver record as the manifest wrote it (spec.lifecycle.approvals or waivers).
   */
  waiversAdded: {}[];
  /**
   * Approval and waiver records edited or removed by this change.
   */
  recordsChanged: {
    kind: 'approval' | 'waiver';
    change: 'edited' | 'removed';
    /**
     * An approval or waiver record as the manifest wrote it (spec.lifecycle.approvals or waivers).
     */
    before: {};
    after: {} | null;
  }[];
  /**
   * Short sha of the last commit touching policies/ at or before this one; null when there was none.
   */
  policyCommit: string | null;
  flags: Flag[];
}
export interface Flag {
  code:
    | 'stage-change-without-approvals'
    | 'record-edited-after-merge'
    | 'no-pull-request'
    | 'manifest-deleted'
    | 'waiver-expired-in-stage';
  message: string;
}
