// The verdict of `coe check` as data: what every reporter (text, JSON, markdown, SARIF) renders.
import pkg from '../../../package.json' with { type: 'json' };
import type { CheckReport } from '../../schema/check-report.gen.ts';
import { compareProblems, type Problem, problem } from '../problem.ts';
import type { ManifestCheck } from './check-manifests.ts';
import type { JudgeOutput } from './judge.ts';

export const EXIT = { ok: 0, blocked: 1, invalid: 2 } as const satisfies Record<
  string,
  CheckReport['exitCode']
>;
export type ExitCode = CheckReport['exitCode'];

/** What `coe check --format json` prints: the type generated from engine/schema/check-report.schema.json. */
export type { CheckReport };

/** With --base: what a change was compared with. */
export type BaseComparison = NonNullable<CheckReport['base']>;

/** A valid manifest's row, and (with policies) its judgement. */
export type UseCaseReport = CheckReport['useCases'][number];

/** With --base: what one changed use case needs approved, and the records to add for it. */
export type ApprovalsPreview = NonNullable<CheckReport['approvals']>[number];

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
    duplicates: check.duplicates,
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
