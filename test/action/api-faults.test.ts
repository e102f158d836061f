// An API that does not answer: every request has a deadline (input api-timeout, here 1 s) and is
// retried like a 5xx; a run that cannot reach the API fails the job saying so, where, and without
// a stack trace, within the retries' bound. The committed bundle against the loopback GitHub.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { API_LIMITS } from '../../engine/github/limits.ts';
import { pullRequestEvent } from '../github/events.ts';
import type { OperationId } from '../github/extract-openapi.ts';
import { type FakeGitHub, faults, operations } from '../github/fake-github.ts';
import { runAction, useFakeGitHub } from '../helpers/action.ts';
import { commitAll, git, gitRepo, write } from '../helpers/git.ts';
import { REPO_ROOT } from '../helpers/repo.ts';

const PR = 497; // the number the sample's intake approval records
const PROPOSAL = 'usecases/customer-support/policy-wording-qa-copilot.yaml';
const TIMEOUT_SECONDS = 1;
const ATTEMPTS = API_LIMITS.retries + 1;
/** The gate's first reads, made together: the pull request's reviews and its commits. */
const FIRST_READS = ['pulls/list-commits', 'pulls/list-reviews'];

const github = useFakeGitHub();
let fake: FakeGitHub;
beforeEach(() => {
  fake = github();
});

/** A new intake use case whose recorded approver (fvogel) approves the head commit: it passes. */
async function approvedProposal(apiUrl: string) {
  const root = gitRepo({});
  const baseSha = git(root, 'rev-parse', 'HEAD').trim();
  git(root, 'checkout', '-q', '-b', 'proposal');
  write(root, PROPOSAL, readFileSync(join(REPO_ROOT, PROPOSAL), 'utf8'));
  commitAll(root, 'proposal');
  const headSha = git(root, 'rev-parse', 'HEAD').trim();
  fake.addPull({ number: PR, headSha, baseSha, author: 'jdelacroix' });
  fake.addReview(PR, { login: 'fvogel', state: 'APPROVED', commit_id: headSha });
  const payload = pullRequestEvent('opened', {
    owner: 'northwind',
    repo: 'ai-portfolio',
    number: PR,
    headSha,
    baseSha,
    baseRef: 'main',
    author: 'jdelacroix',
  });
  return runAction({
    root,
    eventName: 'pull_request',
    payload,
    apiUrl,
    inputs: { 'api-timeout': String(TIMEOUT_SECONDS) },
  });
}

/** A loopback address where nothing listens: connections are refused. */
async function refusingUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

const NO_STACK = /\n\s+at .+:\d+:\d+\)?\n/;

describe('an API that does not answer', () => {
  test('a request that hangs once is retried and the run succeeds', async () => {
    fake.failNext(faults.noAnswer('pulls/list-reviews'));
    const run = await approvedProposal(fake.url);
    expect(run.status, run.stdout).toBe(0);
    const reviews = fake.requests.filter((r) => r.operationId === 'pulls/list-reviews');
    expect(reviews.map((r) => r.status)).toEqual([0, 200]);
    expect(fake.checkRuns()).toEqual([expect.objectContaining({ conclusion: 'success' })]);
    expect(fake.comments(PR)).toHaveLength(1);
  });

  test('an API that never answers fails the run within its bound, saying it could not be reached', async () => {
    for (const operation of Object.keys(operations().operations) as OperationId[])
      fake.failNext(faults.noAnswer(operation, 100));
    const run = await approvedProposal(fake.url);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      `::error::CoE Gate: the GitHub API could not be reached at ${fake.url} (GITHUB_API_URL): no answer within ${TIMEOUT_SECONDS} s; tried ${ATTEMPTS} times`,
    );
    expect(run.stdout + run.stderr).not.toMatch(NO_STACK);
    expect(run.summary).toContain('CoE Gate could not reach GitHub');
    // Each first read is tried ATTEMPTS times, none answered; then the run ends: nothing else is tried.
    const tried = fake.requests.map((r) => [r.operationId, r.status]);
    expect(tried.every(([op, status]) => FIRST_READS.includes(op as string) && status === 0)).toBe(true);
    expect(tried.filter(([op]) => op === 'pulls/list-reviews')).toHaveLength(ATTEMPTS);
    expect(tried.length).toBeLessThanOrEqual(ATTEMPTS * FIRST_READS.length);
  });

  test('an api-timeout that is not a number of seconds fails the job before any request', async () => {
    const run = await runAction({
      root: gitRepo({}),
      eventName: 'pull_request',
      payload: {},
      apiUrl: fake.url,
      inputs: { 'api-timeout': 'soon' },
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      `::error::CoE Gate failed: api-timeout "soon": give the seconds a request may take, e.g. ${API_LIMITS.timeoutSeconds}`,
    );
    expect(fake.requests).toEqual([]);
  });

  test('an API that refuses connections fails the run the same way', async () => {
    const url = await refusingUrl();
    const run = await approvedProposal(url);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(
      new RegExp(
        `::error::CoE Gate: the GitHub API could not be reached at ${url} \\(GITHUB_API_URL\\): connect ECONNREFUSED .*; tried ${ATTEMPTS} times`,
      ),
    );
    expect(run.stdout + run.stderr).not.toMatch(NO_STACK);
  });
});
