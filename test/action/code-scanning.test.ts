// The Action's optional SARIF (input sarif-path), from the committed bundle against the loopback
// GitHub: the whole tree at the head, judged by the base's policies as the gate judges, never by
// the pull request's; the same analysis kind from the daily compliance run on the default branch.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import type { FakeGitHub } from '../github/fake-github.ts';
import { runAction } from '../helpers/action.ts';
import { edit, gitRepo, write } from '../helpers/git.ts';
import { manifest, tempDir } from '../helpers/repo.ts';
import { change, OWNER, REPO, sample, useScenario } from '../helpers/scenario.ts';

const PROPOSAL = 'usecases/customer-support/policy-wording-qa-copilot.yaml';
/** On main and untouched by the pull request: declares low, computes medium (a hard finding). */
const UNTOUCHED = 'usecases/claims/claims-intake-bot.yaml';
const UNDER_TIERED = manifest().replace('riskTier: medium', 'riskTier: low');
const TIER_RULE = 'risk-tiering.declared-not-below-computed';

interface Sarif {
  runs: {
    automationDetails: { id: string };
    tool: { driver: { rules: { id: string }[] } };
    results: {
      ruleId: string;
      level: string;
      locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
    }[];
  }[];
}
const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Sarif;
const files = (s: Sarif, rule: string) =>
  s.runs[0]?.results
    .filter((r) => r.ruleId === rule)
    .map((r) => r.locations[0]?.physicalLocation.artifactLocation.uri);

const scenario = useScenario();
let fake: FakeGitHub;
beforeEach(() => {
  fake = scenario.fake();
});

describe('sarif-path on a pull request', () => {
  test("the whole tree at the head, by the base's policies, whatever the pull request does to them", async () => {
    const c = change({ [UNTOUCHED]: UNDER_TIERED }, (root) => {
      write(root, PROPOSAL, sample(PROPOSAL));
      // The pull request switches the tiering rule off: code scanning must not believe it.
      edit(root, 'policies/risk-tiering.yaml', /level: hard/, 'level: advisory');
    });
    const event = scenario.open(c);
    const sarifPath = join(tempDir('coe-sarif-'), 'out', 'coe.sarif');
    const run = await scenario.gate(c, event, 'pull_request', { 'sarif-path': sarifPath });
    expect(run.status).toBe(1); // the gate's own verdict is unchanged by the option
    expect(run.outputs.sarif).toBe(sarifPath);
    const sarif = read(sarifPath);
    expect(sarif.runs[0]?.automationDetails.id).toBe('coe-gate/check/');
    // Untouched by the pull request, and still shown: the whole tree, not the change.
    expect(files(sarif, TIER_RULE)).toContain(UNTOUCHED);
    expect(sarif.runs[0]?.results.find((r) => r.ruleId === TIER_RULE)?.level).toBe('error');
    expect(sarif.runs[0]?.tool.driver.rules.map((r) => r.id)).toContain(TIER_RULE);
  });

  test('without sarif-path nothing is written and no output is set', async () => {
    const c = change({}, (root) => write(root, PROPOSAL, sample(PROPOSAL)));
    const run = await scenario.gate(c, scenario.open(c));
    expect(run.outputs.sarif).toBeUndefined();
    expect(existsSync(join(c.root, 'coe.sarif'))).toBe(false);
    // Nowhere in the runner's temporary folder either, where the report was written.
    const runnerTemp = dirname(dirname(run.reportPath));
    expect(existsSync(run.reportPath)).toBe(true);
    const written = readdirSync(runnerTemp, { recursive: true, encoding: 'utf8' });
    expect(written.filter((f) => f.endsWith('.sarif'))).toEqual([]);
  });
});

describe('sarif-path on the compliance run', () => {
  test('the default branch as it stands, the same analysis kind as the pull requests', async () => {
    const root = gitRepo({ [UNTOUCHED]: UNDER_TIERED });
    const sarifPath = join(tempDir('coe-sarif-'), 'coe.sarif');
    const run = await runAction({
      root,
      eventName: 'schedule',
      payload: { schedule: '17 5 * * *' },
      apiUrl: fake.url,
      inputs: { mode: 'compliance', 'sarif-path': sarifPath },
    });
    expect(run.status).toBe(1);
    expect(run.outputs.sarif).toBe(sarifPath);
    const sarif = read(sarifPath);
    expect(sarif.runs[0]?.automationDetails.id).toBe('coe-gate/check/');
    expect(files(sarif, TIER_RULE)).toEqual([UNTOUCHED]);
    expect(fake.issues({ owner: OWNER, repo: REPO })).toHaveLength(1);
  });
});
