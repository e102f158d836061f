// The Action on a CoE repository that `coe init` just wrote: its first pull request proposes a use
// case of its own in place of the example, and the committed bundle judges it against the
// loopback GitHub as on any other repository: blocked until the role holders the RACI names approve.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import type { FakeGitHub } from '../github/fake-github.ts';
import { commitAll, git } from '../helpers/git.ts';
import { coe, NEW_CLAIMS_TRIAGE, roleHolders, tempDir } from '../helpers/repo.ts';
import { type Change, PR, useScenario } from '../helpers/scenario.ts';

const scenario = useScenario();
let fake: FakeGitHub;
beforeEach(() => {
  fake = scenario.fake();
});

/** main: what coe init writes; a branch replacing the example with a new use case at intake. */
/** The first coe-maintainer of the roles coe init wrote: whoever the shipped registry names. */
const maintainer = (root: string) => roleHolders(root, 'coe-maintainer')[0] as string;

function firstProposal(): Change {
  const root = tempDir('coe-initialised-');
  const init = coe(['init', '.', '--name', 'Acme AI CoE', '--owner', '@acme/ai-coe'], { cwd: root });
  expect(init.status, init.stderr).toBe(0);
  git(root, 'init', '-q', '-b', 'main');
  commitAll(root, 'coe init');
  const baseSha = git(root, 'rev-parse', 'HEAD').trim();
  git(root, 'checkout', '-q', '-b', 'proposal');
  rmSync(join(root, 'usecases/example'), { recursive: true });
  const args = [...NEW_CLAIMS_TRIAGE];
  expect(coe(args, { cwd: root }).status).toBe(0);
  const file = join(root, 'usecases/claims/claims-triage.yaml');
  writeFileSync(
    file,
    `${readFileSync(file, 'utf8').trimEnd()}\n    approvals:\n      - { stage: intake, role: coe-maintainer, login: "${maintainer(root)}", date: 2026-11-20, pr: ${PR} }\n`,
  );
  commitAll(root, 'Propose claims triage');
  const headSha = git(root, 'rev-parse', 'HEAD').trim();
  return { root, baseSha, headSha, commits: [headSha] };
}

describe('the Action on a repository coe init wrote', () => {
  test('blocks its first proposal until the role holders the RACI names approve, then passes', async () => {
    const c = firstProposal();
    const event = scenario.open(c, { author: 'jdelacroix' });
    const blocked = await scenario.gate(c, event);
    expect(blocked.status, blocked.stdout).toBe(1);
    expect(fake.checkRuns()[0]).toMatchObject({
      name: 'CoE Gate',
      head_sha: c.headSha,
      conclusion: 'failure',
    });
    expect(scenario.comment()).toContain('claims-triage');
    expect(scenario.comment()).toContain(maintainer(c.root));

    // The proposal's maintainer approves; removing the example is retiring a use case, which the
    // RACI gives to the CoE lead, so that approval is still missing.
    scenario.approve(maintainer(c.root), c.headSha);
    const waiting = await scenario.gate(c, event);
    expect(waiting.status).toBe(1);
    expect(scenario.comment()).toMatch(
      /\| `faq-assistant` \| removing the manifest [^|]*\| coe-lead \| ⏳ an approving review \|/,
    );

    scenario.approve(roleHolders(c.root, 'coe-lead')[0] as string, c.headSha);
    const passed = await scenario.gate(c, event);
    expect(passed.status, scenario.comment()).toBe(0);
    expect(passed.outputs.conclusion).toBe('success');
    expect(fake.checkRuns().at(-1)).toMatchObject({ head_sha: c.headSha, conclusion: 'success' });
  });
});
