// The REST calls the gate makes, through Octokit with GitHub's own retry (5xx, and requests that
// got no answer in time) and throttling (primary and secondary rate limits) plugins. Failures
// become messages that say which permission or setting is missing, or that the API could not be
// reached at all.
import { getOctokit } from '@actions/github';
import { defaults as actionsDefaults } from '@actions/github/lib/utils';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck';
import type { PullRequestFacts, Review, ReviewState } from '../core/approvals/gate.ts';
import { fromGitHub, identityKey } from '../core/approvals/identity.ts';
import type { PullEvidence } from '../core/audit/verify.ts';
import { API_LIMITS } from './limits.ts';

export type GitHub = ReturnType<typeof getOctokit>;

export interface ClientOptions {
  token: string;
  baseUrl: string;
  /** Warnings (a retry after a rate limit) go here. */
  warn: (message: string) => void;
  /** Seconds each request may take, its answer included (API_LIMITS.timeoutSeconds by default). */
  timeoutSeconds?: number;
}

/** No request got an answer, after every retry: nothing can be posted, the job fails saying so. */
export class ApiUnreachableError extends Error {
  override name = 'ApiUnreachableError';
}

type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

/** Statuses whose answer has no body (a Response cannot be made with one). */
const NULL_BODY = new Set([101, 204, 205, 304]);

/** Rate-limit waits at most this many times per request before giving up. */
const RATE_LIMIT_RETRIES = 3;

/**
 * Writes one at a time, without the throttling plugin's default pause (1 s between writes, 3 s
 * between comments). GitHub asks for that pause when a client makes a large number of writes; a
 * gate run makes a few (one check run, an update per 50 annotations, one comment), far inside
 * the 80 content-creating requests a minute GitHub allows. Should a secondary limit be hit
 * anyway, the plugin still waits the retry-after GitHub sends and tries again.
 */
function oneAtATime(): Bottleneck.Group {
  return new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 });
}

export function makeClient({
  token,
  baseUrl,
  warn,
  timeoutSeconds = API_LIMITS.timeoutSeconds,
}: ClientOptions): GitHub {
  const { request } = actionsDefaults;
  const gh = getOctokit(
    token,
    {
      baseUrl,
      // The Actions toolkit's fetch (it honours the runner's proxy), held to a deadline.
      request: { ...request, fetch: fetchWithin((request?.fetch ?? fetch) as Fetch, timeoutSeconds) },
      retry: { retries: API_LIMITS.retries },
      throttle: {
        write: oneAtATime(),
        notifications: oneAtATime(),
        onRateLimit: retryAfterLimit("GitHub's rate limit was reached on", warn),
        onSecondaryRateLimit: retryAfterLimit("GitHub's secondary rate limit on", warn),
      },
    },
    retry,
    throttling,
  );
  // Registered after the plugins' hooks, so it sees a request's last failure, retries spent.
  gh.hook.error('request', (error) => {
    if (!gotNoAnswer(error)) throw error;
    throw new ApiUnreachableError(
      `the GitHub API could not be reached at ${baseUrl} (GITHUB_API_URL): ${error.message}; tried ${API_LIMITS.retries + 1} times, waiting up to ${timeoutSeconds} s each time`,
    );
  });
  return gh;
}

/**
 * `fetch` that gives up when the whole answer, body included, has not arrived within `seconds`.
 * The body is read here because Octokit reads it with errors swallowed: a body that stalls would
 * otherwise come back as an empty answer. The error thrown becomes Octokit's status-500
 * RequestError without a response, which the retry plugin retries like a 5xx.
 */
export function fetchWithin(fetchAnswer: Fetch, seconds: number): Fetch {
  return async (url, init = {}) => {
    const deadline = AbortSignal.timeout(seconds * 1000);
    const signal = init.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    try {
      const answer = await fetchAnswer(url, { ...init, signal });
      const body = NULL_BODY.has(answer.status) ? null : await answer.arrayBuffer();
      const copy = new Response(body, {
        status: answer.status,
        statusText: answer.statusText,
        headers: answer.headers,
      });
      return Object.defineProperty(copy, 'url', { value: answer.url });
    } catch (error) {
      if (deadline.aborted) throw new Error(`no answer within ${seconds} s`);
      throw error;
    }
  };
}

/** Octokit's mark of a request that got no HTTP answer (refused, reset, timed out). */
function gotNoAnswer(error: unknown): error is Error {
  const e = error as { name?: string; status?: number; response?: unknown };
  return e?.name === 'HttpError' && e.status === 500 && e.response === undefined;
}

type Limited = { method: string; url: string };

/** Waits out a rate limit (the plugin waits `after` seconds), a few times per request at most. */
function retryAfterLimit(what: string, warn: (message: string) => void) {
  return (after: number, options: Limited, _octokit: unknown, count: number): boolean => {
    warn(`${what} ${options.method} ${options.url}; retrying after ${after} s`);
    return count < RATE_LIMIT_RETRIES;
  };
}

/**
 * What a failed call means for the person who set the workflow up; `fromFork`: whether a fork's
 * read-only token may be why (not in a scheduled run).
 */
export function describeFailure(error: unknown, what: string, permission: string, fromFork = true): string {
  if (error instanceof ApiUnreachableError) return `${what}: ${error.message}`;
  const status = (error as { status?: number }).status;
  const message = (error as { message?: string }).message ?? String(error);
  if (status === 401) return `${what}: the token was refused (401); pass the job's GITHUB_TOKEN as "token"`;
  if (status === 403) {
    const fork = fromFork ? ' (a pull request from a fork gets a read-only token: see docs/action.md)' : '';
    return `${what}: GitHub refused it (403: ${firstLine(message)}); the workflow needs "permissions: ${permission}"${fork}`;
  }
  if (status === 404) {
    return `${what}: not found (404); the token cannot see this repository or pull request, or GITHUB_API_URL is wrong`;
  }
  if (status === 422) return `${what}: GitHub rejected the request (422: ${firstLine(message)})`;
  return `${what}: ${status ? `HTTP ${status}: ` : ''}${firstLine(message)}`;
}

function firstLine(s: string): string {
  return s.split('\n')[0] as string;
}

export async function listReviews(
  gh: GitHub,
  owner: string,
  repo: string,
  pullNumber: number,
): Promise<Review[]> {
  const reviews = await gh.paginate(gh.rest.pulls.listReviews, {
    owner,
    repo,
    pull_number: pullNumber,
    per_page: 100,
  });
  return reviews.flatMap((r) =>
    r.user && r.commit_id && r.submitted_at
      ? [
          {
            login: fromGitHub(r.user.login),
            state: r.state as ReviewState,
            commitId: r.commit_id,
            submittedAt: r.submitted_at,
          },
        ]
      : [],
  );
}

/**
 * Everyone GitHub links to a commit of the pull request as its author or committer. None of them
 * approves it (a commit pushed by someone else under another's name is what the "require approval
 * of the most recent reviewable push" setting covers: docs/action.md).
 */
export async function listContributors(
  gh: GitHub,
  owner: string,
  repo: string,
  pullNumber: number,
): Promise<string[]> {
  return contributorsOf(await listPullCommits(gh, owner, repo, pullNumber));
}

/** Every commit of a pull request, as GitHub lists them (page by page). */
function listPullCommits(gh: GitHub, owner: string, repo: string, pullNumber: number) {
  return gh.paginate(gh.rest.pulls.listCommits, { owner, repo, pull_number: pullNumber, per_page: 100 });
}

/** The GitHub users who authored or committed these commits, once each, as @login. */
function contributorsOf(
  commits: readonly { author: { login?: string } | null; committer: { login?: string } | null }[],
): string[] {
  const logins = new Map<string, string>();
  for (const c of commits)
    for (const who of [c.author, c.committer])
      if (who?.login) logins.set(identityKey(fromGitHub(who.login)), fromGitHub(who.login));
  return [...logins.values()];
}

/** What the approvals check needs of a pull request it knows only by number (a merge group's). */
export async function pullRequestFacts(
  gh: GitHub,
  owner: string,
  repo: string,
  pullNumber: number,
): Promise<PullRequestFacts> {
  const [pull, reviews, contributors] = await Promise.all([
    gh.rest.pulls.get({ owner, repo, pull_number: pullNumber }),
    listReviews(gh, owner, repo, pullNumber),
    listContributors(gh, owner, repo, pullNumber),
  ]);
  return {
    number: pullNumber,
    author: fromGitHub(pull.data.user.login),
    contributors,
    openedAt: pull.data.created_at,
    reviews,
  };
}

/** What `coe audit --verify` needs of a pull request: where it merged, its reviews and commits. */
export async function pullEvidence(
  gh: GitHub,
  owner: string,
  repo: string,
  pullNumber: number,
): Promise<PullEvidence> {
  const [pull, reviews, commits] = await Promise.all([
    gh.rest.pulls.get({ owner, repo, pull_number: pullNumber }),
    listReviews(gh, owner, repo, pullNumber),
    listPullCommits(gh, owner, repo, pullNumber),
  ]);
  return {
    number: pullNumber,
    author: fromGitHub(pull.data.user.login),
    merged: pull.data.merged,
    baseRef: pull.data.base.ref,
    defaultBranch: pull.data.base.repo.default_branch,
    reviews,
    commits: commits.map((c) => c.sha),
    contributors: contributorsOf(commits),
  };
}
