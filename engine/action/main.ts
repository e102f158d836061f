// The Action: read the event, judge it with the engine, report it, fail the job when the gate
// blocks. A thin adapter: the verdict comes from judge-event.ts, the words from the reporters.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as core from '@actions/core';
import { annotations, decide, type GateReport } from '../core/gate/gate-report.ts';
import { ApiUnreachableError, describeFailure, type GitHub } from '../github/github-api.ts';
import { fitText, GITHUB_LIMITS } from '../github/limits.ts';
import { markdownText, plainLine, plainText } from '../report/escape.ts';
import { renderGateMarkdown } from '../report/gate-markdown.ts';
import { compliance, complianceAuthor, DEFAULT_COMPLIANCE_LABEL } from './compliance.ts';
import { EventError, type GateEvent, parseEvent } from './event.ts';
import { judgeEvent } from './judge-event.ts';
import { publish, truncationNote } from './publish.ts';
import { publishFromArtifact } from './publish-artifact.ts';
import { pullRequestsOn, teamsOn } from './pull-requests.ts';
import { apiClient, readSettings, type Settings } from './settings.ts';
import { judgeTree, writeSarif } from './tree-judgement.ts';

export async function run(): Promise<void> {
  const env = process.env;
  const settings = readSettings(env);
  try {
    const mode = core.getInput('mode') || 'gate';
    if (mode === 'publish') await publishFromArtifact(settings, env);
    else if (mode === 'compliance')
      await compliance(
        settings,
        {
          label: core.getInput('issue-label') || DEFAULT_COMPLIANCE_LABEL,
          author: complianceAuthor(core.getInput('issue-author')),
        },
        env,
        writeJobSummary,
      );
    else if (mode === 'gate') await gate(settings, env);
    else throw new Error(`mode "${mode}": use gate, publish or compliance`);
  } catch (error) {
    // Nothing can be posted: the job fails, and its log and summary say why.
    if (!(error instanceof ApiUnreachableError)) throw error;
    await writeJobSummary(`### ❌ CoE Gate could not reach GitHub\n\n${error.message}\n`);
    core.setFailed(`CoE Gate: ${error.message}`);
  }
}

async function gate(settings: Settings, env: NodeJS.ProcessEnv): Promise<void> {
  let event: GateEvent;
  try {
    event = readEvent(env);
  } catch (error) {
    // Without a readable event there is no commit to put a check run on: the job itself fails.
    const reason =
      error instanceof EventError ? error.message : `the event could not be read: ${String(error)}`;
    await writeJobSummary(`### ❌ CoE Gate could not start\n\n${markdownText(reason)}\n`);
    core.setFailed(`CoE Gate: ${plainLine(reason)}`);
    return;
  }
  const gh = apiClient(settings);
  const pr = event.pullRequest;
  let report: GateReport;
  try {
    report = await judgeEvent({
      root: settings.root,
      event,
      today: settings.today,
      detailsUrl: settings.detailsUrl,
      baseBranches: settings.baseBranches,
      pulls: pullRequestsOn(gh, event.owner, event.repo),
      teams: teamsOn(gh),
    });
  } catch (error) {
    if (error instanceof ApiUnreachableError) throw error;
    core.debug((error as Error)?.stack ?? String(error)); // for a bug report; the check says why
    const reason =
      (error as { status?: number }).status !== undefined
        ? describeFailure(
            error,
            "the pull request's reviews and commits could not be read",
            'pull-requests: read',
          )
        : ((error as Error)?.message ?? String(error));
    report = decide({
      repository: `${event.owner}/${event.repo}`,
      event: event.name,
      pullRequest: pr?.number ?? null,
      headSha: event.headSha,
      baseSha: event.baseSha,
      check: null,
      approvals: null,
      error: reason,
      detailsUrl: settings.detailsUrl,
    });
  }

  writeReport(settings.reportPath, report);
  if (settings.sarifPath) await writeTreeSarif(settings, event, gh);
  const markdown = renderGateMarkdown(report);
  await writeJobSummary(fitText(markdown, GITHUB_LIMITS.jobSummaryBytes, truncationNote(report)));
  if (pr?.fork) {
    // A fork's token is read-only: annotate through workflow commands and leave the report as an
    // artifact for the publishing workflow (docs/action.md).
    workflowAnnotations(report);
    core.notice(
      'This pull request comes from a fork, whose token cannot post checks or comments; the verdict is in the job summary and the report artifact.',
    );
  } else {
    const published = await publish(
      gh,
      { owner: event.owner, repo: event.repo, checkName: settings.checkName },
      report,
    );
    for (const w of published.warnings) core.warning(w);
  }
  core.setOutput('conclusion', report.conclusion);
  // A log line is plain text, and a line break in it could start a workflow command.
  if (report.conclusion === 'failure') core.setFailed(`CoE Gate: ${plainLine(report.title)}`);
  else core.info(`CoE Gate: ${plainLine(report.title)}`);
}

function readEvent(env: NodeJS.ProcessEnv): GateEvent {
  const path = env.GITHUB_EVENT_PATH;
  if (!path) throw new EventError('GITHUB_EVENT_PATH is not set; the gate runs inside a GitHub Actions job');
  let payload: unknown;
  try {
    payload = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new EventError(`the event file ${path} could not be read as JSON (${(error as Error).message})`);
  }
  return parseEvent(env.GITHUB_EVENT_NAME ?? '', payload);
}

/**
 * For code scanning: the whole tree at the head, judged by the base's policies as the gate judges
 * (never by the pull request's), as SARIF. Display only: the verdict is the gate's; a failure here
 * is a warning, never a different conclusion.
 */
async function writeTreeSarif(settings: Settings, event: GateEvent, gh: GitHub): Promise<void> {
  try {
    const at = { manifests: 'HEAD', policies: event.baseSha };
    const judged = await judgeTree(settings.root, at, settings.today, teamsOn(gh));
    writeSarif(settings.sarifPath, judged);
  } catch (error) {
    core.warning(
      `CoE Gate: the SARIF file was not written: ${plainLine((error as Error)?.message ?? String(error))}`,
    );
  }
}

function writeReport(path: string, report: GateReport): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
  core.setOutput('report', path);
}

async function writeJobSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  await core.summary.addRaw(markdown).write();
}

/** Errors first; GitHub shows at most 10 of each kind per step. */
function workflowAnnotations(report: GateReport): void {
  const all = annotations(report);
  const errors = all.filter((a) => a.level === 'failure').slice(0, GITHUB_LIMITS.workflowCommandErrors);
  const warnings = all.filter((a) => a.level === 'warning').slice(0, GITHUB_LIMITS.workflowCommandWarnings);
  for (const a of errors) core.error(plainText(a.message), props(a));
  for (const a of warnings) core.warning(plainText(a.message), props(a));
}

function props(a: ReturnType<typeof annotations>[number]): core.AnnotationProperties {
  return {
    title: plainLine(a.title),
    file: a.path,
    startLine: Math.max(1, a.line),
    startColumn: Math.max(1, a.column),
  };
}
