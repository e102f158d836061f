// Webhook payloads for the events the Action runs on, built from GitHub's published examples
// (@octokit/webhooks-examples) rather than written by hand: each builder takes a real example,
// copies it and puts in the repository, numbers, commits and people a test needs.
//
// Which example: the last one the package lists for the action (the most recently contributed).
// Some examples predate fields GitHub's current webhook schemas require; `upToDate` adds those with
// the value GitHub sends by default, so that every payload validates against the schemas in
// GitHub's OpenAPI description (x-webhooks), which the tests check.
import { createRequire } from 'node:module';

type Json = Record<string, unknown>;

interface WebhookDefinition {
  name: string;
  actions: string[];
  examples: Json[];
}

const definitions = createRequire(import.meta.url)('@octokit/webhooks-examples') as WebhookDefinition[];

/** A deep copy of the last example of `event` with `action` (or of `fallback`'s, when it has none). */
function example(event: string, action: string, fallback?: string): Json {
  const def = definitions.find((d) => d.name === event);
  if (!def) throw new Error(`@octokit/webhooks-examples has no ${event} event`);
  const of = (a: string) => def.examples.filter((e) => e.action === a).at(-1);
  const found = of(action) ?? (fallback ? of(fallback) : undefined);
  if (!found) throw new Error(`@octokit/webhooks-examples has no ${event}.${action} example`);
  const copy = structuredClone(found);
  copy.action = action;
  return copy;
}

/** Every string in `value` with each [from, to] replaced (a regex for patterns). */
function replaceStrings<T>(value: T, pairs: [string | RegExp, string][]): T {
  if (typeof value === 'string') {
    let s: string = value;
    for (const [from, to] of pairs)
      s = typeof from === 'string' ? s.replaceAll(from, to) : s.replace(from, to);
    return s as T;
  }
  if (Array.isArray(value)) return value.map((v) => replaceStrings(v, pairs)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceStrings(v, pairs)])) as T;
  }
  return value;
}

/** A stable made-up database id for a login, so that two people never share one. */
function idFor(login: string): number {
  let h = 0;
  for (const c of login) h = (h * 31 + (c.codePointAt(0) as number)) % 90_000_000;
  return 10_000_000 + h;
}

/** The example's user object, as `login`. */
function asUser(template: Json, login: string): Json {
  const old = template.login as string;
  const user = replaceStrings(template, [
    [`/users/${old}`, `/users/${login}`],
    [`github.com/${old}`, `github.com/${login}`],
  ]);
  user.login = login;
  user.id = idFor(login);
  user.node_id = Buffer.from(`04:User${user.id}`).toString('base64');
  user.type = login.endsWith('[bot]') ? 'Bot' : 'User';
  return user;
}

/** The example's repository object, as `owner/name`. */
/** Every repository here has `main` as its default branch, as the loopback GitHub answers. */
const DEFAULT_BRANCH = 'main';

function asRepository(template: Json, owner: string, name: string, fork = false): Json {
  const old = template.full_name as string;
  const repo = replaceStrings(template, [[old, `${owner}/${name}`]]);
  repo.name = name;
  repo.full_name = `${owner}/${name}`;
  repo.owner = asUser(template.owner as Json, owner);
  repo.fork = fork;
  if ('default_branch' in repo) repo.default_branch = DEFAULT_BRANCH;
  if ('master_branch' in repo) repo.master_branch = DEFAULT_BRANCH;
  if (fork) repo.id = (template.id as number) + 1;
  return repo;
}

/**
 * Fields GitHub's current webhook schemas require that older examples lack, with GitHub's default:
 * `has_discussions` on repositories; an empty `homepage` is null (the schema wants a URI or null).
 */
function upToDate<T>(value: T): T {
  if (Array.isArray(value)) return value.map(upToDate) as T;
  if (!value || typeof value !== 'object') return value;
  const out = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, upToDate(v)])) as Json;
  const isRepository = typeof out.full_name === 'string' && typeof out.fork === 'boolean';
  if (isRepository) {
    out.has_discussions ??= false;
    if (out.homepage === '') out.homepage = null;
  }
  return out as T;
}

/** The example's organization (if it has one) as `owner`. */
function adaptOrganization(payload: Json, owner: string) {
  const org = payload.organization as Json | undefined;
  if (!org) return;
  const old = org.login as string;
  payload.organization = { ...replaceStrings(org, [[`/orgs/${old}`, `/orgs/${owner}`]]), login: owner };
}

export interface PullRequestOverrides {
  owner: string;
  repo: string;
  number: number;
  headSha: string;
  baseSha: string;
  baseRef: string;
  /** Head branch (default `feature-<number>`). */
  headRef?: string;
  /** Login of the pull request's author (also the event's sender). */
  author: string;
  /** From a fork: head.repo is `<author>/<repo>`, with fork: true. */
  fork?: boolean;
  draft?: boolean;
  /** synchronize: the head before the push (default the base commit). */
  before?: string;
  /** When it was opened (default the example's, 2019). */
  createdAt?: string;
  /** Who caused the event (default the author; for synchronize, whoever pushed). */
  sender?: string;
  /** edited: what changed, as GitHub sends it (e.g. { base: { ref: { from: 'release' }, sha: { from: '…' } } }). */
  changes?: Json;
}

/** The example's pull request (and repository, organization), adapted to `o`. */
function adaptPull(payload: Json, o: PullRequestOverrides): Json {
  const pr = payload.pull_request as Json;
  const head = pr.head as Json;
  const base = pr.base as Json;
  const oldFull = (payload.repository as Json).full_name as string;
  const oldNumber = pr.number as number;
  const headRef = o.headRef ?? `feature-${o.number}`;
  const full = `${o.owner}/${o.repo}`;
  const adapted = replaceStrings(pr, [
    [oldFull, full],
    [head.sha as string, o.headSha],
    [base.sha as string, o.baseSha],
    [new RegExp(`/(pulls?|issues)/${oldNumber}(?![0-9])`), `/$1/${o.number}`],
  ]);
  const repository = asRepository(payload.repository as Json, o.owner, o.repo);
  const headOwner = o.fork ? o.author : o.owner;
  const userTemplate = pr.user as Json;
  adapted.number = o.number;
  adapted.user = asUser(userTemplate, o.author);
  adapted.draft = o.draft ?? false;
  // People the example names that the overrides do not: nobody assigned or asked to review.
  adapted.assignee = null;
  adapted.assignees = [];
  adapted.requested_reviewers = [];
  adapted.requested_teams = [];
  adapted.author_association = o.fork ? 'CONTRIBUTOR' : 'MEMBER';
  if (o.createdAt) adapted.created_at = o.createdAt;
  adapted.head = {
    ...(adapted.head as Json),
    label: `${headOwner}:${headRef}`,
    ref: headRef,
    sha: o.headSha,
    user: asUser(userTemplate, headOwner),
    repo: o.fork ? asRepository(payload.repository as Json, o.author, o.repo, true) : repository,
  };
  adapted.base = {
    ...(adapted.base as Json),
    label: `${o.owner}:${o.baseRef}`,
    ref: o.baseRef,
    sha: o.baseSha,
    user: asUser(userTemplate, o.owner),
    repo: repository,
  };
  payload.pull_request = adapted;
  payload.repository = repository;
  adaptOrganization(payload, o.owner);
  return payload;
}

export type PullRequestAction = 'opened' | 'synchronize' | 'reopened' | 'ready_for_review' | 'edited';

/**
 * A `pull_request` event. The package has no `edited` example: that one adapts `opened`, sets
 * action `edited` and the `changes` object GitHub sends (the title, by default).
 */
export function pullRequestEvent(action: PullRequestAction, o: PullRequestOverrides): Json {
  const payload = adaptPull(example('pull_request', action, action === 'edited' ? 'opened' : action), o);
  payload.number = o.number;
  payload.sender = asUser(payload.sender as Json, o.sender ?? o.author);
  if (action === 'edited') payload.changes = o.changes ?? { title: { from: 'An earlier title' } };
  if (action === 'synchronize') {
    // The push that moved the head: the previous head (as in the example, by default the base) and the new one.
    payload.before = o.before ?? o.baseSha;
    payload.after = o.headSha;
  }
  return upToDate(payload);
}

export type PullRequestReviewAction = 'submitted' | 'edited' | 'dismissed';

export interface PullRequestReviewOverrides extends PullRequestOverrides {
  review: {
    login: string;
    /** As the REST API spells it (APPROVED) or as webhooks do (approved); sent as webhooks do. */
    state: string;
    /** The commit reviewed (default the head). */
    commitId?: string;
    submittedAt?: string;
    body?: string;
  };
  /** Who caused the event (default the reviewer; for `dismissed`, whoever dismissed it). */
  sender?: string;
}

/**
 * A `pull_request_review` event. The package has no `edited` example: that one adapts the last
 * `submitted` example, sets action `edited` and adds the `changes` object the schema requires.
 */
export function pullRequestReviewEvent(action: PullRequestReviewAction, o: PullRequestReviewOverrides): Json {
  const payload = example('pull_request_review', action, 'submitted');
  const oldFull = (payload.repository as Json).full_name as string;
  const oldNumber = (payload.pull_request as Json).number as number;
  adaptPull(payload, o);
  const template = payload.review as Json;
  const review = replaceStrings(template, [
    [oldFull, `${o.owner}/${o.repo}`],
    [new RegExp(`/(pulls?)/${oldNumber}(?![0-9])`), `/$1/${o.number}`],
  ]);
  review.user = asUser(template.user as Json, o.review.login);
  review.state = o.review.state.toLowerCase();
  review.commit_id = o.review.commitId ?? o.headSha;
  review.submitted_at = o.review.submittedAt ?? review.submitted_at;
  review.body = o.review.body ?? null;
  review.author_association = 'MEMBER';
  payload.review = review;
  payload.sender = asUser(payload.sender as Json, o.sender ?? o.review.login);
  if (action === 'edited') payload.changes = { body: { from: '' } };
  return upToDate(payload);
}

export interface MergeGroupOverrides {
  owner: string;
  repo: string;
  headSha: string;
  baseSha: string;
  /** `refs/heads/gh-readonly-queue/<base>/pr-<n>-<sha>`, as GitHub names merge queue branches. */
  headRef: string;
  /** `refs/heads/main`. */
  baseRef: string;
  sender?: string;
}

/** A `merge_group` event (action `checks_requested`, the only one the Action runs on). */
export function mergeGroupEvent(o: MergeGroupOverrides): Json {
  const payload = example('merge_group', 'checks_requested');
  const group = payload.merge_group as Json;
  payload.merge_group = {
    ...group,
    head_sha: o.headSha,
    head_ref: o.headRef,
    base_sha: o.baseSha,
    base_ref: o.baseRef,
    head_commit: { ...(group.head_commit as Json), id: o.headSha },
  };
  payload.repository = asRepository(payload.repository as Json, o.owner, o.repo);
  if (payload.sender) payload.sender = asUser(payload.sender as Json, o.sender ?? 'octocat');
  adaptOrganization(payload, o.owner);
  return upToDate(payload);
}

export interface WorkflowRunPull {
  number: number;
  headSha: string;
  headRef: string;
  baseSha: string;
  baseRef: string;
}

export interface WorkflowRunOverrides {
  owner: string;
  repo: string;
  /** The run's id (default the example's). */
  id?: number;
  headSha: string;
  headBranch?: string;
  /** The event that started the run (default pull_request). */
  event?: string;
  conclusion?: 'success' | 'failure' | 'cancelled' | 'skipped' | 'neutral' | 'timed_out' | 'action_required';
  /** Workflow name (default the example's). */
  name?: string;
  /** GitHub lists the pull requests of the same repository whose head is the run's head: none for a fork. */
  pullRequests?: WorkflowRunPull[];
  /** Who started the run (its actor, triggering actor and the event's sender; default octocat). */
  actor?: string;
}

/** A `workflow_run` event with action `completed`. */
export function workflowRunEvent(o: WorkflowRunOverrides): Json {
  const payload = example('workflow_run', 'completed');
  const run = payload.workflow_run as Json;
  const oldFull = (payload.repository as Json).full_name as string;
  const full = `${o.owner}/${o.repo}`;
  const api = ((run.url as string).match(/^https?:\/\/[^/]+/) as RegExpMatchArray)[0];
  const id = o.id ?? (run.id as number);
  const adapted = replaceStrings(run, [
    [oldFull, full],
    [`/runs/${run.id}`, `/runs/${id}`],
    [run.head_sha as string, o.headSha],
  ]);
  adapted.id = id;
  adapted.head_sha = o.headSha;
  adapted.head_branch = o.headBranch ?? (o.pullRequests?.[0]?.headRef as string | undefined) ?? 'main';
  adapted.event = o.event ?? 'pull_request';
  adapted.status = 'completed';
  adapted.conclusion = o.conclusion ?? 'success';
  if (o.name) adapted.name = o.name;
  adapted.head_commit = { ...(run.head_commit as Json), id: o.headSha };
  const actor = o.actor ?? 'octocat';
  adapted.actor = asUser(run.actor as Json, actor);
  adapted.triggering_actor = asUser(run.triggering_actor as Json, actor);
  adapted.repository = asRepository(run.repository as Json, o.owner, o.repo);
  adapted.head_repository = asRepository(run.head_repository as Json, o.owner, o.repo);
  const template = ((run.pull_requests as Json[])[0] ?? {}) as Json;
  const repoRef = {
    ...((template.head as Json | undefined)?.repo as Json | undefined),
    url: `${api}/repos/${full}`,
    name: o.repo,
  };
  adapted.pull_requests = (o.pullRequests ?? []).map((p, i) => ({
    ...template,
    url: `${api}/repos/${full}/pulls/${p.number}`,
    id: (template.id as number) + i,
    number: p.number,
    head: { ref: p.headRef, sha: p.headSha, repo: repoRef },
    base: { ref: p.baseRef, sha: p.baseSha, repo: repoRef },
  }));
  payload.workflow_run = adapted;
  payload.workflow = replaceStrings(payload.workflow as Json, [[oldFull, full]]);
  payload.sender = asUser(payload.sender as Json, actor);
  payload.repository = asRepository(payload.repository as Json, o.owner, o.repo);
  adaptOrganization(payload, o.owner);
  return upToDate(payload);
}
