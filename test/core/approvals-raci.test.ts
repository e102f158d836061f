// The RACI applied (engine/core/approvals/raci.ts): which roles a stage entry, a watched change, a
// waiver, a change to policies/ or to the gate itself needs, and the safe answer where the
// registry is silent. Each RACI here is the test's own.
import { describe, expect, test } from 'vitest';
import {
  engineChangeRoles,
  higherTier,
  policyChangeRoles,
  requiredRoles,
  stagesEntered,
  waiverMaxDays,
  waiverRoles,
  watchedChanges,
} from '../../engine/core/approvals/raci.ts';
import type { Raci } from '../../engine/schema/registries.gen.ts';
import { useCase } from '../helpers/approvals.ts';

const raci = (o: Partial<Raci> = {}): Raci => ({
  apiVersion: 'coe-gate/v1',
  kind: 'Raci',
  approvals: [
    { to: 'discovery', roles: ['coe-lead', 'domain-champion'] },
    { to: 'pilot', roles: ['coe-lead', 'domain-champion'] },
    { to: 'pilot', tiers: ['medium', 'high'], roles: ['security-lead', 'coe-lead'] },
    { to: 'production', roles: ['platform-architect'] },
    { to: 'production', tiers: ['medium', 'high'], roles: ['security-lead'] },
    { to: 'production', tiers: ['high'], roles: ['legal-compliance'] },
  ],
  ...o,
});

describe('the roles that approve entering a stage', () => {
  test('are every matching entry’s, in RACI order, each once, by effective tier', () => {
    expect(requiredRoles(raci(), 'pilot', 'low')).toEqual(['coe-lead', 'domain-champion']);
    expect(requiredRoles(raci(), 'pilot', 'medium')).toEqual([
      'coe-lead',
      'domain-champion',
      'security-lead',
    ]);
    expect(requiredRoles(raci(), 'production', 'high')).toEqual([
      'platform-architect',
      'security-lead',
      'legal-compliance',
    ]);
    expect(requiredRoles(raci(), 'mvp', 'high')).toEqual([]);
  });
});

test('the higher of two tiers', () => {
  expect(higherTier('medium', 'high')).toBe('high');
  expect(higherTier('high', 'low')).toBe('high');
  expect(higherTier('low', 'low')).toBe('low');
});

describe('the stages a change enters', () => {
  test('none when the stage stays', () => {
    expect(stagesEntered(raci(), 'pilot', 'pilot')).toEqual([]);
  });

  test('the next stage, or every stage jumped over up to the new one', () => {
    expect(stagesEntered(raci(), 'intake', 'discovery')).toEqual(['discovery']);
    expect(stagesEntered(raci(), 'discovery', 'mvp')).toEqual(['prototype', 'mvp']);
  });

  test('the stage moved back to', () => {
    expect(stagesEntered(raci(), 'pilot', 'prototype')).toEqual(['prototype']);
  });

  test('retirement alone, from any stage', () => {
    expect(stagesEntered(raci(), 'pilot', 'retired')).toEqual(['retired']);
    expect(stagesEntered(raci(), null, 'retired')).toEqual(['retired']);
  });

  test('for a new use case, every stage from where new use cases start up to where it starts', () => {
    expect(stagesEntered(raci(), null, 'intake')).toEqual(['intake']);
    expect(stagesEntered(raci(), null, 'prototype')).toEqual(['intake', 'discovery', 'prototype']);
    const later = raci({ newUseCasesAt: ['intake', 'discovery'] });
    expect(stagesEntered(later, null, 'intake')).toEqual(['intake']);
    expect(stagesEntered(later, null, 'mvp')).toEqual(['discovery', 'prototype', 'mvp']);
  });

  test('a new use case starting before every allowed start needs its own stage’s roles', () => {
    expect(stagesEntered(raci({ newUseCasesAt: ['pilot'] }), null, 'discovery')).toEqual(['discovery']);
  });
});

describe('watched changes within a stage', () => {
  const pilot = (edit: (t: string) => string = (t) => t) => useCase('    stage: pilot\n', edit);
  const replace = (from: string, to: string) => (t: string) => {
    if (!t.includes(from)) throw new Error(`${from} is not in the test manifest`);
    return t.replace(from, to);
  };
  const add = (section: string) => replace('  lifecycle:\n', `${section}  lifecycle:\n`);
  const suite = (threshold: number, tolerance: number) =>
    add(`  evaluation:
    suites:
      - { type: offline, metric: accuracy, score: 0.9, threshold: ${threshold}, tolerance: ${tolerance}, date: 2026-11-01, evidence: https://evals.example/1 }
`);
  const tool = (permission: string) =>
    add(
      `  tools:\n    - { name: lookup, system: Claims core, permissions: [${permission}], highImpact: false }\n`,
    );
  const model = (version: string) =>
    add(`  models:\n    - { id: gpt-4o, version: "${version}", purpose: Drafts the routing reason }\n`);

  test.each([
    ['spec.models', pilot(model('2024-08-06')), pilot(model('2024-11-20'))],
    ['spec.tools', pilot(tool('read')), pilot(tool('create'))],
    [
      'spec.data.sources',
      pilot(),
      pilot(replace('classification: confidential', 'classification: internal')),
    ],
    [
      'spec.classification.audience',
      pilot(),
      pilot(replace('audience: internal', 'audience: customer-facing')),
    ],
    [
      'spec.classification.decisionMode',
      pilot(),
      pilot(replace('decisionMode: assistive', 'decisionMode: automated')),
    ],
    [
      'spec.classification.regulatedDomain',
      pilot(),
      pilot(replace('regulatedDomain: insurance', 'regulatedDomain: none')),
    ],
    [
      'spec.classification.riskTier',
      pilot(),
      pilot(replace('riskTier: medium', 'riskTier: high\n    rationale: Decided cautiously.')),
    ],
    ['spec.evaluation.suites.threshold', pilot(suite(0.8, 0.02)), pilot(suite(0.7, 0.02))],
    ['spec.evaluation.suites.tolerance', pilot(suite(0.8, 0.02)), pilot(suite(0.8, 0.05))],
  ])('built in: %s, from pilot on, with the roles of entering the stage again', (field, base, head) => {
    expect(watchedChanges(raci(), base, head, 'pilot', 'medium')).toEqual([
      { field, roles: ['coe-lead', 'domain-champion', 'security-lead'] },
    ]);
    expect(watchedChanges(raci(), base, head, 'production', 'low')).toEqual([
      { field, roles: ['platform-architect'] },
    ]);
    expect(watchedChanges(raci(), base, head, 'mvp', 'medium')).toEqual([]);
  });

  test('a change elsewhere, or an absent list made empty, is no watched change', () => {
    expect(
      watchedChanges(raci(), pilot(), pilot(replace('Claims intake bot', 'Intake bot')), 'pilot', 'low'),
    ).toEqual([]);
    expect(watchedChanges(raci(), pilot(), pilot(add('  tools: []\n')), 'pilot', 'low')).toEqual([]);
  });

  test('the registry’s entries for a field replace the built-in one, each at its own stages and tiers', () => {
    const own = raci({
      changes: [
        { field: 'spec.tools', stages: ['pilot', 'production'], roles: ['security-lead'] },
        { field: 'spec.tools', stages: ['production'], tiers: ['high'], roles: ['platform-architect'] },
        { field: 'spec.models', roles: ['coe-lead'] },
      ],
    });
    const [before, after] = [pilot(tool('read')), pilot(tool('create'))];
    expect(watchedChanges(own, before, after, 'pilot', 'high')).toEqual([
      { field: 'spec.tools', roles: ['security-lead'] },
    ]);
    expect(watchedChanges(own, before, after, 'production', 'medium')).toEqual([
      { field: 'spec.tools', roles: ['security-lead'] },
    ]);
    expect(watchedChanges(own, before, after, 'production', 'high')).toEqual([
      { field: 'spec.tools', roles: ['security-lead'] },
      { field: 'spec.tools', roles: ['platform-architect'] },
    ]);
    // An entry without stages watches at every stage; the other built-in watches stay.
    const models = [pilot(model('2024-08-06')), pilot(model('2024-11-20'))] as const;
    expect(watchedChanges(own, ...models, 'prototype', 'low')).toEqual([
      { field: 'spec.models', roles: ['coe-lead'] },
    ]);
    expect(
      watchedChanges(
        own,
        pilot(),
        pilot(replace('audience: internal', 'audience: customer-facing')),
        'pilot',
        'low',
      ),
    ).toEqual([{ field: 'spec.classification.audience', roles: ['coe-lead', 'domain-champion'] }]);
  });
});

describe('waivers', () => {
  test('are granted by the rule’s own roles, else the roles for soft rules, else the CoE lead', () => {
    const own = raci({
      waivers: { soft: ['coe-lead', 'product-lead'], rules: { 'x.y': ['responsible-ai-lead'] } },
    });
    expect(waiverRoles(own, 'x.y')).toEqual(['responsible-ai-lead']);
    expect(waiverRoles(own, 'x.z')).toEqual(['coe-lead', 'product-lead']);
    expect(waiverRoles(raci({ waivers: { soft: ['product-lead'] } }), 'x.y')).toEqual(['product-lead']);
    expect(waiverRoles(raci({ waivers: { maxDays: 30 } }), 'x.y')).toEqual(['coe-lead']);
    expect(waiverRoles(raci(), 'x.y')).toEqual(['coe-lead']);
  });

  test('run for at most maxDays, 90 unless the RACI says', () => {
    expect(waiverMaxDays(raci({ waivers: { maxDays: 30 } }))).toBe(30);
    expect(waiverMaxDays(raci({ waivers: { soft: ['coe-lead'] } }))).toBe(90);
    expect(waiverMaxDays(raci())).toBe(90);
  });
});

test('a change to policies/ or to the gate itself needs the roles the RACI names, a maintainer unless it names some', () => {
  expect(policyChangeRoles(raci())).toEqual(['coe-maintainer']);
  expect(engineChangeRoles(raci())).toEqual(['coe-maintainer']);
  const own = raci({ policyChanges: ['coe-lead'], engineChanges: ['platform-architect', 'security-lead'] });
  expect(policyChangeRoles(own)).toEqual(['coe-lead']);
  expect(engineChangeRoles(own)).toEqual(['platform-architect', 'security-lead']);
});
