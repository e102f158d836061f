// The approvals half of the gate, in process: what each change needs, and which records and
// reviews give it. The roles and the RACI are this test's own (test/helpers/approvals.ts).
import { describe, expect, test } from 'vitest';
import {
  type Concern,
  type GateInput,
  recordedApprovals,
  verifyApprovals,
} from '../../engine/core/approvals/gate.ts';
import {
  changed,
  EARLIER,
  HEAD,
  pull,
  review,
  TEST_RACI,
  TEST_ROLES,
  testPolicies,
  useCase,
} from '../helpers/approvals.ts';

const policies = testPolicies();

const rec = (stage: string, role: string, login: string, pr = 7) =>
  `      - { stage: ${stage}, role: ${role}, login: "${login}", date: 2026-11-24, pr: ${pr} }\n`;
const at = (stage: string, records = '', more = '') =>
  useCase(`    stage: ${stage}\n${records ? `    approvals:\n${records}` : ''}${more}`);
const intakeRecord = rec('intake', 'coe-maintainer', '@mia', 3);
const discoveryRecords =
  intakeRecord + rec('discovery', 'coe-lead', '@lena', 4) + rec('discovery', 'domain-champion', '@cara', 4);

function gate(o: Partial<GateInput> & Pick<GateInput, 'changed'>) {
  return verifyApprovals({
    pulls: [pull([])],
    headSha: HEAD,
    policies,
    policiesChanged: false,
    engineChanged: [],
    sameContent: (_c: Concern, commit: string) => commit === HEAD,
    ...o,
  });
}

/** intake → discovery, the records given; the reviews of pull request 7. */
function advance(records: string, reviews = [review('@lena'), review('@cara')], o: Partial<GateInput> = {}) {
  const base = at('intake', intakeRecord);
  const head = at('discovery', intakeRecord + records);
  return gate({ changed: [changed(base, head, policies)], pulls: [pull(reviews)], ...o });
}
const both = rec('discovery', 'coe-lead', '@lena') + rec('discovery', 'domain-champion', '@cara');

describe('a stage entry', () => {
  test('is approved by records of the roles the RACI names, each backed by its holder approving the head', () => {
    const out = advance(both);
    expect(out.useCases[0]?.roles).toEqual([
      { role: 'coe-lead', stage: 'discovery', by: '@lena', holders: ['@lena', '@leo'], via: 'record' },
      {
        role: 'domain-champion',
        stage: 'discovery',
        by: '@cara',
        holders: ['@cara', '@cody'],
        via: 'record',
      },
    ]);
    expect(out.useCases[0]?.unverified).toEqual([]);
    expect(out.blocked).toBe(false);
  });

  test('a missing record leaves the role missing, with who may fill it', () => {
    const out = advance(rec('discovery', 'coe-lead', '@lena'));
    // cara's review stands: the record to add names her.
    expect(out.useCases[0]?.roles[1]).toEqual({
      role: 'domain-champion',
      stage: 'discovery',
      holders: ['@cara', '@cody'],
      via: 'record',
      suggested: '@cara',
      approved: true,
    });
    expect(out.blocked).toBe(true);
  });

  test('a record without the holder’s review does not count', () => {
    const out = advance(both, [review('@lena')]);
    expect(out.useCases[0]?.unverified.map((u) => u.reason)).toEqual([
      '@cara has not approved pull request #7',
    ]);
    expect(out.useCases[0]?.unverified[0]?.line).toBe(102);
    expect(out.blocked).toBe(true);
  });

  test('a dismissed review does not approve', () => {
    const out = advance(both, [review('@lena'), review('@cara', 'DISMISSED')]);
    expect(out.useCases[0]?.unverified.map((u) => u.reason)).toEqual(["@cara's review was dismissed"]);
    expect(out.blocked).toBe(true);
  });

  test('the latest review decides, whatever order GitHub lists them in; comments change nothing', () => {
    const early = '2026-11-24T09:00:00Z';
    const late = '2026-11-24T11:00:00Z';
    const approvedLast = advance(both, [
      review('@cara', 'APPROVED', HEAD, late),
      review('@cara', 'CHANGES_REQUESTED', HEAD, early),
      review('@cara', 'COMMENTED', HEAD, '2026-11-24T12:00:00Z'),
      review('@lena'),
    ]);
    expect(approvedLast.blocked).toBe(false);
    const changesLast = advance(both, [
      review('@cara', 'CHANGES_REQUESTED', HEAD, late),
      review('@cara', 'APPROVED', HEAD, early),
      review('@lena'),
    ]);
    expect(changesLast.useCases[0]?.unverified.map((u) => u.reason)).toEqual(['@cara asked for changes']);
    expect(changesLast.changesRequested).toEqual([{ login: '@cara', roles: ['domain-champion'] }]);
    expect(changesLast.blocked).toBe(true);
  });

  test('a request for changes by anyone without a role does not block', () => {
    const out = advance(both, [review('@lena'), review('@cara'), review('@zed', 'CHANGES_REQUESTED')]);
    expect(out.changesRequested).toEqual([]);
    expect(out.blocked).toBe(false);
  });

  test('a record by someone who does not hold the role does not count, whatever their review', () => {
    const out = advance(rec('discovery', 'coe-lead', '@zed') + rec('discovery', 'domain-champion', '@cara'), [
      review('@zed'),
      review('@cara'),
    ]);
    expect(out.useCases[0]?.unverified.map((u) => u.reason)).toEqual([
      '@zed does not hold the coe-lead role',
    ]);
    expect(out.useCases[0]?.roles[0]?.by).toBeUndefined();
  });

  test('logins compare without regard to letter case, in records and reviews alike', () => {
    const out = advance(
      rec('discovery', 'coe-lead', '@LENA') + rec('discovery', 'domain-champion', '@Cara'),
      [review('@Lena'), review('@CARA')],
    );
    expect(out.blocked).toBe(false);
    expect(out.useCases[0]?.roles.map((r) => r.by)).toEqual(['@LENA', '@Cara']);
  });

  test('the author, and whoever wrote or pushed commits, never approve', () => {
    const byAuthor = advance(both, [review('@lena'), review('@cara')], {
      pulls: [pull([review('@lena'), review('@cara')], { author: '@cara', contributors: [] })],
    });
    expect(byAuthor.useCases[0]?.unverified.map((u) => u.reason)).toEqual([
      '@cara opened pull request #7, so cannot approve it',
    ]);
    expect(byAuthor.useCases[0]?.roles[1]?.holders).toEqual(['@cody']);
    const byCommitter = advance(both, [], {
      pulls: [pull([review('@lena'), review('@cara')], { contributors: ['@olga', '@LENA'] })],
    });
    expect(byCommitter.useCases[0]?.unverified.map((u) => u.reason)).toEqual([
      '@lena wrote or pushed commits of pull request #7, so cannot approve it',
    ]);
    expect(byCommitter.excluded).toEqual([
      { login: '@olga', why: 'opened pull request #7' },
      { login: '@LENA', why: 'wrote or pushed commits of pull request #7' },
    ]);
    expect(byCommitter.blocked).toBe(true);
  });

  test('a record names this pull request', () => {
    const out = advance(
      rec('discovery', 'coe-lead', '@lena', 8) + rec('discovery', 'domain-champion', '@cara'),
    );
    expect(out.useCases[0]?.unverified.map((u) => u.reason)).toEqual([
      'recorded for pull request #8, but this is #7',
    ]);
    expect(out.blocked).toBe(true);
  });

  test('a record for a stage this change does not enter is an error, even for a later stage', () => {
    const out = advance(both + rec('pilot', 'security-lead', '@sam'), [
      review('@lena'),
      review('@cara'),
      review('@sam'),
    ]);
    expect(out.useCases[0]?.unverified.map((u) => u.reason)).toEqual([
      'it is for pilot, but this change approves discovery: an approval counts only for the stage its pull request enters',
    ]);
    expect(out.blocked).toBe(true);
  });

  test('one person fills one role per stage', () => {
    const twice = `apiVersion: coe-gate/v1
kind: RoleRegistry
roles:
  - { id: coe-lead, title: Lead, members: ["@lena", "@leo"] }
  - { id: coe-maintainer, title: Maintainer, members: ["@mia", "@lena"] }
  - { id: product-lead, title: Product, members: ["@pia"] }
  - { id: domain-champion, title: Champion, members: ["@lena", "@cara"] }
  - { id: security-lead, title: Security, members: ["@sam"] }
  - { id: privacy-lead, title: Privacy, members: ["@pat"] }
  - { id: legal-compliance, title: Legal, members: ["@lou"] }
  - { id: platform-architect, title: Platform, members: ["@ari"] }
  - { id: responsible-ai-lead, title: RAI, members: ["@ria"] }
`;
    const p = testPolicies(twice);
    const base = at('intake', intakeRecord);
    const head = at(
      'discovery',
      intakeRecord + rec('discovery', 'coe-lead', '@lena') + rec('discovery', 'domain-champion', '@lena'),
    );
    const out = gate({ changed: [changed(base, head, p)], pulls: [pull([review('@lena')])], policies: p });
    expect(out.useCases[0]?.roles.map((r) => r.by)).toEqual(['@lena', undefined]);
    expect(out.blocked).toBe(true);
    const relaxed = testPolicies(
      twice,
      TEST_RACI.replace('oneRolePerPerson: true', 'oneRolePerPerson: false'),
    );
    const again = gate({
      changed: [changed(base, head, relaxed)],
      pulls: [pull([review('@lena')])],
      policies: relaxed,
    });
    expect(again.blocked).toBe(false);
  });
});

describe('approvals bind to the stage entry of their pull request', () => {
  test('re-entering a stage needs new approvals: those of an earlier entry do not count', () => {
    const earlier =
      intakeRecord +
      rec('discovery', 'coe-lead', '@lena', 4) +
      rec('discovery', 'domain-champion', '@cara', 4);
    // Moved back to intake in an earlier pull request, now forward again with no new records.
    const base = at('intake', earlier);
    const head = at('discovery', earlier);
    const out = gate({
      changed: [changed(base, head, policies)],
      pulls: [pull([review('@lena'), review('@cara')])],
    });
    expect(out.useCases[0]?.roles.map((r) => r.by)).toEqual([undefined, undefined]);
    expect(out.blocked).toBe(true);
  });

  test('moving back is a stage entry too', () => {
    const base = at('discovery', discoveryRecords);
    const head = at('intake', discoveryRecords);
    const out = gate({ changed: [changed(base, head, policies)] });
    expect(out.useCases[0]?.roles.map((r) => `${r.stage}:${r.role}`)).toEqual(['intake:coe-maintainer']);
  });

  test('a new use case starts at intake; one that starts later needs every stage up to it', () => {
    const head = at('prototype', rec('intake', 'coe-maintainer', '@mia'));
    const out = gate({ changed: [changed(null, head, policies)], pulls: [pull([review('@mia')])] });
    expect(out.useCases[0]?.roles.map((r) => `${r.stage}:${r.role}:${r.by ?? '-'}`)).toEqual([
      'intake:coe-maintainer:@mia',
      'discovery:coe-lead:-',
      'discovery:domain-champion:-',
      'prototype:product-lead:-',
    ]);
    expect(out.blocked).toBe(true);
  });

  test('the RACI may let new use cases start at discovery', () => {
    const p = testPolicies(TEST_ROLES, `${TEST_RACI}newUseCasesAt: [intake, discovery]\n`);
    const head = at(
      'discovery',
      rec('discovery', 'coe-lead', '@lena') + rec('discovery', 'domain-champion', '@cara'),
    );
    const out = gate({
      changed: [changed(null, head, p)],
      pulls: [pull([review('@lena'), review('@cara')])],
      policies: p,
    });
    expect(out.useCases[0]?.roles.map((r) => r.stage)).toEqual(['discovery', 'discovery']);
    expect(out.blocked).toBe(false);
  });

  test('removing a manifest needs the roles of retiring it, by review alone', () => {
    const base = at('discovery', discoveryRecords);
    const removed = changed(base, null, policies);
    const missing = gate({ changed: [removed] });
    expect(missing.useCases[0]).toMatchObject({
      from: 'discovery',
      to: null,
      roles: [
        {
          role: 'coe-lead',
          stage: 'retired',
          why: 'the manifest is removed',
          holders: ['@lena', '@leo'],
          via: 'review',
        },
      ],
    });
    expect(missing.blocked).toBe(true);
    const approved = gate({ changed: [removed], pulls: [pull([review('@leo')])] });
    expect(approved.useCases[0]?.roles[0]?.by).toBe('@leo');
    expect(approved.blocked).toBe(false);
  });
});

describe('watched changes within a stage', () => {
  const pilot = (extra: string, records = '') =>
    useCase(`    stage: pilot\n    approvals:\n${records || rec('pilot', 'coe-lead', '@lena', 5)}`, (t) =>
      t.replace('  lifecycle:', `${extra}  lifecycle:`),
    );
  const suite = (threshold: number) => `  evaluation:
    suites:
      - { type: offline, metric: accuracy, score: 0.9, threshold: ${threshold}, date: 2026-11-01, evidence: https://evals.example/1 }
`;

  test('a built-in watch (evaluation thresholds) needs the roles of entering the stage again', () => {
    const out = gate({ changed: [changed(pilot(suite(0.8)), pilot(suite(0.6)), policies)] });
    expect(out.useCases[0]?.roles.map((r) => `${r.role}:${r.why}`)).toEqual([
      'coe-lead:spec.evaluation.suites.threshold changed',
      'domain-champion:spec.evaluation.suites.threshold changed',
      'security-lead:spec.evaluation.suites.threshold changed',
    ]);
    expect(out.blocked).toBe(true);
  });

  test('a new prompt version is a built-in watch too: the roles of entering the stage again', () => {
    const versions = (v: string) => `  versions: { prompt: "claims-reply v${v}" }\n`;
    const out = gate({ changed: [changed(pilot(versions('3')), pilot(versions('4')), policies)] });
    expect(out.useCases[0]?.roles.map((r) => `${r.role}:${r.why}`)).toEqual([
      'coe-lead:spec.versions changed',
      'domain-champion:spec.versions changed',
      'security-lead:spec.versions changed',
    ]);
  });

  test('an unchanged manifest, or one changed elsewhere, needs nobody', () => {
    const out = gate({ changed: [changed(pilot(suite(0.8)), pilot(suite(0.8)), policies)] });
    expect(out.useCases[0]?.roles).toEqual([]);
    expect(out.blocked).toBe(false);
  });

  test("the registry's entry for a field replaces the built-in one", () => {
    const models = (v: string) =>
      `  models:\n    - { id: gpt-4o, version: "${v}", purpose: Drafts the routing reason }\n`;
    const out = gate({
      changed: [changed(pilot(models('2024-08-06')), pilot(models('2024-11-20')), policies)],
    });
    expect(out.useCases[0]?.roles.map((r) => `${r.role}:${r.why}`)).toEqual(['coe-lead:spec.models changed']);
  });

  test('lowering the tier is approved at the tier it leaves', () => {
    const high = useCase(`    stage: pilot\n`, (t) =>
      t.replace('riskTier: medium', 'riskTier: high\n    rationale: Decided cautiously.'),
    );
    const medium = useCase(`    stage: pilot\n`, (t) =>
      t.replace('riskTier: medium', 'riskTier: medium\n    rationale: On reflection, medium.'),
    );
    const out = gate({ changed: [changed(high, medium, policies)] });
    expect(out.useCases[0]?.tier).toBe('high');
    expect(out.useCases[0]?.roles.map((r) => r.role)).toContain('security-lead');
  });
});

describe('an approval binds to the content it saw', () => {
  const base = at('intake', intakeRecord);
  const head = at('discovery', intakeRecord + both);
  const input = (same: boolean) => ({
    changed: [changed(base, head, policies)],
    pulls: [pull([review('@lena', 'APPROVED', EARLIER), review('@cara')])],
    sameContent: (_c: Concern, commit: string) => commit === HEAD || same,
  });

  test('a review of an earlier commit holding the same content counts: records may follow reviews', () => {
    const out = gate(input(true));
    expect(out.blocked).toBe(false);
    expect(out.stale).toEqual([]);
  });

  test('a review of content that has changed since is stale and does not count', () => {
    const out = gate(input(false));
    expect(out.useCases[0]?.unverified.map((u) => u.reason)).toEqual([
      `@lena approved ${EARLIER.slice(0, 7)}, and what they approved has changed since`,
    ]);
    expect(out.stale).toEqual(['@lena']);
    expect(out.blocked).toBe(true);
  });
});

describe('waivers are approvals', () => {
  const waiver = (o: Partial<Record<'approver' | 'granted' | 'pr' | 'stage', string>> = {}) =>
    `    waivers:
      - rule: release-gates.rubric-scores
        reason: Scored at the December review.
        stage: ${o.stage ?? 'discovery'}
        expires: 2027-01-31
        approver: "${o.approver ?? '@leo'}"
        granted: ${o.granted ?? '2026-11-21'}
        pr: ${o.pr ?? 7}
`;
  const withWaiver = (
    w: string,
    reviews = [review('@lena'), review('@cara'), review('@leo')],
    o: Partial<GateInput> = {},
  ) => {
    const base = at('intake', intakeRecord);
    const head = useCase(`    stage: discovery\n    approvals:\n${intakeRecord}${both}${w}`);
    return gate({ changed: [changed(base, head, policies)], pulls: [pull(reviews)], ...o });
  };

  test('a waiver the change adds counts with its approver’s approving review', () => {
    const out = withWaiver(waiver());
    expect(out.useCases[0]?.waivers).toEqual([]);
    expect(out.blocked).toBe(false);
  });

  test.each([
    [
      'without its approver’s review',
      waiver(),
      [review('@lena'), review('@cara')],
      '@leo has not approved pull request #7',
    ],
    [
      'granted by someone holding no role',
      waiver({ approver: '@olga' }),
      undefined,
      '@olga does not hold a role that may waive release-gates.rubric-scores (coe-lead)',
    ],
    [
      'for another pull request',
      waiver({ pr: '6' }),
      undefined,
      'recorded for pull request #6, but this is #7',
    ],
    [
      'granted before the pull request was opened',
      waiver({ granted: '2026-11-19' }),
      undefined,
      'granted 2026-11-19, before pull request #7 was opened (2026-11-20)',
    ],
    [
      'granted by a role holder without the waiver role',
      waiver({ approver: '@sam' }),
      [review('@lena'), review('@cara'), review('@sam')],
      '@sam does not hold a role that may waive release-gates.rubric-scores (coe-lead)',
    ],
  ])('does not count %s', (_what, w, reviews, reason) => {
    const out = withWaiver(w, reviews);
    expect(out.useCases[0]?.waivers.map((x) => [x.line, x.reason])).toEqual([[200, reason]]);
    expect(out.blocked).toBe(true);
  });

  test('an approver who opened the pull request or committed to it cannot grant it', () => {
    const reviews = [review('@lena'), review('@cara'), review('@leo')];
    const committed = withWaiver(waiver(), undefined, { pulls: [pull(reviews, { contributors: ['@leo'] })] });
    expect(committed.useCases[0]?.waivers.map((x) => x.reason)).toEqual([
      '@leo wrote or pushed commits of pull request #7, so cannot approve it',
    ]);
    const opened = withWaiver(waiver(), undefined, { pulls: [pull(reviews, { author: '@Leo' })] });
    expect(opened.useCases[0]?.waivers.map((x) => x.reason)).toEqual([
      '@leo opened pull request #7, so cannot approve it',
    ]);
  });

  test('a waiver already on the base branch needs no new review', () => {
    const base = useCase(`    stage: discovery\n    approvals:\n${discoveryRecords}${waiver({ pr: '4' })}`);
    const head = useCase(
      `    stage: discovery\n    approvals:\n${discoveryRecords}${waiver({ pr: '4' })}`,
      (t) => t.replace('Claims intake bot', 'Claims intake assistant'),
    );
    const out = gate({ changed: [changed(base, head, policies)], pulls: [pull([])] });
    expect(out.useCases[0]?.waivers).toEqual([]);
  });
});

describe('changes to policies and to the gate itself', () => {
  const base = at('discovery', discoveryRecords);
  const head = at('discovery', discoveryRecords);
  test('need a maintainer’s approving review, never the author’s', () => {
    const out = gate({
      changed: [changed(base, head, policies)],
      policiesChanged: true,
      engineChanged: ['engine', 'dist'],
      pulls: [pull([review('@mia')], { author: '@max' })],
    });
    expect(out.policyChange).toEqual([
      { role: 'coe-maintainer', by: '@mia', holders: ['@mia'], via: 'review' },
    ]);
    expect(out.engineChange).toEqual({
      paths: ['engine', 'dist'],
      roles: [{ role: 'coe-maintainer', by: '@mia', holders: ['@mia'], via: 'review' }],
    });
    expect(out.blocked).toBe(false);
    const selfApproved = gate({
      changed: [],
      engineChanged: ['.github'],
      pulls: [pull([review('@mia')], { author: '@mia' })],
    });
    expect(selfApproved.engineChange?.roles[0]?.by).toBeUndefined();
    expect(selfApproved.blocked).toBe(true);
  });
});

describe('a merge group', () => {
  test('checks each record against the reviews of the pull request it names, which must be in the group', () => {
    const base = at('intake', intakeRecord);
    const head = at(
      'discovery',
      intakeRecord +
        rec('discovery', 'coe-lead', '@lena', 8) +
        rec('discovery', 'domain-champion', '@cara', 9),
    );
    const out = gate({
      changed: [changed(base, head, policies)],
      pulls: [pull([], { number: 7 }), pull([review('@lena')], { number: 8 })],
    });
    expect(out.useCases[0]?.roles[0]?.by).toBe('@lena');
    expect(out.useCases[0]?.unverified.map((u) => u.reason)).toEqual([
      'recorded for pull request #9, which is not in this merge group (#7, #8)',
    ]);
  });
});

describe('before there is a pull request', () => {
  test('records are taken at their word, and waivers say they need a review', () => {
    const base = at('intake', intakeRecord);
    const head = useCase(
      `    stage: discovery\n    approvals:\n${intakeRecord}${rec('discovery', 'coe-lead', '@lena')}    waivers:\n      - { rule: release-gates.rubric-scores, reason: Later, stage: discovery, expires: 2027-01-31, approver: "@leo", granted: 2026-11-21, pr: 7 }\n`,
    );
    const [u] = recordedApprovals([changed(base, head, policies)], policies);
    expect(u?.roles.map((r) => [r.role, r.recorded ?? null, r.by ?? null])).toEqual([
      ['coe-lead', '@lena', null],
      ['domain-champion', null, null],
    ]);
    expect(u?.waivers.map((w) => w.reason)).toEqual([
      "needs @leo's approving review of the pull request that adds it",
    ]);
  });
});

describe('stale approvals', () => {
  test('are those of an earlier commit that changed since and fill no role', () => {
    const base = at('intake', intakeRecord);
    const head = at('discovery', intakeRecord + both);
    const other = useCase('    stage: intake\n', (t) =>
      t.replaceAll('claims-intake-bot', 'claims-other-bot'),
    );
    const out = gate({
      changed: [changed(base, head, policies), changed(null, other, policies)],
      pulls: [
        pull([
          review('@lena', 'APPROVED', EARLIER),
          review('@cara', 'APPROVED', EARLIER),
          review('@mia', 'APPROVED', EARLIER),
        ]),
      ],
      // What lena and cara approved of claims-intake-bot is unchanged; the other use case changed since.
      sameContent: (c, commit) =>
        commit === HEAD || (c.kind === 'use-case' && c.file.endsWith('claims-intake-bot.yaml')),
    });
    expect(out.useCases[0]?.roles.map((r) => r.by)).toEqual(['@lena', '@cara']);
    expect(out.stale).toEqual(['@mia']);
  });
});

describe('reviews', () => {
  const early = '2026-11-24T09:00:00Z';
  const late = '2026-11-24T11:00:00Z';

  test('listed oldest first, as GitHub lists them: a request for changes after an approval stands', () => {
    const out = advance(both, [
      review('@cara', 'APPROVED', HEAD, early),
      review('@cara', 'CHANGES_REQUESTED', HEAD, late),
      review('@lena'),
    ]);
    expect(out.useCases[0]?.unverified.map((u) => u.reason)).toEqual(['@cara asked for changes']);
    expect(out.blocked).toBe(true);
    const approvedAgain = advance(both, [
      review('@cara', 'CHANGES_REQUESTED', HEAD, early),
      review('@cara', 'APPROVED', HEAD, late),
      review('@lena'),
    ]);
    expect(approvedAgain.changesRequested).toEqual([]);
    expect(approvedAgain.blocked).toBe(false);
  });

  test('two reviews in the same second: the one GitHub lists last stands', () => {
    const out = advance(both, [
      review('@cara', 'APPROVED', HEAD, early),
      review('@cara', 'CHANGES_REQUESTED', HEAD, early),
      review('@lena'),
    ]);
    expect(out.useCases[0]?.unverified.map((u) => u.reason)).toEqual(['@cara asked for changes']);
  });

  test('a comment or a pending review does not approve, nor lift a request for changes', () => {
    const out = advance(both, [review('@cara', 'COMMENTED'), review('@lena', 'PENDING')]);
    expect(out.useCases[0]?.unverified.map((u) => u.reason)).toEqual([
      '@lena has not approved pull request #7',
      '@cara has not approved pull request #7',
    ]);
    const still = advance(both, [
      review('@cara', 'CHANGES_REQUESTED', HEAD, early),
      review('@cara', 'COMMENTED', HEAD, late),
      review('@lena'),
    ]);
    expect(still.changesRequested).toEqual([{ login: '@cara', roles: ['domain-champion'] }]);
  });

  test('a request for changes by a role holder blocks on its own, even from a role this change does not need', () => {
    const out = advance(both, [review('@lena'), review('@cara'), review('@sam', 'CHANGES_REQUESTED')]);
    expect(out.useCases[0]?.unverified).toEqual([]);
    expect(out.changesRequested).toEqual([{ login: '@sam', roles: ['security-lead'] }]);
    expect(out.blocked).toBe(true);
  });
});

describe('what each stage entry needs', () => {
  test('skipping stages needs every stage’s roles, each role once per stage, each filled by a record for its stage', () => {
    const base = at('intake', intakeRecord);
    const head = at('pilot', intakeRecord + both);
    const out = gate({
      changed: [changed(base, head, policies)],
      pulls: [pull([review('@lena'), review('@cara')])],
    });
    expect(out.useCases[0]?.roles.map((r) => `${r.stage}:${r.role}:${r.by ?? '-'}`)).toEqual([
      'discovery:coe-lead:@lena',
      'discovery:domain-champion:@cara',
      'prototype:product-lead:-',
      'mvp:product-lead:-',
      'mvp:platform-architect:-',
      'pilot:coe-lead:-',
      'pilot:domain-champion:-',
      'pilot:security-lead:-',
    ]);
  });

  test('a record for a stage outside a jump names every stage the change approves', () => {
    const base = at('intake', intakeRecord);
    const head = at('prototype', intakeRecord + both + rec('pilot', 'coe-lead', '@leo'));
    const out = gate({
      changed: [changed(base, head, policies)],
      pulls: [pull([review('@lena'), review('@cara'), review('@leo')])],
    });
    expect(out.useCases[0]?.unverified.map((u) => u.reason)).toEqual([
      'it is for pilot, but this change approves discovery, prototype: an approval counts only for the stage its pull request enters',
    ]);
  });

  test('a record added by a change that enters no stage and alters nothing watched counts for nothing', () => {
    const base = at('discovery', discoveryRecords);
    const head = useCase(
      `    stage: discovery\n    approvals:\n${discoveryRecords}${rec('discovery', 'coe-lead', '@leo')}`,
      (t) => t.replace('Claims intake bot', 'Claims intake assistant'),
    );
    const out = gate({ changed: [changed(base, head, policies)], pulls: [pull([review('@leo')])] });
    expect(out.useCases[0]?.roles).toEqual([]);
    expect(out.useCases[0]?.unverified.map((u) => u.reason)).toEqual([
      'it is for discovery, but this change enters no stage and makes no change the RACI watches',
    ]);
    expect(out.blocked).toBe(true);
  });

  test('a new use case without records misses its roles and has nothing unverified', () => {
    const out = gate({ changed: [changed(null, at('intake'), policies)], pulls: [pull([review('@mia')])] });
    expect(out.useCases[0]?.roles).toEqual([
      {
        role: 'coe-maintainer',
        stage: 'intake',
        holders: ['@mia', '@max'],
        via: 'record',
        suggested: '@mia',
        approved: true,
      },
    ]);
    expect(out.useCases[0]?.unverified).toEqual([]);
    expect(out.blocked).toBe(true);
  });

  test('the record to add names a holder who already approved, else the first holder; never one person twice at a stage', () => {
    const suggested = (reviews: ReturnType<typeof review>[]) =>
      gate({
        changed: [changed(null, at('intake'), policies)],
        pulls: [pull(reviews)],
      }).useCases[0]?.roles.map((r) => [r.suggested, r.approved ?? false]);
    expect(suggested([review('@max')])).toEqual([['@max', true]]);
    expect(suggested([])).toEqual([['@mia', false]]);
    // A review that does not stand (on content changed since) names nobody in particular.
    expect(suggested([review('@max', 'APPROVED', EARLIER)])).toEqual([['@mia', false]]);
    // Two roles at one stage that lena both holds: she approved, and is named once; the other
    // role gets its first holder who is free.
    const both = testPolicies(
      TEST_ROLES.replace(
        '      - { login: "@cara", domains: [claims] }',
        '      - { login: "@lena", domains: [claims] }\n      - { login: "@cara", domains: [claims] }',
      ),
    );
    const jump = gate({
      changed: [changed(at('intake', intakeRecord), at('discovery', intakeRecord), both)],
      pulls: [pull([review('@lena')])],
      policies: both,
    }).useCases[0]?.roles.map((r) => [r.role, r.suggested, r.approved ?? false]);
    expect(jump).toEqual([
      ['coe-lead', '@lena', true],
      ['domain-champion', '@cara', false],
    ]);
  });

  test('one use case blocked blocks the change, however many others are approved', () => {
    const other = (t: string) => t.replace('id: claims-intake-bot', 'id: claims-other-bot');
    const approved = changed(at('intake', intakeRecord), at('discovery', intakeRecord + both), policies);
    const missing = changed(
      useCase(`    stage: intake\n    approvals:\n${intakeRecord}`, other),
      useCase('    stage: discovery\n', other),
      policies,
    );
    expect(gate({ changed: [approved], pulls: [pull([review('@lena'), review('@cara')])] }).blocked).toBe(
      false,
    );
    expect(
      gate({ changed: [approved, missing], pulls: [pull([review('@lena'), review('@cara')])] }).blocked,
    ).toBe(true);
  });
});

describe('watched changes are approved at the stage the use case is at', () => {
  const tools = (permission: string) => (t: string) =>
    t.replace(
      '  lifecycle:',
      `  tools:\n    - { name: lookup, system: Claims core, permissions: [${permission}], highImpact: false }\n  lifecycle:`,
    );
  const pilotRecords =
    rec('pilot', 'coe-lead', '@lena', 5) +
    rec('pilot', 'domain-champion', '@cara', 5) +
    rec('pilot', 'security-lead', '@sam', 5);

  test('by records for that stage in this pull request, backed by reviews', () => {
    const base = useCase(`    stage: pilot\n    approvals:\n${pilotRecords}`, tools('read'));
    const now =
      rec('pilot', 'coe-lead', '@leo') +
      rec('pilot', 'domain-champion', '@cody') +
      rec('pilot', 'security-lead', '@sue');
    const head = useCase(`    stage: pilot\n    approvals:\n${pilotRecords}${now}`, tools('create'));
    const out = gate({
      changed: [changed(base, head, policies)],
      pulls: [pull([review('@leo'), review('@cody'), review('@sue')])],
    });
    expect(out.useCases[0]?.roles.map((r) => `${r.role}:${r.by}:${r.why}`)).toEqual([
      'coe-lead:@leo:spec.tools changed',
      'domain-champion:@cody:spec.tools changed',
      'security-lead:@sue:spec.tools changed',
    ]);
    expect(out.useCases[0]?.unverified).toEqual([]);
    expect(out.blocked).toBe(false);
  });

  test('a stage entry that also alters a watched field asks each role once', () => {
    const base = useCase(`    stage: mvp\n`, tools('read'));
    const head = useCase(`    stage: pilot\n`, tools('create'));
    const out = gate({ changed: [changed(base, head, policies)] });
    expect(out.useCases[0]?.roles.map((r) => `${r.stage}:${r.role}:${r.why ?? '-'}`)).toEqual([
      'pilot:coe-lead:-',
      'pilot:domain-champion:-',
      'pilot:security-lead:-',
    ]);
  });
});

describe('records and waivers already on the base branch', () => {
  test('are matched whatever their key order and the letter case of their logins', () => {
    const base = useCase(
      `    stage: discovery\n    approvals:\n${rec('intake', 'coe-maintainer', '@Mia', 3)}    waivers:\n      - { rule: release-gates.rubric-scores, reason: Later, stage: discovery, expires: 2027-01-31, approver: "@Leo", granted: 2026-11-21, pr: 4 }\n`,
    );
    const head = useCase(
      `    stage: discovery\n    approvals:\n      - { pr: 3, login: "@mia", date: 2026-11-24, role: coe-maintainer, stage: intake }\n    waivers:\n      - { pr: 4, granted: 2026-11-21, approver: "@leo", expires: 2027-01-31, stage: discovery, reason: Later, rule: release-gates.rubric-scores }\n`,
    );
    const out = gate({ changed: [changed(base, head, policies)] });
    expect(out.useCases[0]?.unverified).toEqual([]);
    expect(out.useCases[0]?.waivers).toEqual([]);
  });

  test('a copy the change adds of one already there is judged as new', () => {
    const base = at('discovery', discoveryRecords);
    const head = at('discovery', discoveryRecords + rec('discovery', 'coe-lead', '@lena', 4));
    const out = gate({ changed: [changed(base, head, policies)] });
    expect(out.useCases[0]?.unverified.map((u) => u.line)).toEqual([103]);
  });

  test('a waiver changed in anything but the letter case of its approver is judged again', () => {
    const w = (reason: string) =>
      `    waivers:\n      - { rule: release-gates.rubric-scores, reason: ${reason}, stage: discovery, expires: 2027-01-31, approver: "@leo", granted: 2026-11-21, pr: 4 }\n`;
    const base = useCase(`    stage: discovery\n    approvals:\n${discoveryRecords}${w('Later')}`);
    const head = useCase(`    stage: discovery\n    approvals:\n${discoveryRecords}${w('later')}`);
    const out = gate({ changed: [changed(base, head, policies)] });
    expect(out.useCases[0]?.waivers.map((x) => x.reason)).toEqual([
      'recorded for pull request #4, but this is #7',
    ]);
  });
});

describe('waivers the change adds', () => {
  const added = (o: { approver?: string; granted?: string } = {}) =>
    useCase(
      `    stage: discovery\n    approvals:\n${discoveryRecords}    waivers:\n      - { rule: release-gates.rubric-scores, reason: Later, stage: discovery, expires: 2027-01-31, approver: "${o.approver ?? '@leo'}", granted: ${o.granted ?? '2026-11-21'}, pr: 7 }\n`,
    );
  const base = at('discovery', discoveryRecords);

  test('may be granted on the day the pull request was opened', () => {
    const out = gate({
      changed: [changed(base, added({ granted: '2026-11-20' }), policies)],
      pulls: [pull([review('@leo')])],
    });
    expect(out.useCases[0]?.waivers).toEqual([]);
  });

  test('may be granted by a holder of any role the RACI lets waive the rule, and by nobody else', () => {
    const p = testPolicies(
      TEST_ROLES,
      TEST_RACI.replace('soft: [coe-lead]', 'soft: [coe-lead, product-lead]'),
    );
    const bySam = gate({
      changed: [changed(base, added({ approver: '@sam' }), p)],
      pulls: [pull([review('@sam')])],
      policies: p,
    });
    expect(bySam.useCases[0]?.waivers.map((w) => w.reason)).toEqual([
      '@sam does not hold a role that may waive release-gates.rubric-scores (coe-lead, product-lead)',
    ]);
    const out = gate({
      changed: [changed(base, added({ approver: '@pia' }), p)],
      pulls: [pull([review('@pia')])],
      policies: p,
    });
    expect(out.useCases[0]?.waivers).toEqual([]);
  });
});

describe('one person fills one role', () => {
  // mia holds both roles that approve a change to policies/.
  const roles = TEST_ROLES.replace('members: ["@lena", "@leo"]', 'members: ["@lena", "@leo", "@mia"]');
  const raci = (one: string) =>
    TEST_RACI.replace('oneRolePerPerson: true\n', one).concat('policyChanges: [coe-maintainer, coe-lead]\n');

  test('by default, also among the roles a review alone fills', () => {
    const p = testPolicies(roles, raci(''));
    const out = gate({ changed: [], policiesChanged: true, pulls: [pull([review('@MIA')])], policies: p });
    expect(out.policyChange?.map((r) => `${r.role}:${r.by ?? '-'}`)).toEqual([
      'coe-maintainer:@mia',
      'coe-lead:-',
    ]);
    expect(out.blocked).toBe(true);
    // …and one person may approve each stage a change enters.
    const head = at(
      'discovery',
      rec('intake', 'coe-maintainer', '@lena') +
        rec('discovery', 'coe-lead', '@lena') +
        rec('discovery', 'domain-champion', '@cara'),
    );
    const own = testPolicies(
      roles.replace('members: ["@mia", "@max"]', 'members: ["@mia", "@max", "@lena"]'),
      raci(''),
    );
    const entry = gate({
      changed: [changed(null, head, own)],
      pulls: [pull([review('@lena'), review('@cara')])],
      policies: own,
    });
    expect(entry.useCases[0]?.roles.map((r) => `${r.stage}:${r.role}:${r.by ?? '-'}`)).toEqual([
      'intake:coe-maintainer:@lena',
      'discovery:coe-lead:@lena',
      'discovery:domain-champion:@cara',
    ]);
  });

  test('unless the RACI allows one person several roles', () => {
    const p = testPolicies(roles, raci('oneRolePerPerson: false\n'));
    const out = gate({ changed: [], policiesChanged: true, pulls: [pull([review('@mia')])], policies: p });
    expect(out.policyChange?.map((r) => `${r.role}:${r.by ?? '-'}`)).toEqual([
      'coe-maintainer:@mia',
      'coe-lead:@mia',
    ]);
    expect(out.blocked).toBe(false);
  });
});

describe('an approval of an earlier commit counts for what is the same there', () => {
  /** git's answer, faked: at EARLIER, only the concerns named are what they are at the head. */
  const sameAtEarlier =
    (...unchanged: string[]) =>
    (c: Concern, commit: string) =>
      commit === HEAD || (commit === EARLIER && unchanged.includes(c.kind === 'use-case' ? c.file : c.kind));
  const F = 'usecases/claims/claims-intake-bot.yaml';
  const advanced = () => changed(at('intake', intakeRecord), at('discovery', intakeRecord + both), policies);

  test('each use case, policies/ and the gate’s own files on their own', () => {
    const reviews = [
      review('@lena', 'APPROVED', EARLIER),
      review('@cara'),
      review('@mia', 'APPROVED', EARLIER),
    ];
    const policiesMoved = gate({
      changed: [advanced()],
      policiesChanged: true,
      pulls: [pull(reviews)],
      sameContent: sameAtEarlier(F),
    });
    expect(policiesMoved.useCases[0]?.unverified).toEqual([]);
    expect(policiesMoved.policyChange?.[0]?.by).toBeUndefined();
    // lena's approval fills coe-lead for the use case, so she is not listed as stale for policies/.
    expect(policiesMoved.stale).toEqual(['@mia']);
    expect(policiesMoved.blocked).toBe(true);

    const useCaseMoved = gate({
      changed: [advanced()],
      policiesChanged: true,
      engineChanged: ['engine'],
      pulls: [pull(reviews)],
      sameContent: sameAtEarlier('policies', 'engine'),
    });
    expect(useCaseMoved.useCases[0]?.unverified.map((u) => u.reason)).toEqual([
      `@lena approved ${EARLIER.slice(0, 7)}, and what they approved has changed since`,
    ]);
    expect(useCaseMoved.policyChange?.[0]?.by).toBe('@mia');
    expect(useCaseMoved.engineChange?.roles[0]?.by).toBe('@mia');

    const engineMoved = gate({
      changed: [],
      engineChanged: ['engine'],
      pulls: [pull(reviews)],
      sameContent: sameAtEarlier('policies'),
    });
    expect(engineMoved.engineChange?.roles[0]?.by).toBeUndefined();
    expect(engineMoved.stale).toEqual(['@lena', '@mia']);
  });

  test('a request for changes on an earlier commit is not stale: it stands until its author approves', () => {
    const out = gate({
      changed: [advanced()],
      pulls: [pull([review('@lena'), review('@cara'), review('@sam', 'CHANGES_REQUESTED', EARLIER)])],
      sameContent: sameAtEarlier(),
    });
    expect(out.stale).toEqual([]);
    expect(out.changesRequested).toEqual([{ login: '@sam', roles: ['security-lead'] }]);
  });

  test('is not stale while nothing it approved has changed', () => {
    const out = gate({
      changed: [advanced()],
      pulls: [
        pull([
          review('@lena', 'APPROVED', EARLIER),
          review('@cara'),
          review('@sam', 'CHANGES_REQUESTED', EARLIER),
          // mia fills no role here: her approval is not stale while the use case is what she approved.
          review('@mia', 'APPROVED', EARLIER),
        ]),
      ],
      sameContent: sameAtEarlier(F),
    });
    expect(out.stale).toEqual([]);
    expect(out.useCases[0]?.unverified).toEqual([]);
  });

  test('a reviewer stale in several pull requests of a merge group is named once', () => {
    const out = gate({
      changed: [advanced()],
      pulls: [
        pull([review('@Lena', 'APPROVED', EARLIER)], { number: 7 }),
        pull([review('@lena', 'APPROVED', EARLIER)], { number: 8 }),
      ],
      sameContent: sameAtEarlier(),
    });
    expect(out.stale).toEqual(['@Lena']);
  });
});

describe('who may still fill a role', () => {
  test('in a merge group, a holder excluded from one pull request only', () => {
    const out = gate({
      changed: [changed(at('intake', intakeRecord), at('discovery', intakeRecord), policies)],
      pulls: [pull([], { number: 7, author: '@lena' }), pull([], { number: 8 })],
    });
    expect(out.useCases[0]?.roles[0]?.holders).toEqual(['@lena', '@leo']);
  });

  test('before there is a pull request: every holder, for records and for a removed manifest alike', () => {
    const [moved, removed] = recordedApprovals(
      [
        changed(at('intake', intakeRecord), at('discovery', intakeRecord), policies),
        changed(at('discovery', discoveryRecords), null, policies),
      ],
      policies,
    );
    expect(moved?.roles.map((r) => r.holders)).toEqual([
      ['@lena', '@leo'],
      ['@cara', '@cody'],
    ]);
    expect(removed?.roles).toEqual([
      {
        role: 'coe-lead',
        stage: 'retired',
        why: 'the manifest is removed',
        holders: ['@lena', '@leo'],
        via: 'review',
      },
    ]);
  });
});
