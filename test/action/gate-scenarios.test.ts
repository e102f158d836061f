// The Action end to end: the committed bundle as a process, a real git repository, GitHub's
// published webhook payloads, and a loopback server that answers like the REST API and checks
// every request and response against GitHub's OpenAPI description.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { COLUMNS, type Row, renderImported, rowToManifest } from '../../engine/core/inventory/omb.ts';
import { COMMENT_MARKER } from '../../engine/report/gate-markdown.ts';
import {
  mergeGroupEvent,
  pullRequestEvent,
  pullRequestReviewEvent,
  workflowRunEvent,
} from '../github/events.ts';
import { type FakeGitHub, faults, startFakeGitHub } from '../github/fake-github.ts';
import { runAction } from '../helpers/action.ts';
import { edit, git, write } from '../helpers/git.ts';
import { headings, readable } from '../helpers/markdown.ts';
import { type Change, change, OWNER, PR, REPO, sample, useScenario } from '../helpers/scenario.ts';

const PROPOSAL = 'usecases/customer-support/policy-wording-qa-copilot.yaml';
const ROUTING = 'usecases/it/it-ticket-auto-routing.yaml';

const scenario = useScenario();
let fake: FakeGitHub;
beforeEach(() => {
  fake = scenario.fake();
});

/** A new intake use case, the sample whose record names @fvogel (coe-maintainer) on PR 497. */
const proposal = () => change({}, (root) => write(root, PROPOSAL, sample(PROPOSAL)));
const openPr = (c: Change, author = 'jdelacroix') => scenario.open(c, { author });
const gate = scenario.gate;
const approve = scenario.approve;

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('a pull request proposing a use case', () => {
  test('passes when the role holder named in the manifest approves the head commit', async () => {
    const c = proposal();
    const event = openPr(c);
    approve('fvogel', c.headSha);
    const run = await gate(c, event);
    expect(run.status, run.stdout).toBe(0);
    const [check] = fake.checkRuns();
    expect(fake.checkRuns()).toHaveLength(1);
    expect(check).toMatchObject({ name: 'CoE Gate', head_sha: c.headSha, conclusion: 'success' });
    const comments = fake.comments(PR);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body.startsWith(COMMENT_MARKER)).toBe(true);
    expect(comments[0]?.body).toContain('policy-wording-qa-copilot');
    expect(readable(comments[0]?.body ?? '')).toContain('✅ @fvogel');
    expect(run.summary).toContain('Ready to merge');
    expect(run.outputs.conclusion).toBe('success');
    // Reviews, the check run, the comment lookup and the comment: nothing more.
    expect(fake.requests.length).toBeLessThanOrEqual(8);
  });

  test('without records yet: the comment names the holder who approved and the lines to add; pushed as told, the gate passes', async () => {
    const bare = sample(PROPOSAL).replace(/\n {4}approvals:\n(?: {6,}.*\n)+$/, '\n');
    expect(bare).not.toContain('approvals:');
    const c = change({}, (root) => write(root, PROPOSAL, bare));
    const event = openPr(c);
    approve('bchen', c.headSha);
    expect((await gate(c, event)).status).toBe(1);
    const body = readable(fake.comments(PR)[0]?.body ?? '');
    expect(body).toMatch(/\| coe-maintainer \| ⏳ @bchen approved: record it below \|/);
    expect(body).toMatch(/\| ⏳ awaiting approvals \|/);
    expect(body).toContain('(it has no `approvals:` yet)');
    const block = /```yaml\n([\s\S]*?)\n```/.exec(body)?.[1] ?? '';
    const lines = block.split('\n');
    expect(lines[0]).toBe('    approvals:');
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^ {6}- \\{ stage: intake, role: coe-maintainer, login: "@bchen", date: \\d{4}-\\d{2}-\\d{2}, pr: ${PR} \\}$`,
        ),
      ),
    ]);

    // Pasted as told and pushed: @bchen's review of the content before the records still stands.
    writeFileSync(join(c.root, PROPOSAL), `${bare}${block}\n`);
    git(c.root, 'commit', '-qam', 'record the approval');
    const head = git(c.root, 'rev-parse', 'HEAD').trim();
    const pull = fake.pull(PR);
    if (!pull) throw new Error('no pull request');
    pull.headSha = head;
    pull.commits.push({ sha: head, author: 'jdelacroix', committer: 'jdelacroix' });
    const pushed = await gate(
      { ...c, headSha: head, commits: [...c.commits, head] },
      pullRequestEvent('synchronize', {
        owner: OWNER,
        repo: REPO,
        number: PR,
        headSha: head,
        baseSha: c.baseSha,
        baseRef: 'main',
        author: 'jdelacroix',
        createdAt: '2026-11-20T09:00:00Z',
      }),
    );
    expect(pushed.status, pushed.stdout).toBe(0);
    expect(fake.checkRuns().at(-1)?.conclusion).toBe('success');
  });

  test('an approval by someone without the role is ignored', async () => {
    const c = proposal();
    const event = openPr(c);
    approve('mallory', c.headSha);
    const run = await gate(c, event);
    expect(run.status).toBe(1);
    const [check] = fake.checkRuns();
    expect(check?.conclusion).toBe('failure');
    const body = readable(fake.comments(PR)[0]?.body ?? '');
    expect(body).toContain(`@fvogel has not approved pull request #${PR}`);
    expect(body).toMatch(/coe-maintainer \| ⏳ needed \| @bchen, @fvogel/);
    // The unbacked record is annotated on its own line.
    const text = sample(PROPOSAL);
    const notes = fake.annotations(check?.id as number);
    expect(notes).toContainEqual(
      expect.objectContaining({
        path: PROPOSAL,
        start_line: lineOf(text, '- stage: intake'),
        annotation_level: 'failure',
      }),
    );
  });

  test("the author's own approval never counts", async () => {
    const c = proposal();
    const event = openPr(c, 'fvogel');
    approve('fvogel', c.headSha);
    const run = await gate(c, event);
    expect(run.status).toBe(1);
    expect(readable(fake.comments(PR)[0]?.body ?? '')).toContain(
      `@fvogel opened pull request #${PR}, so cannot approve it`,
    );
  });

  test('an approval given before the last push does not count', async () => {
    const c = proposal();
    const event = openPr(c);
    approve('fvogel', c.baseSha);
    const run = await gate(c, event);
    expect(run.status).toBe(1);
    expect(fake.comments(PR)[0]?.body).toContain('@fvogel approved an earlier commit');
  });

  test('a later request for changes by a role holder blocks', async () => {
    const c = proposal();
    fake.addReview(PR, {
      login: 'fvogel',
      state: 'APPROVED',
      commit_id: c.headSha,
      submitted_at: '2026-11-24T09:00:00Z',
    });
    fake.addReview(PR, {
      login: 'ekovacs',
      state: 'CHANGES_REQUESTED',
      commit_id: c.headSha,
      submitted_at: '2026-11-24T10:00:00Z',
    });
    scenario.open(c);
    const event = pullRequestReviewEvent('submitted', {
      owner: OWNER,
      repo: REPO,
      number: PR,
      headSha: c.headSha,
      baseSha: c.baseSha,
      baseRef: 'main',
      author: 'jdelacroix',
      review: { login: 'ekovacs', state: 'changes_requested' },
    });
    const run = await gate(c, event, 'pull_request_review');
    expect(run.status).toBe(1);
    expect(fake.checkRuns()[0]?.conclusion).toBe('failure');
    expect(fake.comments(PR)[0]?.body).toContain('@ekovacs (security-lead) requested changes');
  });

  test('a re-run updates the same comment and posts the verdict under the same check name', async () => {
    const c = proposal();
    const event = openPr(c);
    await gate(c, event);
    approve('fvogel', c.headSha);
    const second = await gate(c, event);
    expect(second.status).toBe(0);
    const comments = fake.comments(PR);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain('Ready to merge');
    expect(fake.checkRuns().map((r) => [r.name, r.conclusion])).toEqual([
      ['CoE Gate', 'failure'],
      ['CoE Gate', 'success'],
    ]);
  });
});

describe('a pull request importing the federal inventory', () => {
  /** One deployed row, imported as coe import omb writes it, with the import roles' records on PR. */
  const imported = () => {
    const row = Object.fromEntries(COLUMNS.map((c) => [c, ''])) as Row;
    Object.assign(row, {
      agency: 'DHS',
      id: 'DHS-100',
      use_case_name: 'Port of entry face matching',
      development_stage: 'Deployed',
    });
    const identity = { id: 'dhs-100', origin: 'kept' as const };
    const approvers = [
      { role: 'coe-lead', login: '@mtanaka', date: '2026-11-21', pr: PR },
      { role: 'coe-maintainer', login: '@fvogel', date: '2026-11-21', pr: PR },
    ];
    const text = renderImported(
      rowToManifest(row, { year: 2025, line: 2, identity, created: '2026-11-21', approvers }),
    );
    return change({}, (root) => write(root, 'usecases/dhs/dhs-100.yaml', text));
  };

  test('needs the import roles at the stage it arrives at, verified by their reviews, not every stage up to it', async () => {
    const c = imported();
    const event = openPr(c);
    approve('mtanaka', c.headSha);
    approve('fvogel', c.headSha);
    await gate(c, event);
    const body = readable(fake.comments(PR)[0]?.body ?? '');
    expect(body).toMatch(/coe-lead \| ✅ @mtanaka/);
    expect(body).toMatch(/coe-maintainer \| ✅ @fvogel/);
    expect(body).toContain('imported at production: the baseline');
    // The rules still judge its content (its TODOs), but no stage before production asks for anyone.
    expect(body).not.toMatch(/\b(intake|discovery|prototype|mvp|pilot)\b.*⏳/);
  });
});

describe('what a pull request writes is shown, never obeyed', () => {
  test('a lone CR in a title cannot fake a "Ready to merge" heading', async () => {
    const c = change({}, (root) =>
      write(
        root,
        PROPOSAL,
        sample(PROPOSAL).replace(
          /^ {2}title: .*$/m,
          '  title: "Policy wording\\r### ✅ CoE Gate: Ready to merge"',
        ),
      ),
    );
    const run = await gate(c, openPr(c));
    expect(run.status).toBe(1);
    const posted = {
      comment: fake.comments(PR)[0]?.body ?? '',
      summary: fake.checkRuns()[0]?.output.summary ?? '',
      job: run.summary,
    };
    for (const [where, markdown] of Object.entries(posted)) {
      expect(markdown, where).not.toContain('\r');
      expect(headings(markdown)[0], where).toMatch(/^❌ CoE Gate: Blocked/);
      expect(
        headings(markdown).filter((h) => h.includes('Ready to merge')),
        where,
      ).toEqual([]);
      expect(markdown, where).toContain('Policy wording \\#\\#\\# ✅ CoE Gate: Ready to merge |');
    }
  });
});

describe('the sticky comment is the one the gate wrote', () => {
  test("another bot's comment that starts with the marker is never edited; the gate keeps its own", async () => {
    const c = proposal();
    approve('fvogel', c.headSha);
    const event = openPr(c);
    const other = fake.addComment(PR, {
      login: 'helper-bot[bot]',
      type: 'Bot',
      body: `${COMMENT_MARKER}\n### ✅ CoE Gate: Ready to merge`,
    });
    await gate(c, event);
    const second = await gate(c, event);
    expect(second.status).toBe(0);
    const [theirs, ours] = fake.comments(PR);
    expect(fake.comments(PR)).toHaveLength(2);
    expect(theirs).toMatchObject({
      login: 'helper-bot[bot]',
      body: other.body,
      updated_at: other.updated_at,
    });
    expect(ours?.login).toBe('github-actions[bot]');
    const writes = fake.requests.filter((r) => r.operationId?.endsWith('-comment'));
    expect(writes.map((r) => [r.operationId, r.path.split('/').pop()])).toEqual([
      ['issues/create-comment', 'comments'],
      ['issues/update-comment', String(ours?.id)],
    ]);
  });

  test("with a GitHub App's token, it is the comment of that app's bot, named by the check run", async () => {
    const app = await startFakeGitHub({ actor: { login: 'coe-gate[bot]' } });
    try {
      const c = proposal();
      const event = openPr(c);
      app.addPull({ number: PR, headSha: c.headSha, baseSha: c.baseSha, author: 'jdelacroix' });
      app.addComment(PR, { login: 'github-actions[bot]', body: `${COMMENT_MARKER}\nan earlier workflow's` });
      for (let i = 0; i < 2; i++)
        await runAction({ root: c.root, eventName: 'pull_request', payload: event, apiUrl: app.url });
      expect(app.checkRuns()).toHaveLength(2);
      expect(app.comments(PR).map((m) => [m.login, m.body.startsWith(COMMENT_MARKER)])).toEqual([
        ['github-actions[bot]', true],
        ['coe-gate[bot]', true],
      ]);
      expect(app.comments(PR)[0]?.body).toContain("an earlier workflow's");
      expect(app.requests.filter((r) => r.operationId === 'issues/update-comment')).toHaveLength(1);
      expect(app.violations).toEqual([]);
    } finally {
      await app.close();
    }
  });

  test('when the check run could not be posted, it is still found as github-actions[bot]', async () => {
    const c = proposal();
    const event = openPr(c);
    await gate(c, event);
    fake.failNext(faults.notAccessible('checks/create'));
    const run = await gate(c, event);
    expect(run.stdout).toMatch(/::warning::the check run was not posted/);
    expect(fake.comments(PR)).toHaveLength(1);
  });
});

describe('a pull request advancing a use case', () => {
  /** it-ticket-auto-routing one stage back on main, moved to pilot by the pull request. */
  const advance = (headEdit: (root: string) => void = () => {}) =>
    change({ [ROUTING]: sample(ROUTING).replace(/^ {4}stage: pilot$/m, '    stage: mvp') }, (root) => {
      write(root, ROUTING, sample(ROUTING));
      headEdit(root);
    });

  test('missing its offline evaluation fails, annotated on the suites line', async () => {
    const c = advance((root) => edit(root, ROUTING, /^ {6}- type: offline\n(?: {8}.*\n)+/m, ''));
    const event = openPr(c);
    const run = await gate(c, event);
    expect(run.status).toBe(1);
    const [check] = fake.checkRuns();
    expect(check?.conclusion).toBe('failure');
    const head = readFileSync(join(c.root, ROUTING), 'utf8');
    expect(fake.annotations(check?.id as number)).toContainEqual(
      expect.objectContaining({
        path: ROUTING,
        start_line: lineOf(head, '    suites:'),
        annotation_level: 'failure',
        title: 'release-gates.offline-evaluation (hard)',
      }),
    );
    const body = fake.comments(PR)[0]?.body ?? '';
    expect(body).toContain('mvp → pilot');
    expect(body).toContain('release-gates.offline-evaluation');
  });

  test('an edited past approval fails', async () => {
    const c = change({ [ROUTING]: sample(ROUTING) }, (root) => {
      edit(root, ROUTING, /login: "@fvogel"/, 'login: "@bchen"');
    });
    const run = await gate(c, openPr(c));
    expect(run.status).toBe(1);
    const notes = fake.annotations(fake.checkRuns()[0]?.id as number);
    expect(notes.map((n) => n.title)).toContain('lifecycle.approvals-append-only (hard)');
  });

  test('a pull request that weakens a policy is still judged by the base policy', async () => {
    const c = advance((root) => {
      edit(root, ROUTING, /^ {6}- type: offline\n(?: {8}.*\n)+/m, '');
      // Make the offline evaluation advisory in the proposed policies.
      const file = 'policies/release-gates.yaml';
      const text = readFileSync(join(root, file), 'utf8');
      const at = text.indexOf('id: release-gates.offline-evaluation');
      const level = text.indexOf('level: hard', at);
      write(root, file, `${text.slice(0, level)}level: advisory${text.slice(level + 'level: hard'.length)}`);
    });
    const run = await gate(c, openPr(c));
    expect(run.status).toBe(1);
    const notes = fake.annotations(fake.checkRuns()[0]?.id as number);
    expect(notes.map((n) => n.title)).toContain('release-gates.offline-evaluation (hard)');
    const body = fake.comments(PR)[0]?.body ?? '';
    expect(body).toContain('#### Policy change');
    expect(body).toMatch(/Needs an approving review from a coe-maintainer: @bchen, @fvogel/);
    expect(body).toContain('Impact of the proposed policies');
    expect(body).toMatch(/`release-gates.offline-evaluation` \| fail \(hard\) \| fail \(advisory\)/);
  });
});

describe('a change within a stage that the RACI watches', () => {
  const DRAFTING = 'usecases/customer-support/support-reply-drafting.yaml';
  const newPrompt = (root: string) =>
    // The declared prompt and the suites re-run on it (else the suites would not count).
    edit(root, DRAFTING, /email-reply v31/g, 'email-reply v32');

  test('a new prompt in production waits for the CoE lead and the platform architect', async () => {
    const c = change({ [DRAFTING]: sample(DRAFTING) }, newPrompt);
    const run = await gate(c, openPr(c));
    expect(run.status).toBe(1);
    const body = fake.comments(PR)[0]?.body ?? '';
    expect(body).toMatch(
      /spec\.versions changed at production \(medium tier\) \| platform-architect \| ⏳ needed \| @dlindqvist, @achen/,
    );
    expect(body).toMatch(
      /spec\.versions changed at production \(medium tier\) \| coe-lead \| ⏳ needed \| @mtanaka, @sbrennan/,
    );
    expect(body).toContain(
      '- { stage: production, role: platform-architect, login: "@dlindqvist", date: 2026-11-24, pr: 497 }',
    );
  });

  test('passes once the approval is recorded and the architect approves the head commit', async () => {
    const c = change({ [DRAFTING]: sample(DRAFTING) }, (root) => {
      newPrompt(root);
      // At the end of the approvals, which close the lifecycle section just before its value list.
      edit(
        root,
        DRAFTING,
        /\n {4}value:\n/,
        `\n      - { stage: production, role: coe-lead, login: "@sbrennan", date: 2026-11-24, pr: ${PR} }\n      - { stage: production, role: platform-architect, login: "@achen", date: 2026-11-24, pr: ${PR} }\n    value:\n`,
      );
    });
    approve('achen', c.headSha);
    approve('sbrennan', c.headSha);
    const run = await gate(c, openPr(c));
    expect(run.status, fake.comments(PR)[0]?.body).toBe(0);
    expect(readable(fake.comments(PR)[0]?.body ?? '')).toContain('| coe-lead | ✅ @sbrennan |');
    expect(readable(fake.comments(PR)[0]?.body ?? '')).toContain('| platform-architect | ✅ @achen |');
  });
});

describe('reporting within GitHub limits', () => {
  /** A new manifest with `n` unknown fields: n problems, n annotations. */
  const manyProblems = (n: number, nameLength: number) =>
    change({}, (root) => {
      const extra = Array.from({ length: n }, (_, i) => `  x${String(i).padStart(nameLength, '0')}: 1`).join(
        '\n',
      );
      write(root, PROPOSAL, `${sample(PROPOSAL)}${extra}\n`);
    });

  test('120 annotations go out in 3 requests', async () => {
    const c = manyProblems(120, 3);
    const run = await gate(c, openPr(c));
    expect(run.status).toBe(1);
    const [check] = fake.checkRuns();
    expect(fake.annotations(check?.id as number)).toHaveLength(120);
    const calls = fake.requests.filter((r) => /check-runs/.test(r.path) && r.method !== 'GET');
    expect(calls.map((r) => r.method)).toEqual(['POST', 'PATCH', 'PATCH']);
  });

  test('an oversize summary is cut with a note that points to the full report', async () => {
    const c = manyProblems(400, 200);
    const run = await gate(c, openPr(c));
    expect(run.status).toBe(1);
    const [check] = fake.checkRuns();
    const summary = check?.output.summary ?? '';
    expect(summary.length).toBeLessThanOrEqual(65_535);
    expect(summary).toMatch(/Cut here: \d+ more lines did not fit GitHub's limit/);
    expect(summary).toContain('https://github.example/northwind/ai-portfolio/actions/runs/4242');
    const body = fake.comments(PR)[0]?.body ?? '';
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body).toContain('Cut here');
    // The job summary has room for all of it.
    expect(run.summary).not.toContain('Cut here');
    expect(fake.annotations(check?.id as number)).toHaveLength(400);
  });
});

describe('faults', () => {
  test('a 500 from the checks API is retried', async () => {
    const c = proposal();
    approve('fvogel', c.headSha);
    fake.failNext({ operation: 'checks/create', status: 500, times: 1 });
    const run = await gate(c, openPr(c));
    expect(run.status).toBe(0);
    expect(fake.checkRuns()).toHaveLength(1);
    const posts = fake.requests.filter((r) => r.method === 'POST' && /check-runs$/.test(r.path));
    expect(posts.map((r) => r.status)).toEqual([500, 201]);
  });

  test('a secondary rate limit is waited out as GitHub asks, then the comment goes out', async () => {
    const c = proposal();
    approve('fvogel', c.headSha);
    fake.failNext(faults.secondaryRateLimit('issues/create-comment'));
    const run = await gate(c, openPr(c));
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/::warning::GitHub's secondary rate limit on POST .*retrying after 1 s/);
    expect(fake.comments(PR)).toHaveLength(1);
  });

  test('a 403 on the comment is a warning that names the permission; the verdict stands', async () => {
    const c = proposal();
    approve('fvogel', c.headSha);
    fake.failNext({
      operation: 'issues/create-comment',
      status: 403,
      body: { message: 'Resource not accessible by integration' },
    });
    const run = await gate(c, openPr(c));
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/::warning::the pull-request comment was not posted.*pull-requests: write/);
    expect(fake.checkRuns()[0]?.conclusion).toBe('success');
  });

  test('history without the base commit is a failing check that says how to fix the checkout', async () => {
    const c = proposal();
    const missing = 'f'.repeat(40);
    const run = await gate(c, openPr({ ...c, baseSha: missing }));
    expect(run.status).toBe(1);
    const [check] = fake.checkRuns();
    expect(check).toMatchObject({ head_sha: c.headSha, conclusion: 'failure' });
    expect(check?.output.title).toMatch(/could not judge this change/);
    expect(check?.output.summary).toContain('fetch-depth');
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
  });

  test('an unreadable event fails the job with a message, not a stack trace', async () => {
    const c = proposal();
    const run = await gate(c, { action: 'opened', pull_request: { number: 1 } });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/::error::CoE Gate: the event payload has no "repository"/);
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('a pull request proposing a use case like one already there', () => {
  test('the comment and the check run name both files, read from git; the verdict is unchanged', async () => {
    const title = /^ {2}title: (.*)$/m.exec(sample(ROUTING))?.[1] as string;
    const c = change({ [ROUTING]: sample(ROUTING) }, (root) =>
      write(root, PROPOSAL, sample(PROPOSAL).replace(/^ {2}title: .*$/m, `  title: ${title}`)),
    );
    const event = openPr(c);
    approve('fvogel', c.headSha);
    const run = await gate(c, event);
    expect(run.status, run.stdout).toBe(0);
    const body = readable(fake.comments(PR)[0]?.body ?? '');
    expect(headings(fake.comments(PR)[0]?.body ?? '')).toContain('Likely duplicates');
    expect(body).toContain(`| \`${PROPOSAL}\`<br>\`${ROUTING}\` | ${title}<br>${title} | same title |`);
    const notes = fake.annotations(fake.checkRuns()[0]?.id as number);
    expect(
      notes
        .filter((n) => n.title === 'portfolio/likely-duplicate (advisory)')
        .map((n) => [n.path, n.annotation_level]),
    ).toEqual([
      [PROPOSAL, 'notice'],
      [ROUTING, 'notice'],
    ]);
  });
});

describe('a pull request that changes no use case', () => {
  test('passes without asking for approvals, and says nothing was judged', async () => {
    const c = change({ [ROUTING]: sample(ROUTING) }, (root) => write(root, 'docs/notes.md', '# Notes\n'));
    const run = await gate(c, openPr(c));
    expect(run.status).toBe(0);
    expect(fake.checkRuns()[0]?.output.title).toBe('Ready to merge: no use case changed');
    expect(fake.comments(PR)[0]?.body).toContain('No use case changed.');
  });
});

describe('a pull request that removes a use case', () => {
  test('names the removed file and says to retire instead', async () => {
    const c = change({ [ROUTING]: sample(ROUTING) }, (root) => git(root, 'rm', '-q', ROUTING));
    await gate(c, openPr(c));
    const body = fake.comments(PR)[0]?.body ?? '';
    expect(body).toContain(`Removed: \`${ROUTING}\``);
    expect(body).toContain('retired');
  });
});

describe('merge queue', () => {
  const group = (c: Change) =>
    mergeGroupEvent({
      owner: OWNER,
      repo: REPO,
      headSha: c.headSha,
      baseSha: c.baseSha,
      headRef: `refs/heads/gh-readonly-queue/main/pr-${PR}-${c.baseSha}`,
      baseRef: 'refs/heads/main',
    });

  test('a merge_group event checks the approvals again against the reviews of the pull request it names', async () => {
    const c = proposal();
    scenario.open(c); // seeds the pull request the group's branch names
    approve('fvogel', c.headSha);
    const run = await gate(c, group(c), 'merge_group');
    expect(run.status, run.stdout).toBe(0);
    expect(fake.checkRuns()).toEqual([
      expect.objectContaining({ name: 'CoE Gate', head_sha: c.headSha, conclusion: 'success' }),
    ]);
    expect(fake.requests.some((r) => r.path.endsWith(`/pulls/${PR}/reviews`))).toBe(true);
    expect(readable(run.summary)).toContain(
      `Approvals were checked again on the merge group, against the reviews of #${PR}`,
    );
  });

  test('an approval withdrawn after the pull request joined the queue blocks the group', async () => {
    const c = proposal();
    scenario.open(c); // seeds the pull request the group's branch names
    fake.addReview(PR, {
      login: 'fvogel',
      state: 'APPROVED',
      commit_id: c.headSha,
      submitted_at: '2026-11-24T09:00:00Z',
    });
    fake.addReview(PR, {
      login: 'fvogel',
      state: 'CHANGES_REQUESTED',
      commit_id: c.headSha,
      submitted_at: '2026-11-24T10:00:00Z',
    });
    const run = await gate(c, group(c), 'merge_group');
    expect(run.status).toBe(1);
    expect(fake.checkRuns()[0]?.conclusion).toBe('failure');
    expect(readable(run.summary)).toContain('@fvogel asked for changes');
  });
});

describe('a pull request from a fork', () => {
  /** A fork's proposal without its intake approval, judged by the fork's read-only run. */
  async function forkRun() {
    const c = change({}, (root) => {
      write(
        root,
        PROPOSAL,
        sample(PROPOSAL).replace(/^ {4}approvals:\n {6}- stage: intake\n(?: {8}.*\n)+/m, ''),
      );
    });
    const pr = { number: PR, headSha: c.headSha, baseSha: c.baseSha, author: 'outsider' };
    const event = pullRequestEvent('opened', {
      ...pr,
      owner: OWNER,
      repo: REPO,
      baseRef: 'main',
      fork: true,
    });
    fake.addPull({ ...pr, owner: OWNER, repo: REPO });
    return { c, run: await gate(c, event) };
  }

  /** The workflow_run workflow: the default branch checked out, the artifact downloaded. */
  function publisher(c: Change, reportPath: string, headSha = c.headSha) {
    git(c.root, 'checkout', '-q', 'main');
    return runAction({
      root: c.root,
      eventName: 'workflow_run',
      payload: workflowRunEvent({ owner: OWNER, repo: REPO, headSha, pullRequests: [] }),
      apiUrl: fake.url,
      inputs: { mode: 'publish', 'report-path': reportPath },
    });
  }

  test('falls back to the job summary, workflow annotations and the report; the publisher posts it', async () => {
    const { c, run } = await forkRun();
    expect(run.status).toBe(1);
    expect(fake.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(run.summary).toContain('Blocked');
    expect(run.stdout).toMatch(/::notice::This pull request comes from a fork/);
    expect(run.report?.conclusion).toBe('failure');

    const published = await publisher(c, run.reportPath);
    expect(published.status, published.stdout).toBe(0);
    expect(fake.checkRuns()).toEqual([
      expect.objectContaining({ name: 'CoE Gate', head_sha: c.headSha, conclusion: 'failure' }),
    ]);
    expect(fake.comments(PR)[0]?.body).toContain('coe-maintainer');
  });

  test('the publisher judges the commit again: a doctored report cannot turn a failure into a pass', async () => {
    const { c, run } = await forkRun();
    expect(run.report?.conclusion).toBe('failure');
    // What a rewritten workflow in the fork could upload: the same report, claiming success.
    const doctored = {
      ...run.report,
      conclusion: 'success',
      title: 'Ready to merge',
      reasons: [],
      approvals: null,
    };
    writeFileSync(run.reportPath, JSON.stringify(doctored));
    const published = await publisher(c, run.reportPath);
    expect(published.stdout).toMatch(
      /::warning::The fork's run reported success; judged again here .*: failure/,
    );
    expect(fake.checkRuns().map((r) => [r.head_sha, r.conclusion])).toEqual([[c.headSha, 'failure']]);
    expect(fake.comments(PR)[0]?.body).toMatch(/coe-maintainer \| ⏳ needed/);
  });

  test("the publisher links the run the workflow_run event names, never the artifact's detailsUrl", async () => {
    const { c, run } = await forkRun();
    writeFileSync(
      run.reportPath,
      JSON.stringify({ ...run.report, detailsUrl: 'https://evil.example/login' }),
    );
    const published = await publisher(c, run.reportPath);
    expect(published.status, published.stdout).toBe(0);
    const event = workflowRunEvent({ owner: OWNER, repo: REPO, headSha: c.headSha, pullRequests: [] });
    const runUrl = (event.workflow_run as { html_url: string }).html_url;
    expect(runUrl).toMatch(/^https:\/\/github\.com\/northwind\/ai-portfolio\/actions\/runs\/\d+$/);
    const [check] = fake.checkRuns();
    expect(check?.details_url).toBe(runUrl);
    for (const markdown of [check?.output.summary ?? '', fake.comments(PR)[0]?.body ?? '']) {
      expect(markdown).toContain(`[full report](${runUrl})`);
      expect(markdown).not.toContain('evil.example');
    }
  });

  test('the publisher asks for the commit when the checkout does not have it', async () => {
    const c = proposal();
    const run = await gate(c, openPr(c));
    git(c.root, 'checkout', '-q', 'main');
    git(c.root, 'branch', '-q', '-D', 'proposal');
    git(c.root, 'reflog', 'expire', '--expire=now', '--all');
    git(c.root, 'gc', '-q', '--prune=now');
    const published = await publisher(c, run.reportPath);
    expect(published.status).toBe(1);
    expect(published.stdout).toContain(
      `is not in the checkout; fetch it first (git fetch origin ${c.headSha})`,
    );
  });

  test('the publisher refuses a report that is not about the run it was triggered by', async () => {
    const c = proposal();
    const run = await gate(c, openPr(c));
    const published = await publisher(c, run.reportPath, c.baseSha);
    expect(published.status).toBe(1);
    expect(published.stdout).toMatch(
      /::error::CoE Gate could not publish the fork's report: the report is about/,
    );
  });
});
