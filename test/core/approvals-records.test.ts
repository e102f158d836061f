// What the manifest alone says about its approvals (engine/core/approvals/records.ts), as the
// lifecycle rules read it, and what an approval approves (content.ts). Roles and RACI are this
// test's own.
import { describe, expect, test } from 'vitest';
import { approvedContent, linkedPaths } from '../../engine/core/approvals/content.ts';
import { checkApprovals } from '../../engine/core/approvals/records.ts';
import { TEST_RACI, TEST_ROLES, testPolicies, useCase } from '../helpers/approvals.ts';

const policies = testPolicies();
const rec = (stage: string, role: string, login: string) =>
  `      - { stage: ${stage}, role: ${role}, login: "${login}", date: 2026-11-24, pr: 7 }\n`;
const at = (stage: string, records: string) => useCase(`    stage: ${stage}\n    approvals:\n${records}`);

describe('the approvals recorded for the stage a use case is at', () => {
  test('fill the roles the RACI asks for at its tier; the rest are missing', () => {
    const m = at('pilot', rec('discovery', 'coe-lead', '@leo') + rec('pilot', 'coe-lead', '@lena'));
    expect(checkApprovals(m, policies, 'medium')).toEqual({
      stage: 'pilot',
      required: ['coe-lead', 'domain-champion', 'security-lead'],
      filled: { 'coe-lead': '@lena' },
      missing: ['domain-champion', 'security-lead'],
      invalid: [],
    });
    expect(checkApprovals(m, policies, 'low').required).toEqual(['coe-lead', 'domain-champion']);
  });

  test('a record by someone who does not hold the role is invalid and fills nothing', () => {
    const m = at('pilot', rec('pilot', 'coe-lead', '@zed') + rec('pilot', 'security-lead', '@SAM'));
    const v = checkApprovals(m, policies, 'medium');
    expect(v.invalid).toEqual(['@zed does not hold the coe-lead role']);
    expect(v.filled).toEqual({ 'security-lead': '@SAM' });
    expect(v.missing).toEqual(['coe-lead', 'domain-champion']);
  });

  test('a record for a role the stage does not ask for fills nothing; the first record of a role fills it', () => {
    const m = at(
      'pilot',
      rec('pilot', 'product-lead', '@pia') +
        rec('pilot', 'coe-lead', '@lena') +
        rec('pilot', 'coe-lead', '@leo'),
    );
    const v = checkApprovals(m, policies, 'low');
    expect(v.filled).toEqual({ 'coe-lead': '@lena' });
    expect(v.invalid).toEqual([]);
  });

  test('a use case without records misses every role', () => {
    const v = checkApprovals(useCase('    stage: discovery\n'), policies, 'low');
    expect(v).toEqual({
      stage: 'discovery',
      required: ['coe-lead', 'domain-champion'],
      filled: {},
      missing: ['coe-lead', 'domain-champion'],
      invalid: [],
    });
  });

  describe('one person fills one role per stage', () => {
    // lena holds both roles discovery asks for.
    const roles = TEST_ROLES.replace(
      '{ login: "@cody", domains: [claims] }',
      '{ login: "@lena", domains: [claims] }',
    );
    const twice = at(
      'discovery',
      rec('discovery', 'coe-lead', '@lena') + rec('discovery', 'domain-champion', '@Lena'),
    );

    test('unless the RACI says otherwise: by default, and when it says so', () => {
      const withoutSaying = testPolicies(roles, TEST_RACI.replace('oneRolePerPerson: true\n', ''));
      for (const p of [testPolicies(roles), withoutSaying]) {
        const v = checkApprovals(twice, p, 'low');
        expect(v.filled).toEqual({ 'coe-lead': '@lena' });
        expect(v.invalid).toEqual([
          '@Lena already approved in another role; one person fills one role per stage',
        ]);
      }
    });

    test('a RACI that allows it lets one person fill both', () => {
      const p = testPolicies(roles, TEST_RACI.replace('oneRolePerPerson: true', 'oneRolePerPerson: false'));
      const v = checkApprovals(twice, p, 'low');
      expect(v.filled).toEqual({ 'coe-lead': '@lena', 'domain-champion': '@Lena' });
      expect(v.invalid).toEqual([]);
    });
  });
});

describe('what an approval approves', () => {
  const m = (records: string, edit: (t: string) => string = (t) => t) =>
    useCase(`    stage: discovery\n    approvals:\n${records}`, edit);
  const one = rec('intake', 'coe-maintainer', '@mia');

  test('is the manifest without its approval records, whatever its formatting and key order', () => {
    const reordered = (t: string) =>
      t.replace(
        '    goal: Route first notice of loss emails to the right queue within minutes.\n    goalType: cost\n',
        '    goalType: cost\n    goal: "Route first notice of loss emails to the right queue within minutes."\n',
      );
    expect(approvedContent(m(one + rec('discovery', 'coe-lead', '@lena'), reordered))).toBe(
      approvedContent(m(one)),
    );
  });

  test.each([
    ['a value', (t: string) => t.replace('goalType: cost', 'goalType: revenue')],
    ['a list item', (t: string) => t.replace('classification: confidential', 'classification: internal')],
    [
      'an added list item',
      (t: string) =>
        t.replace(
          '      - name: FNOL emails',
          '      - name: Claim notes\n        system: Guidewire\n        classification: confidential\n        personalData: personal\n      - name: FNOL emails',
        ),
    ],
    [
      'a waiver',
      (t: string) =>
        `${t}    waivers:\n      - { rule: release-gates.rubric-scores, reason: Later, stage: discovery, expires: 2027-01-31, approver: "@leo", granted: 2026-11-21, pr: 7 }\n`,
    ],
    [
      'a number',
      (t: string) =>
        t.replace(
          '  lifecycle:',
          '  evaluation:\n    suites:\n      - { type: offline, metric: accuracy, score: 0.9, threshold: 0.8, date: 2026-11-01, evidence: https://evals.example/1 }\n  lifecycle:',
        ),
    ],
  ])('changes with %s', (_what, edit) => {
    expect(approvedContent(m(one, edit))).not.toBe(approvedContent(m(one)));
  });

  test('a number and the same digits as text are not the same content', () => {
    const suite = (score: string) => (t: string) =>
      t.replace(
        '  lifecycle:',
        `  evaluation:\n    suites:\n      - { type: offline, metric: accuracy, score: ${score}, threshold: 0.8, date: 2026-11-01, evidence: https://evals.example/1 }\n  lifecycle:`,
      );
    const asList = (t: string) => t.replace('    goal: Route', '    dependencies: [a, b]\n    goal: Route');
    const asOne = (t: string) => t.replace('    goal: Route', '    dependencies: [ab]\n    goal: Route');
    expect(approvedContent(m(one, suite('0.9')))).not.toBe(approvedContent(m(one, suite('0.91'))));
    expect(approvedContent(m(one, asList))).not.toBe(approvedContent(m(one, asOne)));
  });

  test('with the repository files the manifest links to, each once, as git names them', () => {
    const links = (t: string) =>
      t.replace(
        '  lifecycle:',
        `  evaluation:
    suites:
      - { type: offline, metric: accuracy, score: 0.9, threshold: 0.8, date: 2026-11-01, evidence: evals/offline// }
      - { type: regression, metric: accuracy, score: 0.9, threshold: 0.8, date: 2026-11-01, evidence: evals/b.md }
      - { type: safety, metric: refusals, score: 0.9, threshold: 0.8, date: 2026-11-01, evidence: evals/offline }
      - { type: grounding, metric: citations, score: 0.9, threshold: 0.8, date: 2026-11-01, evidence: https://evals.example/x }
  lifecycle:`,
      );
    expect(linkedPaths(m(one, links))).toEqual(['evals/b.md', 'evals/offline']);
    expect(linkedPaths(m(one))).toEqual([]);
  });
});
