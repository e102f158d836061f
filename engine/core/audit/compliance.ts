// The daily compliance run's verdict on the default branch: everything `coe check --all` finds as
// of today (what time alone breaks: an expired waiver, old evaluation evidence, a review date
// passed, a model no longer approved) and every approval or waiver record `--verify` could not
// confirm. Clean only when there is nothing at all: advisories count, since stale evidence is one.

import type { WaiverResult } from '../approvals/waivers.ts';
import type { CheckReport } from '../check/report.ts';
import type { RuleResult } from '../policy/evaluate.ts';
import type { Problem } from '../problem.ts';
import type { RecordVerdict, VerifyReport } from './verify.ts';

export interface ComplianceFindings {
  asOf: string;
  commit: string;
  /** Files that could not be read or are invalid. */
  problems: Problem[];
  /** Failing rules, every level, by use case. */
  rules: { id: string; file: string; result: RuleResult }[];
  /** Waivers that no longer count (expired, or invalid). */
  waivers: { id: string; file: string; waiver: WaiverResult }[];
  /** Records that are contradicted or unverifiable. */
  records: RecordVerdict[];
  /** Every record verified, and how many there were. */
  recordsChecked: number;
  useCases: number;
  clean: boolean;
}

export function complianceFindings(check: CheckReport, verify: VerifyReport): ComplianceFindings {
  const rules = check.useCases.flatMap((u) =>
    (u.findings ?? [])
      .filter((f) => f.outcome === 'fail')
      .map((result) => ({ id: u.id, file: u.file, result })),
  );
  const waivers = check.useCases.flatMap((u) =>
    (u.waivers ?? [])
      .filter((w) => w.status === 'expired' || w.status === 'invalid')
      .map((waiver) => ({ id: u.id, file: u.file, waiver })),
  );
  // A manifest that does not load is a problem to both; named once.
  const named = new Set(check.problems.map((p) => p.file));
  const problems = [...check.problems, ...verify.problems.filter((p) => !named.has(p.file))];
  const records = verify.verdicts.filter((v) => v.status !== 'verified');
  return {
    asOf: check.asOf,
    commit: verify.commit,
    problems,
    rules,
    waivers,
    records,
    recordsChecked: verify.verdicts.length,
    useCases: check.useCases.length,
    clean: problems.length + rules.length + waivers.length + records.length === 0,
  };
}
