// The second half of the fork flow, run by a `workflow_run` workflow with a writing token: read the
// report artifact the fork's run left, validate it, check it is about the pull request's current
// head, judge that commit again with the gate's own code, and post the check run and comment. No
// code from the pull request is checked out or run: its files are read through git as data. From
// the artifact only the pull request's number and commit are taken; every link comes from the
// workflow_run event GitHub sent.

import { readFileSync, statSync } from 'node:fs';
import * as core from '@actions/core';
import type { ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { fromGitHub } from '../core/approvals/identity.ts';
import type { GateReport } from '../core/gate/gate-report.ts';
import { hasCommit } from '../git/git.ts';
import { describeFailure } from '../github/github-api.ts';
import { plainLine } from '../report/escape.ts';
import checkReportSchema from '../schema/check-report.schema.json' with { type: 'json' };
import gateReportSchema from '../schema/gate-report.schema.json' with { type: 'json' };
import usecaseSchema from '../schema/usecase.schema.json' with { type: 'json' };
import { judgeEvent } from './judge-event.ts';
import { publish } from './publish.ts';
import { pullRequestsOn, teamsOn } from './pull-requests.ts';
import { apiClient, type Settings } from './settings.ts';

/** A report is a few hundred KB at most; anything far larger is not one of ours. */
const MAX_REPORT_BYTES = 32 * 1024 * 1024;

// ajv-formats is CommonJS; its default export arrives as the module object under NodeNext typing.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

let validator: ValidateFunction<GateReport> | undefined;
/** Compiled on first use, so that a mistake in a schema is a failing job with a message. */
function reportValidator(): ValidateFunction<GateReport> {
  if (!validator) {
    const ajv = new Ajv2020({ allErrors: false, strict: false });
    addFormats(ajv, ['date', 'uri']);
    ajv.addSchema(usecaseSchema);
    ajv.addSchema(checkReportSchema);
    validator = ajv.compile<GateReport>(gateReportSchema);
  }
  return validator;
}

export class ArtifactError extends Error {
  override name = 'ArtifactError';
}

export async function publishFromArtifact(settings: Settings, env: NodeJS.ProcessEnv): Promise<void> {
  try {
    const { owner, repo, headSha, runUrl } = readWorkflowRun(env);
    const report = readReport(settings.reportPath);
    if (report.repository.toLowerCase() !== `${owner}/${repo}`.toLowerCase())
      throw new ArtifactError(`the report is about ${report.repository}, not ${owner}/${repo}`);
    if (report.headSha !== headSha)
      throw new ArtifactError(`the report is about ${report.headSha}, but the run was for ${headSha}`);
    if (!report.pullRequest) throw new ArtifactError('the report names no pull request');
    const gh = apiClient(settings);
    const pr = await gh.rest.pulls
      .get({ owner, repo, pull_number: report.pullRequest })
      .catch((error: unknown) => {
        throw new ArtifactError(
          describeFailure(error, 'the pull request could not be read', 'pull-requests: read'),
        );
      });
    if (pr.data.head.sha !== report.headSha) {
      core.notice(
        `Pull request #${report.pullRequest} has moved on to ${pr.data.head.sha.slice(0, 7)}; the run for that commit publishes its own verdict.`,
      );
      return;
    }
    // The fork's run used a workflow the fork could have rewritten: its report says which pull
    // request and commit, and nothing more is taken from it. The change is judged again here, by
    // the gate's own code, from the commit's files read through git as data.
    if (!(await hasCommit(settings.root, report.headSha))) {
      throw new ArtifactError(
        `commit ${report.headSha.slice(0, 7)} is not in the checkout; fetch it first (git fetch origin ${report.headSha})`,
      );
    }
    const number = report.pullRequest;
    const verdict = await judgeEvent({
      root: settings.root,
      event: {
        name: report.event,
        action: 'published',
        owner,
        repo,
        headSha: report.headSha,
        baseSha: pr.data.base.sha,
        baseRef: pr.data.base.ref,
        defaultBranch: pr.data.base.repo.default_branch,
        pullRequest: {
          number,
          author: fromGitHub(pr.data.user.login),
          fork: true,
          draft: pr.data.draft === true,
          openedAt: pr.data.created_at,
          pusher: null,
        },
        groupPulls: [],
      },
      today: settings.today,
      // The fork's run, as GitHub links it: never the artifact's detailsUrl, which the fork wrote.
      detailsUrl: runUrl,
      baseBranches: settings.baseBranches,
      atCommit: report.headSha,
      pulls: pullRequestsOn(gh, owner, repo),
      teams: teamsOn(gh),
    });
    if (verdict.conclusion !== report.conclusion) {
      core.warning(
        `The fork's run reported ${report.conclusion}; judged again here from commit ${report.headSha.slice(0, 7)}: ${verdict.conclusion}. The verdict posted is this one.`,
      );
    }
    const published = await publish(gh, { owner, repo, checkName: settings.checkName }, verdict);
    for (const w of published.warnings) core.warning(w);
    core.setOutput('conclusion', verdict.conclusion);
    core.info(`CoE Gate (published for #${number}): ${plainLine(verdict.title)}`);
  } catch (error) {
    if (!(error instanceof ArtifactError)) throw error;
    core.setFailed(`CoE Gate could not publish the fork's report: ${plainLine(error.message)}`);
  }
}

interface WorkflowRun {
  owner: string;
  repo: string;
  headSha: string;
  /** The run's page on GitHub, or null when the event has no web URL. */
  runUrl: string | null;
}

function readWorkflowRun(env: NodeJS.ProcessEnv): WorkflowRun {
  if (env.GITHUB_EVENT_NAME !== 'workflow_run')
    throw new ArtifactError(`mode "publish" runs on workflow_run events, not "${env.GITHUB_EVENT_NAME}"`);
  let payload: {
    repository?: { name?: string; owner?: { login?: string } };
    workflow_run?: { head_sha?: string; html_url?: string };
  };
  try {
    payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH ?? '', 'utf8'));
  } catch (error) {
    throw new ArtifactError(`the event could not be read (${(error as Error).message})`);
  }
  const owner = payload.repository?.owner?.login;
  const repo = payload.repository?.name;
  const headSha = payload.workflow_run?.head_sha;
  if (!owner || !repo || !headSha) throw new ArtifactError('the event is not a workflow_run webhook payload');
  return { owner, repo, headSha, runUrl: webUrl(payload.workflow_run?.html_url) };
}

/** An http(s) URL with nothing in it that could end a markdown link, else null. */
function webUrl(value: string | undefined): string | null {
  return value && /^https?:\/\/[^\s()<>]+$/.test(value) ? value : null;
}

function readReport(path: string): GateReport {
  let text: string;
  try {
    if (statSync(path).size > MAX_REPORT_BYTES)
      throw new ArtifactError(`${path} is too large to be a report`);
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof ArtifactError) throw error;
    throw new ArtifactError(`no report at ${path}: did the gate's run upload its artifact?`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ArtifactError(`${path} is not JSON (${(error as Error).message})`);
  }
  const validateReport = reportValidator();
  if (!validateReport(value)) {
    const e = validateReport.errors?.[0];
    throw new ArtifactError(
      `${path} is not a gate report: ${e?.instancePath || '/'} ${e?.message ?? ''}`.trim(),
    );
  }
  return value;
}
