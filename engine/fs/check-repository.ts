// A whole working tree judged as `coe check` judges it (without --base): the manifests under
// usecases/ (or the paths given), by the policies in policies/, as of a date. The file-system half
// of the package's programmatic entry point (engine/index.ts); the engine itself stays pure.
import type { TeamDirectory } from '../core/approvals/roles.ts';
import { judge } from '../core/check/judge.ts';
import { buildReport, type CheckReport } from '../core/check/report.ts';
import { counted } from '../core/counted.ts';
import type { LoadedRule } from '../core/policy/load-policies.ts';
import { readPolicySources } from './read-policies.ts';
import { readSources, repoPathExists } from './read-sources.ts';

export interface CheckRepositoryOptions {
  /** Files or folders under usecases/ (default: all of usecases/), relative to `cwd`. */
  paths?: readonly string[];
  /** The folder `paths` are relative to (default: the repository's root). */
  cwd?: string;
  /** YYYY-MM-DD the policies are evaluated as of (waivers expire against it). */
  asOf: string;
  /** Who is in the teams the roles name (see readMembership); none known by default. */
  teams?: TeamDirectory;
  /** Called as the manifests are judged, every few hundred and after the last: how many, of how many. */
  onProgress?: (judged: number, total: number) => void;
}

export interface RepositoryCheck {
  report: CheckReport;
  /** The rules judged by, in order: what SARIF and JUnit describe. */
  rules: readonly LoadedRule[];
}

export function checkRepository(root: string, options: CheckRepositoryOptions): RepositoryCheck {
  const sources = readSources(root, options.paths ?? [], options.cwd ?? root);
  const out = judge({
    manifests: counted(sources.sources, options.onProgress),
    policies: readPolicySources(root),
    inputProblems: sources.problems,
    today: options.asOf,
    linkExists: repoPathExists(root),
    ...(options.teams ? { teams: options.teams } : {}),
  });
  return { report: buildReport(out, options.asOf), rules: out.rules };
}
