// The npm package's programmatic entry point (`import { checkRepository } from 'coe-gate'`): the
// same engine as `coe check`, for tools that embed the verdict. What is exported here is the
// package's API, versioned with it (docs/releasing.md); everything else is internal.

export { NO_TEAMS, type TeamDirectory, teamDirectory } from './core/approvals/roles.ts';
export { readMembership, type TeamMembership } from './core/approvals/team-membership.ts';
export type { LoadedManifest, SourceFile, UseCaseRow } from './core/check/check-manifests.ts';
export { type JudgeInput, type JudgeOutput, judge } from './core/check/judge.ts';
export {
  buildReport,
  type CheckReport,
  EXIT,
  type ExitCode,
  type UseCaseReport,
} from './core/check/report.ts';
export type { RuleResult } from './core/policy/evaluate.ts';
export { type LoadedRule, loadPolicies, type PolicySet, withTeams } from './core/policy/load-policies.ts';
export { PROBLEM_CODES, PROBLEM_HELP, type Problem, type ProblemCode } from './core/problem.ts';
export { type CheckRepositoryOptions, checkRepository, type RepositoryCheck } from './fs/check-repository.ts';
export { readPolicySources } from './fs/read-policies.ts';
export { readSources } from './fs/read-sources.ts';
export { jsonDocument } from './report/json.ts';
export { junitChunks } from './report/junit.ts';
export { renderMarkdown } from './report/markdown.ts';
export { renderSarif } from './report/sarif.ts';
export type { UseCase } from './schema/usecase.gen.ts';
