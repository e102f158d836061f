// The fake GitHub itself: that its operations are GitHub's (extracted from @octokit/openapi), that
// it validates what it receives and sends, and that a real Octokit client sees GitHub's behaviour
// (limits, pagination, failures). And that the webhook payloads conform to GitHub's schemas.
import { readFileSync } from 'node:fs';
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mergeGroupEvent, pullRequestEvent, pullRequestReviewEvent, workflowRunEvent } from './events.ts';
import type { OperationsFile, Schema } from './extract-openapi.ts';
import { cleanSchema, extractOperations, OPERATIONS_PATH, readSpec } from './extract-openapi.ts';
import type { FakeGitHub } from './fake-github.ts';
import {
  faults,
  GITHUB_API_LIMITS,
  operations,
  schemaErrors,
  startFakeGitHub,
  toJsonSchema,
} from './fake-github.ts';

const OWNER = 'octo-org';
const REPO = 'octo-repo';
const HEAD = '1111111111111111111111111111111111111111';
const BASE = '2222222222222222222222222222222222222222';
const repo = { owner: OWNER, repo: REPO };

let spec: {
  'x-webhooks': Record<
    string,
    { post: { requestBody: { content: { 'application/json': { schema: Schema } } } } }
  >;
};
beforeAll(() => {
  spec = readSpec() as typeof spec; // ~73 MB: parsed once for the file
});

const started: FakeGitHub[] = [];
afterEach(async () => {
  while (started.length) await (started.pop() as FakeGitHub).close();
});

async function fake(options: Parameters<typeof startFakeGitHub>[0] = {}): Promise<FakeGitHub> {
  const f = await startFakeGitHub(options);
  started.push(f);
  return f;
}

/** The values at dotted paths (`pull_request.head.sha`, `pull_requests.0.number`) of a payload. */
function fields(payload: unknown, paths: string[]): unknown[] {
  return paths.map((path) =>
    path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], payload),
  );
}

function annotations(n: number, from = 0) {
  return Array.from({ length: n }, (_, i) => ({
    path: 'usecases/a.yaml',
    start_line: from + i + 1,
    end_line: from + i + 1,
    annotation_level: 'warning' as const,
    message: `finding ${from + i}`,
  }));
}

async function rejection(
  p: Promise<unknown>,
): Promise<{ status: number; message: string; response?: { data: unknown } }> {
  try {
    await p;
  } catch (e) {
    return e as { status: number; message: string };
  }
  throw new Error('expected the request to fail');
}

describe('the extracted operations', () => {
  it('are exactly what extractOperations makes of the package’s spec, in the same key order', () => {
    const committed = JSON.parse(readFileSync(OPERATIONS_PATH, 'utf8')) as OperationsFile;
    const fresh = extractOperations(spec);
    expect(JSON.stringify(committed)).toBe(JSON.stringify(fresh));
    expect(Object.values(committed.operations).map((o) => `${o.operationId} ${o.method} ${o.path}`)).toEqual([
      'pulls/get GET /repos/{owner}/{repo}/pulls/{pull_number}',
      'pulls/list-reviews GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews',
      'pulls/list-commits GET /repos/{owner}/{repo}/pulls/{pull_number}/commits',
      'checks/list-for-ref GET /repos/{owner}/{repo}/commits/{ref}/check-runs',
      'checks/create POST /repos/{owner}/{repo}/check-runs',
      'checks/update PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}',
      'issues/list-comments GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
      'issues/create-comment POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
      'issues/update-comment PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
      'issues/list-for-repo GET /repos/{owner}/{repo}/issues',
      'issues/create POST /repos/{owner}/{repo}/issues',
      'issues/update PATCH /repos/{owner}/{repo}/issues/{issue_number}',
      'teams/list-members-in-org GET /orgs/{org}/teams/{team_slug}/members',
    ]);
  });

  it('state the limits the fake enforces, where the spec states them', () => {
    for (const id of ['checks/create', 'checks/update'] as const) {
      const output = 'requestBody.schema.properties.output.properties';
      expect(
        fields(operations().operations[id], [
          `${output}.annotations.maxItems`,
          `${output}.summary.maxLength`,
          `${output}.text.maxLength`,
        ]),
      ).toEqual([
        GITHUB_API_LIMITS.annotationsPerRequest,
        GITHUB_API_LIMITS.checkRunOutputText,
        GITHUB_API_LIMITS.checkRunOutputText,
      ]);
    }
  });

  it('drop annotations only where they are keywords, never properties of the same name', () => {
    const cleaned = cleanSchema({
      type: 'object',
      description: 'an action',
      example: { label: 'x' },
      'x-github-breaking-changes': [],
      properties: { description: { type: 'string', description: 'what it does' }, title: { type: 'string' } },
      required: ['description'],
    });
    expect(cleaned).toEqual({
      properties: { description: { type: 'string' }, title: { type: 'string' } },
      required: ['description'],
      type: 'object',
    });
    // The real case: a check run action requires a `description` property.
    const [required] = fields(operations().operations['checks/create'], [
      'requestBody.schema.properties.actions.items.required',
    ]);
    expect(required).toContain('description');
  });
});

describe('OpenAPI 3.0 nullable', () => {
  const checkRun = () => operations().operations['checks/create'].responses['201']?.schema as Schema;
  const conclusion = () => (checkRun().properties as Record<string, Schema>).conclusion as Schema;

  it('allows null in a nullable enum that does not list it (a running check has conclusion null)', () => {
    expect(conclusion().nullable).toBe(true);
    expect(conclusion().enum).not.toContain(null);
    expect(schemaErrors(conclusion(), null)).toEqual([]);
    expect(schemaErrors(conclusion(), 'success')).toEqual([]);
    expect(schemaErrors(conclusion(), 'maybe')).toEqual([
      '/ must be equal to one of the allowed values ("success", "failure", "neutral", "cancelled", "skipped", "timed_out", "action_required", null)',
    ]);
  });

  it('allows null for a nullable object and rejects it for one that is not', () => {
    const props = checkRun().properties as Record<string, Schema>;
    expect(schemaErrors(props.check_suite as Schema, null)).toEqual([]);
    expect(schemaErrors(props.output as Schema, null)).not.toEqual([]);
  });

  it('turns a nullable schema without a type into anyOf with null', () => {
    const s = toJsonSchema({ nullable: true, properties: { a: { type: 'integer' } } });
    expect(s).toEqual({ anyOf: [{ properties: { a: { type: 'integer' } } }, { type: 'null' }] });
    expect(schemaErrors({ nullable: true, properties: { a: { type: 'integer' } } }, null)).toEqual([]);
    expect(schemaErrors({ nullable: true, properties: { a: { type: 'integer' } } }, { a: 'x' })).toEqual([
      '/a must be integer',
      '/ must be null',
      '/ must match a schema in anyOf',
    ]);
  });
});

describe('requests the spec refuses', () => {
  it('answers a check run with conclusion "maybe" 422, as GitHub does, and records the violation', async () => {
    const gh = await fake();
    const res = await fetch(`${gh.url}/repos/${OWNER}/${REPO}/check-runs`, {
      method: 'POST',
      headers: { authorization: 'token t', 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'coe', head_sha: HEAD, conclusion: 'maybe' }),
    });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { message: string; documentation_url: string; status: string };
    expect(body.message).toMatch(/^Invalid request\.\n\nFor 'conclusion', "maybe" is not one of \[/);
    expect(body.status).toBe('422');
    expect(body.documentation_url).toMatch(/create-a-check-run$/);
    expect(gh.violations).toHaveLength(1);
    expect(gh.violations[0]).toMatch(
      /^checks\/create request: \/conclusion must be equal to one of the allowed values/,
    );
    expect(gh.checkRuns()).toEqual([]);
    expect(gh.requests.map((r) => [r.operationId, r.status])).toEqual([['checks/create', 422]]);
  });

  it('refuses a request without a token with 401, and a wrong one when the token is known', async () => {
    const gh = await fake({ token: 'right' });
    gh.addPull({ number: 1, headSha: HEAD, baseSha: BASE });
    const path = `${gh.url}/repos/${OWNER}/${REPO}/pulls/1`;
    const none = await fetch(path);
    expect(none.status).toBe(401);
    expect(((await none.json()) as { message: string }).message).toBe('Requires authentication');
    expect((await fetch(path, { headers: { authorization: 'token wrong' } })).status).toBe(401);
    expect((await fetch(path, { headers: { authorization: 'Bearer right' } })).status).toBe(200);
    expect(gh.violations).toEqual([]);
  });

  it('answers a route it does not serve 404 and records it', async () => {
    const gh = await fake();
    const res = await fetch(`${gh.url}/repos/${OWNER}/${REPO}/pulls/1/files`, {
      headers: { authorization: 'token t' },
    });
    expect(res.status).toBe(404);
    expect(gh.violations).toEqual([
      `unknown route: GET /repos/${OWNER}/${REPO}/pulls/1/files (not one of the operations the fake serves)`,
    ]);
  });

  it('accepts, and records, a property the spec does not list (GitHub would silently ignore it)', async () => {
    const gh = await fake();
    const octokit = getOctokit('t', { baseUrl: gh.url });
    await octokit.request('POST /repos/{owner}/{repo}/check-runs', {
      ...repo,
      name: 'coe',
      head_sha: HEAD,
      // A typo TypeScript would catch; spread so that it gets through, as from untyped code.
      output: { title: 't', summary: 's', ...{ summery: 'typo' } },
    });
    expect(gh.violations).toEqual([
      'checks/create request: /output must NOT have additional properties: "summery" (not in the spec; GitHub ignores it)',
    ]);
  });

  it('validates the responses it sends too: an injected body that breaks the 403 schema is a violation', async () => {
    const gh = await fake();
    gh.addPull({ number: 1, headSha: HEAD, baseSha: BASE });
    gh.failNext({ route: 'issues/create-comment', status: 403, body: { message: 42 } });
    const octokit = getOctokit('t', { baseUrl: gh.url });
    const e = await rejection(octokit.rest.issues.createComment({ ...repo, issue_number: 1, body: 'x' }));
    expect(e.status).toBe(403);
    expect(gh.violations).toEqual(['issues/create-comment response 403: /message must be string']);
  });
});

describe('check runs through Octokit', () => {
  it('keeps the 100 annotations of a create (50) and an update (50), in order', async () => {
    const gh = await fake();
    gh.addPull({ number: 7, headSha: HEAD, baseSha: BASE });
    const octokit = getOctokit('t', { baseUrl: gh.url });
    const created = await octokit.rest.checks.create({
      ...repo,
      name: 'CoE Gate',
      head_sha: HEAD,
      status: 'in_progress',
      output: { title: 'Judging', summary: 'first batch', annotations: annotations(50) },
    });
    expect(created.status).toBe(201);
    expect(created.data.conclusion).toBeNull();
    expect(created.data.output.annotations_count).toBe(50);
    expect(created.data.pull_requests.map((p) => p.number)).toEqual([7]);
    const updated = await octokit.rest.checks.update({
      ...repo,
      check_run_id: created.data.id,
      conclusion: 'failure',
      output: { title: '2 findings', summary: 'second batch', annotations: annotations(50, 50) },
    });
    expect(updated.data.status).toBe('completed');
    expect(updated.data.completed_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(updated.data.output.annotations_count).toBe(100);
    expect(gh.annotations(created.data.id).map((a) => a.message)).toEqual(
      Array.from({ length: 100 }, (_, i) => `finding ${i}`),
    );
    const [run] = gh.checkRuns();
    expect(run?.output).toEqual({ title: '2 findings', summary: 'second batch', text: null });
    expect(run?.requests).toBe(2);
    expect(gh.violations).toEqual([]);
  });

  it('refuses 51 annotations in one request with GitHub’s 422', async () => {
    const gh = await fake();
    const octokit = getOctokit('t', { baseUrl: gh.url });
    const e = await rejection(
      octokit.rest.checks.create({
        ...repo,
        name: 'CoE Gate',
        head_sha: HEAD,
        output: { title: 't', summary: 's', annotations: annotations(51) },
      }),
    );
    expect(e.status).toBe(422);
    expect(e.message).toContain('No more than 50 items are allowed; 51 were supplied.');
    expect(gh.checkRuns()).toEqual([]);
    expect(gh.violations).toEqual([
      'checks/create request: GitHub limit: No more than 50 items are allowed; 51 were supplied.',
    ]);
  });

  it('refuses a summary over 65535 characters, or over 65535 UTF-8 bytes', async () => {
    const gh = await fake();
    const octokit = getOctokit('t', { baseUrl: gh.url });
    const create = (summary: string) =>
      octokit.rest.checks.create({ ...repo, name: 'c', head_sha: HEAD, output: { title: 't', summary } });
    expect((await create('x'.repeat(65_535))).status).toBe(201);
    expect(gh.violations).toEqual([]);
    const chars = await rejection(create('x'.repeat(65_536)));
    expect(chars.status).toBe(422);
    expect(chars.message).toContain('Only 65535 characters are allowed; 65536 were supplied.');
    const bytes = await rejection(create('é'.repeat(40_000)));
    expect(bytes.status).toBe(422);
    expect(bytes.message).toContain('summary exceeds a maximum bytesize of 65535');
    expect(gh.violations).toHaveLength(2);
  });

  it('lists the latest run of each name for a commit, or all of them', async () => {
    const gh = await fake();
    const octokit = getOctokit('t', { baseUrl: gh.url });
    for (const name of ['CoE Gate', 'CoE Gate', 'other']) {
      await octokit.rest.checks.create({ ...repo, name, head_sha: HEAD });
    }
    const latest = await octokit.paginate(octokit.rest.checks.listForRef, { ...repo, ref: HEAD });
    expect(latest.map((r) => r.name).sort()).toEqual(['CoE Gate', 'other']);
    const all = await octokit.paginate(octokit.rest.checks.listForRef, { ...repo, ref: HEAD, filter: 'all' });
    expect(all).toHaveLength(3);
    const named = await octokit.rest.checks.listForRef({ ...repo, ref: HEAD, check_name: 'other' });
    expect(named.data.total_count).toBe(1);
    expect(gh.violations).toEqual([]);
  });
});

describe('comments through Octokit', () => {
  it('pages 75 comments as GitHub does: 3 requests of 30, or 1 of 100', async () => {
    const gh = await fake();
    gh.addPull({ number: 3, headSha: HEAD, baseSha: BASE });
    for (let i = 0; i < 75; i++) gh.addComment(3, { login: i % 2 ? 'alice' : 'bob', body: `comment ${i}` });
    const octokit = getOctokit('t', { baseUrl: gh.url });
    const all = await octokit.paginate(octokit.rest.issues.listComments, { ...repo, issue_number: 3 });
    expect(all.map((c) => c.body)).toEqual(Array.from({ length: 75 }, (_, i) => `comment ${i}`));
    expect(gh.requests.map((r) => r.query.page ?? '1')).toEqual(['1', '2', '3']);
    const first = await octokit.rest.issues.listComments({ ...repo, issue_number: 3 });
    expect(first.data).toHaveLength(30);
    expect(first.headers.link).toBe(
      `<${gh.url}/repos/${OWNER}/${REPO}/issues/3/comments?per_page=30&page=2>; rel="next", ` +
        `<${gh.url}/repos/${OWNER}/${REPO}/issues/3/comments?per_page=30&page=3>; rel="last"`,
    );
    gh.requests.length = 0;
    const big = await octokit.paginate(octokit.rest.issues.listComments, {
      ...repo,
      issue_number: 3,
      per_page: 100,
    });
    expect(big).toHaveLength(75);
    expect(gh.requests).toHaveLength(1);
    expect(gh.violations).toEqual([]);
  });

  it('caps per_page at 100, as GitHub does', async () => {
    const gh = await fake();
    gh.addIssue(4);
    for (let i = 0; i < 120; i++) gh.addComment(4, { login: 'alice', body: `c${i}` });
    const octokit = getOctokit('t', { baseUrl: gh.url });
    const first = await octokit.rest.issues.listComments({ ...repo, issue_number: 4, per_page: 150 });
    expect(first.data).toHaveLength(100);
    expect(first.headers.link).toContain('per_page=100&page=2>; rel="next"');
    expect(gh.violations).toEqual([]);
  });

  it('creates and updates the bot’s comment next to someone else’s', async () => {
    const gh = await fake();
    gh.addPull({ number: 5, headSha: HEAD, baseSha: BASE });
    gh.addComment(5, { login: 'alice', body: '<!-- coe-gate --> not the bot' });
    const octokit = getOctokit('t', { baseUrl: gh.url });
    const created = await octokit.rest.issues.createComment({ ...repo, issue_number: 5, body: 'v1' });
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(created.data.url);
    expect(created.data.user?.login).toBe('github-actions[bot]');
    expect(created.data.html_url).toBe(`${gh.url}/${OWNER}/${REPO}/pull/5#issuecomment-${created.data.id}`);
    await octokit.rest.issues.updateComment({ ...repo, comment_id: created.data.id, body: 'v2' });
    expect(gh.comments(5).map((c) => [c.login, c.body])).toEqual([
      ['alice', '<!-- coe-gate --> not the bot'],
      ['github-actions[bot]', 'v2'],
    ]);
    const missing = await rejection(
      octokit.rest.issues.createComment({ ...repo, issue_number: 99, body: 'x' }),
    );
    expect(missing.status).toBe(404);
    expect(gh.violations).toEqual([]);
  });

  it('names the token’s app on check runs and its bot on comments: GitHub Actions, or a GitHub App', async () => {
    const posted = async (gh: FakeGitHub) => {
      gh.addPull({ number: 5, headSha: HEAD, baseSha: BASE });
      const octokit = getOctokit('t', { baseUrl: gh.url });
      const run = await octokit.rest.checks.create({ ...repo, name: 'c', head_sha: HEAD });
      const comment = await octokit.rest.issues.createComment({ ...repo, issue_number: 5, body: 'b' });
      const listed = await octokit.rest.checks.listForRef({ ...repo, ref: HEAD, app_id: run.data.app?.id });
      expect(listed.data.total_count).toBe(1);
      expect(gh.violations).toEqual([]);
      return { app: run.data.app?.slug, author: [comment.data.user?.login, comment.data.user?.type] };
    };
    expect(await posted(await fake())).toEqual({
      app: 'github-actions',
      author: ['github-actions[bot]', 'Bot'],
    });
    expect(await posted(await fake({ actor: { login: 'coe-gate[bot]' } }))).toEqual({
      app: 'coe-gate',
      author: ['coe-gate[bot]', 'Bot'],
    });
  });

  it('refuses a body over 65536 characters with GitHub’s Validation Failed', async () => {
    const gh = await fake();
    gh.addPull({ number: 5, headSha: HEAD, baseSha: BASE });
    const octokit = getOctokit('t', { baseUrl: gh.url });
    expect(
      (await octokit.rest.issues.createComment({ ...repo, issue_number: 5, body: 'x'.repeat(65_536) }))
        .status,
    ).toBe(201);
    const e = await rejection(
      octokit.rest.issues.createComment({ ...repo, issue_number: 5, body: 'x'.repeat(65_537) }),
    );
    expect(e.status).toBe(422);
    expect(e.response?.data).toMatchObject({
      message: 'Validation Failed',
      errors: [
        {
          resource: 'IssueComment',
          code: 'custom',
          field: 'body',
          message: 'body is too long (maximum is 65536 characters)',
        },
      ],
      status: '422',
    });
    expect(gh.comments(5)).toHaveLength(1);
    // The 422 body itself conforms to the spec's validation-error schema: no response violation.
    expect(gh.violations).toEqual([
      'issues/create-comment request: GitHub limit: body is too long (maximum is 65536 characters)',
    ]);
  });
});

describe('pull requests and reviews through Octokit', () => {
  it('answers the pull request and its reviews as GitHub does, a fork’s head in the fork', async () => {
    const gh = await fake();
    gh.addPull({
      number: 9,
      headSha: HEAD,
      baseSha: BASE,
      author: 'outsider',
      fork: true,
      headRef: 'patch-1',
    });
    gh.addReview(9, {
      login: 'alice',
      state: 'APPROVED',
      commit_id: HEAD,
      submitted_at: '2025-01-02T03:04:05Z',
    });
    gh.addReview(9, { login: 'bob', state: 'CHANGES_REQUESTED', commit_id: BASE });
    const octokit = getOctokit('t', { baseUrl: gh.url });
    const { data: pr } = await octokit.rest.pulls.get({ ...repo, pull_number: 9 });
    expect([pr.head.sha, pr.base.sha, pr.head.ref, pr.base.ref, pr.user.login]).toEqual([
      HEAD,
      BASE,
      'patch-1',
      'main',
      'outsider',
    ]);
    expect([pr.head.repo?.full_name, pr.head.repo?.fork, pr.base.repo.full_name]).toEqual([
      `outsider/${REPO}`,
      true,
      `${OWNER}/${REPO}`,
    ]);
    const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, { ...repo, pull_number: 9 });
    expect(reviews.map((r) => [r.user?.login, r.state, r.commit_id, r.submitted_at?.slice(0, 4)])).toEqual([
      ['alice', 'APPROVED', HEAD, '2025'],
      ['bob', 'CHANGES_REQUESTED', BASE, expect.stringMatching(/^\d{4}$/)],
    ]);
    expect((await rejection(octokit.rest.pulls.get({ ...repo, pull_number: 10 }))).status).toBe(404);
    expect(gh.violations).toEqual([]);
  });

  it("lists a pull request's commits with the accounts GitHub links them to, page by page", async () => {
    const gh = await fake();
    const sha = (n: number) => n.toString(16).padStart(40, '0');
    gh.addPull({
      number: 3,
      headSha: sha(150),
      baseSha: BASE,
      author: 'alice',
      commits: Array.from({ length: 150 }, (_, i) => ({
        sha: sha(i + 1),
        author: i === 149 ? 'carol' : 'alice',
        committer: i === 0 ? null : 'web-flow',
      })),
    });
    gh.addPull({ number: 4, headSha: HEAD, baseSha: BASE, author: 'dave' });
    const octokit = getOctokit('t', { baseUrl: gh.url });
    const commits = await octokit.paginate(octokit.rest.pulls.listCommits, {
      ...repo,
      pull_number: 3,
      per_page: 100,
    });
    expect(commits).toHaveLength(150);
    expect([commits[0]?.author?.login, commits[0]?.committer, commits[149]?.author?.login]).toEqual([
      'alice',
      null,
      'carol',
    ]);
    expect((await octokit.rest.pulls.get({ ...repo, pull_number: 3 })).data.commits).toBe(150);
    // By default one commit, the head, by the author.
    const one = await octokit.rest.pulls.listCommits({ ...repo, pull_number: 4 });
    expect(one.data.map((c) => [c.sha, c.author?.login, c.committer?.login])).toEqual([
      [HEAD, 'dave', 'dave'],
    ]);
    expect(gh.violations).toEqual([]);
  });
});

describe('repositories', () => {
  it('serves seeds that name no repository for any repository, and named ones only for theirs', async () => {
    const gh = await fake();
    gh.addPull({ number: 1, headSha: HEAD, baseSha: BASE });
    gh.addPull({ owner: 'acme', repo: 'one', number: 2, headSha: HEAD, baseSha: BASE });
    gh.addReview(2, { owner: 'acme', repo: 'one', login: 'alice', state: 'APPROVED', commit_id: HEAD });
    const octokit = getOctokit('t', { baseUrl: gh.url });
    const anywhere = await octokit.rest.pulls.get({ owner: 'someone', repo: 'else', pull_number: 1 });
    expect(anywhere.data.base.repo.full_name).toBe('someone/else');
    expect((await octokit.rest.pulls.get({ owner: 'acme', repo: 'one', pull_number: 2 })).status).toBe(200);
    expect(
      (await rejection(octokit.rest.pulls.get({ owner: 'acme', repo: 'two', pull_number: 2 }))).status,
    ).toBe(404);
    const reviews = await octokit.rest.pulls.listReviews({ owner: 'acme', repo: 'one', pull_number: 2 });
    expect(reviews.data.map((r) => r.user?.login)).toEqual(['alice']);
    // The comment the client makes belongs to the repository it named.
    await octokit.rest.issues.createComment({ owner: 'acme', repo: 'one', issue_number: 2, body: 'x' });
    expect(gh.comments(2, { owner: 'acme', repo: 'one' })).toHaveLength(1);
    expect(gh.comments(2, { owner: 'acme', repo: 'two' })).toHaveLength(0);
    expect(gh.violations).toEqual([]);
  });

  it('puts seeds in the options’ repository when it names one', async () => {
    const gh = await fake({ owner: 'acme', repo: 'one' });
    gh.addPull({ number: 1, headSha: HEAD, baseSha: BASE });
    const octokit = getOctokit('t', { baseUrl: gh.url });
    expect((await octokit.rest.pulls.get({ owner: 'acme', repo: 'one', pull_number: 1 })).status).toBe(200);
    expect((await rejection(octokit.rest.pulls.get({ ...repo, pull_number: 1 }))).status).toBe(404);
  });
});

describe('failures on request', () => {
  it('fails the next create with 500 and then succeeds; the log shows both', async () => {
    const gh = await fake();
    gh.failNext(faults.serverError('checks/create'));
    const octokit = getOctokit('t', { baseUrl: gh.url });
    const e = await rejection(octokit.rest.checks.create({ ...repo, name: 'c', head_sha: HEAD }));
    expect(e.status).toBe(500);
    const ok = await octokit.rest.checks.create({ ...repo, name: 'c', head_sha: HEAD });
    expect(ok.status).toBe(201);
    expect(gh.requests.map((r) => [r.method, r.operationId, r.status])).toEqual([
      ['POST', 'checks/create', 500],
      ['POST', 'checks/create', 201],
    ]);
    expect(gh.checkRuns()).toHaveLength(1);
    expect(gh.violations).toEqual([]);
  });

  it('holds a request without an answer until the client gives up; the next one is answered', async () => {
    const gh = await fake();
    gh.addPull({ number: 1, headSha: HEAD, baseSha: BASE });
    gh.failNext(faults.noAnswer('pulls/get'));
    const pull = `${gh.url}/repos/${OWNER}/${REPO}/pulls/1`;
    const headers = { authorization: 'token t' };
    const stalled = await fetch(pull, { headers, signal: AbortSignal.timeout(200) }).catch((e: Error) => e);
    expect((stalled as Error).name).toBe('TimeoutError');
    expect((await fetch(pull, { headers })).status).toBe(200);
    expect(gh.requests.map((r) => [r.operationId, r.status])).toEqual([
      ['pulls/get', 0],
      ['pulls/get', 200],
    ]);
    expect(gh.violations).toEqual([]);
  });

  it('lets Octokit’s retry plugin recover from a 500 in one call', async () => {
    const gh = await fake();
    gh.failNext(faults.serverError('issues/list-comments'));
    gh.addPull({ number: 1, headSha: HEAD, baseSha: BASE });
    const octokit = getOctokit('t', { baseUrl: gh.url, retry: { retryAfterBaseValue: 1 } }, retry);
    const res = await octokit.rest.issues.listComments({ ...repo, issue_number: 1 });
    expect(res.status).toBe(200);
    expect(gh.requests.map((r) => r.status)).toEqual([500, 200]);
  });

  it('answers 403 "Resource not accessible by integration", as to a fork’s read-only token', async () => {
    const gh = await fake();
    gh.addPull({ number: 1, headSha: HEAD, baseSha: BASE });
    gh.failNext(faults.notAccessible('issues/create-comment'));
    const octokit = getOctokit('t', { baseUrl: gh.url });
    const e = await rejection(octokit.rest.issues.createComment({ ...repo, issue_number: 1, body: 'x' }));
    expect(e.status).toBe(403);
    expect(e.message).toMatch(/^Resource not accessible by integration/);
    expect(gh.violations).toEqual([]);
    // The same by permission, for every write.
    const readOnly = await fake({ permissions: { checks: 'read', issues: 'read' } });
    const ro = getOctokit('t', { baseUrl: readOnly.url });
    expect((await rejection(ro.rest.checks.create({ ...repo, name: 'c', head_sha: HEAD }))).status).toBe(403);
  });

  it('sends a secondary rate limit that Octokit’s throttling plugin waits out', async () => {
    const gh = await fake();
    gh.failNext(faults.secondaryRateLimit('checks/create'));
    const waits: number[] = [];
    const octokit = getOctokit(
      't',
      {
        baseUrl: gh.url,
        throttle: {
          onRateLimit: () => false,
          onSecondaryRateLimit: (after: number) => {
            waits.push(after);
            return true;
          },
        },
      },
      throttling,
    );
    const res = await octokit.rest.checks.create({ ...repo, name: 'c', head_sha: HEAD });
    expect(res.status).toBe(201);
    expect(waits).toEqual([1]);
    expect(gh.requests.map((r) => r.status)).toEqual([403, 201]);
  });
});

describe('webhook payloads', () => {
  const webhookSchema = (name: string) =>
    spec['x-webhooks'][name]?.post.requestBody.content['application/json'].schema as Schema;
  const pr = {
    owner: 'acme',
    repo: 'ai-usecases',
    number: 42,
    headSha: HEAD,
    baseSha: BASE,
    baseRef: 'main',
    author: 'dana',
  };

  it.each(['opened', 'synchronize', 'reopened', 'ready_for_review'] as const)(
    'pull_request.%s carries the overrides and conforms to GitHub’s schema',
    (action) => {
      const e = pullRequestEvent(action, { ...pr, draft: action === 'opened' });
      expect(
        fields(e, [
          'action',
          'number',
          'repository.full_name',
          'pull_request.number',
          'pull_request.draft',
          'pull_request.head.sha',
          'pull_request.head.ref',
          'pull_request.base.sha',
          'pull_request.base.ref',
          'pull_request.user.login',
          'sender.login',
          'pull_request.head.repo.full_name',
          'pull_request.statuses_url',
        ]),
      ).toEqual([
        action,
        42,
        'acme/ai-usecases',
        42,
        action === 'opened',
        HEAD,
        'feature-42',
        BASE,
        'main',
        'dana',
        'dana',
        'acme/ai-usecases',
        `https://api.github.com/repos/acme/ai-usecases/statuses/${HEAD}`,
      ]);
      if (action === 'synchronize') expect(fields(e, ['before', 'after'])).toEqual([BASE, HEAD]);
      expect(JSON.stringify(e)).not.toMatch(/Codertocat|Hello-World|ec26c3e57ca3a959/); // nothing left of the example's
      expect(schemaErrors(webhookSchema(`pull-request-${action.replaceAll('_', '-')}`), e)).toEqual([]);
    },
  );

  it('pull_request from a fork: head in the author’s fork', () => {
    const e = pullRequestEvent('opened', { ...pr, fork: true });
    expect(
      fields(e, [
        'pull_request.head.repo.full_name',
        'pull_request.head.repo.fork',
        'pull_request.base.repo.full_name',
        'pull_request.base.repo.fork',
        'pull_request.head.label',
        'pull_request.author_association',
      ]),
    ).toEqual(['dana/ai-usecases', true, 'acme/ai-usecases', false, 'dana:feature-42', 'CONTRIBUTOR']);
    expect(schemaErrors(webhookSchema('pull-request-opened'), e)).toEqual([]);
  });

  it.each([
    ['submitted', 'APPROVED', 'approved'],
    ['edited', 'COMMENTED', 'commented'],
    ['dismissed', 'DISMISSED', 'dismissed'],
  ] as const)(
    'pull_request_review.%s carries the review, its state as webhooks spell it',
    (action, state, sent) => {
      const e = pullRequestReviewEvent(action, { ...pr, review: { login: 'erin', state } });
      expect(
        fields(e, [
          'action',
          'review.user.login',
          'review.state',
          'review.commit_id',
          'review.pull_request_url',
          'sender.login',
          'pull_request.number',
          'pull_request.head.sha',
          'pull_request.base.ref',
          'pull_request.user.login',
        ]),
      ).toEqual([
        action,
        'erin',
        sent,
        HEAD,
        'https://api.github.com/repos/acme/ai-usecases/pulls/42',
        'erin',
        42,
        HEAD,
        'main',
        'dana',
      ]);
      expect(JSON.stringify(e)).not.toMatch(/Codertocat|Hello-World/);
      expect(schemaErrors(webhookSchema(`pull-request-review-${action}`), e)).toEqual([]);
    },
  );

  it('merge_group.checks_requested carries the queue’s commits and refs', () => {
    const headRef = `refs/heads/gh-readonly-queue/main/pr-42-${BASE}`;
    const e = mergeGroupEvent({ ...pr, headRef, baseRef: 'refs/heads/main' });
    expect(
      fields(e, [
        'action',
        'merge_group.head_sha',
        'merge_group.base_sha',
        'merge_group.head_ref',
        'merge_group.base_ref',
        'repository.full_name',
      ]),
    ).toEqual(['checks_requested', HEAD, BASE, headRef, 'refs/heads/main', 'acme/ai-usecases']);
    expect(schemaErrors(webhookSchema('merge-group-checks-requested'), e)).toEqual([]);
  });

  it('workflow_run.completed carries the run, its head and its pull requests', () => {
    const e = workflowRunEvent({
      owner: 'acme',
      repo: 'ai-usecases',
      id: 9_876_543_210,
      headSha: HEAD,
      pullRequests: [{ number: 42, headSha: HEAD, headRef: 'feature-42', baseSha: BASE, baseRef: 'main' }],
    });
    expect(
      fields(e, [
        'action',
        'workflow_run.id',
        'workflow_run.head_sha',
        'workflow_run.head_branch',
        'workflow_run.event',
        'workflow_run.status',
        'workflow_run.html_url',
        'workflow_run.pull_requests.0.number',
        'workflow_run.pull_requests.0.head.sha',
        'workflow_run.pull_requests.1',
        'repository.full_name',
      ]),
    ).toEqual([
      'completed',
      9_876_543_210,
      HEAD,
      'feature-42',
      'pull_request',
      'completed',
      'https://github.com/acme/ai-usecases/actions/runs/9876543210',
      42,
      HEAD,
      undefined,
      'acme/ai-usecases',
    ]);
    expect(JSON.stringify(e)).not.toMatch(/Codertocat|octo-org|3484a3fb816e0859/);
    expect(schemaErrors(webhookSchema('workflow-run-completed'), e)).toEqual([]);
  });
});
