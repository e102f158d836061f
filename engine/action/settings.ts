// The Action's settings: its inputs and the job's environment, read once, and the REST client
// they give. One home, shared by the gate, the fork publisher and the compliance run.
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as core from '@actions/core';
import { isCalendarDate } from '../core/calendar.ts';
import { type GitHub, makeClient } from '../github/github-api.ts';
import { API_LIMITS } from '../github/limits.ts';

export const DEFAULT_CHECK_NAME = 'CoE Gate';

export interface Settings {
  token: string;
  baseUrl: string;
  /** Seconds each REST request may take (input api-timeout; API_LIMITS.timeoutSeconds by default). */
  apiTimeoutSeconds: number;
  checkName: string;
  root: string;
  reportPath: string;
  /** Where to write the whole tree's judgement as SARIF (input sarif-path); empty: not written. */
  sarifPath: string;
  /** Mode compliance: where to write the team members read (input teams-path); empty: not written. */
  teamsPath: string;
  today: string;
  detailsUrl: string | null;
  /** Branches besides the default one whose pull requests the gate may pass. */
  baseBranches: string[];
}

export function readSettings(env: NodeJS.ProcessEnv): Settings {
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
  const runUrl =
    env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
      ? `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
      : null;
  const asOf = core.getInput('as-of');
  if (asOf && !isCalendarDate(asOf))
    throw new Error(`as-of "${asOf}": write a date that exists as YYYY-MM-DD, e.g. 2026-03-31`);
  return {
    token: core.getInput('token') || env.GITHUB_TOKEN || '',
    baseUrl: env.GITHUB_API_URL || 'https://api.github.com',
    apiTimeoutSeconds: readTimeout(core.getInput('api-timeout')),
    checkName: core.getInput('check-name') || DEFAULT_CHECK_NAME,
    root: resolve(env.GITHUB_WORKSPACE || process.cwd()),
    reportPath: core.getInput('report-path') || join(env.RUNNER_TEMP || tmpdir(), 'coe-gate', 'report.json'),
    sarifPath: core.getInput('sarif-path'),
    teamsPath: core.getInput('teams-path'),
    today: asOf || new Date().toISOString().slice(0, 10),
    detailsUrl: runUrl,
    baseBranches: core
      .getInput('base-branches')
      .split(/[\s,]+/)
      .filter(Boolean),
  };
}

/** api-timeout: seconds, more than 0; empty for the default. */
function readTimeout(input: string): number {
  if (input === '') return API_LIMITS.timeoutSeconds;
  const seconds = Number(input);
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new Error(
      `api-timeout "${input}": give the seconds a request may take, e.g. ${API_LIMITS.timeoutSeconds}`,
    );
  return seconds;
}

/** The REST client every mode uses: the token, the API and the deadline the settings give. */
export function apiClient(settings: Settings): GitHub {
  return makeClient({
    token: settings.token,
    baseUrl: settings.baseUrl,
    warn: core.warning,
    timeoutSeconds: settings.apiTimeoutSeconds,
  });
}
