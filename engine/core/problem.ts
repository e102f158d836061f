// A problem is a user error in an input file: where it is and what to do about it.
// Problems are data, never exceptions, so one bad file never hides another.

import type { Problem } from '../schema/check-report.gen.ts';

/**
 * Stable kinds of problem, each with what it means: exactly the codes the JSON report's schema
 * lists (check-report.schema.json); SARIF describes each as a rule from here.
 */
export const PROBLEM_HELP = {
  'file-too-large': 'The file is larger than the gate reads; a manifest is a few kilobytes.',
  'file-binary': 'The file holds binary data, not YAML text.',
  'file-encoding': 'The file is not valid UTF-8 text.',
  'file-empty': 'The file is empty.',
  'file-unreadable': 'The file could not be read.',
  'file-not-found': 'A path given does not exist.',
  'file-outside-repo': 'A path given lies outside the repository.',
  'file-outside-usecases': 'Manifests live under usecases/<domain>/; this path is elsewhere.',
  'file-extension': 'Manifests end in .yaml; this file has another extension.',
  'file-not-regular': 'A link, submodule or other special file where a manifest must be a plain file.',
  'file-not-judged': 'A changed manifest was not judged; the gate fails closed on what it did not read.',
  'yaml-syntax': 'The text is not valid YAML.',
  'yaml-duplicate-key': 'A key appears twice in one mapping; YAML readers disagree on which wins.',
  'yaml-multiple-documents': 'The file holds more than one YAML document; a manifest is one.',
  'yaml-alias-limit': 'Aliases expand past the limit the gate reads (a YAML bomb).',
  'yaml-not-mapping': 'The document is not a mapping of fields.',
  'schema-unknown-field': 'A field the schema does not know (often a misspelling).',
  'schema-missing-field': 'A required field is missing.',
  'schema-invalid-value': 'A value of the wrong type, or outside the values allowed.',
  'id-file-mismatch': "metadata.id differs from the file's name.",
  'domain-folder-mismatch': 'metadata.domain differs from the folder the file is in.',
  'id-duplicate': 'Two manifests share one id.',
  'link-not-found': 'A link to a file in the repository leads nowhere.',
  'asset-unknown': 'A reused or provided asset is not in the asset registry.',
  'policy-unknown-kind': 'A file in policies/ has a kind the gate does not know.',
  'policy-rule-id': "A rule's id does not start with its policy's name.",
  'policy-duplicate-rule': 'Two rules share one id.',
  'policy-logic': 'A JSON Logic condition that cannot be evaluated (unknown operation, field or shape).',
  'policy-reference': 'A policy or test names a role, stage, rule or value that does not exist.',
  'policy-set-incomplete':
    'Something the policies need (a registry, the tiering) is missing or defined twice.',
  'policy-runtime-error':
    "A rule's own condition fails as it runs on a use case (a type error the loader could not see, such as a string compared with a number); the rule counts as failed on each use case it failed on until the policy is fixed.",
} as const satisfies Record<Problem['code'], string>;

export const PROBLEM_CODES = Object.keys(PROBLEM_HELP) as (keyof typeof PROBLEM_HELP)[];

export type ProblemCode = keyof typeof PROBLEM_HELP;

/**
 * Where (file relative to the repository root with forward slashes, 1-based line and column, the
 * token's end when on a field, the field's path), what kind and what to do: as the check report
 * gives it (check-report.schema.json).
 */
export type { Problem };

export function problem(
  file: string,
  code: ProblemCode,
  message: string,
  at: { line?: number; column?: number; endLine?: number; endColumn?: number; path?: string } = {},
): Problem {
  const { line = 1, column = 1, path = '' } = at;
  return at.endLine === undefined || at.endColumn === undefined
    ? { file, line, column, path, code, message }
    : { file, line, column, endLine: at.endLine, endColumn: at.endColumn, path, code, message };
}

/** Orders problems by file, then position, so output is stable. */
export function compareProblems(a: Problem, b: Problem): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column;
}
