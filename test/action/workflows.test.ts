// The workflows an organisation copies: the triggers, one job name, least privilege, history for
// the merge base, and no pull_request_target anywhere. Read as YAML, as GitHub reads them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, test } from 'vitest';
import { REPO_ROOT } from '../helpers/repo.ts';

type Workflow = {
  on: Record<string, { types?: string[]; workflows?: string[] } | null>;
  permissions: Record<string, string>;
  jobs: Record<string, { name?: string; steps: { uses?: string; with?: Record<string, unknown> }[] }>;
};
const read = (name: string) =>
  load(readFileSync(join(REPO_ROOT, '.github', 'workflows', name), 'utf8')) as Workflow;
const action = load(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as {
  name: string;
  runs: { using: string; main: string };
};

describe('coe-gate.yml', () => {
  const wf = read('coe-gate.yml');

  test('runs on pull requests (retargeted ones too), reviews and the merge queue', () => {
    expect(wf.on.pull_request?.types).toEqual([
      'opened',
      'synchronize',
      'reopened',
      'ready_for_review',
      'edited',
    ]);
    expect(wf.on.pull_request_review?.types).toEqual(['submitted', 'edited', 'dismissed']);
    expect(wf.on.merge_group?.types).toEqual(['checks_requested']);
    expect(Object.keys(wf.on)).not.toContain('pull_request_target');
    // A skipped job reports success to a required check: the gate job must never be conditional.
    expect(Object.values(wf.jobs).map((j) => (j as { if?: string }).if)).toEqual([undefined]);
  });

  test('one job, one name for every trigger, least privilege', () => {
    expect(Object.values(wf.jobs).map((j) => j.name)).toEqual(['coe-gate']);
    expect(wf.permissions).toEqual({ contents: 'read', checks: 'write', 'pull-requests': 'write' });
  });

  test('checks out full history, and the gate itself from the base branch', () => {
    const steps = Object.values(wf.jobs)[0]?.steps ?? [];
    const checkouts = steps.filter((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkouts[0]?.with).toMatchObject({ 'fetch-depth': 0, 'persist-credentials': false });
    expect(String(checkouts[1]?.with?.ref)).toContain('github.event.pull_request.base.sha');
    expect(steps.some((s) => s.uses === `./${String(checkouts[1]?.with?.path)}`)).toBe(true);
  });

  test("code scanning is opt-in, from the gate's own SARIF, never for a fork or a review", () => {
    const steps = (Object.values(wf.jobs)[0]?.steps ?? []) as {
      uses?: string;
      if?: string;
      with?: Record<string, string>;
    }[];
    const judge = steps.find((s) => s.uses === './.coe-gate');
    expect(judge?.with?.['sarif-path']).toContain("vars.COE_CODE_SCANNING == 'true'");
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(upload?.if).toContain("steps.gate.outputs.sarif != ''");
    expect(upload?.if).toContain("github.event_name == 'pull_request'");
    expect(upload?.if).toContain('github.event.pull_request.head.repo.full_name == github.repository');
    // The token gains security-events: write only where an adopter adds it.
    expect(Object.keys(wf.permissions)).not.toContain('security-events');
  });
});

describe('coe-gate-publish.yml', () => {
  const wf = read('coe-gate-publish.yml');

  test('runs after the gate on workflow_run, never on the pull request itself', () => {
    expect(wf.on).toEqual({ workflow_run: { workflows: [action.name], types: ['completed'] } });
  });

  test('checks out only the default branch, fetches the commit as data, publishes from the artifact', () => {
    const steps = Object.values(wf.jobs)[0]?.steps ?? [];
    const checkout = steps.find((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with?.ref).toBeUndefined();
    expect(checkout?.with?.['fetch-depth']).toBe(0);
    const runs = steps.map((s) => (s as { run?: string }).run).filter(Boolean);
    const headSha = ['$', '{{ github.event.workflow_run.head_sha }}'].join(''); // a workflow expression
    expect(runs).toEqual([`git fetch --no-tags origin "${headSha}"`]);
    expect(steps.find((s) => s.uses === './')?.with).toMatchObject({ mode: 'publish' });
    expect(wf.permissions).toEqual({
      contents: 'read',
      checks: 'write',
      'pull-requests': 'write',
      actions: 'read',
    });
  });
});

describe('coe-pages.yml', () => {
  type PagesWorkflow = Workflow & {
    jobs: Record<
      string,
      {
        needs?: string;
        permissions?: Record<string, string>;
        steps: { uses?: string; run?: string; with?: Record<string, unknown> }[];
      }
    >;
  };
  const wf = read('coe-pages.yml') as PagesWorkflow;

  test('runs on pushes to the default branch and on demand, never on pull requests', () => {
    expect(wf.on).toEqual({ push: { branches: ['main'] }, workflow_dispatch: null });
  });

  test('builds the dashboard with coe portfolio --html and uploads it as the Pages artifact', () => {
    const steps = (wf.jobs.build?.steps ?? []) as { uses?: string; run?: string; with?: object }[];
    const checkout = steps.find((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with).toMatchObject({ 'fetch-depth': 0, 'persist-credentials': false });
    expect(steps.some((s) => /npx coe portfolio --html site\/index\.html/.test(s.run ?? ''))).toBe(true);
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-pages-artifact@'));
    expect(upload?.with).toEqual({ path: 'site' });
    expect(wf.jobs.build?.permissions).toBeUndefined();
  });

  test('least privilege: read-only by default, Pages and the OIDC token on the deploy job only', () => {
    expect(wf.permissions).toEqual({ contents: 'read' });
    expect(wf.jobs.deploy?.needs).toBe('build');
    expect(wf.jobs.deploy?.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
    expect(wf.jobs.deploy?.steps.map((s) => s.uses?.split('@')[0])).toEqual(['actions/deploy-pages']);
  });
});

test('action.yml runs the committed bundle on node24', () => {
  expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.mjs' });
});

describe('coe-compliance.yml', () => {
  const wf = read('coe-compliance.yml');

  test('runs daily and on demand, with least privilege', () => {
    expect(Object.keys(wf.on)).toEqual(['schedule', 'workflow_dispatch']);
    expect((wf.on.schedule as unknown as { cron: string }[])[0]?.cron).toMatch(/^\d+ \d+ \* \* \*$/);
    expect(wf.permissions).toEqual({ contents: 'read', issues: 'write', 'pull-requests': 'read' });
  });

  test("checks out the default branch with history and the pull requests' commits, then runs the compliance mode", () => {
    const steps = Object.values(wf.jobs)[0]?.steps ?? [];
    const checkout = steps.find((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with?.ref).toBeUndefined();
    expect(checkout?.with?.['fetch-depth']).toBe(0);
    const runs = steps.map((s) => (s as { run?: string }).run).filter(Boolean);
    expect(runs).toEqual([
      'git fetch --no-tags --quiet origin "+refs/pull/*/head:refs/remotes/origin/pull/*"',
    ]);
    expect(steps.find((s) => s.uses === './')?.with).toEqual({
      mode: 'compliance',
      'issue-label': 'coe-compliance',
      'sarif-path': expect.stringContaining("vars.COE_CODE_SCANNING == 'true'"),
      'teams-path': expect.stringMatching(/teams\.json$/),
    });
  });

  test('keeps the team members it read as an artifact, only when the roles name teams', () => {
    const steps = (Object.values(wf.jobs)[0]?.steps ?? []) as {
      uses?: string;
      if?: string;
      with?: Record<string, unknown>;
    }[];
    const keep = steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(keep?.if).toBe("always() && steps.compliance.outputs.teams != ''");
    expect(keep?.with).toMatchObject({ name: 'coe-teams' });
  });

  test('uploads to code scanning only when the repository asks for it', () => {
    const steps = (Object.values(wf.jobs)[0]?.steps ?? []) as { uses?: string; if?: string }[];
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(upload?.if).toBe("always() && steps.compliance.outputs.sarif != ''");
  });
});
