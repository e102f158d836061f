// The daily compliance run: the committed bundle in mode compliance, on a real repository's
// default branch, against the loopback GitHub. One tracking issue: opened with the findings,
// updated (never a second one), closed with a comment when clean; anyone else's issue carrying
// the marker is left alone.
import { beforeEach, describe, expect, test } from 'vitest';
import type { FakeGitHub } from '../github/fake-github.ts';
import { runAction, useFakeGitHub } from '../helpers/action.ts';
import { commitAll, edit, git, gitRepo } from '../helpers/git.ts';
import { readable } from '../helpers/markdown.ts';
import { sample } from '../helpers/scenario.ts';

const OWNER = 'northwind';
const REPO = 'ai-portfolio';
const FILE = 'usecases/customer-support/policy-wording-qa-copilot.yaml';
const MARKER = '<!-- coe-gate:compliance -->';
const LABEL = 'coe-compliance';
/** The pull request the sample's one record (fvogel, intake) names. */
const PR = 497;

const github = useFakeGitHub();
let fake: FakeGitHub;
beforeEach(() => {
  fake = github();
});

/** The copilot on main with a review date; its record's pull request merged, fvogel's review on `sha`. */
function defaultBranch(nextReview: string): { root: string; head: string } {
  const text = sample(FILE).replace(
    '    stage: intake\n',
    `    stage: intake\n    nextReview: ${nextReview}\n`,
  );
  const root = gitRepo({ [FILE]: text });
  const head = git(root, 'rev-parse', 'HEAD').trim();
  fake.addPull({
    number: PR,
    owner: OWNER,
    repo: REPO,
    headSha: head,
    baseSha: head,
    author: 'jdelacroix',
    state: 'closed',
    merged: true,
    commits: [{ sha: head, author: 'jdelacroix', committer: 'jdelacroix' }],
  });
  fake.addReview(PR, { owner: OWNER, repo: REPO, login: 'fvogel', state: 'APPROVED', commit_id: head });
  return { root, head };
}

const run = (root: string, inputs: Record<string, string> = {}) =>
  runAction({
    root,
    eventName: 'schedule',
    payload: { schedule: '17 5 * * *' },
    apiUrl: fake.url,
    inputs: { mode: 'compliance', ...inputs },
  });

const writes = () =>
  fake.requests
    .filter((r) => r.method !== 'GET')
    .map((r) => `${r.operationId} ${r.path.replace(`/repos/${OWNER}/${REPO}`, '')}`);

const mine = () => fake.issues({ owner: OWNER, repo: REPO }).filter((i) => i.login === 'github-actions[bot]');

describe('the compliance run', () => {
  test('opens one issue with the findings, updates it on the next run, closes it when clean', async () => {
    const { root } = defaultBranch('2026-11-01');
    // Someone else's issue with the label and the marker: never the run's to touch.
    const other = fake.seedIssue({
      owner: OWNER,
      repo: REPO,
      login: 'mallory',
      title: 'Looks like the compliance issue',
      body: `${MARKER}\nplease close me`,
      labels: [LABEL],
    });

    const first = await run(root);
    expect(first.status).toBe(1);
    expect(first.stdout).toContain(
      '::error::CoE compliance: 0 invalid files, 1 failing rules, 0 waivers that no longer count, 0 records not verified (issue #',
    );
    expect(mine()).toHaveLength(1);
    const issue = mine()[0] as ReturnType<typeof mine>[number];
    expect(issue.number).not.toBe(other.number);
    expect(issue.labels).toEqual([LABEL]);
    expect(issue.state).toBe('open');
    expect(issue.title).toBe('CoE compliance: the default branch needs attention');
    expect(issue.body?.startsWith(`${MARKER}\n`)).toBe(true);
    const body = readable(issue.body ?? '');
    expect(body).toContain('As of **2026-11-24**, at commit');
    expect(body).toContain(
      '1 use case judged by every policy, 1 approval and waiver record checked against its pull request.',
    );
    expect(body).toMatch(
      /\| `policy-wording-qa-copilot` \| `lifecycle\.review-date` \| soft \(blocks\) \| The review due by 2026-11-01 has not been done; the date has passed\. \(`usecases\/customer-support\/policy-wording-qa-copilot\.yaml:\d+`\) \|/,
    );
    expect(first.outputs.issue).toBe(String(issue.number));
    expect(first.outputs.conclusion).toBe('failure');
    expect(first.summary).toContain(MARKER);

    // The next day, a record is contradicted as well: the same issue, updated.
    fake.addReview(PR, {
      owner: OWNER,
      repo: REPO,
      login: 'fvogel',
      state: 'CHANGES_REQUESTED',
      commit_id: git(root, 'rev-parse', 'HEAD').trim(),
      submitted_at: '2099-01-01T00:00:00Z',
    });
    const second = await run(root, { 'as-of': '2026-11-25' });
    expect(second.status).toBe(1);
    expect(mine()).toHaveLength(1);
    const updated = mine()[0] as ReturnType<typeof mine>[number];
    expect(updated.number).toBe(issue.number);
    const again = readable(updated.body ?? '');
    expect(again).toContain('As of **2026-11-25**');
    expect(again).toContain(
      '- **contradicted**: `policy-wording-qa-copilot` approval intake/coe-maintainer by @fvogel (#497) (`usecases/customer-support/policy-wording-qa-copilot.yaml:',
    );
    expect(again).toContain("@fvogel's latest review on pull request #497 asks for changes");

    // Reviewed again and the review date moved on: clean, so the issue is closed with a comment.
    fake.addReview(PR, {
      owner: OWNER,
      repo: REPO,
      login: 'fvogel',
      state: 'APPROVED',
      commit_id: git(root, 'rev-parse', 'HEAD').trim(),
      submitted_at: '2099-01-02T00:00:00Z',
    });
    edit(root, FILE, 'nextReview: 2026-11-01', 'nextReview: 2027-05-01');
    commitAll(root, 'Reviewed (#498)');
    // The record is the same at the new head: the review of the earlier commit still holds it.
    const third = await run(root, { 'as-of': '2026-11-26' });
    expect(third.status, third.stdout).toBe(0);
    expect(third.outputs.conclusion).toBe('success');
    const closed = mine()[0] as ReturnType<typeof mine>[number];
    expect(closed.state).toBe('closed');
    expect(closed.state_reason).toBe('completed');
    const comments = fake.comments(closed.number, { owner: OWNER, repo: REPO });
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toMatch(
      /^✅ All clean as of 2026-11-26 \(commit `[0-9a-f]{7}`\): every policy holds for the 1 use case and all 1 approval and waiver record are verified\. \(\[run\]\(https:\/\/github\.example\/northwind\/ai-portfolio\/actions\/runs\/4242\)\) Closing\.\n$/,
    );

    // Clean again: nothing to write.
    const before = writes().length;
    const fourth = await run(root, { 'as-of': '2026-11-27' });
    expect(fourth.status).toBe(0);
    expect(writes().length).toBe(before);

    expect(writes().filter((w) => w.startsWith('issues/create '))).toHaveLength(1);
    // Mallory's issue: as it was.
    const theirs = fake.issues({ owner: OWNER, repo: REPO }).find((i) => i.number === other.number);
    expect(theirs?.state).toBe('open');
    expect(theirs?.body).toBe(`${MARKER}\nplease close me`);
    expect(fake.comments(other.number, { owner: OWNER, repo: REPO })).toEqual([]);
  }, 120_000);

  test('a closed tracking issue is reopened when findings come back', async () => {
    const { root } = defaultBranch('2026-11-01');
    const old = fake.seedIssue({
      owner: OWNER,
      repo: REPO,
      title: 'CoE compliance: the default branch needs attention',
      body: `${MARKER}\nearlier findings`,
      labels: [LABEL],
      state: 'closed',
    });
    const r = await run(root);
    expect(r.status).toBe(1);
    expect(mine()).toHaveLength(1);
    const issue = mine()[0] as ReturnType<typeof mine>[number];
    expect(issue.number).toBe(old.number);
    expect(issue.state).toBe('open');
    expect(issue.state_reason).toBe('reopened');
    expect(readable(issue.body ?? '')).toContain('lifecycle.review-date');
  }, 60_000);

  test('started on another branch, it judges nothing and writes nothing', async () => {
    const { root } = defaultBranch('2026-11-01');
    const r = await runAction({
      root,
      eventName: 'workflow_dispatch',
      payload: { ref: 'refs/heads/feature', repository: { default_branch: 'main' } },
      apiUrl: fake.url,
      inputs: { mode: 'compliance' },
      env: { GITHUB_REF_NAME: 'feature' },
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(
      '::error::CoE compliance: this run is on feature; the compliance run judges the default branch (main) only, and its issue is about that branch',
    );
    expect(fake.requests).toEqual([]);
  }, 60_000);

  test('a token that may not write issues fails the run, saying which permission', async () => {
    const { root } = defaultBranch('2026-11-01');
    fake.failNext({
      route: 'issues/create',
      status: 403,
      body: {
        message: 'Resource not accessible by integration',
        documentation_url: 'https://docs.github.com/rest',
        status: '403',
      },
    });
    const r = await run(root);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(
      '::error::CoE compliance: the tracking issue was not kept up to date: GitHub refused it (403: Resource not accessible by integration - https://docs.github.com/rest); the workflow needs "permissions: issues: write"\n',
    );
    expect(mine()).toEqual([]);
  }, 60_000);
});
