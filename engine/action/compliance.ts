// The Action's compliance mode (scheduled): judge the default branch as checked out, every
// manifest by the policies at that commit as of today, verify every approval and waiver record
// against its pull request, and keep ONE tracking issue: opened with the findings, updated on the
// next run, closed with a comment when all is clean. Found again by the marker at the start of
// its body and its author, the login the token acts as (as the sticky comment is found).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as core from '@actions/core';
import { membershipFile } from '../core/approvals/team-membership.ts';
import { type ComplianceFindings, complianceFindings } from '../core/audit/compliance.ts';
import { ApiUnreachableError, describeFailure, type GitHub } from '../github/github-api.ts';
import { fitText, GITHUB_LIMITS } from '../github/limits.ts';
import { readTeamMembers, type TeamsRead } from '../github/team-members.ts';
import { verifyRecordsAt } from '../github/verify-records.ts';
import {
  COMPLIANCE_MARKER,
  COMPLIANCE_TITLE,
  renderComplianceClean,
  renderComplianceIssue,
} from '../report/compliance-markdown.ts';
import { plainLine } from '../report/escape.ts';
import { ACTIONS_BOT } from './publish.ts';
import { apiClient, type Settings } from './settings.ts';
import { judgeTree, writeSarif } from './tree-judgement.ts';

export interface ComplianceSettings {
  /** The label the tracking issue carries (input issue-label). */
  label: string;
  /** Who the token acts as (input issue-author; github-actions[bot] for GITHUB_TOKEN). */
  author: string;
}

export const DEFAULT_COMPLIANCE_LABEL = 'coe-compliance';

export async function compliance(
  settings: Settings,
  c: ComplianceSettings,
  env: NodeJS.ProcessEnv,
  summary: (markdown: string) => Promise<void>,
): Promise<void> {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo) {
    core.setFailed(
      'CoE Gate: GITHUB_REPOSITORY is not set; the compliance run works inside a GitHub Actions job',
    );
    return;
  }
  const other = otherBranch(env);
  if (other) {
    core.setFailed(
      `CoE compliance: this run is on ${plainLine(other.ref)}; the compliance run judges the default branch (${plainLine(other.defaultBranch)}) only, and its issue is about that branch`,
    );
    return;
  }
  const gh = apiClient(settings);
  const findings = await judgeDefaultBranch(settings, gh, owner, repo);
  const issue = await keepIssue(gh, { owner, repo }, c, findings, settings.detailsUrl);
  const body = findings.clean
    ? renderComplianceClean(findings, settings.detailsUrl)
    : renderComplianceIssue(findings, settings.detailsUrl);
  await summary(fitText(body, GITHUB_LIMITS.jobSummaryBytes, omittedNote));
  core.setOutput('conclusion', findings.clean ? 'success' : 'failure');
  if (issue !== null) core.setOutput('issue', String(issue));
  if (findings.clean) core.info(`CoE compliance: all clean as of ${findings.asOf}`);
  else
    core.setFailed(
      `CoE compliance: ${findings.problems.length} invalid files, ${findings.rules.length} failing rules, ${findings.waivers.length} waivers that no longer count, ${findings.records.length} records not verified${issue !== null ? ` (issue #${issue})` : ''}`,
    );
}

/** `coe check --all` as of today and `coe audit --verify`, both at HEAD, as git holds it. */
async function judgeDefaultBranch(
  settings: Settings,
  gh: GitHub,
  owner: string,
  repo: string,
): Promise<ComplianceFindings> {
  const root = settings.root;
  let teams: TeamsRead | undefined;
  const readTeams = async (names: readonly string[]) => {
    teams = await readTeamMembers(gh, names);
    for (const why of teams.unread.values()) core.warning(`CoE compliance: ${plainLine(why)}`);
    return teams.directory;
  };
  const judged = await judgeTree(root, { manifests: 'HEAD', policies: 'HEAD' }, settings.today, readTeams);
  if (settings.sarifPath) writeSarif(settings.sarifPath, judged);
  if (settings.teamsPath && teams) writeMembership(settings.teamsPath, teams);
  // An API that cannot be reached leaves the records unverifiable; keeping the issue then fails the job.
  const verify = await verifyRecordsAt({ root, ref: 'HEAD', owner, repo, gh });
  return complianceFindings(judged.report, verify);
}

/**
 * The members read, for `coe check --teams` on a laptop (the workflow keeps the file as the
 * artifact coe-teams). Only teams that were read: one that was not stays unknown there too.
 */
function writeMembership(path: string, teams: TeamsRead): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(
    path,
    `${JSON.stringify(membershipFile(teams.members, new Date().toISOString()), null, 2)}\n`,
  );
  core.setOutput('teams', path);
}

interface Where {
  owner: string;
  repo: string;
}

/**
 * The one tracking issue: the run's own (marker and author), open or closed, newest first. Not
 * clean: update it (reopening a closed one) or open it. Clean: comment and close it when open.
 * Returns its number, or null when there is none (clean, nothing to close).
 */
async function keepIssue(
  gh: GitHub,
  where: Where,
  c: ComplianceSettings,
  f: ComplianceFindings,
  runUrl: string | null,
): Promise<number | null> {
  try {
    const issues = await gh.paginate(gh.rest.issues.listForRepo, {
      ...where,
      labels: c.label,
      state: 'all',
      per_page: 100,
    });
    const mine = issues
      .filter((i) => !i.pull_request && i.body?.startsWith(COMPLIANCE_MARKER) && i.user?.login === c.author)
      .sort((a, b) => (a.state === b.state ? b.number - a.number : a.state === 'open' ? -1 : 1))[0];
    if (f.clean) {
      if (mine?.state !== 'open') return mine?.number ?? null;
      await gh.rest.issues.createComment({
        ...where,
        issue_number: mine.number,
        body: renderComplianceClean(f, runUrl),
      });
      await gh.rest.issues.update({
        ...where,
        issue_number: mine.number,
        state: 'closed',
        state_reason: 'completed',
      });
      return mine.number;
    }
    const body = fitText(renderComplianceIssue(f, runUrl), GITHUB_LIMITS.commentBody, omittedNote);
    if (mine) {
      await gh.rest.issues.update({
        ...where,
        issue_number: mine.number,
        title: COMPLIANCE_TITLE,
        body,
        ...(mine.state === 'open' ? {} : { state: 'open' as const }),
      });
      return mine.number;
    }
    const created = await gh.rest.issues.create({
      ...where,
      title: COMPLIANCE_TITLE,
      body,
      labels: [c.label],
    });
    return created.data.number;
  } catch (error) {
    if (error instanceof ApiUnreachableError) throw error;
    // The issue is what the run is for: not keeping it fails the job, saying why.
    core.setFailed(
      `CoE compliance: ${plainLine(describeFailure(error, 'the tracking issue was not kept up to date', 'issues: write', false))}`,
    );
    return null;
  }
}

const omittedNote = (omitted: number) =>
  `> ✂️ Cut here: ${omitted} more line${omitted === 1 ? '' : 's'} did not fit GitHub's limit; \`coe check --all\` and \`coe audit --verify\` show everything.`;

/**
 * A run started on another branch (workflow_dispatch lets one pick it): its ref and the default
 * branch, from the event; undefined on the default branch, or when the event does not say.
 */
function otherBranch(env: NodeJS.ProcessEnv): { ref: string; defaultBranch: string } | undefined {
  let payload: { repository?: { default_branch?: unknown } } = {};
  try {
    payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH ?? '', 'utf8'));
  } catch {
    return undefined;
  }
  const defaultBranch = payload.repository?.default_branch;
  const ref = env.GITHUB_REF_NAME;
  if (typeof defaultBranch !== 'string' || !ref || ref === defaultBranch) return undefined;
  return { ref, defaultBranch };
}

/** The login the token acts as: the input, else GITHUB_TOKEN's. */
export function complianceAuthor(input: string): string {
  return input.trim() || ACTIONS_BOT;
}
