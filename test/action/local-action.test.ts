// The Action's source entry run by GitHub's own local runner for actions (@github/local-action),
// against the loopback GitHub. local-action takes inputs and the runner's variables from an env
// file, but GITHUB_API_URL only from the real environment, and it exits 0 even after setFailed:
// the verdict is read from its output and from what reached the API.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { pullRequestEvent } from '../github/events.ts';
import { runProcess, useFakeGitHub } from '../helpers/action.ts';
import { commitAll, git, gitRepo, write } from '../helpers/git.ts';
import { REPO_ROOT, tempDir } from '../helpers/repo.ts';

const PROPOSAL = 'usecases/customer-support/policy-wording-qa-copilot.yaml';
const LOCAL_ACTION = join(REPO_ROOT, 'node_modules', '@github', 'local-action', 'bin', 'local-action.js');

const github = useFakeGitHub();

async function localAction(reviewer: string): Promise<{ status: number | null; output: string }> {
  const fake = github();
  const root = gitRepo({});
  const baseSha = git(root, 'rev-parse', 'HEAD').trim();
  git(root, 'checkout', '-q', '-b', 'proposal');
  write(root, PROPOSAL, readFileSync(join(REPO_ROOT, PROPOSAL), 'utf8'));
  commitAll(root, 'propose');
  const headSha = git(root, 'rev-parse', 'HEAD').trim();
  fake.addPull({ number: 497, headSha, baseSha, author: 'jdelacroix' });
  fake.addReview(497, { login: reviewer, state: 'APPROVED', commit_id: headSha });
  const runner = tempDir('coe-local-action-');
  const event = join(runner, 'event.json');
  writeFileSync(
    event,
    JSON.stringify(
      pullRequestEvent('opened', {
        owner: 'northwind',
        repo: 'ai-portfolio',
        number: 497,
        headSha,
        baseSha,
        baseRef: 'main',
        author: 'jdelacroix',
      }),
    ),
  );
  const envFile = join(runner, '.env');
  writeFileSync(
    envFile,
    [
      'GITHUB_EVENT_NAME=pull_request',
      `GITHUB_EVENT_PATH=${event}`,
      `GITHUB_WORKSPACE=${root}`,
      'GITHUB_REPOSITORY=northwind/ai-portfolio',
      `RUNNER_TEMP=${runner}`,
      'INPUT_TOKEN=ghs_local-action',
      'INPUT_AS-OF=2026-11-24',
      '',
    ].join('\n'),
  );
  const run = await runProcess(
    process.execPath,
    [LOCAL_ACTION, 'run', REPO_ROOT, 'engine/action/main.ts', envFile],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, GITHUB_API_URL: github().url },
    },
  );
  return { status: run.status, output: run.stdout + run.stderr };
}

test('local-action runs the gate end to end: an approved proposal passes', async () => {
  const fake = github();
  const run = await localAction('fvogel');
  expect(run.output).toContain('::set-output name=conclusion::success');
  expect(fake.checkRuns().map((r) => [r.name, r.conclusion])).toEqual([['CoE Gate', 'success']]);
  expect(fake.comments(497)).toHaveLength(1);
});

test('local-action reports a block through setFailed (and exits 0 regardless, so the output is read)', async () => {
  const fake = github();
  const run = await localAction('mallory');
  expect(run.output).toMatch(/::error::CoE Gate: Blocked: 1 required approval missing/);
  expect(run.output).toContain('::set-output name=conclusion::failure');
  expect(fake.checkRuns().map((r) => r.conclusion)).toEqual(['failure']);
});
