// Generated from engine/schema/audit-verify.schema.json by `npm run generate`. Do not edit.
import type { Problem } from './check-report.gen.ts';

/**
 * coe audit --verify --format json: every approval and waiver record the manifests hold at one commit, checked against the reviews of the pull request it names (docs/compliance.md).
 */
export interface AuditVerifyReport {
  repository: string;
  /**
   * The commit judged.
   */
  commit: string;
  summary: {
    verified: number;
    contradicted: number;
    unverifiable: number;
    /**
     * 0 every record verified; 1 any contradicted or unverifiable, or a manifest that could not be read.
     */
    exitCode: 0 | 1;
  };
  /**
   * Manifests that could not be read (their records were not verified); as in check-report.schema.json.
   */
  problems: Problem[];
  records: {
    status: 'verified' | 'contradicted' | 'unverifiable';
    /**
     * Why, in words.
     */
    reason: string;
    kind: 'approval' | 'waiver';
    /**
     * The use case's id.
     */
    id: string;
    /**
     * The manifest at the commit judged.
     */
    file: string;
    /**
     * The record's line in it.
     */
    line: number;
    /**
     * Who the record says approved (a waiver's approver).
     */
    login: string;
    /**
     * The pull request the record names.
     */
    pr: number;
    /**
     * The record as written (spec.lifecycle.approvals[] or spec.lifecycle.waivers[]).
     */
    record: {};
    /**
     * The review the verdict rests on: that person's latest approving, change-requesting or dismissed review; null when there is none or GitHub could not be asked.
     */
    review: null | {
      commitId: string;
      submittedAt: string;
      state: 'APPROVED' | 'CHANGES_REQUESTED' | 'DISMISSED';
    };
  }[];
}
