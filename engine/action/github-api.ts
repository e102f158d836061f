// The REST calls the gate makes, through Octokit with GitHub's own retry (5xx) and throttling
// (primary and secondary rate limits) plugins. Failures become messages that say which
// permission or setting is missing.
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck';
import type { PullRequestFacts, Review, ReviewState } from '../core/approvals/gate.ts';

export type GitHub = ReturnType<typeof getOctokit>;

export interface ClientOptions {
  token: string;
  baseUrl: string;
  /** Warnings (a retry after a rate limit) go here. */
  warn: (message: string) => void;
}

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

export function makeClient({ token, baseUrl, warn }: ClientOptions): GitHub {
  return getOctokit(
    token,
    {
      baseUrl,
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
}

type Limited = { method: string; url: string };

/** Waits out a rate limit (the plugin waits `after` seconds), a few times per request at most. */
function retryAfterLimit(what: string, warn: (message: string) => void) {
  return (after: number, options: Limited, _octokit: unknown, count: number): boolean => {
    warn(`${what} ${options.method} ${options.url}; retrying after ${after} s`);
    return count < RATE_LIMIT_RETRIES;
  };
}

/** What a failed call means for the person who set the workflow up. */
export function describeFailure(error: unknown, what: string, permission: string): string {
  const status = (error as { status?: number }).status;
  const message = (error as { message?: string }).message ?? String(error);
  if (status === 401) return `${what}: the token was refused (401); pass the job's GITHUB_TOKEN as "token"`;
  if (status === 403) {
    return `${what}: GitHub refused it (403: ${firstLine(message)}); the workflow needs "permissions: ${permission}" (a pull request from a fork gets a read-only token: see docs/action.md)`;
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
            login: r.user.login,
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
  const commits = await gh.paginate(gh.rest.pulls.listCommits, {
    owner,
    repo,
    pull_number: pullNumber,
    per_page: 100,
  });
  const logins = new Map<string, string>();
  for (const c of commits)
    for (const who of [c.author, c.committer]) if (who?.login) logins.set(who.login.toLowerCase(), who.login);
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
    author: pull.data.user.login,
    contributors,
    openedAt: pull.data.created_at,
    reviews,
  };
}
