// The whole tree at a commit, judged by the policies at a commit (the same one on the default
// branch; the base's for a pull request), read through git only. Compliance judges the default
// branch this way; with the sarif-path input, the gate and the compliance run write it as SARIF
// for code scanning, one analysis kind (coe-gate/check/) on both, so code scanning compares a pull
// request's alerts with the default branch's.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as core from '@actions/core';
import { type TeamDirectory, teamsNamed } from '../core/approvals/roles.ts';
import { judge } from '../core/check/judge.ts';
import { buildReport, type CheckReport } from '../core/check/report.ts';
import { type LoadedRule, loadPolicies } from '../core/policy/load-policies.ts';
import { commitTree, manifestsAt, policiesAt } from '../git/commit-sources.ts';
import { renderSarif } from '../report/sarif.ts';

export interface TreeJudgement {
  report: CheckReport;
  rules: readonly LoadedRule[];
}

/** `readTeams`: reads the members of the teams the policies' roles name (not called when none). */
export async function judgeTree(
  root: string,
  at: { manifests: string; policies: string },
  today: string,
  readTeams?: (names: readonly string[]) => Promise<TeamDirectory>,
): Promise<TreeJudgement> {
  const [{ sources, problems }, policies, tree] = await Promise.all([
    manifestsAt(root, at.manifests),
    policiesAt(root, at.policies),
    commitTree(root, at.manifests),
  ]);
  const loaded = policies ? loadPolicies(policies) : undefined;
  const named = loaded?.ok ? teamsNamed(loaded.policies.registries.roles) : [];
  const teams = named.length && readTeams ? await readTeams(named) : undefined;
  const out = judge({
    manifests: sources,
    policies,
    inputProblems: problems,
    today,
    linkExists: tree.exists,
    loadedPolicies: loaded,
    ...(teams ? { teams } : {}),
  });
  return { report: buildReport(out, today), rules: out.rules };
}

/** Writes the judgement as SARIF at `path` and names it in the output `sarif`. */
export function writeSarif(path: string, judged: TreeJudgement): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, renderSarif(judged.report, judged.rules));
  core.setOutput('sarif', path);
}
