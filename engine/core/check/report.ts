// The verdict of `coe check` as data: what every reporter (text, JSON, markdown) renders.
import pkg from '../../../package.json' with { type: 'json' };
import type { Problem } from '../problem.ts';
import type { ManifestCheck } from './check-manifests.ts';

export const EXIT = { ok: 0, blocked: 1, invalid: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export interface UseCaseRow {
  id: string;
  file: string;
  title: string;
  domain: string;
  stage: string;
  riskTier: string;
  pattern: string;
  audience: string;
  decisionMode: string;
  owner: string;
}

export interface CheckReport {
  tool: { name: 'coe-gate'; version: string };
  /** 0 every file valid and every policy holds, 1 a policy blocks, 2 invalid input. */
  exitCode: ExitCode;
  summary: { files: number; valid: number; filesWithProblems: number; problems: number };
  problems: Problem[];
  useCases: UseCaseRow[];
}

export function buildReport(check: ManifestCheck): CheckReport {
  const filesWithProblems = new Set(check.problems.map((p) => p.file)).size;
  const useCases = check.manifests
    .map(({ file, manifest: { metadata, spec } }) => ({
      id: metadata.id,
      file,
      title: metadata.title,
      domain: metadata.domain,
      stage: spec.lifecycle.stage,
      riskTier: spec.classification.riskTier,
      pattern: spec.classification.pattern,
      audience: spec.classification.audience,
      decisionMode: spec.classification.decisionMode,
      owner: metadata.owner,
    }))
    .sort((a, b) => (a.file < b.file ? -1 : 1));
  const problemFiles = new Set(check.problems.map((p) => p.file));
  return {
    tool: { name: 'coe-gate', version: pkg.version },
    exitCode: check.problems.length ? EXIT.invalid : EXIT.ok,
    summary: {
      files: check.files,
      valid: check.manifests.filter((m) => !problemFiles.has(m.file)).length,
      filesWithProblems,
      problems: check.problems.length,
    },
    problems: check.problems,
    useCases,
  };
}

export function countBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(key(r), (counts.get(key(r)) ?? 0) + 1);
  return counts;
}
