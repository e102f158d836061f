// Policy packs in the loader (engine/core/policy/packs.ts, load-policies.ts) and the crosswalk's
// computation (coverage.ts), in-process: the shipped policy files, with packs switched on, moved
// or broken one file at a time. Each mistake is a problem at the line that makes it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SourceFile } from '../../engine/core/check/check-manifests.ts';
import { computeCoverage } from '../../engine/core/policy/coverage.ts';
import { type LoadOptions, loadPolicies, type PolicySet } from '../../engine/core/policy/load-policies.ts';
import { readPolicySources } from '../../engine/fs/read-policies.ts';
import { REPO_ROOT } from '../helpers/repo.ts';

const SWITCH = 'policies/registries/packs.yaml';
const OMB = 'policies/packs/us-omb/pack.yaml';
const OMB_RULES = 'policies/packs/us-omb/high-impact.yaml';

function shipped(): Map<string, string> {
  const files = new Map<string, string>();
  for (const s of readPolicySources(REPO_ROOT) ?? [])
    files.set(s.file, Buffer.from(s.read()).toString('utf8'));
  files.set(
    'policies/registries/roles.yaml',
    readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'roles.yaml'), 'utf8'),
  );
  return files;
}

function load(changes: Record<string, string | null> = {}, options: LoadOptions = {}) {
  const files = shipped();
  for (const [file, text] of Object.entries(changes)) {
    if (text === null) files.delete(file);
    else files.set(file, text);
  }
  const sources: SourceFile[] = [...files].map(([file, text]) => ({ file, read: () => Buffer.from(text) }));
  return loadPolicies(sources, options);
}

function loaded(changes: Record<string, string | null> = {}, options: LoadOptions = {}): PolicySet {
  const out = load(changes, options);
  if (!out.ok) throw new Error(`expected the set to load: ${out.problems[0]?.message}`);
  return out.policies;
}

function problems(changes: Record<string, string | null>) {
  const out = load(changes);
  if (out.ok) throw new Error('expected problems');
  return out.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.code} ${p.path} ${p.message}`);
}

const enable = (...names: string[]) =>
  `apiVersion: coe-gate/v1\nkind: Packs\nenabled: [${names.join(', ')}]\n`;
const text = (file: string) => shipped().get(file) as string;

describe('switching packs', () => {
  it("the shipped set has every pack switched off: no pack's rule is evaluated, every pack is loaded", () => {
    const set = loaded();
    expect(set.rules.filter((r) => r.pack)).toEqual([]);
    expect(set.packs.map((p) => [p.name, p.enabled])).toEqual([
      ['eu-ai-act', false],
      ['nist-ai-rmf', false],
      ['us-omb', false],
    ]);
  });

  it('a pack switched on adds its rules, marked with the pack, and only its own', () => {
    const set = loaded({ [SWITCH]: enable('us-omb') });
    expect(set.rules.filter((r) => r.pack).map((r) => [r.id, r.pack])).toEqual([
      ['us-omb.appeal-before-pilot', 'us-omb'],
      ['us-omb.deployed-tested', 'us-omb'],
      ['us-omb.deployed-impact-assessed', 'us-omb'],
      ['us-omb.deployed-independently-reviewed', 'us-omb'],
      ['us-omb.deployed-monitored', 'us-omb'],
    ]);
    expect(set.packs.find((p) => p.name === 'us-omb')?.enabled).toBe(true);
  });

  it("packs: 'all' loads every pack's rules whatever the switch says (coe test, coe coverage)", () => {
    const set = loaded({}, { packs: 'all' });
    expect([...new Set(set.rules.filter((r) => r.pack).map((r) => r.pack))]).toEqual([
      'eu-ai-act',
      'nist-ai-rmf',
      'us-omb',
    ]);
  });

  it('without packs.yaml every pack is off', () => {
    expect(loaded({ [SWITCH]: null }).rules.filter((r) => r.pack)).toEqual([]);
  });

  it('an unknown pack in the switch is a problem at its line', () => {
    expect(problems({ [SWITCH]: enable('us-omb', 'eu-ai-akt') })).toEqual([
      `${SWITCH}:3:19 policy-reference enabled[1] no pack "eu-ai-akt" under policies/packs/; did you mean "eu-ai-act"?`,
    ]);
  });
});

describe("a pack's files", () => {
  it('a pack.yaml whose name is not its folder is a problem at its name', () => {
    expect(problems({ [OMB]: text(OMB).replace('name: us-omb', 'name: us-omb-2025') })).toContainEqual(
      `${OMB}:${text(OMB).split('\n').indexOf('name: us-omb') + 1}:7 policy-set-incomplete name a Pack named "us-omb-2025" lives at policies/packs/us-omb-2025/pack.yaml; move it there or change its name`,
    );
  });

  it('a policy in a pack folder without pack.yaml, a registry in a pack folder and a file loose in policies/packs/ are problems', () => {
    const found = problems({
      [OMB]: null,
      'policies/packs/us-omb/models.yaml': text('policies/registries/models.yaml'),
      'policies/packs/loose.yaml': text(OMB_RULES),
    });
    expect(found).toContainEqual(
      expect.stringMatching(
        /^policies\/packs\/us-omb\/high-impact\.yaml:\d+:\d+ policy-set-incomplete kind policies\/packs\/us-omb\/ has no pack\.yaml/,
      ),
    );
    expect(found).toContainEqual(
      expect.stringMatching(
        /^policies\/packs\/us-omb\/models\.yaml:\d+:\d+ policy-set-incomplete kind a pack's folder holds its pack\.yaml and kind: Policy files; a ModelRegistry belongs in policies\/registries\//,
      ),
    );
    expect(found).toContainEqual(
      expect.stringMatching(
        /^policies\/packs\/loose\.yaml:\d+:\d+ policy-set-incomplete kind a pack's files live in its own folder/,
      ),
    );
    // The rules that reference the pack that is gone are named too.
    expect(found).toContainEqual(expect.stringContaining('no pack "us-omb" under policies/packs/'));
  });

  it('an item id listed twice is a problem at the second', () => {
    const withTwin = text(OMB).replace('  - id: "omb.waivers"', '  - id: "omb.public-feedback"');
    expect(problems({ [OMB]: withTwin })).toEqual([
      expect.stringMatching(
        /^policies\/packs\/us-omb\/pack\.yaml:\d+:9 policy-reference items\[8\]\.id item "omb\.public-feedback" appears twice in items$/,
      ),
    ]);
  });
});

describe('computeCoverage', () => {
  it("gives each item the first of: the rules that reference it, its fields, the organisation's reason", () => {
    const report = computeCoverage(loaded({}, { packs: 'all' }), 'us-omb');
    expect(report.frameworks).toHaveLength(1);
    const omb = report.frameworks[0];
    expect(omb?.items.find((i) => i.id === 'omb.notice-and-appeal')).toMatchObject({
      status: 'rule',
      rules: [
        'us-omb.appeal-before-pilot',
        'release-gates.responsible-ai-disclosure',
        'release-gates.appeal-path',
      ],
    });
    expect(omb?.items.find((i) => i.id === 'omb.waivers')?.status).toBe('organisation-level');
    expect(omb?.items.find((i) => i.id === 'omb.independent-review')).toMatchObject({
      status: 'rule',
      rules: ['us-omb.deployed-independently-reviewed', 'records.independent-review'],
    });
    expect(omb?.totals).toEqual({ items: 9, rule: 8, field: 0, 'organisation-level': 1, none: 0 });
    expect(report.totals).toEqual(omb?.totals);
  });

  it('an item with no rule, field or reason has status none', () => {
    const bare = text(OMB).replace(/\n {4}organisationLevel: .*\n?$/, '\n');
    const report = computeCoverage(loaded({ [OMB]: bare }, { packs: 'all' }), 'us-omb');
    expect(report.frameworks[0]?.items.at(-1)).toMatchObject({ id: 'omb.waivers', status: 'none' });
    expect(report.totals.none).toBe(1);
  });
});
