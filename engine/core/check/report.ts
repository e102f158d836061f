// The verdict of `coe check` as data: what every reporter (text, JSON, markdown) renders.
import pkg from '../../../package.json' with { type: 'json' };
import type { Problem } from '../problem.ts';
import type { ManifestCheck, UseCaseRow } from './check-manifests.ts';

export const EXIT = { ok: 0, blocked: 1, invalid: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export interface CheckReport {
  tool: { name: 'coe-gate'; version: string };
  /** 0 every file valid and every policy holds, 1 a policy blocks, 2 invalid input. */
  exitCode: ExitCode;
  summary: { files: number; valid: number; filesWithProblems: number; problems: number };
  problems: Problem[];
  useCases: UseCaseRow[];
}

export function buildReport(check: ManifestCheck): CheckReport {
  const problemFiles = new Set(check.problems.map((p) => p.file));
  return {
    tool: { name: 'coe-gate', version: pkg.version },
    exitCode: check.problems.length ? EXIT.invalid : EXIT.ok,
    summary: {
      files: check.files,
      valid: check.useCases.filter((u) => !problemFiles.has(u.file)).length,
      filesWithProblems: problemFiles.size,
      problems: check.problems.length,
    },
    problems: check.problems,
    useCases: check.useCases,
  };
}

export function countBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(key(r), (counts.get(key(r)) ?? 0) + 1);
  return counts;
}
