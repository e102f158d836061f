// Pull-request scenarios for the Action: a real repository with main and a branch, GitHub's
// published webhook payloads, the committed bundle as a process, and the loopback GitHub.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach } from 'vitest';
import { type PullRequestAction, pullRequestEvent } from '../github/events.ts';
import type { CommitSeed, FakeGitHub } from '../github/fake-github.ts';
import { runAction, useFakeGitHub } from './action.ts';
import { commitAll, git, gitRepo } from './git.ts';
import { readable } from './markdown.ts';
import { REPO_ROOT } from './repo.ts';

export const OWNER = 'northwind';
export const REPO = 'ai-portfolio';
/** The number the sample's newest records name. */
export const PR = 497;
/** When the pull request was opened: waivers in it are granted on or after this day. */
export const OPENED_AT = '2026-11-20T09:00:00Z';

export const sample = (path: string): string => readFileSync(join(REPO_ROOT, path), 'utf8');

export interface Change {
  root: string;
  baseSha: string;
  headSha: string;
  /** The branch's commits, oldest first. */
  commits: string[];
}

/**
 * main with `base` files and the shipped policies; a branch `proposal` on top, one commit per
 * step (each step edits the working tree).
 */
export function change(base: Record<string, string>, ...steps: ((root: string) => void)[]): Change {
  const root = gitRepo(base);
  const baseSha = git(root, 'rev-parse', 'HEAD').trim();
  git(root, 'checkout', '-q', '-b', 'proposal');
  const commits: string[] = [];
  steps.forEach((step, i) => {
    step(root);
    commitAll(root, `proposal, step ${i + 1}`);
    commits.push(git(root, 'rev-parse', 'HEAD').trim());
  });
  return { root, baseSha, headSha: commits.at(-1) ?? baseSha, commits };
}

export interface PullOptions {
  author?: string;
  /** Who GitHub links to each commit (default: the author wrote and committed them all). */
  commits?: CommitSeed[];
  baseRef?: string;
  action?: PullRequestAction;
  /** Who caused the event (synchronize: who pushed). */
  sender?: string;
  changes?: Record<string, unknown>;
}

/** The loopback GitHub for each test, and the steps every scenario takes. */
export function useScenario() {
  const github = useFakeGitHub();
  let fake: FakeGitHub;
  beforeEach(() => {
    fake = github();
  });
  return {
    fake: () => fake,
    /** Seeds the pull request and returns its event. */
    open(c: Change, o: PullOptions = {}) {
      const author = o.author ?? 'jdelacroix';
      fake.addPull({
        number: PR,
        headSha: c.headSha,
        baseSha: c.baseSha,
        baseRef: o.baseRef ?? 'main',
        author,
        owner: OWNER,
        repo: REPO,
        createdAt: OPENED_AT,
        commits: o.commits ?? c.commits.map((sha) => ({ sha, author, committer: author })),
      });
      return pullRequestEvent(o.action ?? 'opened', {
        owner: OWNER,
        repo: REPO,
        number: PR,
        headSha: c.headSha,
        baseSha: c.baseSha,
        baseRef: o.baseRef ?? 'main',
        author,
        createdAt: OPENED_AT,
        ...(o.sender ? { sender: o.sender } : {}),
        ...(o.changes ? { changes: o.changes } : {}),
      });
    },
    /** An approving review by `login` on `sha`. */
    approve(login: string, sha: string, submittedAt?: string) {
      fake.addReview(PR, {
        login,
        state: 'APPROVED',
        commit_id: sha,
        ...(submittedAt ? { submitted_at: submittedAt } : {}),
      });
    },
    gate(c: Change, payload: unknown, eventName = 'pull_request', inputs: Record<string, string> = {}) {
      return runAction({ root: c.root, eventName, payload, apiUrl: fake.url, inputs });
    },
    /** The sticky comment as a reviewer reads it (escapes undone). */
    comment: () => readable(fake.comments(PR)[0]?.body ?? ''),
  };
}
