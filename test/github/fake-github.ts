// A local stand-in for GitHub's REST API, for the endpoints the Action calls: it keeps state as
// GitHub does (pull requests, reviews, check runs with their annotations, issue comments),
// answers with objects shaped like GitHub's, paginates with Link headers, enforces GitHub's
// limits, can be told to fail, and validates every request and every response against GitHub's
// official OpenAPI description (test/github/openapi-operations.json, from @octokit/openapi).
//
// Any departure from the spec is collected in `violations`; tests assert it is empty.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Operation, OperationId, OperationsFile, Schema } from './extract-openapi.ts';
import { OPERATIONS_PATH } from './extract-openapi.ts';

// ajv-formats is CommonJS; its default export arrives as the module object under NodeNext typing.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/**
 * GitHub's limits on what a client sends, as GitHub enforces them (422). The first two are also in
 * the OpenAPI description (maxItems, maxLength); the comment body limit is only in GitHub's docs and
 * error messages ("body is too long (maximum is 65536 characters)").
 */
export const GITHUB_API_LIMITS = {
  /** Annotations in one check run create or update request. */
  annotationsPerRequest: 50,
  /** Check run `output.summary` and `output.text`, in characters, and GitHub also counts UTF-8 bytes. */
  checkRunOutputText: 65_535,
  /** Issue (and pull request) comment `body`, in characters. */
  commentBody: 65_536,
} as const;

/** The app behind the Actions GITHUB_TOKEN, as check runs report it. */
const ACTIONS_APP_ID = 15368;
/** `github-actions[bot]`, the user GITHUB_TOKEN comments as. */
const ACTIONS_BOT = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' as const };

export type ReviewState = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED';
export type AuthorAssociation =
  | 'COLLABORATOR'
  | 'CONTRIBUTOR'
  | 'FIRST_TIMER'
  | 'FIRST_TIME_CONTRIBUTOR'
  | 'MANNEQUIN'
  | 'MEMBER'
  | 'NONE'
  | 'OWNER';
type Permission = 'none' | 'read' | 'write';

/**
 * Where a seeded object lives. Repositories are implicit: a seed without owner and repo belongs to
 * whichever repository a request names (the usual case, a test about one repository); with them,
 * only to that one.
 */
export interface Where {
  owner?: string;
  repo?: string;
}

export interface FakeGitHubOptions {
  /** The repository of seeds that name none (default: any repository, see Where). */
  owner?: string;
  repo?: string;
  /** When set, any other token is refused with 401 "Bad credentials"; a missing token always is. */
  token?: string;
  /**
   * Who the token acts as (default github-actions[bot], as with GITHUB_TOKEN). A bot `<slug>[bot]`
   * is a GitHub App's installation token: its check runs name the app `<slug>`, and its comments
   * are by `<slug>[bot]`.
   */
  actor?: { login: string; id?: number; type?: 'User' | 'Bot' };
  /** The token's permissions (default write on all); less answers 403 like GitHub. */
  permissions?: Partial<Record<'checks' | 'issues' | 'pull_requests' | 'members', Permission>>;
  /** Requests allowed before the primary rate limit answers 403 (default 5000 an hour, as GitHub). */
  rateLimit?: number;
  /** The clock for timestamps (default the real one). */
  now?: () => Date;
}

export interface PullSeed extends Where {
  number: number;
  headSha: string;
  baseSha: string;
  /** Branch names (default `feature-<number>` and `main`). */
  headRef?: string;
  baseRef?: string;
  /** Login of the author (default octocat). */
  author?: string;
  title?: string;
  body?: string | null;
  state?: 'open' | 'closed';
  draft?: boolean;
  merged?: boolean;
  /** Head branch in a fork owned by the author: head.repo is `<author>/<repo>`, fork: true. */
  fork?: boolean;
  authorAssociation?: AuthorAssociation;
  /** Its commits, oldest first (default: one, the head, authored and committed by the author). */
  commits?: CommitSeed[];
  /** When it was opened (default now). */
  createdAt?: string;
}

/** A commit of a pull request; a null author or committer is one GitHub links to no account. */
export interface CommitSeed {
  sha: string;
  author: string | null;
  committer: string | null;
  message?: string;
  date?: string;
}

export interface Pull extends Where {
  number: number;
  id: number;
  headSha: string;
  baseSha: string;
  headRef: string;
  baseRef: string;
  author: string;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  draft: boolean;
  merged: boolean;
  fork: boolean;
  authorAssociation: AuthorAssociation;
  createdAt: string;
  updatedAt: string;
  commits: CommitSeed[];
}

export interface ReviewSeed extends Where {
  login: string;
  state: ReviewState;
  commit_id: string;
  submitted_at?: string;
  body?: string;
  author_association?: AuthorAssociation;
}

export interface Review extends Where, Required<Omit<ReviewSeed, 'owner' | 'repo'>> {
  id: number;
  pull: number;
}

export interface CommentSeed extends Where {
  login: string;
  body: string;
  type?: 'User' | 'Bot';
  created_at?: string;
  author_association?: AuthorAssociation;
}

/** An issue (not a pull request), as a test seeds it. */
export interface IssueSeed extends Where {
  number?: number;
  /** Who opened it (default github-actions[bot], the token's own). */
  login?: string;
  title?: string;
  body?: string | null;
  labels?: string[];
  state?: 'open' | 'closed';
  created_at?: string;
}

/** An issue as the fake keeps it. */
export interface Issue extends Where {
  number: number;
  id: number;
  login: string;
  title: string;
  body: string | null;
  labels: string[];
  state: 'open' | 'closed';
  state_reason: 'completed' | 'reopened' | 'not_planned' | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

/** An issue comment as the fake keeps it, with GitHub's field names. */
export interface Comment extends Where {
  id: number;
  issue: number;
  login: string;
  body: string;
  author_association: AuthorAssociation;
  created_at: string;
  updated_at: string;
}

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  message: string;
  title?: string;
  raw_details?: string;
}

/** A check run as the fake keeps it, with GitHub's field names. */
export interface CheckRun {
  id: number;
  owner: string;
  repo: string;
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  started_at: string | null;
  completed_at: string | null;
  details_url: string | null;
  external_id: string;
  output: { title: string | null; summary: string | null; text: string | null };
  /** Every annotation received, in order: GitHub appends those sent in updates. */
  annotations: Annotation[];
  /** How many create/update requests this run received. */
  requests: number;
}

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  operationId?: OperationId;
  status: number;
  /** The parsed JSON request body, if any. */
  body?: unknown;
  /** The response body sent. */
  response?: unknown;
}

export interface Failure {
  /** The operation to fail, by operationId (its method is implied; `method` only narrows). */
  route?: OperationId;
  /** The same as `route`; give one of them. */
  operation?: OperationId;
  method?: string;
  status: number;
  /** How many matching requests fail (default 1). */
  times?: number;
  /** Response body (default a GitHub-style error for the status). */
  body?: unknown;
  headers?: Record<string, string>;
  /** Never answer: the request is held open until the client gives up or the server closes. */
  hang?: boolean;
}

export interface FakeGitHub {
  /** http://127.0.0.1:PORT, the baseUrl to give Octokit. */
  url: string;
  close(): Promise<void>;
  /** Every request answered, in order. */
  requests: LoggedRequest[];
  /** Readable departures from GitHub's OpenAPI description, by requests and by responses. */
  violations: string[];
  addPull(seed: PullSeed): Pull;
  addReview(pull: number, seed: ReviewSeed): Review;
  /** A team of an organisation, with its members' logins (what GET …/teams/{slug}/members lists). */
  addTeam(org: string, slug: string, members: readonly string[]): void;
  /** An issue without a pull request, so that it can be commented on. */
  addIssue(number: number, where?: Where): void;
  /** An issue with its author, title, body, labels and state. */
  seedIssue(seed: IssueSeed): Issue;
  /** The issues (pull requests not included), by number (in that repository, if given). */
  issues(where?: Where): Issue[];
  addComment(issue: number, seed: CommentSeed): Comment;
  failNext(failure: Failure): void;
  /** The pull request with this number (in that repository, if given). */
  pull(number: number, where?: Where): Pull | undefined;
  reviews(pull: number, where?: Where): Review[];
  checkRuns(): CheckRun[];
  annotations(checkRunId: number): Annotation[];
  /** The comments on an issue or pull request, oldest first (in that repository, if given). */
  comments(issue: number, where?: Where): Comment[];
}

// ---------------------------------------------------------------------------------------------
// The spec and its validators

let operationsFile: OperationsFile | undefined;
export function operations(): OperationsFile {
  operationsFile ??= JSON.parse(readFileSync(OPERATIONS_PATH, 'utf8')) as OperationsFile;
  return operationsFile;
}

const SUBSCHEMA = new Set(['items', 'additionalProperties', 'not']);
const SUBSCHEMAS = new Set(['oneOf', 'anyOf', 'allOf']);

/**
 * OpenAPI 3.0's dialect as plain JSON Schema. `nullable: true` allows null: the type becomes
 * [type, "null"] and, since Ajv checks `enum` on its own, null joins the enum too (GitHub marks a
 * check run's `conclusion` as a nullable enum without null in it, and sends null while it runs).
 * With `close`, objects with listed properties refuse others (not under allOf, which combines them):
 * used for requests only, to report a property GitHub would silently ignore.
 */
export function toJsonSchema(schema: Schema, close = false): Schema {
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'nullable') continue;
    if (key === 'properties') {
      out[key] = Object.fromEntries(
        Object.entries(value as Record<string, Schema>).map(([name, s]) => [name, toJsonSchema(s, close)]),
      );
    } else if (SUBSCHEMA.has(key) && typeof value === 'object' && value !== null) {
      out[key] = toJsonSchema(value as Schema, close);
    } else if (SUBSCHEMAS.has(key)) {
      out[key] = (value as Schema[]).map((s) => toJsonSchema(s, close && key !== 'allOf'));
    } else {
      out[key] = value;
    }
  }
  if (close && out.properties && out.additionalProperties === undefined && !out.allOf) {
    out.additionalProperties = false;
  }
  if (schema.nullable !== true) return out;
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  return { anyOf: [out, { type: 'null' }] };
}

const ajv = new Ajv({
  strict: false,
  allErrors: true,
  // An unknown format or keyword would silently validate nothing: make it loud.
  logger: {
    log: () => {},
    warn: (...args: unknown[]) => {
      throw new Error(`ajv: ${args.join(' ')}`);
    },
    error: (...args: unknown[]) => {
      throw new Error(`ajv: ${args.join(' ')}`);
    },
  },
});
addFormats(ajv);

const validators = new Map<string, ValidateFunction>();
function validator(key: string, schema: Schema, close = false): ValidateFunction {
  let v = validators.get(key);
  if (!v) {
    v = ajv.compile(toJsonSchema(schema, close));
    validators.set(key, v);
  }
  return v;
}

const bySchema = new WeakMap<Schema, ValidateFunction>();

/** How `data` departs from an OpenAPI 3.0 schema (from the spec), as readable lines; empty if it conforms. */
export function schemaErrors(schema: Schema, data: unknown): string[] {
  let v = bySchema.get(schema);
  if (!v) {
    v = ajv.compile(toJsonSchema(schema));
    bySchema.set(schema, v);
  }
  return v(data) ? [] : (v.errors ?? []).map(describeError);
}

function describeError(e: ErrorObject): string {
  const where = e.instancePath || '/';
  const p = e.params as Record<string, unknown>;
  let detail = '';
  if (e.keyword === 'enum')
    detail = ` (${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')})`;
  if (e.keyword === 'additionalProperties') detail = `: ${JSON.stringify(p.additionalProperty)}`;
  return `${where} ${e.message ?? e.keyword}${detail}`;
}

/** Ajv's errors as GitHub words them for a request that fails its JSON schema. */
function githubSchemaMessage(errors: ErrorObject[], data: unknown): string {
  const lines = errors.flatMap((e) => {
    const p = e.params as Record<string, number | string>;
    const at = `For '${e.instancePath.replace(/^\//, '') || 'body'}'`;
    const value = valueAt(data, e.instancePath);
    switch (e.keyword) {
      case 'required':
        return [`"${p.missingProperty}" wasn't supplied.`];
      case 'maxItems':
        return [`No more than ${p.limit} items are allowed; ${(value as unknown[]).length} were supplied.`];
      case 'maxLength':
        return [`Only ${p.limit} characters are allowed; ${[...(value as string)].length} were supplied.`];
      case 'enum':
        return [`${at}, ${JSON.stringify(value)} is not one of ${JSON.stringify(e.params.allowedValues)}.`];
      case 'type':
        return [`${at}, ${JSON.stringify(value)} is not ${p.type === 'integer' ? 'an' : 'a'} ${p.type}.`];
      case 'anyOf':
      case 'oneOf':
        return []; // the branches' own errors say what is wrong
      default:
        return [`${at}, ${e.message}.`];
    }
  });
  return `Invalid request.\n\n${[...new Set(lines)].join('\n')}`;
}

function valueAt(data: unknown, pointer: string): unknown {
  let v = data;
  for (const part of pointer.split('/').slice(1)) {
    v = (v as Record<string, unknown> | undefined)?.[part.replaceAll('~1', '/').replaceAll('~0', '~')];
  }
  return v;
}

interface Route {
  op: Operation;
  pattern: RegExp;
  names: string[];
}

let routeTable: Route[] | undefined;
function routes(): Route[] {
  routeTable ??= Object.values(operations().operations).map((op) => {
    const names: string[] = [];
    const source = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
      names.push(name);
      const p = op.parameters.find((x) => x.in === 'path' && x.name === name);
      return p?.multiSegment ? '(.+)' : '([^/]+)';
    });
    return { op, pattern: new RegExp(`^${source}$`), names };
  });
  return routeTable;
}

/** A query or path value as its schema types it (as GitHub reads `per_page=30` as a number). */
function coerce(value: string, schema: Schema): unknown {
  if ((schema.type === 'integer' || schema.type === 'number') && /^-?\d+(\.\d+)?$/.test(value))
    return Number(value);
  if (schema.type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

// ---------------------------------------------------------------------------------------------
// GitHub's objects

const NOT_FOUND = 'Not Found';

class HttpError extends Error {
  status: number;
  body: unknown;
  headers: Record<string, string>;
  constructor(status: number, body: unknown, headers: Record<string, string> = {}) {
    super(`HTTP ${status}`);
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

function iso(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** GitHub's global node id format: a type prefix and a base64url-encoded database id. */
function nodeId(prefix: string, id: number): string {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(BigInt(id));
  return `${prefix}_kwDO${bytes.toString('base64url')}`;
}

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const actor = {
    login: options.actor?.login ?? ACTIONS_BOT.login,
    id: options.actor?.id ?? (options.actor ? 583231 : ACTIONS_BOT.id),
    type: options.actor?.type ?? (options.actor?.login.endsWith('[bot]') === false ? 'User' : 'Bot'),
  };
  const now = () => iso(options.now?.() ?? new Date());
  const rateLimit = options.rateLimit ?? 5000;
  const rateReset = Math.floor(Date.now() / 1000) + 3600;

  const requests: LoggedRequest[] = [];
  const violations: string[] = [];
  const failures: (Failure & { times: number })[] = [];
  const pulls: Pull[] = [];
  const issues: Issue[] = [];
  const reviews: Review[] = [];
  /** Teams by `org/slug` in lower case (GitHub matches both without regard to case). */
  const teams = new Map<string, string[]>();
  const runs = new Map<number, CheckRun>();
  const commentsById = new Map<number, Comment>();
  const userIds = new Map<string, { id: number; type: 'User' | 'Bot' | 'Organization' }>([
    [actor.login, { id: actor.id, type: actor.type }],
    ['github', { id: 9919, type: 'Organization' }],
  ]);
  const repoIds = new Map<string, number>();
  let nextUserId = 1_000_001;
  let nextRepoId = 700_000_001;
  let nextPullId = 1_900_000_001;
  let nextReviewId = 2_100_000_001;
  let nextCommentId = 2_400_000_001;
  let nextIssueId = 3_500_000_001;
  let nextRunId = 28_000_000_001;
  let nextSuiteId = 26_000_000_001;
  let used = 0;
  let url = '';

  /** Whether a seed belongs to owner/repo. */
  const within = (w: Where, owner: string, repo: string) =>
    (w.owner ?? owner) === owner && (w.repo ?? repo) === repo;
  /** The pull request a request names (the last added, when seeds overlap). */
  const pullAt = (owner: string, repo: string, n: number) =>
    pulls.findLast((p) => p.number === n && within(p, owner, repo));
  const commentsOn = (owner: string, repo: string, n: number) =>
    [...commentsById.values()].filter((c) => c.issue === n && within(c, owner, repo));
  const issueExists = (owner: string, repo: string, n: number) =>
    pullAt(owner, repo, n) !== undefined || issues.some((i) => i.number === n && within(i, owner, repo));

  function userId(login: string, type: 'User' | 'Bot' = 'User') {
    let u = userIds.get(login);
    if (!u) {
      u = { id: nextUserId++, type: login.endsWith('[bot]') ? 'Bot' : type };
      userIds.set(login, u);
    }
    return u;
  }

  function repoId(fullName: string): number {
    let id = repoIds.get(fullName);
    if (id === undefined) {
      id = nextRepoId++;
      repoIds.set(fullName, id);
    }
    return id;
  }

  /** simple-user */
  function user(login: string) {
    const { id, type } = userId(login);
    const api = `${url}/users/${encodeURIComponent(login)}`;
    return {
      login,
      id,
      node_id: nodeId(type === 'Bot' ? 'BOT' : type === 'Organization' ? 'O' : 'U', id),
      avatar_url: `${url}/avatars/u/${id}?v=4`,
      gravatar_id: '',
      url: api,
      html_url: type === 'Bot' ? `${url}/apps/${login.replace(/\[bot\]$/, '')}` : `${url}/${login}`,
      followers_url: `${api}/followers`,
      following_url: `${api}/following{/other_user}`,
      gists_url: `${api}/gists{/gist_id}`,
      starred_url: `${api}/starred{/owner}{/repo}`,
      subscriptions_url: `${api}/subscriptions`,
      organizations_url: `${api}/orgs`,
      repos_url: `${api}/repos`,
      events_url: `${api}/events{/privacy}`,
      received_events_url: `${api}/received_events`,
      type,
      user_view_type: 'public',
      site_admin: false,
    };
  }

  /** The app behind the token: a bot actor's own app, else GitHub Actions (GITHUB_TOKEN). */
  const tokenApp = (() => {
    const slug = actor.type === 'Bot' ? actor.login.replace(/\[bot\]$/, '') : 'github-actions';
    if (slug === 'github-actions')
      return {
        id: ACTIONS_APP_ID,
        slug,
        owner: 'github',
        name: 'GitHub Actions',
        clientId: 'Iv1.05c79e9ad1f6bdfa',
      };
    return {
      id: 1_000_000 + (actor.id % 1_000_000),
      slug,
      owner: options.owner ?? 'octo-org',
      name: slug,
      clientId: `Iv23li${slug}`,
    };
  })();

  /** integration (the app the token belongs to, as check runs name it) */
  function integration() {
    return {
      id: tokenApp.id,
      slug: tokenApp.slug,
      node_id: Buffer.from(`03:App${tokenApp.id}`).toString('base64'),
      client_id: tokenApp.clientId,
      owner: user(tokenApp.owner),
      name: tokenApp.name,
      description:
        tokenApp.slug === 'github-actions' ? 'Automate your workflow from idea to production' : null,
      external_url:
        tokenApp.slug === 'github-actions'
          ? 'https://help.github.com/en/actions'
          : `${url}/${tokenApp.owner}`,
      html_url: `${url}/apps/${tokenApp.slug}`,
      created_at: '2018-07-30T09:30:17Z',
      updated_at: '2024-04-10T20:33:16Z',
      permissions: {
        actions: 'write',
        checks: 'write',
        contents: 'write',
        issues: 'write',
        metadata: 'read',
        pull_requests: 'write',
        statuses: 'write',
      },
      events: ['check_run', 'check_suite', 'pull_request', 'push', 'workflow_dispatch'],
    };
  }

  /** repository (as in a pull request's head and base) */
  function repository(owner: string, name: string, fork: boolean) {
    const full = `${owner}/${name}`;
    const id = repoId(full);
    const api = `${url}/repos/${full}`;
    const created = '2020-01-15T10:00:00Z';
    return {
      id,
      node_id: nodeId('R', id),
      name,
      full_name: full,
      private: false,
      owner: user(owner),
      html_url: `${url}/${full}`,
      description: null,
      fork,
      url: api,
      forks_url: `${api}/forks`,
      keys_url: `${api}/keys{/key_id}`,
      collaborators_url: `${api}/collaborators{/collaborator}`,
      teams_url: `${api}/teams`,
      hooks_url: `${api}/hooks`,
      issue_events_url: `${api}/issues/events{/number}`,
      events_url: `${api}/events`,
      assignees_url: `${api}/assignees{/user}`,
      branches_url: `${api}/branches{/branch}`,
      tags_url: `${api}/tags`,
      blobs_url: `${api}/git/blobs{/sha}`,
      git_tags_url: `${api}/git/tags{/sha}`,
      git_refs_url: `${api}/git/refs{/sha}`,
      trees_url: `${api}/git/trees{/sha}`,
      statuses_url: `${api}/statuses/{sha}`,
      languages_url: `${api}/languages`,
      stargazers_url: `${api}/stargazers`,
      contributors_url: `${api}/contributors`,
      subscribers_url: `${api}/subscribers`,
      subscription_url: `${api}/subscription`,
      commits_url: `${api}/commits{/sha}`,
      git_commits_url: `${api}/git/commits{/sha}`,
      comments_url: `${api}/comments{/number}`,
      issue_comment_url: `${api}/issues/comments{/number}`,
      contents_url: `${api}/contents/{+path}`,
      compare_url: `${api}/compare/{base}...{head}`,
      merges_url: `${api}/merges`,
      archive_url: `${api}/{archive_format}{/ref}`,
      downloads_url: `${api}/downloads`,
      issues_url: `${api}/issues{/number}`,
      pulls_url: `${api}/pulls{/number}`,
      milestones_url: `${api}/milestones{/number}`,
      notifications_url: `${api}/notifications{?since,all,participating}`,
      labels_url: `${api}/labels{/name}`,
      releases_url: `${api}/releases{/id}`,
      deployments_url: `${api}/deployments`,
      git_url: `${url.replace(/^https?:/, 'git:')}/${full}.git`,
      ssh_url: `git@${new URL(url).hostname}:${full}.git`,
      clone_url: `${url}/${full}.git`,
      svn_url: `${url}/${full}`,
      mirror_url: null,
      homepage: null,
      language: 'TypeScript',
      forks_count: 0,
      forks: 0,
      stargazers_count: 0,
      watchers_count: 0,
      watchers: 0,
      size: 120,
      default_branch: 'main',
      open_issues_count: 1,
      open_issues: 1,
      is_template: false,
      topics: [],
      has_issues: !fork,
      has_projects: true,
      has_wiki: false,
      has_pages: false,
      has_downloads: true,
      has_discussions: false,
      archived: false,
      disabled: false,
      visibility: 'public',
      pushed_at: created,
      created_at: created,
      updated_at: created,
      license: null,
      allow_forking: true,
      web_commit_signoff_required: false,
    };
  }

  function minimalPull(p: Pull, owner: string, repo: string) {
    const ref = (r: string, sha: string) => ({
      ref: r,
      sha,
      repo: { id: repoId(`${owner}/${repo}`), url: `${url}/repos/${owner}/${repo}`, name: repo },
    });
    return {
      url: `${url}/repos/${owner}/${repo}/pulls/${p.number}`,
      id: p.id,
      number: p.number,
      head: ref(p.headRef, p.headSha),
      base: ref(p.baseRef, p.baseSha),
    };
  }

  /** pull-request */
  function pullRequest(p: Pull, owner: string, repo: string) {
    const full = `${owner}/${repo}`;
    const api = `${url}/repos/${full}`;
    const html = `${url}/${full}/pull/${p.number}`;
    const headOwner = p.fork ? p.author : owner;
    const side = (login: string, ref: string, sha: string, fork: boolean) => ({
      label: `${login}:${ref}`,
      ref,
      sha,
      user: user(login),
      repo: repository(login, repo, fork),
    });
    const commentCount = commentsOn(owner, repo, p.number).length;
    return {
      url: `${api}/pulls/${p.number}`,
      id: p.id,
      node_id: nodeId('PR', p.id),
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      issue_url: `${api}/issues/${p.number}`,
      commits_url: `${api}/pulls/${p.number}/commits`,
      review_comments_url: `${api}/pulls/${p.number}/comments`,
      review_comment_url: `${api}/pulls/comments{/number}`,
      comments_url: `${api}/issues/${p.number}/comments`,
      statuses_url: `${api}/statuses/${p.headSha}`,
      number: p.number,
      state: p.state,
      locked: false,
      title: p.title,
      user: user(p.author),
      body: p.body,
      labels: [],
      milestone: null,
      active_lock_reason: null,
      created_at: p.createdAt,
      updated_at: p.updatedAt,
      closed_at: p.state === 'closed' ? p.updatedAt : null,
      merged_at: p.merged ? p.updatedAt : null,
      merge_commit_sha: null,
      assignee: null,
      assignees: [],
      requested_reviewers: [],
      requested_teams: [],
      head: side(headOwner, p.headRef, p.headSha, p.fork),
      base: side(owner, p.baseRef, p.baseSha, false),
      _links: {
        self: { href: `${api}/pulls/${p.number}` },
        html: { href: html },
        issue: { href: `${api}/issues/${p.number}` },
        comments: { href: `${api}/issues/${p.number}/comments` },
        review_comments: { href: `${api}/pulls/${p.number}/comments` },
        review_comment: { href: `${api}/pulls/comments{/number}` },
        commits: { href: `${api}/pulls/${p.number}/commits` },
        statuses: { href: `${api}/statuses/${p.headSha}` },
      },
      author_association: p.authorAssociation,
      auto_merge: null,
      draft: p.draft,
      merged: p.merged,
      mergeable: p.state === 'open' ? true : null,
      rebaseable: p.state === 'open' ? true : null,
      mergeable_state: p.state === 'open' ? (p.draft ? 'draft' : 'clean') : 'unknown',
      merged_by: p.merged ? user(owner) : null,
      comments: commentCount,
      review_comments: 0,
      maintainer_can_modify: p.fork,
      commits: p.commits.length,
      additions: 10,
      deletions: 2,
      changed_files: 1,
    };
  }

  /** pull-request-review */
  function review(owner: string, repo: string, r: Review) {
    const html = `${url}/${owner}/${repo}/pull/${r.pull}#pullrequestreview-${r.id}`;
    const prUrl = `${url}/repos/${owner}/${repo}/pulls/${r.pull}`;
    return {
      id: r.id,
      node_id: nodeId('PRR', r.id),
      user: user(r.login),
      body: r.body,
      state: r.state,
      html_url: html,
      pull_request_url: prUrl,
      _links: { html: { href: html }, pull_request: { href: prUrl } },
      submitted_at: r.submitted_at,
      commit_id: r.commit_id,
      author_association: r.author_association,
    };
  }

  /** commit (as a pull request lists its commits) */
  function commit(owner: string, repo: string, c: CommitSeed) {
    const api = `${url}/repos/${owner}/${repo}`;
    const date = c.date ?? '2026-11-20T09:00:00Z';
    const person = (login: string | null) => ({
      name: login ?? 'Someone Unlinked',
      email: `${login ?? 'unlinked'}@example.com`,
      date,
    });
    return {
      url: `${api}/commits/${c.sha}`,
      sha: c.sha,
      node_id: nodeId('C', Number.parseInt(c.sha.slice(0, 8), 16)),
      html_url: `${url}/${owner}/${repo}/commit/${c.sha}`,
      comments_url: `${api}/commits/${c.sha}/comments`,
      commit: {
        url: `${api}/git/commits/${c.sha}`,
        author: person(c.author),
        committer: person(c.committer),
        message: c.message ?? 'A change',
        tree: {
          sha: c.sha.split('').reverse().join(''),
          url: `${api}/git/trees/${c.sha.split('').reverse().join('')}`,
        },
        comment_count: 0,
      },
      author: c.author ? user(c.author) : null,
      committer: c.committer ? user(c.committer) : null,
      parents: [],
    };
  }

  /** issue-comment */
  function comment(c: Comment, owner: string, repo: string) {
    const api = `${url}/repos/${owner}/${repo}`;
    const kind = pullAt(owner, repo, c.issue) ? 'pull' : 'issues';
    return {
      id: c.id,
      node_id: nodeId('IC', c.id),
      url: `${api}/issues/comments/${c.id}`,
      html_url: `${url}/${owner}/${repo}/${kind}/${c.issue}#issuecomment-${c.id}`,
      body: c.body,
      user: user(c.login),
      created_at: c.created_at,
      updated_at: c.updated_at,
      issue_url: `${api}/issues/${c.issue}`,
      author_association: c.author_association,
      performed_via_github_app: null,
      reactions: noReactions(`${api}/issues/comments/${c.id}/reactions`),
    };
  }

  /** The reactions summary of a comment or issue nobody has reacted to. */
  function noReactions(url: string) {
    return {
      url,
      total_count: 0,
      '+1': 0,
      '-1': 0,
      laugh: 0,
      confused: 0,
      heart: 0,
      hooray: 0,
      eyes: 0,
      rocket: 0,
    };
  }

  /** issue */
  function issueJson(i: Issue, owner: string, repo: string) {
    const api = `${url}/repos/${owner}/${repo}`;
    return {
      id: i.id,
      node_id: nodeId('I', i.id),
      url: `${api}/issues/${i.number}`,
      repository_url: api,
      labels_url: `${api}/issues/${i.number}/labels{/name}`,
      comments_url: `${api}/issues/${i.number}/comments`,
      events_url: `${api}/issues/${i.number}/events`,
      html_url: `${url}/${owner}/${repo}/issues/${i.number}`,
      number: i.number,
      state: i.state,
      state_reason: i.state_reason,
      title: i.title,
      body: i.body,
      user: user(i.login),
      labels: i.labels.map((name) => label(name, owner, repo)),
      assignee: null,
      assignees: [],
      milestone: null,
      locked: false,
      active_lock_reason: null,
      comments: commentsOn(owner, repo, i.number).length,
      closed_at: i.closed_at,
      created_at: i.created_at,
      updated_at: i.updated_at,
      closed_by: i.state === 'closed' ? user(actor.login) : null,
      author_association: i.login === actor.login && actor.type === 'Bot' ? 'NONE' : 'MEMBER',
      reactions: noReactions(`${api}/issues/${i.number}/reactions`),
    };
  }

  const labelIds = new Map<string, number>();
  function label(name: string, owner: string, repo: string) {
    let id = labelIds.get(name);
    if (id === undefined) {
      id = 5_100_000_001 + labelIds.size;
      labelIds.set(name, id);
    }
    return {
      id,
      node_id: nodeId('LA', id),
      url: `${url}/repos/${owner}/${repo}/labels/${encodeURIComponent(name)}`,
      name,
      color: 'ededed',
      default: false,
      description: null,
    };
  }

  /** The next issue or pull-request number in a repository (they share one sequence). */
  function nextNumber(owner: string, repo: string): number {
    const used = [
      ...pulls.filter((p) => within(p, owner, repo)).map((p) => p.number),
      ...issues.filter((i) => within(i, owner, repo)).map((i) => i.number),
    ];
    return Math.max(0, ...used) + 1;
  }

  /** check-run */
  function checkRun(r: CheckRun) {
    const api = `${url}/repos/${r.owner}/${r.repo}/check-runs/${r.id}`;
    const html = `${url}/${r.owner}/${r.repo}/runs/${r.id}`;
    // GitHub lists the open pull requests of the same repository whose head is this commit: none
    // for a pull request from a fork.
    const prs = pulls.filter(
      (p) => within(p, r.owner, r.repo) && p.headSha === r.head_sha && p.state === 'open' && !p.fork,
    );
    return {
      id: r.id,
      head_sha: r.head_sha,
      node_id: nodeId('CR', r.id),
      external_id: r.external_id,
      url: api,
      html_url: html,
      details_url: r.details_url ?? html,
      status: r.status,
      conclusion: r.conclusion,
      started_at: r.started_at,
      completed_at: r.completed_at,
      output: {
        title: r.output.title,
        summary: r.output.summary,
        text: r.output.text,
        annotations_count: r.annotations.length,
        annotations_url: `${api}/annotations`,
      },
      name: r.name,
      check_suite: { id: suiteIds.get(`${r.owner}/${r.repo}@${r.head_sha}`) as number },
      app: integration(),
      pull_requests: prs.map((p) => minimalPull(p, r.owner, r.repo)),
    };
  }
  const suiteIds = new Map<string, number>();

  // -------------------------------------------------------------------------------------------
  // Errors, limits, pagination

  function error(status: number, message: string, op?: Operation, errors?: unknown[]): HttpError {
    return new HttpError(status, {
      message,
      ...(errors ? { errors } : {}),
      documentation_url: op?.documentationUrl ?? 'https://docs.github.com/rest',
      status: String(status),
    });
  }

  function defaultFailureBody(status: number, op: Operation): unknown {
    const messages: Record<number, string> = {
      401: 'Bad credentials',
      403: 'Resource not accessible by integration',
      404: NOT_FOUND,
      409: 'Conflict',
      422: 'Validation Failed',
      429: 'Too Many Requests',
      500: 'Server Error',
      502: 'Server Error',
      503: 'Service Unavailable',
    };
    return error(status, messages[status] ?? `HTTP ${status}`, op).body;
  }

  const codePoints = (s: string) => [...s].length;

  /** GitHub's limits: [what to report, whether the schema already words it]. */
  function limitErrors(
    op: Operation,
    body: Record<string, unknown>,
  ): { invalid: string[]; failed: unknown[] } {
    const invalid: string[] = [];
    const failed: unknown[] = [];
    if (op.operationId === 'checks/create' || op.operationId === 'checks/update') {
      const output = body.output as Record<string, unknown> | undefined;
      const annotations = output?.annotations;
      if (Array.isArray(annotations) && annotations.length > GITHUB_API_LIMITS.annotationsPerRequest) {
        invalid.push(
          `No more than ${GITHUB_API_LIMITS.annotationsPerRequest} items are allowed; ${annotations.length} were supplied.`,
        );
      }
      for (const field of ['summary', 'text'] as const) {
        const value = output?.[field];
        if (typeof value !== 'string') continue;
        const n = codePoints(value);
        if (n > GITHUB_API_LIMITS.checkRunOutputText) {
          invalid.push(
            `Only ${GITHUB_API_LIMITS.checkRunOutputText} characters are allowed; ${n} were supplied.`,
          );
        } else if (Buffer.byteLength(value) > GITHUB_API_LIMITS.checkRunOutputText) {
          // Within the characters, over in UTF-8 bytes: GitHub then refuses it as a model error.
          failed.push({
            resource: 'CheckRun',
            code: 'custom',
            field,
            message: `${field} exceeds a maximum bytesize of ${GITHUB_API_LIMITS.checkRunOutputText}`,
          });
        }
      }
    }
    if (op.operationId === 'issues/create-comment' || op.operationId === 'issues/update-comment') {
      if (typeof body.body === 'string' && codePoints(body.body) > GITHUB_API_LIMITS.commentBody) {
        failed.push({
          resource: 'IssueComment',
          code: 'custom',
          field: 'body',
          message: `body is too long (maximum is ${GITHUB_API_LIMITS.commentBody} characters)`,
        });
      }
    }
    return { invalid, failed };
  }

  function paginate<T>(
    items: T[],
    path: string,
    query: URLSearchParams,
  ): { page: T[]; headers: Record<string, string> } {
    const perPage = Math.min(100, Math.max(1, Number(query.get('per_page') ?? 30) || 30));
    const page = Math.max(1, Number(query.get('page') ?? 1) || 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const slice = items.slice((page - 1) * perPage, page * perPage);
    if (last === 1) return { page: slice, headers: {} };
    const link = (n: number, rel: string) => {
      const q = new URLSearchParams(query);
      q.set('per_page', String(perPage));
      q.set('page', String(n));
      return `<${url}${path}?${q}>; rel="${rel}"`;
    };
    const links = [];
    if (page > 1) links.push(link(Math.min(page - 1, last), 'prev'));
    if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
    if (page > 1) links.push(link(1, 'first'));
    return { page: slice, headers: { link: links.join(', ') } };
  }

  // -------------------------------------------------------------------------------------------
  // Handlers: (op, path params, query, body) → [status, body, headers]

  type Result = [number, unknown, Record<string, string>?];
  type Params = Record<string, string | number>;

  // members: the organisation permission "Members" that team membership needs (GITHUB_TOKEN has none).
  const PERMISSION: Record<OperationId, ['checks' | 'issues' | 'pull_requests' | 'members', Permission]> = {
    'pulls/get': ['pull_requests', 'read'],
    'pulls/list-reviews': ['pull_requests', 'read'],
    'pulls/list-commits': ['pull_requests', 'read'],
    'checks/list-for-ref': ['checks', 'read'],
    'checks/create': ['checks', 'write'],
    'checks/update': ['checks', 'write'],
    'issues/list-comments': ['issues', 'read'],
    'issues/create-comment': ['issues', 'write'],
    'issues/update-comment': ['issues', 'write'],
    'issues/list-for-repo': ['issues', 'read'],
    'issues/create': ['issues', 'write'],
    'issues/update': ['issues', 'write'],
    'teams/list-members-in-org': ['members', 'read'],
  };

  function findPull(op: Operation, p: Params): Pull {
    const pull = pullAt(p.owner as string, p.repo as string, p.pull_number as number);
    if (!pull) throw error(404, NOT_FOUND, op);
    return pull;
  }

  function applyRun(run: CheckRun, body: Record<string, unknown>) {
    if (typeof body.name === 'string') run.name = body.name;
    if (typeof body.details_url === 'string') run.details_url = body.details_url;
    if (typeof body.external_id === 'string') run.external_id = body.external_id;
    if (typeof body.started_at === 'string') run.started_at = body.started_at;
    if (typeof body.status === 'string') run.status = body.status;
    // "Providing conclusion will automatically set the status parameter to completed."
    if (typeof body.conclusion === 'string') {
      run.conclusion = body.conclusion;
      run.status = 'completed';
    }
    if (typeof body.completed_at === 'string') run.completed_at = body.completed_at;
    if (run.status === 'completed') run.completed_at ??= now();
    const output = body.output as Record<string, unknown> | undefined;
    if (output) {
      if (typeof output.title === 'string') run.output.title = output.title;
      if (typeof output.summary === 'string') run.output.summary = output.summary;
      if (typeof output.text === 'string') run.output.text = output.text;
      if (Array.isArray(output.annotations)) run.annotations.push(...(output.annotations as Annotation[]));
    }
    run.requests++;
  }

  function handle(
    op: Operation,
    p: Params,
    requestPath: string,
    query: URLSearchParams,
    body: Record<string, unknown>,
  ): Result {
    const owner = p.owner as string;
    const repo = p.repo as string;
    switch (op.operationId) {
      case 'pulls/get':
        return [200, pullRequest(findPull(op, p), owner, repo)];
      case 'pulls/list-reviews': {
        const pull = findPull(op, p);
        const list = reviews.filter((r) => r.pull === pull.number && within(r, owner, repo));
        const { page, headers } = paginate(list, requestPath, query);
        return [200, page.map((r) => review(owner, repo, r)), headers];
      }
      case 'teams/list-members-in-org': {
        const members = teams.get(`${p.org}/${p.team_slug}`.toLowerCase());
        if (!members) throw error(404, NOT_FOUND, op);
        const { page, headers } = paginate(members, requestPath, query);
        return [200, page.map((login) => user(login)), headers];
      }
      case 'pulls/list-commits': {
        const pull = findPull(op, p);
        const { page, headers } = paginate(pull.commits, requestPath, query);
        return [200, page.map((c) => commit(owner, repo, c)), headers];
      }
      case 'checks/list-for-ref': {
        const ref = p.ref as string;
        let sha: string | undefined = /^[0-9a-f]{40}$/i.test(ref) ? ref.toLowerCase() : undefined;
        if (!sha) {
          const branch = ref.replace(/^(refs\/)?heads\//, '');
          for (const pull of pulls) {
            if (!within(pull, owner, repo)) continue;
            if (pull.headRef === branch) sha = pull.headSha;
            else if (pull.baseRef === branch) sha ??= pull.baseSha;
          }
        }
        if (!sha) throw error(422, `No commit found for SHA: ${ref}`, op);
        let list = [...runs.values()].filter(
          (r) => r.owner === owner && r.repo === repo && r.head_sha === sha,
        );
        const name = query.get('check_name');
        if (name !== null) list = list.filter((r) => r.name === name);
        const status = query.get('status');
        if (status !== null) list = list.filter((r) => r.status === status);
        const appId = query.get('app_id');
        if (appId !== null && Number(appId) !== tokenApp.id) list = [];
        if ((query.get('filter') ?? 'latest') === 'latest') {
          const latest = new Map<string, CheckRun>();
          for (const r of list) latest.set(r.name, r); // ids ascend: the last one is the latest
          list = [...latest.values()];
        }
        list.sort((a, b) => b.id - a.id);
        const { page, headers } = paginate(list, requestPath, query);
        return [200, { total_count: list.length, check_runs: page.map(checkRun) }, headers];
      }
      case 'checks/create': {
        const headSha = body.head_sha as string;
        const suite = `${owner}/${repo}@${headSha}`;
        if (!suiteIds.has(suite)) suiteIds.set(suite, nextSuiteId++);
        const run: CheckRun = {
          id: nextRunId++,
          owner,
          repo,
          name: body.name as string,
          head_sha: headSha,
          status: 'queued',
          conclusion: null,
          started_at: now(),
          completed_at: null,
          details_url: null,
          external_id: '',
          output: { title: null, summary: null, text: null },
          annotations: [],
          requests: 0,
        };
        requireConclusion(op, body);
        applyRun(run, body);
        runs.set(run.id, run);
        return [201, checkRun(run)];
      }
      case 'checks/update': {
        const run = runs.get(p.check_run_id as number);
        if (!run || run.owner !== owner || run.repo !== repo) throw error(404, NOT_FOUND, op);
        requireConclusion(op, body);
        applyRun(run, body);
        return [200, checkRun(run)];
      }
      case 'issues/list-comments': {
        const n = p.issue_number as number;
        if (!issueExists(owner, repo, n)) throw error(404, NOT_FOUND, op);
        const since = query.get('since');
        const list = commentsOn(owner, repo, n).filter(
          (c) => since === null || Date.parse(c.updated_at) >= Date.parse(since),
        );
        const { page, headers } = paginate(list, requestPath, query);
        return [200, page.map((c) => comment(c, owner, repo)), headers];
      }
      case 'issues/create-comment': {
        const n = p.issue_number as number;
        if (!issueExists(owner, repo, n)) throw error(404, NOT_FOUND, op);
        const at = now();
        const c: Comment = {
          id: nextCommentId++,
          owner,
          repo,
          issue: n,
          login: actor.login,
          body: body.body as string,
          author_association: actor.type === 'Bot' ? 'NONE' : 'MEMBER',
          created_at: at,
          updated_at: at,
        };
        commentsById.set(c.id, c);
        const json = comment(c, owner, repo);
        return [201, json, { location: json.url }];
      }
      case 'issues/list-for-repo': {
        const state = query.get('state') ?? 'open';
        const wanted = (query.get('labels') ?? '')
          .split(',')
          .map((l) => l.trim())
          .filter(Boolean);
        const creator = query.get('creator');
        const list = issues
          .filter(
            (i) =>
              within(i, owner, repo) &&
              (state === 'all' || i.state === state) &&
              wanted.every((l) => i.labels.includes(l)) &&
              (creator === null || i.login === creator),
          )
          // GitHub's default order: newest first.
          .sort((a, b) => b.number - a.number);
        const { page, headers } = paginate(list, requestPath, query);
        return [200, page.map((i) => issueJson(i, owner, repo)), headers];
      }
      case 'issues/create': {
        const at = now();
        const i: Issue = {
          owner,
          repo,
          number: nextNumber(owner, repo),
          id: nextIssueId++,
          login: actor.login,
          title: String(body.title),
          body: typeof body.body === 'string' ? body.body : null,
          labels: ((body.labels as (string | { name?: string })[] | undefined) ?? []).map((l) =>
            typeof l === 'string' ? l : String(l.name),
          ),
          state: 'open',
          state_reason: null,
          created_at: at,
          updated_at: at,
          closed_at: null,
        };
        issues.push(i);
        const json = issueJson(i, owner, repo);
        return [201, json, { location: json.url }];
      }
      case 'issues/update': {
        const i = issues.find((x) => x.number === p.issue_number && within(x, owner, repo));
        if (!i) throw error(404, NOT_FOUND, op);
        if (typeof body.title === 'string') i.title = body.title;
        if (typeof body.body === 'string' || body.body === null) i.body = body.body as string | null;
        if (Array.isArray(body.labels))
          i.labels = (body.labels as (string | { name?: string })[]).map((l) =>
            typeof l === 'string' ? l : String(l.name),
          );
        const at = now();
        if (body.state === 'closed' && i.state === 'open') {
          i.state = 'closed';
          i.closed_at = at;
          i.state_reason = (body.state_reason as Issue['state_reason']) ?? 'completed';
        } else if (body.state === 'open' && i.state === 'closed') {
          i.state = 'open';
          i.closed_at = null;
          i.state_reason = 'reopened';
        }
        i.updated_at = at;
        return [200, issueJson(i, owner, repo)];
      }
      case 'issues/update-comment': {
        const c = commentsById.get(p.comment_id as number);
        if (!c || !within(c, owner, repo)) throw error(404, NOT_FOUND, op);
        c.body = body.body as string;
        c.updated_at = now();
        return [200, comment(c, owner, repo)];
      }
    }
  }

  /** "conclusion: Required if you provide completed_at or a status of completed." */
  function requireConclusion(op: Operation, body: Record<string, unknown>) {
    if (body.conclusion === undefined && (body.status === 'completed' || body.completed_at !== undefined)) {
      if (op.operationId === 'checks/create' || body.status === 'completed') {
        throw error(422, 'Invalid request.\n\n"conclusion" wasn\'t supplied.', op);
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // The server

  function checkResponse(op: Operation | undefined, status: number, body: unknown) {
    if (!op) return;
    const schema = op.responses[String(status)]?.schema;
    if (!schema) return;
    const v = validator(`${op.operationId} response ${status}`, schema);
    if (!v(body)) {
      for (const e of v.errors ?? [])
        violations.push(`${op.operationId} response ${status}: ${describeError(e)}`);
    }
  }

  /** Validates the request against the spec; returns the typed path parameters, or throws. */
  function checkRequest(
    op: Operation,
    raw: Record<string, string>,
    query: URLSearchParams,
    body: unknown,
  ): Params {
    const id = op.operationId;
    const params: Params = {};
    for (const param of op.parameters.filter((x) => x.in === 'path')) {
      const value = coerce(decodeURIComponent(raw[param.name] ?? ''), param.schema);
      const v = validator(`${id} path ${param.name}`, param.schema);
      if (!v(value)) {
        violations.push(
          `${id} request: path parameter ${param.name}=${JSON.stringify(value)} ${v.errors?.[0]?.message}`,
        );
        throw error(404, NOT_FOUND, op);
      }
      params[param.name] = value as string | number;
    }
    const queryErrors: string[] = [];
    for (const name of new Set(query.keys())) {
      const param = op.parameters.find((x) => x.in === 'query' && x.name === name);
      if (!param) {
        violations.push(`${id} request: unknown query parameter ${name} (GitHub ignores it)`);
        continue;
      }
      const value = coerce(query.get(name) as string, param.schema);
      const v = validator(`${id} query ${name}`, param.schema);
      if (!v(value)) {
        const message = `${name} ${v.errors?.[0]?.message}`;
        violations.push(`${id} request: query parameter ${message}`);
        queryErrors.push(
          `For '${name}', ${JSON.stringify(query.get(name))} is not valid: ${v.errors?.[0]?.message}.`,
        );
      }
    }
    for (const param of op.parameters) {
      if (param.in === 'query' && param.required && !query.has(param.name)) {
        violations.push(`${id} request: required query parameter ${param.name} missing`);
        queryErrors.push(`"${param.name}" wasn't supplied.`);
      }
    }
    if (queryErrors.length) throw error(422, `Invalid request.\n\n${queryErrors.join('\n')}`, op);

    if (!op.requestBody) return params;
    if (body === undefined && !op.requestBody.required) return params;
    const data = body ?? {};
    const v = validator(`${id} request`, op.requestBody.schema);
    const valid = v(data);
    const limits =
      typeof data === 'object' && data !== null ? limitErrors(op, data as Record<string, unknown>) : null;
    // The limits that the schema also states (maxItems, maxLength) are reported once, as limits.
    const schemaErrors = (v.errors ?? []).filter(
      (e) => !(limits?.invalid.length && (e.keyword === 'maxItems' || e.keyword === 'maxLength')),
    );
    for (const e of schemaErrors) violations.push(`${id} request: ${describeError(e)}`);
    for (const line of limits?.invalid ?? []) violations.push(`${id} request: GitHub limit: ${line}`);
    for (const f of limits?.failed ?? []) {
      violations.push(`${id} request: GitHub limit: ${(f as { message: string }).message}`);
    }
    if (!valid || limits?.invalid.length) {
      const message = githubSchemaMessage(schemaErrors, data);
      const lines = [...(limits?.invalid ?? []), ...message.split('\n').slice(2)].filter(Boolean);
      throw error(422, `Invalid request.\n\n${[...new Set(lines)].join('\n')}`, op);
    }
    if (limits?.failed.length) throw error(422, 'Validation Failed', op, limits.failed);
    // Valid, but with properties the spec does not list: GitHub ignores them, which hides typos.
    const closed = validator(`${id} request closed`, op.requestBody.schema, true);
    if (!closed(data)) {
      for (const e of closed.errors ?? []) {
        if (e.keyword === 'additionalProperties') {
          violations.push(`${id} request: ${describeError(e)} (not in the spec; GitHub ignores it)`);
        }
      }
    }
    return params;
  }

  function checkAuth(req: IncomingMessage) {
    const auth = req.headers.authorization;
    if (!auth) throw error(401, 'Requires authentication');
    const token = auth.replace(/^(token|bearer)\s+/i, '');
    if (options.token !== undefined && token !== options.token) throw error(401, 'Bad credentials');
  }

  function takeFailure(op: Operation, method: string) {
    const i = failures.findIndex(
      (f) => (f.route ?? f.operation) === op.operationId && (!f.method || f.method.toUpperCase() === method),
    );
    if (i < 0) return undefined;
    const f = failures[i] as Failure & { times: number };
    f.times--;
    if (f.times <= 0) failures.splice(i, 1);
    return f;
  }

  async function serve(req: IncomingMessage, res: ServerResponse) {
    const method = (req.method ?? 'GET').toUpperCase();
    const parsed = new URL(req.url ?? '/', url);
    const query = parsed.searchParams;
    const entry: LoggedRequest = {
      method,
      path: parsed.pathname,
      query: Object.fromEntries(query),
      status: 0,
    };
    requests.push(entry);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');

    let op: Operation | undefined;
    let status: number;
    let responseBody: unknown;
    let headers: Record<string, string> = {};
    try {
      let body: unknown;
      if (text.length) {
        try {
          body = JSON.parse(text);
          entry.body = body;
        } catch {
          throw error(400, 'Problems parsing JSON');
        }
      }
      checkAuth(req);
      let raw: Record<string, string> = {};
      for (const route of routes()) {
        const m = route.pattern.exec(parsed.pathname);
        if (m && route.op.method === method) {
          op = route.op;
          raw = Object.fromEntries(route.names.map((name, i) => [name, m[i + 1] as string]));
          break;
        }
      }
      if (!op) {
        violations.push(
          `unknown route: ${method} ${parsed.pathname} (not one of the operations the fake serves)`,
        );
        throw error(404, NOT_FOUND);
      }
      entry.operationId = op.operationId;
      used++;
      if (used > rateLimit) {
        throw new HttpError(
          403,
          {
            message: 'API rate limit exceeded for installation ID 1.',
            documentation_url:
              'https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting',
            status: '403',
          },
          { 'x-ratelimit-remaining': '0' },
        );
      }
      const params = checkRequest(op, raw, query, body);
      const failure = takeFailure(op, method);
      if (failure?.hang) return; // logged with status 0: no answer was sent
      if (failure) {
        throw new HttpError(
          failure.status,
          failure.body === undefined ? defaultFailureBody(failure.status, op) : failure.body,
          failure.headers ?? {},
        );
      }
      const [area, needed] = PERMISSION[op.operationId];
      const granted = options.permissions?.[area] ?? 'write';
      if (granted === 'none' || (needed === 'write' && granted === 'read')) {
        throw error(
          granted === 'none' ? 404 : 403,
          granted === 'none' ? NOT_FOUND : 'Resource not accessible by integration',
          op,
        );
      }
      [status, responseBody, headers = {}] = handle(
        op,
        params,
        parsed.pathname,
        query,
        (body ?? {}) as Record<string, unknown>,
      );
    } catch (e) {
      if (!(e instanceof HttpError)) throw e;
      status = e.status;
      responseBody = e.body;
      headers = e.headers;
    }
    checkResponse(op, status, responseBody);
    entry.status = status;
    entry.response = responseBody;
    const payload = responseBody === undefined ? '' : JSON.stringify(responseBody);
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'x-github-api-version-selected': '2022-11-28',
      'x-github-media-type': 'github.v3; format=json',
      'x-github-request-id': `FA4E:${requests.length.toString(16).toUpperCase()}`,
      'x-ratelimit-limit': String(rateLimit),
      'x-ratelimit-remaining': String(Math.max(0, rateLimit - used)),
      'x-ratelimit-reset': String(rateReset),
      'x-ratelimit-used': String(Math.min(used, rateLimit)),
      'x-ratelimit-resource': 'core',
      ...headers,
    });
    res.end(payload);
  }

  const server = createServer((req, res) => {
    serve(req, res).catch((e: unknown) => {
      violations.push(`fake GitHub failed: ${e instanceof Error ? e.stack : String(e)}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ message: 'Server Error' }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  /** A seed's repository: its own, else the options', else any (undefined). */
  const whereOf = (w?: Where): Where => ({
    ...((w?.owner ?? options.owner) !== undefined ? { owner: w?.owner ?? options.owner } : {}),
    ...((w?.repo ?? options.repo) !== undefined ? { repo: w?.repo ?? options.repo } : {}),
  });
  /** For the accessors: whether `obj` may be in the repository `w` names (all, when it names none). */
  const inWhere = (obj: Where, w?: Where) =>
    (w?.owner === undefined || obj.owner === undefined || obj.owner === w.owner) &&
    (w?.repo === undefined || obj.repo === undefined || obj.repo === w.repo);

  function seedIssue(seed: IssueSeed): Issue {
    const at = seed.created_at ?? now();
    const login = seed.login ?? actor.login;
    userId(login);
    const i: Issue = {
      ...whereOf(seed),
      number: seed.number ?? Math.max(0, ...pulls.map((p) => p.number), ...issues.map((x) => x.number)) + 1,
      id: nextIssueId++,
      login,
      title: seed.title ?? 'An issue',
      body: seed.body === undefined ? null : seed.body,
      labels: seed.labels ?? [],
      state: seed.state ?? 'open',
      state_reason: seed.state === 'closed' ? 'completed' : null,
      created_at: at,
      updated_at: at,
      closed_at: seed.state === 'closed' ? at : null,
    };
    issues.push(i);
    return i;
  }

  return {
    url,
    requests,
    violations,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
    addTeam(org, slug, members) {
      teams.set(`${org}/${slug}`.toLowerCase(), [...members]);
    },
    addPull(seed) {
      const at = now();
      const pull: Pull = {
        ...whereOf(seed),
        number: seed.number,
        id: nextPullId++,
        headSha: seed.headSha,
        baseSha: seed.baseSha,
        headRef: seed.headRef ?? `feature-${seed.number}`,
        baseRef: seed.baseRef ?? 'main',
        author: seed.author ?? 'octocat',
        title: seed.title ?? `Change #${seed.number}`,
        body: seed.body === undefined ? null : seed.body,
        state: seed.state ?? 'open',
        draft: seed.draft ?? false,
        merged: seed.merged ?? false,
        fork: seed.fork ?? false,
        authorAssociation: seed.authorAssociation ?? (seed.fork ? 'CONTRIBUTOR' : 'MEMBER'),
        createdAt: seed.createdAt ?? at,
        updatedAt: at,
        commits: seed.commits ?? [
          { sha: seed.headSha, author: seed.author ?? 'octocat', committer: seed.author ?? 'octocat' },
        ],
      };
      pulls.push(pull);
      return pull;
    },
    addReview(pullNumber, seed) {
      // Seeding order is free: until the pull request is added, listing its reviews answers 404.
      const r: Review = {
        ...whereOf(seed),
        id: nextReviewId++,
        pull: pullNumber,
        login: seed.login,
        state: seed.state,
        commit_id: seed.commit_id,
        submitted_at: seed.submitted_at ?? now(),
        body: seed.body ?? '',
        author_association: seed.author_association ?? 'MEMBER',
      };
      userId(seed.login);
      reviews.push(r);
      return r;
    },
    addIssue(number, where) {
      seedIssue({ ...where, number });
    },
    seedIssue,
    issues: (where) => issues.filter((i) => inWhere(i, where)).sort((a, b) => a.number - b.number),
    addComment(issue, seed) {
      // Seeding order is free: until the issue or pull request is added, its comments answer 404.
      userId(seed.login, seed.type);
      const at = seed.created_at ?? now();
      const c: Comment = {
        ...whereOf(seed),
        id: nextCommentId++,
        issue,
        login: seed.login,
        body: seed.body,
        author_association: seed.author_association ?? 'MEMBER',
        created_at: at,
        updated_at: at,
      };
      commentsById.set(c.id, c);
      return c;
    },
    failNext(failure) {
      const route = failure.route ?? failure.operation;
      if (!route || !(route in operations().operations) || (failure.route && failure.operation)) {
        throw new Error(`failNext: give one known operationId, as route or operation (got ${route})`);
      }
      failures.push({ ...failure, times: failure.times ?? 1 });
    },
    pull: (number, where) => pulls.findLast((p) => p.number === number && inWhere(p, where)),
    reviews: (number, where) => reviews.filter((r) => r.pull === number && inWhere(r, where)),
    checkRuns: () => [...runs.values()],
    annotations: (id) => [...(runs.get(id)?.annotations ?? [])],
    comments: (issue, where) =>
      [...commentsById.values()].filter((c) => c.issue === issue && inWhere(c, where)),
  };
}

/** Ready-made failures GitHub really answers with. */
export const faults = {
  serverError: (route: OperationId, times = 1): Failure => ({ route, status: 500, times }),
  /** A request that never gets an answer (a stalled connection); `status` is never sent. */
  noAnswer: (route: OperationId, times = 1): Failure => ({ route, status: 0, times, hang: true }),
  /** A token without the permission (a fork's read-only GITHUB_TOKEN). */
  notAccessible: (route: OperationId, times = 1): Failure => ({
    route,
    status: 403,
    times,
    body: {
      message: 'Resource not accessible by integration',
      documentation_url: 'https://docs.github.com/rest',
      status: '403',
    },
  }),
  /** A secondary rate limit: 403 with retry-after, as Octokit's throttling plugin recognises it. */
  secondaryRateLimit: (route: OperationId, times = 1, retryAfterSeconds = 1): Failure => ({
    route,
    status: 403,
    times,
    headers: { 'retry-after': String(retryAfterSeconds) },
    body: {
      message:
        'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID FA4E:1.',
      documentation_url:
        'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
      status: '403',
    },
  }),
};
