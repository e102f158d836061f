// An imported use case's baseline (spec.lifecycle.baseline, written by coe import): the RACI's
// import roles, approving the import pull request, stand for the approvals of the stage it was
// imported at; nothing else about a baseline weakens the gate. Roles and RACI are this test's own.
import { describe, expect, test } from 'vitest';
import { type Concern, type GateInput, verifyApprovals } from '../../engine/core/approvals/gate.ts';
import { checkApprovals, importedLifecycle } from '../../engine/core/approvals/records.ts';
import { AuditTrail } from '../../engine/core/audit/trail.ts';
import { changed, HEAD, loadedUseCase, pull, review, TEST_RACI, testPolicies } from '../helpers/approvals.ts';

const IMPORT_RACI = TEST_RACI.replace(
  'oneRolePerPerson: true\n',
  'oneRolePerPerson: true\nimports: [coe-lead, coe-maintainer]\n',
);
const policies = testPolicies(undefined, IMPORT_RACI);
const withoutImportRoles = testPolicies();

const SOURCE =
  '  source:\n    inventory: us-federal-ai-use-cases\n    year: 2025\n    agency: DHS\n    line: 2\n' +
  `    fingerprint: "sha256:${'0'.repeat(64)}"\n`;
const imported = (text: string) =>
  text.replace('  owner: "@acme/claims-ai"\n', `  owner: "@acme/claims-ai"\n${SOURCE}`);
const rec = (stage: string, role: string, login: string, pr = 7) =>
  `      - { stage: ${stage}, role: ${role}, login: "${login}", date: 2026-11-24, pr: ${pr} }\n`;
const importRecords = (pr = 7) =>
  rec('production', 'coe-lead', '@lena', pr) + rec('production', 'coe-maintainer', '@mia', pr);
type Shape = { baseline?: string; records?: string; source?: boolean };
/** A use case at `stage`, imported (with metadata.source) unless `source` is false. */
const loadedAt = (stage: string, o: Shape = {}) =>
  loadedUseCase(
    `    stage: ${stage}\n${o.baseline ? `    baseline: { stage: ${o.baseline} }\n` : ''}` +
      `${o.records ? `    approvals:\n${o.records}` : ''}`,
    o.source === false ? (t) => t : imported,
  );
const at = (stage: string, o: Shape = {}) => loadedAt(stage, o).manifest;

function gate(o: Partial<GateInput> & Pick<GateInput, 'changed'>) {
  return verifyApprovals({
    pulls: [pull([review('@lena'), review('@mia')])],
    headSha: HEAD,
    policies,
    policiesChanged: false,
    engineChanged: [],
    sameContent: (_c: Concern, commit: string) => commit === HEAD,
    ...o,
  });
}

describe('in the file: checkApprovals', () => {
  test('a baseline at the current stage asks for the import roles, filled by their records', () => {
    const m = at('production', { baseline: 'production', records: importRecords() });
    expect(checkApprovals(m, policies, 'high')).toEqual({
      stage: 'production',
      required: ['coe-lead', 'coe-maintainer'],
      filled: { 'coe-lead': '@lena', 'coe-maintainer': '@mia' },
      missing: [],
      invalid: [],
    });
  });

  const stageRoles = ['platform-architect', 'domain-champion', 'security-lead', 'legal-compliance'];
  test.each([
    [
      'the use case moved on from its baseline',
      at('production', { baseline: 'pilot', records: importRecords() }),
      policies,
    ],
    [
      'no metadata.source says it was imported',
      at('production', { baseline: 'production', records: importRecords(), source: false }),
      policies,
    ],
    ['an imported use case has no baseline', at('production', { records: importRecords() }), policies],
    [
      'the RACI names no import roles',
      at('production', { baseline: 'production', records: importRecords() }),
      withoutImportRoles,
    ],
  ])('the stage’s own roles apply when %s', (_why, m, set) => {
    const v = checkApprovals(m, set, 'high');
    expect(v.required).toEqual(stageRoles);
    expect(v.missing).toEqual(stageRoles);
  });
});

describe('in the pull request: the gate', () => {
  test('a new imported use case needs only the import roles at its stage, each verified by its review', () => {
    const head = at('production', { baseline: 'production', records: importRecords() });
    const out = gate({ changed: [changed(null, head, policies)] });
    expect(out.useCases[0]?.roles.map((r) => [r.role, r.stage, r.why, r.by])).toEqual([
      ['coe-lead', 'production', 'imported at production: the baseline', '@lena'],
      ['coe-maintainer', 'production', 'imported at production: the baseline', '@mia'],
    ]);
    expect(out.useCases[0]?.unverified).toEqual([]);
    expect(out.blocked).toBe(false);
  });

  test('an import role whose holder has not approved the content leaves it blocked', () => {
    const head = at('production', { baseline: 'production', records: importRecords() });
    const out = gate({ changed: [changed(null, head, policies)], pulls: [pull([review('@lena')])] });
    expect(out.blocked).toBe(true);
    expect(out.useCases[0]?.unverified.map((u) => u.approval.login)).toEqual(['@mia']);
  });

  test('the author of the import pull request cannot approve its baseline', () => {
    const head = at('production', { baseline: 'production', records: importRecords() });
    const out = gate({
      changed: [changed(null, head, policies)],
      pulls: [pull([review('@lena'), review('@mia')], { author: 'mia', contributors: ['mia'] })],
    });
    expect(out.blocked).toBe(true);
    expect(out.useCases[0]?.unverified[0]?.reason).toMatch(/@mia/);
  });

  test('a new use case with a baseline but no metadata.source needs every stage up to its own', () => {
    const head = at('production', { baseline: 'production', records: importRecords(), source: false });
    const out = gate({ changed: [changed(null, head, policies)] });
    expect([...new Set(out.useCases[0]?.roles.map((r) => r.stage))]).toEqual([
      'intake',
      'discovery',
      'prototype',
      'mvp',
      'pilot',
      'production',
    ]);
    expect(out.blocked).toBe(true);
  });

  test('a baseline added to a use case already here needs its stage’s roles (medium tier), not the import roles', () => {
    const base = at('production');
    const head = at('production', { baseline: 'production', records: importRecords() });
    const out = gate({ changed: [changed(base, head, policies)] });
    const needed = out.useCases[0]?.roles.map((r) => [r.role, r.why]);
    expect(needed).toEqual([
      ['platform-architect', 'spec.lifecycle.baseline changed'],
      ['domain-champion', 'spec.lifecycle.baseline changed'],
      ['security-lead', 'spec.lifecycle.baseline changed'],
    ]);
    expect(out.blocked).toBe(true);
  });

  test('removing a baseline is a baseline changed, too', () => {
    const base = at('production', { baseline: 'production', records: importRecords(3) });
    const head = at('production', { records: importRecords(3) });
    const out = gate({ changed: [changed(base, head, policies)] });
    expect(out.useCases[0]?.roles.map((r) => r.why)).toEqual(
      Array(3).fill('spec.lifecycle.baseline changed'),
    );
  });

  test('moving a baseline to the current stage is a baseline changed, too', () => {
    const base = at('production', { baseline: 'pilot' });
    const head = at('production', { baseline: 'production' });
    const out = gate({ changed: [changed(base, head, policies)] });
    expect(out.useCases[0]?.roles.every((r) => r.why === 'spec.lifecycle.baseline changed')).toBe(true);
    expect(out.blocked).toBe(true);
  });

  test('once merged, the next stage move of an imported use case needs the usual roles', () => {
    const base = at('production', { baseline: 'production', records: importRecords(3) });
    const head = at('retired', {
      baseline: 'production',
      records: `${importRecords(3)}${rec('retired', 'coe-lead', '@lena')}`,
    });
    const out = gate({ changed: [changed(base, head, policies)] });
    expect(out.useCases[0]?.roles.map((r) => [r.role, r.stage, r.why ?? null, r.by])).toEqual([
      ['coe-lead', 'retired', null, '@lena'],
    ]);
    expect(out.blocked).toBe(false);
  });
});

describe('in the audit trail', () => {
  /** The flags of a use case added in one squash-merged pull request #7. */
  function flagsOfAdding(o: Shape) {
    const file = 'usecases/claims/claims-intake-bot.yaml';
    const text = loadedAt('production', o).text;
    const trail = new AuditTrail();
    trail.apply(
      {
        sha: '1'.repeat(40),
        date: '2026-11-24',
        author: 'A',
        subject: 'Import the inventory (#7)',
        changes: [{ status: 'added', path: file }],
      },
      (p) => (p === file ? new TextEncoder().encode(text) : undefined),
      { commit: '0'.repeat(40), policies },
    );
    return trail.report('HEAD', '2026-12-01').useCases[0]?.changes[0]?.flags.map((f) => f.message);
  }

  test('an import approved by the import roles in its pull request raises no flag', () => {
    expect(flagsOfAdding({ baseline: 'production', records: importRecords() })).toEqual([]);
  });

  test('without metadata.source, the same file is a use case that skipped every stage’s approvals', () => {
    const flags = flagsOfAdding({ baseline: 'production', records: importRecords(), source: false });
    expect(flags?.map((m) => m.split(' needs ')[0])).toEqual([
      'entering intake at tier medium',
      'entering discovery at tier medium',
      'entering prototype at tier medium',
      'entering mvp at tier medium',
      'entering pilot at tier medium',
      'entering production at tier medium',
    ]);
  });
});

describe('the lifecycle an import writes (importedLifecycle)', () => {
  const lead = { role: 'coe-lead', login: '@lena', date: '2026-11-24', pr: 12 };
  const earlier = { stage: 'pilot' as const, role: 'coe-lead', login: '@leo', date: '2025-01-02', pr: 3 };

  test('a first import: the baseline at the stage, and the approvers’ records for it', () => {
    expect(importedLifecycle('pilot', {})).toEqual({ stage: 'pilot', baseline: { stage: 'pilot' } });
    expect(importedLifecycle('pilot', { approvers: [lead] })).toEqual({
      stage: 'pilot',
      baseline: { stage: 'pilot' },
      approvals: [{ stage: 'pilot', ...lead }],
    });
  });

  test('a re-import keeps the baseline and records, and adds none where the baseline has its approvals', () => {
    const kept = { baseline: { stage: 'pilot' as const }, approvals: [earlier] };
    expect(importedLifecycle('pilot', { kept, approvers: [lead] })).toEqual({ stage: 'pilot', ...kept });
  });

  test('records for other stages do not stop the approvers’ records for the baseline', () => {
    const kept = { baseline: { stage: 'production' as const }, approvals: [earlier] };
    expect(importedLifecycle('production', { kept, approvers: [lead] }).approvals).toEqual([
      earlier,
      { stage: 'production', ...lead },
    ]);
  });

  test('a use case the new inventory moved past its baseline gets no approvals for a stage it did not enter here', () => {
    const kept = { baseline: { stage: 'pilot' as const } };
    expect(importedLifecycle('production', { kept, approvers: [lead] })).toEqual({
      stage: 'production',
      baseline: { stage: 'pilot' },
    });
  });
});
