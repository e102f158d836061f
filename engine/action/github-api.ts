// The REST calls the gate makes, through Octokit with GitHub's own retry (5xx) and throttling
// (primary and secondary rate limits) plugins. Failures become messages that say which
// permission or setting is missing.
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import type { Review, ReviewState } from '../core/gate/verify-approvals.ts';

export type GitHub = ReturnType<typeof getOctokit>;

export interface ClientOptions {
  token: string;
  baseUrl: string;
  /** Warnings (a retry after a rate limit) go here. */
  warn: (message: string) => void;
}

/** Rate-limit waits at most this many times per request before giving up. */
const RATE_LIMIT_RETRIES = 3;

export function makeClient({ token, baseUrl, warn }: ClientOptions): GitHub {
  return getOctokit(
    token,
    {
      baseUrl,
      throttle: {
        onRateLimit: (
          after: number,
          options: { method: string; url: string },
          _o: unknown,
          count: number,
        ) => {
          warn(
            `GitHub's rate limit was reached on ${options.method} ${options.url}; retrying after ${after} s`,
          );
          return count < RATE_LIMIT_RETRIES;
        },
        onSecondaryRateLimit: (
          after: number,
          options: { method: string; url: string },
          _o: unknown,
          count: number,
        ) => {
          warn(
            `GitHub's secondary rate limit on ${options.method} ${options.url}; retrying after ${after} s`,
          );
          return count < RATE_LIMIT_RETRIES;
        },
      },
    },
    retry,
    throttling,
  );
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
