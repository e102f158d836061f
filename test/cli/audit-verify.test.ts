// `coe audit --verify` as a process, on a real repository, against the loopback GitHub: each
// approval and waiver record is verified, contradicted (each way GitHub can contradict it) or
// unverifiable (each way nobody can tell), exactly.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { beforeEach, describe, expect, test } from 'vitest';
import { addAnnotationKeywords } from '../../engine/core/schema/compile.ts';
import type { FakeGitHub } from '../github/fake-github.ts';
import { runProcess, useFakeGitHub } from '../helpers/action.ts';
import { commitAll, git, gitRepo, write } from '../helpers/git.ts';
import { COE_BIN, REPO_ROOT } from '../helpers/repo.ts';

const OWNER = 'northwind';
const REPO = 'ai-portfolio';
const FILE = 'usecases/customer-support/support-reply-drafting.yaml';
const SAMPLE = readFileSync(join(REPO_ROOT, FILE), 'utf8');
/** A commit no clone has. */
const ABSENT = 'deadbeefdeadbeefdeadbeefdeadbeefdeadbeef';

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
addAnnotationKeywords(ajv);
// Its problems are the check report's, which refers to the manifest's and the gate report's schemas.
for (const name of ['usecase', 'gate-report', 'check-report'])
  ajv.addSchema(JSON.parse(readFileSync(join(REPO_ROOT, `engine/schema/${name}.schema.json`), 'utf8')));
const validateReport = ajv.compile(
  JSON.parse(readFileSync(join(REPO_ROOT, 'engine/schema/audit-verify.schema.json'), 'utf8')),
);

const github = useFakeGitHub();
let fake: FakeGitHub;
beforeEach(() => {
  fake = github();
});

const approval = (login: string, pr: number) =>
  `      - { stage: production, role: security-lead, login: "@${login}", date: 2026-11-20, pr: ${pr} }\n`;
const WAIVER = `    waivers:
      - rule: release-gates.adversarial-testing
        reason: Red-team exercise booked for January.
        stage: production
        expires: 2027-01-31
        approver: "@alice"
        granted: 2026-11-20
        pr: 101
`;

/** The sample with `records` as its whole approval list (and a waiver by alice in #101). */
const manifest = (records: string, waiver = '') =>
  SAMPLE.replace(/ {4}approvals:\n[\s\S]*?(?= {4}value:\n)/, `    approvals:\n${records}${waiver}`);

interface History {
  root: string;
  /** The branch's first commit (without the last record) and its second (with it). */
  first: string;
  second: string;
}

/** main, a branch adding the manifest in two commits (the last record comes second), merged into main. */
function history(records: string[], waiver = ''): History {
  const root = gitRepo({});
  git(root, 'checkout', '-q', '-b', 'proposal');
  write(root, FILE, manifest(records.slice(0, -1).join(''), waiver));
  commitAll(root, 'proposal without the last record');
  const first = git(root, 'rev-parse', 'HEAD').trim();
  write(root, FILE, manifest(records.join(''), waiver));
  commitAll(root, 'the last record');
  const second = git(root, 'rev-parse', 'HEAD').trim();
  git(root, 'checkout', '-q', 'main');
  git(root, 'merge', '-q', '--no-ff', '-m', 'Merge pull request #101 from northwind/proposal', 'proposal');
  return { root, first, second };
}

/** A merged pull request into main whose commits are the branch's. */
function merged(
  h: History,
  number: number,
  o: { author?: string; baseRef?: string; merged?: boolean; commits?: string[] } = {},
) {
  const commits = o.commits ?? [h.first, h.second];
  fake.addPull({
    number,
    owner: OWNER,
    repo: REPO,
    headSha: commits.at(-1) as string,
    baseSha: h.first,
    baseRef: o.baseRef ?? 'main',
    author: o.author ?? 'jdelacroix',
    state: 'closed',
    merged: o.merged ?? true,
    commits: commits.map((sha) => ({
      sha,
      author: o.author ?? 'jdelacroix',
      committer: o.author ?? 'jdelacroix',
    })),
  });
}

function review(
  number: number,
  login: string,
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED',
  sha: string,
  at: string,
) {
  fake.addReview(number, { owner: OWNER, repo: REPO, login, state, commit_id: sha, submitted_at: at });
}

async function verify(
  root: string,
  args: string[] = [],
  env: Record<string, string> = { GITHUB_TOKEN: 'ghs_test' },
) {
  const { GITHUB_TOKEN: _t, GH_TOKEN: _g, GITHUB_REPOSITORY: _r, GITHUB_API_URL: _u, ...rest } = process.env;
  return runProcess(
    process.execPath,
    [COE_BIN, 'audit', '--verify', '--repo', `${OWNER}/${REPO}`, '--api-url', fake.url, ...args],
    { cwd: root, env: { ...rest, NO_COLOR: '1', ...env } },
  );
}

interface Row {
  status: string;
  reason: string;
  kind: string;
  login: string;
  pr: number;
  line: number;
}

const rows = (stdout: string) => (JSON.parse(stdout) as { records: Row[] }).records;

describe('coe audit --verify', () => {
  test('each outcome, exactly', async () => {
    const records = [
      approval('alice', 101), // verified (her review is by ALICE: logins ignore case)
      approval('bob', 102), // no review by bob
      approval('carol', 103), // approved, then asked for changes
      approval('dave', 104), // dismissed
      approval('frank', 106), // approved a commit that is not one of the pull request's
      approval('grace', 107), // opened the pull request herself
      approval('heidi', 108), // never merged
      approval('ivan', 109), // merged into another branch
      approval('judy', 110), // no such pull request
      approval('mallory', 111), // approved a commit the clone does not have
      approval('erin', 105), // approved the commit before this record was written
    ];
    const h = history(records, WAIVER);
    merged(h, 101);
    review(101, 'ALICE', 'APPROVED', h.second, '2026-11-20T10:00:00Z');
    review(101, 'alice', 'COMMENTED', h.second, '2026-11-20T11:00:00Z');
    merged(h, 102);
    review(102, 'someone-else', 'APPROVED', h.second, '2026-11-20T10:00:00Z');
    merged(h, 103);
    review(103, 'carol', 'APPROVED', h.second, '2026-11-20T10:00:00Z');
    review(103, 'carol', 'CHANGES_REQUESTED', h.second, '2026-11-20T12:00:00Z');
    merged(h, 104);
    review(104, 'dave', 'DISMISSED', h.second, '2026-11-20T10:00:00Z');
    merged(h, 105);
    review(105, 'erin', 'APPROVED', h.first, '2026-11-20T10:00:00Z');
    merged(h, 106, { commits: [h.first] });
    review(106, 'frank', 'APPROVED', h.second, '2026-11-20T10:00:00Z');
    merged(h, 107, { author: 'grace' });
    review(107, 'grace', 'APPROVED', h.second, '2026-11-20T10:00:00Z');
    merged(h, 108, { merged: false });
    review(108, 'heidi', 'APPROVED', h.second, '2026-11-20T10:00:00Z');
    merged(h, 109, { baseRef: 'release' });
    review(109, 'ivan', 'APPROVED', h.second, '2026-11-20T10:00:00Z');
    merged(h, 111, { commits: [h.first, ABSENT] });
    review(111, 'mallory', 'APPROVED', ABSENT, '2026-11-20T10:00:00Z');

    const run = await verify(h.root, ['--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const json = JSON.parse(run.stdout);
    expect(validateReport(json), JSON.stringify(validateReport.errors)).toBe(true);
    expect(json.summary).toEqual({ verified: 2, contradicted: 8, unverifiable: 2, exitCode: 1 });
    const got = rows(run.stdout).map((r) => [r.kind, r.login, r.status, r.reason]);
    const s1 = h.second.slice(0, 7);
    expect(got).toEqual([
      ['approval', '@alice', 'verified', `@alice approved ${s1} of pull request #101 on 2026-11-20`],
      ['approval', '@bob', 'contradicted', '@bob has no approving review on pull request #102'],
      ['approval', '@carol', 'contradicted', "@carol's latest review on pull request #103 asks for changes"],
      ['approval', '@dave', 'contradicted', "@dave's review on pull request #104 was dismissed"],
      [
        'approval',
        '@frank',
        'contradicted',
        `@frank approved ${s1}, which is not a commit of pull request #106`,
      ],
      ['approval', '@grace', 'contradicted', '@grace opened pull request #107, so cannot approve it'],
      ['approval', '@heidi', 'contradicted', 'pull request #108 is not merged'],
      [
        'approval',
        '@ivan',
        'contradicted',
        'pull request #109 merged into release, not the default branch main',
      ],
      ['approval', '@judy', 'unverifiable', `pull request #110 was not found in ${OWNER}/${REPO}`],
      [
        'approval',
        '@mallory',
        'unverifiable',
        "@mallory approved deadbee, which is not in the local clone (fetch the pull requests' commits: git fetch origin '+refs/pull/*/head:refs/remotes/origin/pull/*')",
      ],
      [
        'approval',
        '@erin',
        'contradicted',
        `@erin approved ${h.first.slice(0, 7)}, whose manifest does not hold this record`,
      ],
      ['waiver', '@alice', 'verified', `@alice approved ${s1} of pull request #101 on 2026-11-20`],
    ]);
    // Lines point at each record in the file.
    const text = readFileSync(join(h.root, FILE), 'utf8').split('\n');
    expect(text[(rows(run.stdout)[1]?.line as number) - 1]).toContain('login: "@bob"');
    // One fetch per pull request: #101 is named twice and read once.
    const reads = fake.requests.filter((r) => r.operationId === 'pulls/get').map((r) => r.path);
    expect(reads.filter((p) => p.endsWith('/pulls/101'))).toHaveLength(1);
    expect(reads).toHaveLength(11);
  });

  test('every record verified: exit 0, and the text report says so', async () => {
    const h = history([approval('alice', 101)], WAIVER);
    merged(h, 101);
    review(101, 'alice', 'APPROVED', h.first, '2026-11-20T09:00:00Z');
    review(101, 'alice', 'APPROVED', h.second, '2026-11-20T10:00:00Z');
    const run = await verify(h.root);
    expect(run.status).toBe(0);
    const head = git(h.root, 'rev-parse', '--short=7', 'HEAD').trim();
    expect(run.stdout).toContain(
      `✔ verified     ${FILE}:${lineOf(h.root, 'login: "@alice"')}  approval production/security-lead by @alice (#101): @alice approved ${h.second.slice(0, 7)} of pull request #101 on 2026-11-20`,
    );
    expect(run.stdout.trim().split('\n').at(-1)).toBe(
      `✔ 2 records at ${head}: 2 verified, 0 contradicted, 0 unverifiable`,
    );
  });

  test('a use case moved to another domain since the review is found at the reviewed commit by its id', async () => {
    const h = history([approval('alice', 101)]);
    merged(h, 101);
    review(101, 'alice', 'APPROVED', h.second, '2026-11-20T10:00:00Z');
    const moved = 'usecases/claims/support-reply-drafting.yaml';
    write(
      h.root,
      moved,
      readFileSync(join(h.root, FILE), 'utf8').replace('domain: customer-support', 'domain: claims'),
    );
    git(h.root, 'rm', '-q', FILE);
    commitAll(h.root, 'Move to claims (#120)');
    const run = await verify(h.root, ['--format', 'json']);
    expect(run.status).toBe(0);
    expect(rows(run.stdout).map((r) => [r.status, r.reason])).toEqual([
      ['verified', `@alice approved ${h.second.slice(0, 7)} of pull request #101 on 2026-11-20`],
    ]);
  });

  test('without a token every record is unverifiable, and the run fails closed', async () => {
    const h = history([approval('alice', 101)]);
    const run = await verify(h.root, [], {});
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('? unverifiable usecases/customer-support/support-reply-drafting.yaml');
    expect(run.stdout).toContain('no token: set GITHUB_TOKEN (or GH_TOKEN) to read the reviews');
    expect(run.stdout).toContain('(an unverifiable record fails the run: nothing confirms it)');
    expect(fake.requests).toEqual([]);
  });

  test('an API that cannot be reached leaves every record unverifiable, asking once per retry', async () => {
    const h = history([approval('alice', 101), approval('bob', 102)]);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const {
      GITHUB_TOKEN: _t,
      GH_TOKEN: _g,
      GITHUB_REPOSITORY: _r,
      GITHUB_API_URL: _u,
      ...rest
    } = process.env;
    const run = await runProcess(
      process.execPath,
      [COE_BIN, 'audit', '--verify', '--format', 'json', '--api-timeout', '1'],
      {
        cwd: h.root,
        env: {
          ...rest,
          GH_TOKEN: 'ghp_test',
          GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
          GITHUB_API_URL: `http://127.0.0.1:${port}`,
        },
      },
    );
    expect(run.status).toBe(1);
    const got = rows(run.stdout);
    expect(got.map((r) => r.status)).toEqual(['unverifiable', 'unverifiable']);
    for (const r of got)
      expect(r.reason).toMatch(
        new RegExp(
          `^pull request #10[12] could not be read: the GitHub API could not be reached at http://127\\.0\\.0\\.1:${port} \\(GITHUB_API_URL\\): .*; tried 4 times, waiting up to 1 s each time$`,
        ),
      );
  }, 60_000);

  test('usage: history filters or csv with --verify, an API option without it, a bad --repo, a ref that is not a commit', async () => {
    const h = history([approval('alice', 101)]);
    const filtered = await verify(h.root, ['claims-intake-bot']);
    expect(filtered.status).toBe(2);
    expect(filtered.stderr).toBe(
      'coe: coe audit --verify checks every record at --ref: leave out the ids and --since\n',
    );
    const csv = await verify(h.root, ['--format', 'csv']);
    expect(csv.stderr).toBe('coe: coe audit --verify: --format is text or json\n');
    const bare = await runProcess(process.execPath, [COE_BIN, 'audit', '--repo', 'a/b'], {
      cwd: h.root,
      env: process.env,
    });
    expect(bare.status).toBe(2);
    expect(bare.stderr).toBe('coe: --repo goes with --verify\n');
    const repo = await verify(h.root, ['--repo', 'not a repo']);
    expect(repo.status).toBe(2);
    expect(repo.stderr).toBe('coe: --repo not a repo: write the repository as owner/name\n');
    const ref = await verify(h.root, ['--ref', 'no-such-branch']);
    expect(ref.status).toBe(2);
    expect(ref.stderr).toMatch(/^coe: no-such-branch is not a commit in /);
  });
});

function lineOf(root: string, text: string): number {
  return (
    readFileSync(join(root, FILE), 'utf8')
      .split('\n')
      .findIndex((l) => l.includes(text)) + 1
  );
}
