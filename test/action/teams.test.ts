// Roles held by GitHub teams, through the committed bundle against the loopback GitHub: the gate
// reads the members of the teams the base's roles name (GET /orgs/{org}/teams/{slug}/members), a
// member's approval fills the role, the comment mentions the team once, and a team it cannot read
// holds the role for nobody (fail closed, with a warning that says which permission is missing).
// The compliance run writes what it read for `coe check --teams`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import type { FakeGitHub } from '../github/fake-github.ts';
import { runAction } from '../helpers/action.ts';
import { edit, git, gitRepo, write } from '../helpers/git.ts';
import { coe, tempDir } from '../helpers/repo.ts';
import { OWNER, PR, REPO, sample, useScenario } from '../helpers/scenario.ts';

const PROPOSAL = 'usecases/customer-support/policy-wording-qa-copilot.yaml';
const ROLES = 'policies/registries/roles.yaml';
const TEAM = '@northwind/coe-maintainers';

/** Roles on main: coe-maintainer held by the team and @bchen. */
const teamRoles = (root: string) =>
  edit(root, ROLES, 'members: ["@bchen", "@fvogel"]', `members: ["${TEAM}", "@bchen"]`);

const scenario = useScenario();
let fake: FakeGitHub;
beforeEach(() => {
  fake = scenario.fake();
});

/** main with team roles; the pull request proposes the copilot, its intake recorded by @nils. */
function proposeAsNils() {
  const root = gitRepo({});
  teamRoles(root);
  git(root, 'commit', '-q', '-am', 'roles by team');
  const baseSha = git(root, 'rev-parse', 'HEAD').trim();
  git(root, 'checkout', '-q', '-b', 'proposal');
  write(root, PROPOSAL, sample(PROPOSAL).replace('login: "@fvogel"', 'login: "@nils"'));
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'propose');
  const headSha = git(root, 'rev-parse', 'HEAD').trim();
  return { root, baseSha, headSha, commits: [headSha] };
}

describe('a role held by a team, on a pull request', () => {
  test("a member's approval fills it, and the comment names the team once", async () => {
    fake.addTeam('northwind', 'coe-maintainers', ['nils', 'ola']);
    const c = proposeAsNils();
    const event = scenario.open(c);
    scenario.approve('nils', c.headSha);
    const run = await scenario.gate(c, event);
    expect(run.status, run.stdout).toBe(0);
    expect(run.outputs.conclusion).toBe('success');
    expect(scenario.comment()).toContain('✅ @nils');
    const members = fake.requests.filter((r) => r.operationId === 'teams/list-members-in-org');
    expect(members.map((r) => r.path)).toEqual(['/orgs/northwind/teams/coe-maintainers/members']);
  });

  test('without a member’s approval it is needed from the team, mentioned once, not member by member', async () => {
    fake.addTeam('northwind', 'coe-maintainers', ['nils', 'ola']);
    const c = proposeAsNils();
    const event = scenario.open(c);
    const run = await scenario.gate(c, event);
    expect(run.status).toBe(1);
    const body = fake.comments(PR)[0]?.body ?? '';
    expect(body).toContain('@northwind/coe-maintainers');
    expect(body.match(/@northwind\/coe-maintainers/g)).toHaveLength(1);
    expect(body).not.toContain('@ola');
  });

  test('a team the token cannot read holds the role for nobody, and the log says which permission is missing', async () => {
    // Not in the fake: GitHub answers 404, as it does to a GITHUB_TOKEN, which cannot read teams.
    const c = proposeAsNils();
    const event = scenario.open(c);
    scenario.approve('nils', c.headSha);
    const run = await scenario.gate(c, event);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(
      /::warning::CoE Gate: the members of @northwind\/coe-maintainers could not be read from GitHub \(404: .*Members: read/,
    );
    expect(scenario.comment()).toMatch(
      /nils does not hold the coe-maintainer role by name, and the members of @northwind\/coe-maintainers could not be read/,
    );
  });
});

describe('the compliance run with team roles', () => {
  test('writes the members it read, which coe check --teams then judges by', async () => {
    fake.addTeam('northwind', 'coe-maintainers', ['nils']);
    const c = proposeAsNils();
    git(c.root, 'checkout', '-q', 'main');
    git(c.root, 'merge', '-q', '--ff-only', 'proposal');
    fake.addPull({
      number: 497,
      owner: OWNER,
      repo: REPO,
      headSha: c.headSha,
      baseSha: c.baseSha,
      author: 'jdelacroix',
      state: 'closed',
      merged: true,
      commits: [{ sha: c.headSha, author: 'jdelacroix', committer: 'jdelacroix' }],
    });
    fake.addReview(497, { owner: OWNER, repo: REPO, login: 'nils', state: 'APPROVED', commit_id: c.headSha });
    const teamsPath = join(tempDir('coe-teams-'), 'teams.json');
    const run = await runAction({
      root: c.root,
      eventName: 'schedule',
      payload: { schedule: '17 5 * * *' },
      apiUrl: fake.url,
      inputs: { mode: 'compliance', 'teams-path': teamsPath },
    });
    expect(run.outputs.teams).toBe(teamsPath);
    const written = JSON.parse(readFileSync(teamsPath, 'utf8'));
    expect(written).toMatchObject({
      apiVersion: 'coe-gate/v1',
      kind: 'TeamMembership',
      teams: { [TEAM]: ['@nils'] },
    });
    expect(written.readAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    // The record by @nils holds by the team, on the laptop as in the run.
    expect(run.stdout).not.toContain('lifecycle.approvals-by-role-holders');
    const local = coe(['check', '--as-of', '2026-11-24', '--teams', teamsPath], { cwd: c.root });
    expect(local.stdout).not.toContain('lifecycle.approvals-by-role-holders');
    const blind = coe(['check', '--as-of', '2026-11-24'], { cwd: c.root });
    expect(blind.stdout).toContain('lifecycle.approvals-by-role-holders');
  });
});
