// `coe audit --verify`: is each approval and waiver a manifest records backed by a real review?
// Pure: the adapters hand in the records (from the manifests at the judged commit), what GitHub
// says of each pull request they name (its author, where it merged, its reviews and commits), and
// git's answer to "does this commit's manifest hold the record?".
//
// A record is verified when its pull request merged into the default branch and the person it
// names (neither its author nor anyone who wrote or committed its commits) stands, at their latest review, as approving a commit of
// that pull request whose manifest holds the record. It is contradicted when GitHub says
// otherwise, and unverifiable when nobody can tell (no token, no answer, no such pull request,
// the reviewed commit not in the local clone).

import type { AuditVerifyReport } from '../../schema/audit-verify.gen.ts';
import { latestReviews, type Review, type StandingReview } from '../approvals/gate.ts';
import { identityKey, sameIdentity } from '../approvals/identity.ts';
import type { Approval } from '../approvals/records.ts';
import type { Waiver } from '../approvals/waivers.ts';
import type { Problem } from '../problem.ts';

export type AuditRecord =
  | { kind: 'approval'; id: string; file: string; line: number; login: string; pr: number; record: Approval }
  | { kind: 'waiver'; id: string; file: string; line: number; login: string; pr: number; record: Waiver };

/** What GitHub says of a pull request that exists. */
export interface PullEvidence {
  number: number;
  author: string;
  merged: boolean;
  /** The branch it went (or goes) into, and the repository's default branch. */
  baseRef: string;
  defaultBranch: string;
  reviews: readonly Review[];
  /** Its commits' ids, as GitHub lists them. */
  commits: readonly string[];
  /** Who authored or committed them: none of them approves it (who pushed is not known afterwards). */
  contributors: readonly string[];
}

/** A pull request found, or why GitHub could not say. */
export type PullLookup = { found: PullEvidence } | { unverifiable: string };

/** Whether a commit's manifest holds the record: yes, no, or the commit is not in the clone. */
export type Holding = 'holds' | 'lacks' | 'absent';

/** One record as `--format json` gives it (engine/schema/audit-verify.schema.json). */
export type VerifiedRecord = AuditVerifyReport['records'][number];

export type VerifyStatus = VerifiedRecord['status'];

export interface RecordVerdict {
  record: AuditRecord;
  status: VerifyStatus;
  reason: string;
  /** The review the verdict rests on, when there is one. */
  review?: NonNullable<VerifiedRecord['review']>;
}

/** The whole answer for one commit: what every reporter shows (as JSON: AuditVerifyReport). */
export interface VerifyReport {
  repository: string;
  commit: string;
  verdicts: RecordVerdict[];
  summary: VerifySummary;
  /** Manifests that could not be read: their records were not verified (exit 1). */
  problems: Problem[];
}

/** 0 all verified; 1 anything contradicted or unverifiable (fail closed). */
export type VerifySummary = AuditVerifyReport['summary'];

/** Every record's approval and waiver, in file order: what `--verify` judges. */
export function recordsOf(
  id: string,
  file: string,
  approvals: readonly Approval[],
  waivers: readonly Waiver[],
  lineOf: { approval: (i: number) => number; waiver: (i: number) => number },
): AuditRecord[] {
  return [
    ...approvals.map(
      (a, i): AuditRecord => ({
        kind: 'approval',
        id,
        file,
        line: lineOf.approval(i),
        login: a.login,
        pr: a.pr,
        record: a,
      }),
    ),
    ...waivers.map(
      (w, i): AuditRecord => ({
        kind: 'waiver',
        id,
        file,
        line: lineOf.waiver(i),
        login: w.approver,
        pr: w.pr,
        record: w,
      }),
    ),
  ];
}

export function verifyRecord(
  record: AuditRecord,
  lookup: PullLookup,
  holds: (commit: string) => Holding,
): RecordVerdict {
  if ('unverifiable' in lookup) return { record, status: 'unverifiable', reason: lookup.unverifiable };
  const pull = lookup.found;
  const n = `pull request #${pull.number}`;
  const contradicted = (reason: string, review?: StandingReview): RecordVerdict => ({
    record,
    status: 'contradicted',
    reason,
    ...(review ? { review: reviewOf(review) } : {}),
  });
  if (!pull.merged) return contradicted(`${n} is not merged`);
  if (pull.baseRef !== pull.defaultBranch)
    return contradicted(`${n} merged into ${pull.baseRef}, not the default branch ${pull.defaultBranch}`);
  if (sameIdentity(pull.author, record.login))
    return contradicted(`${record.login} opened ${n}, so cannot approve it`);
  if (pull.contributors.some((login) => sameIdentity(login, record.login)))
    return contradicted(`${record.login} wrote or committed commits of ${n}, so cannot approve it`);
  const latest = latestReviews(pull.reviews).get(identityKey(record.login));
  if (!latest) return contradicted(`${record.login} has no approving review on ${n}`);
  if (latest.state === 'CHANGES_REQUESTED')
    return contradicted(`${record.login}'s latest review on ${n} asks for changes`, latest);
  if (latest.state === 'DISMISSED')
    return contradicted(`${record.login}'s review on ${n} was dismissed`, latest);
  const sha = latest.commitId.slice(0, 7);
  if (!pull.commits.includes(latest.commitId))
    return contradicted(`${record.login} approved ${sha}, which is not a commit of ${n}`, latest);
  const held = holds(latest.commitId);
  if (held === 'absent')
    return {
      record,
      status: 'unverifiable',
      reason: `${record.login} approved ${sha}, which is not in the local clone (fetch the pull requests' commits: git fetch origin '+refs/pull/*/head:refs/remotes/origin/pull/*')`,
      review: reviewOf(latest),
    };
  if (held === 'lacks')
    return contradicted(`${record.login} approved ${sha}, whose manifest does not hold this record`, latest);
  return {
    record,
    status: 'verified',
    reason: `${record.login} approved ${sha} of ${n} on ${latest.submittedAt.slice(0, 10)}`,
    review: reviewOf(latest),
  };
}

export function summarise(verdicts: readonly RecordVerdict[]): VerifySummary {
  const count = (s: VerifyStatus) => verdicts.filter((v) => v.status === s).length;
  const verified = count('verified');
  return {
    verified,
    contradicted: count('contradicted'),
    unverifiable: count('unverifiable'),
    exitCode: verified === verdicts.length ? 0 : 1,
  };
}

function reviewOf(r: StandingReview): NonNullable<RecordVerdict['review']> {
  return { commitId: r.commitId, submittedAt: r.submittedAt, state: r.state };
}
