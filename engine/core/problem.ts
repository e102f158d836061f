// A problem is a user error in an input file: where it is and what to do about it.
// Problems are data, never exceptions, so one bad file never hides another.

/** Stable kinds of problem; the JSON report's schema lists the same codes (checked by a test). */
export const PROBLEM_CODES = [
  'file-too-large',
  'file-binary',
  'file-encoding',
  'file-empty',
  'file-unreadable',
  'file-not-found',
  'file-outside-repo',
  'file-outside-usecases',
  'file-extension',
  'file-not-regular',
  'file-not-judged',
  'yaml-syntax',
  'yaml-duplicate-key',
  'yaml-multiple-documents',
  'yaml-alias-limit',
  'yaml-not-mapping',
  'schema-unknown-field',
  'schema-missing-field',
  'schema-invalid-value',
  'id-file-mismatch',
  'domain-folder-mismatch',
  'id-duplicate',
  'link-not-found',
  'asset-unknown',
  'policy-unknown-kind',
  'policy-rule-id',
  'policy-duplicate-rule',
  'policy-logic',
  'policy-reference',
  'policy-set-incomplete',
] as const;

export type ProblemCode = (typeof PROBLEM_CODES)[number];

export interface Problem {
  /** Path relative to the repository root, with forward slashes. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** Where in the document, e.g. spec.data.sources[1].classification; empty for the whole file. */
  path: string;
  code: ProblemCode;
  message: string;
}

export function problem(
  file: string,
  code: ProblemCode,
  message: string,
  at: { line?: number; column?: number; path?: string } = {},
): Problem {
  return { file, line: at.line ?? 1, column: at.column ?? 1, path: at.path ?? '', code, message };
}

/** Orders problems by file, then position, so output is stable. */
export function compareProblems(a: Problem, b: Problem): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column;
}
