// Runs the committed Action bundle (dist/index.mjs) as GitHub's runner would: a separate Node
// process with the runner's environment, an event file, and the REST API at a loopback URL.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import type { GateReport } from '../../engine/core/gate/gate-report.ts';
import { type FakeGitHub, startFakeGitHub } from '../github/fake-github.ts';
import { REPO_ROOT, tempDir } from './repo.ts';

export const BUNDLE_PATH = join(REPO_ROOT, 'dist', 'index.mjs');

export interface ActionRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** What the step wrote to $GITHUB_STEP_SUMMARY. */
  summary: string;
  outputs: Record<string, string>;
  /** The JSON report, when one was written. */
  report: GateReport | null;
  reportPath: string;
}

export interface ActionOptions {
  /** The checked-out repository (GITHUB_WORKSPACE). */
  root: string;
  eventName: string;
  payload: unknown;
  apiUrl: string;
  asOf?: string;
  inputs?: Record<string, string>;
  env?: Record<string, string>;
}

export async function runAction(o: ActionOptions): Promise<ActionRun> {
  const runner = tempDir('coe-runner-');
  const eventPath = join(runner, 'event.json');
  const summaryPath = join(runner, 'summary.md');
  const outputPath = join(runner, 'output');
  writeFileSync(eventPath, JSON.stringify(o.payload));
  writeFileSync(summaryPath, '');
  writeFileSync(outputPath, '');
  const inputs: Record<string, string> = {
    token: 'ghs_test-token',
    'as-of': o.asOf ?? '2026-11-24',
    ...o.inputs,
  };
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? runner,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: o.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_API_URL: o.apiUrl,
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_REPOSITORY: 'northwind/ai-portfolio',
    GITHUB_RUN_ID: '4242',
    GITHUB_WORKSPACE: o.root,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_OUTPUT: outputPath,
    RUNNER_TEMP: runner,
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
    ...o.env,
  };
  const { status, stdout, stderr } = await runProcess(process.execPath, [BUNDLE_PATH], { cwd: o.root, env });
  const reportPath = inputs['report-path'] || join(runner, 'coe-gate', 'report.json');
  return {
    status,
    stdout,
    stderr,
    summary: readFileSync(summaryPath, 'utf8'),
    outputs: parseOutputs(readFileSync(outputPath, 'utf8')),
    report: existsSync(reportPath) ? (JSON.parse(readFileSync(reportPath, 'utf8')) as GateReport) : null,
    reportPath,
  };
}

export interface ProcessResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** A child process, without blocking this one: the loopback GitHub lives in the test's process. */
export function runProcess(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, options);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** A loopback GitHub for each test; after it, every request and answer must have matched the spec. */
export function useFakeGitHub(): () => FakeGitHub {
  let fake: FakeGitHub | undefined;
  beforeEach(async () => {
    fake = await startFakeGitHub();
  });
  afterEach(async () => {
    expect(fake?.violations).toEqual([]);
    await fake?.close();
  });
  return () => {
    if (!fake) throw new Error('useFakeGitHub: no test is running');
    return fake;
  };
}

/** $GITHUB_OUTPUT as @actions/core writes it: name<<DELIMITER, value, DELIMITER. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i] as string);
    if (!m) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i] as string);
    out[m[1] as string] = value.join('\n');
  }
  return out;
}
