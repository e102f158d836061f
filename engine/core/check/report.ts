// The verdict of `coe check` as data: what every reporter (text, JSON, markdown, SARIF) renders.
import pkg from '../../../package.json' with { type: 'json' };
import type { UseCaseApprovals } from '../approvals/gate.ts';
import type { RecordSnippet } from '../approvals/snippet.ts';
import { compareProblems, type Problem, problem } from '../problem.ts';
import type { ManifestCheck, UseCaseRow } from './check-manifests.ts';
import type { Judgement, JudgeOutput } from './judge.ts';

export const EXIT = { ok: 0, blocked: 1, invalid: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** With --base: what a change was compared with. */
export interface BaseComparison {
  /** The ref as the user named it. */
  ref: string;
  /** The commit the policies were read from (REF). */
  policyCommit: string;
  /** merge-base(REF, HEAD): each manifest's base version comes from here. */
  mergeBase: string;
  /** Manifests added or modified since the merge base. */
  changed: string[];
  /** Manifests deleted since the merge base. */
  deleted: string[];
  /** The working tree's policies differ from those at REF (they were not used). */
  policiesDiffer: boolean;
  /** Policies changed, so every manifest was evaluated, not only the changed ones. */
  evaluatedAll: boolean;
}

export type UseCaseReport = UseCaseRow & Partial<Judgement>;

/** With --base: what one changed use case needs approved, and the records to add for it. */
export type ApprovalsPreview = UseCaseApprovals & { toRecord: RecordSnippet | null };

export interface CheckReport {
  tool: { name: 'coe-gate'; version: string };
  /** 0 every file valid and every policy holds, 1 a policy blocks, 2 invalid input. */
  exitCode: ExitCode;
  /** The date the policies were evaluated as of. */
  asOf: string;
  /** The policy set used, or null when the repository has none (manifests were only validated). */
  policies: { files: string[]; rules: number } | null;
  /** With --base: what the change was compared with; null for a check of the whole tree. */
  base: BaseComparison | null;
  summary: {
    files: number;
    valid: number;
    filesWithProblems: number;
    problems: number;
    blocked: number;
    failures: number;
    advisories: number;
    waived: number;
  };
  problems: Problem[];
  useCases: UseCaseReport[];
  /**
   * With --base: the approvals each changed use case needs, as recorded in its manifest (the pull
   * request's reviews confirm them), with the lines still to add; null for a check of the tree.
   */
  approvals: ApprovalsPreview[] | null;
}

export function buildReport(out: JudgeOutput, asOf: string, base: BaseComparison | null = null): CheckReport {
  const check = { ...out.check, problems: [...out.check.problems, ...unjudged(out.check, base)] };
  check.problems.sort(compareProblems);
  const problemFiles = new Set(check.problems.map((p) => p.file));
  const useCases: UseCaseReport[] = check.useCases;
  const count = { blocked: 0, failures: 0, advisories: 0, waived: 0 };
  for (const u of useCases) {
    if (u.blocked) count.blocked++;
    for (const f of u.findings ?? []) {
      if (f.outcome === 'waived') count.waived++;
      else if (f.outcome === 'fail' && f.level === 'advisory') count.advisories++;
      else if (f.outcome === 'fail') count.failures++;
    }
  }
  const { blocked } = count;
  return {
    tool: { name: 'coe-gate', version: pkg.version },
    exitCode: check.problems.length ? EXIT.invalid : blocked ? EXIT.blocked : EXIT.ok,
    asOf,
    policies: out.policies,
    base,
    summary: {
      files: check.files,
      valid: check.useCases.filter((u) => !problemFiles.has(u.file)).length,
      filesWithProblems: problemFiles.size,
      problems: check.problems.length,
      blocked,
      failures: count.failures,
      advisories: count.advisories,
      waived: count.waived,
    },
    problems: check.problems,
    useCases,
    approvals: null,
  };
}

/**
 * Fails closed: a changed manifest that is neither among the use cases judged nor named by a
 * problem was skipped somewhere on the way (a path the readers and the diff see differently),
 * and a change nobody looked at must never pass.
 */
function unjudged(check: ManifestCheck, base: BaseComparison | null): Problem[] {
  if (!base) return [];
  const seen = new Set([...check.useCases.map((u) => u.file), ...check.problems.map((p) => p.file)]);
  return base.changed
    .filter((file) => !seen.has(file))
    .map((file) =>
      problem(
        file,
        'file-not-judged',
        'changed since the merge base but was not judged; the gate fails closed on a change it did not read (report this)',
      ),
    );
}
