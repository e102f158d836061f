// --format sarif, checked with Microsoft's SARIF multitool. The multitool exits 0 even when it finds
// errors, so its output is read; a deliberately broken log proves it does report them here.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROBLEM_CODES } from '../../engine/core/problem.ts';
import { gitRepo } from '../helpers/git.ts';
import { coe, manifest, REPO_ROOT, underTieredWithWaiver } from '../helpers/repo.ts';

/** The rules of the shipped policies, counted from their files, not from the engine. */
function policyRuleCount(): number {
  const dir = join(REPO_ROOT, 'policies');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => readFileSync(join(dir, f), 'utf8').match(/^ {2}- id: /gm)?.length ?? 0)
    .reduce((a, b) => a + b, 0);
}

const MULTITOOL = join(REPO_ROOT, 'node_modules/.bin/sarif-multitool');

function validate(sarif: string): { errors: string[]; completed: boolean } {
  const dir = mkdtempSync(join(tmpdir(), 'coe-sarif-'));
  const file = join(dir, 'report.sarif');
  writeFileSync(file, sarif);
  const r = spawnSync(MULTITOOL, ['validate', file], { encoding: 'utf8', timeout: 60_000 });
  const out = `${r.stdout}${r.stderr}`;
  return {
    errors: out.split('\n').filter((l) => /: error [A-Z]+\d+:/.test(l)),
    completed: /Analysis completed successfully/.test(out),
  };
}

const F = 'usecases/claims/claims-intake-bot.yaml';

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  partialFingerprints: { primaryLocationLineHash: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }[];
}

describe('coe check --format sarif', () => {
  it('is valid SARIF 2.1.0, with hard and waived soft findings on their lines', () => {
    const root = gitRepo({ [F]: underTieredWithWaiver() });
    const r = coe(['check', '--as-of', '2026-11-24', '--format', 'sarif'], { cwd: root });
    expect(r.status).toBe(1);
    const validation = validate(r.stdout);
    expect(validation.errors).toEqual([]);
    expect(validation.completed).toBe(true);

    const log = JSON.parse(r.stdout);
    const run = log.runs[0];
    expect(log.version).toBe('2.1.0');
    expect(run.tool.driver.name).toBe('CoE Gate');
    const byRule = new Map<string, SarifResult>(run.results.map((x: SarifResult) => [x.ruleId, x]));
    const tier = byRule.get('risk-tiering.declared-not-below-computed') as SarifResult;
    expect(tier.level).toBe('error');
    expect(tier.locations[0]?.physicalLocation.artifactLocation.uri).toBe(F);
    expect(tier.locations[0]?.physicalLocation.region.startLine).toBe(22);
    // Waived: left out (code scanning ignores suppressions and would show it open), counted.
    expect(byRule.has('release-gates.rubric-scores')).toBe(false);
    expect(run.properties.waived).toBe(1);
    const rule = run.tool.driver.rules[tier.ruleIndex];
    expect(rule.id).toBe('risk-tiering.declared-not-below-computed');
    expect(rule.help.text).toMatch(/^To pass: Set spec\.classification\.riskTier to ‹tier\.computed›/);
    expect(rule.help.markdown).toMatch(/\*\*Enforcement:\*\* hard: always blocks the merge/);
    expect(rule.help.markdown).toContain('Defined in `policies/risk-tiering.yaml`');
    // Every rule of the policy set is described, fired or not, and every kind of input problem.
    const ruleIds: string[] = run.tool.driver.rules.map((x: { id: string }) => x.id);
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
    expect(ruleIds).toContain('release-gates.rubric-scores');
    expect(ruleIds.filter((id) => id.startsWith('input/')).sort()).toEqual(
      PROBLEM_CODES.map((c) => `input/${c}`).sort(),
    );
    // And the likely duplicates, a portfolio advisory of its own.
    expect(ruleIds).toContain('portfolio/likely-duplicate');
    expect(ruleIds.filter((id) => !id.startsWith('input/') && !id.startsWith('portfolio/')).length).toBe(
      policyRuleCount(),
    );
    // One analysis kind per id, so a pull request's results compare with the default branch's.
    expect(run.automationDetails).toEqual({ id: 'coe-gate/check/' });
    // A range a viewer underlines: the declared tier's value, "low".
    expect(tier.locations[0]?.physicalLocation.region).toEqual({
      startLine: 22,
      startColumn: 15,
      endLine: 22,
      endColumn: 18,
    });
    expect(tier.partialFingerprints.primaryLocationLineHash).toMatch(/^[0-9a-f]{16}:1$/);
  });

  it("keeps a finding's fingerprint when lines above it move, and tells a change from the whole tree", () => {
    const body = manifest('claims-intake-bot', 'claims').replace('riskTier: medium', 'riskTier: low');
    const before = gitRepo({ [F]: body });
    const after = gitRepo({
      [F]: body.replace('metadata:\n', 'metadata:\n  # a comment that moves every line\n'),
    });
    const hash = (root: string) => {
      const run = JSON.parse(
        coe(['check', '--as-of', '2026-11-24', '--format', 'sarif'], { cwd: root }).stdout,
      ).runs[0];
      const r = run.results.find((x: SarifResult) => x.ruleId === 'risk-tiering.declared-not-below-computed');
      return {
        hash: r.partialFingerprints.primaryLocationLineHash,
        line: r.locations[0].physicalLocation.region.startLine,
      };
    };
    const a = hash(before);
    const b = hash(after);
    expect(b.line).toBe(a.line + 1);
    expect(b.hash).toBe(a.hash);
    writeFileSync(join(before, F), body.replace('title: Claims intake bot', 'title: Claims intake bot v2'));
    const change = JSON.parse(
      coe(['check', '--as-of', '2026-11-24', '--base', 'HEAD', '--format', 'sarif'], { cwd: before }).stdout,
    );
    expect(change.runs[0].automationDetails).toEqual({ id: 'coe-gate/change/' });
  });

  it('reports invalid files as error results too', () => {
    const root = gitRepo({ [F]: manifest().replace('stage: intake', 'stage: launched') });
    const r = coe(['check', '--format', 'sarif'], { cwd: root });
    expect(r.status).toBe(2);
    expect(validate(r.stdout).errors).toEqual([]);
    const [result] = JSON.parse(r.stdout).runs[0].results;
    expect(result).toMatchObject({ ruleId: 'input/schema-invalid-value', level: 'error' });
    expect(result.locations[0].physicalLocation.region).toEqual({
      startLine: 30,
      startColumn: 12,
      endLine: 30,
      endColumn: 20,
    });
  });

  it('the validator does report a broken log (negative control)', () => {
    const root = gitRepo({ [F]: manifest().replace('stage: intake', 'stage: launched') });
    const log = JSON.parse(coe(['check', '--format', 'sarif'], { cwd: root }).stdout);
    log.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    // One past the last rule the log describes, however many rules the policies hold.
    const outOfRange = log.runs[0].tool.driver.rules.length;
    log.runs[0].results[0].ruleIndex = outOfRange;
    const validation = validate(JSON.stringify(log));
    expect(validation.errors.join('\n')).toMatch(
      /error JSON1008: .*startLine: 0 is less than the minimum permitted value of 1/,
    );
    expect(validation.errors.join('\n')).toMatch(
      new RegExp(`error SARIF1009: .*'ruleIndex' with value ${outOfRange}`),
    );
  });
});
