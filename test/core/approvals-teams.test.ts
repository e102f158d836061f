// Roles held by GitHub teams (@org/team-slug): a member holds the role through the team, as read
// for the judgement (engine/core/approvals/roles.ts); a team whose members are unknown holds it for
// nobody, and the refusal says why. The roles and the RACI are this test's own.
import { describe, expect, test } from 'vitest';
import { type Concern, type GateInput, verifyApprovals } from '../../engine/core/approvals/gate.ts';
import { NO_TEAMS, roleBook, teamDirectory, teamsNamed } from '../../engine/core/approvals/roles.ts';
import { membershipFile, readMembership } from '../../engine/core/approvals/team-membership.ts';
import { type PolicySet, withTeams } from '../../engine/core/policy/load-policies.ts';
import { changed, HEAD, pull, review, TEST_ROLES, testPolicies, useCase } from '../helpers/approvals.ts';

/** coe-maintainer held by a team and by one person; champions of claims by a team too. */
const ROLES = TEST_ROLES.replace(
  'members: ["@mia", "@max"]',
  'members: ["@acme/coe-maintainers", "@max"]',
).replace(
  '      - { login: "@cody", domains: [claims] }\n',
  '      - { login: "@cody", domains: [claims] }\n      - { team: "@Acme/Claims-Leads", domains: [claims] }\n',
);
const policies = testPolicies(ROLES);
const read = teamDirectory(
  { '@acme/coe-maintainers': ['@Mia', '@nils'], '@acme/claims-leads': ['@cleo'] },
  (team) => `the members of ${team} were not read in this test`,
);
const claims = useCase('    stage: intake\n');
const hr = useCase('    stage: intake\n', (t) => t.replace('domain: claims', 'domain: hr'));

describe('a role a team holds', () => {
  const book = roleBook(policies.registries.roles, read);

  test('is held by each member of the team, whatever the letter case, and by no one else', () => {
    expect(book.holds('@mia', 'coe-maintainer', claims)).toBe(true);
    expect(book.holds('@NILS', 'coe-maintainer', null)).toBe(true);
    expect(book.holds('@max', 'coe-maintainer', null)).toBe(true);
    expect(book.refusal('@zed', 'coe-maintainer', claims)).toBe('@zed does not hold the coe-maintainer role');
    expect(book.rolesHeld('@nils')).toEqual(['coe-maintainer']);
  });

  test('a team held for some domains gives its members the role there only', () => {
    expect(book.holds('@cleo', 'domain-champion', claims)).toBe(true);
    expect(book.refusal('@cleo', 'domain-champion', hr)).toBe(
      '@cleo holds the domain-champion role for claims only, not hr',
    );
  });

  test('is listed once, as the team (the reports mention it once, not every member)', () => {
    expect(book.holders('coe-maintainer', null)).toEqual(['@acme/coe-maintainers', '@max']);
    expect(book.holders('domain-champion', claims)).toEqual(['@cara', '@cody', '@Acme/Claims-Leads']);
    expect(book.holders('domain-champion', hr)).toEqual(['@hana']);
  });

  test('whose members are unknown is held by nobody through it, and the refusal says why', () => {
    const blind = roleBook(policies.registries.roles, NO_TEAMS);
    expect(blind.holds('@mia', 'coe-maintainer', claims)).toBe(false);
    expect(blind.refusal('@mia', 'coe-maintainer', claims)).toMatch(
      /^@mia does not hold the coe-maintainer role by name, and the members of @acme\/coe-maintainers are unknown here \(coe check: --teams FILE/,
    );
    expect(blind.holds('@max', 'coe-maintainer', claims)).toBe(true);
    // A team for other domains is not the reason here: only the plain refusal.
    expect(blind.refusal('@cleo', 'domain-champion', hr)).toBe(
      '@cleo does not hold the domain-champion role',
    );
  });

  test('the teams a registry names are read once each, as written', () => {
    expect(teamsNamed(policies.registries.roles)).toEqual(['@acme/coe-maintainers', '@Acme/Claims-Leads']);
    expect(teamsNamed(testPolicies().registries.roles)).toEqual([]);
  });
});

describe('the gate with team roles', () => {
  const rec = (stage: string, role: string, login: string) =>
    `      - { stage: ${stage}, role: ${role}, login: "${login}", date: 2026-11-24, pr: 7 }\n`;
  const gate = (set: PolicySet, o: Partial<GateInput> & Pick<GateInput, 'changed'>) =>
    verifyApprovals({
      pulls: [pull([])],
      headSha: HEAD,
      policies: set,
      policiesChanged: false,
      engineChanged: [],
      sameContent: (_c: Concern, commit: string) => commit === HEAD,
      ...o,
    });
  const propose = (set: PolicySet, login: string) =>
    gate(set, {
      changed: [
        changed(
          null,
          useCase(`    stage: intake\n    approvals:\n${rec('intake', 'coe-maintainer', login)}`),
          set,
        ),
      ],
      pulls: [pull([review(login)])],
    });

  test('a team member recorded and approving fills the role; the team is who may', () => {
    const out = propose(withTeams(policies, read), '@nils');
    expect(out.useCases[0]?.roles).toEqual([
      {
        role: 'coe-maintainer',
        stage: 'intake',
        by: '@nils',
        holders: ['@acme/coe-maintainers', '@max'],
        via: 'record',
      },
    ]);
    expect(out.blocked).toBe(false);
  });

  test('with the members unknown, the same record is refused and the change blocked (fail closed)', () => {
    const out = propose(policies, '@nils');
    expect(out.useCases[0]?.unverified.map((u) => u.reason)).toEqual([
      expect.stringMatching(
        /^@nils does not hold the coe-maintainer role by name, and the members of @acme\/coe-maintainers are unknown/,
      ),
    ]);
    expect(out.blocked).toBe(true);
  });

  test('a policy change is approved by the review of a member of the team that holds the role', () => {
    const change = (set: PolicySet, reviews: ReturnType<typeof review>[]) =>
      gate(set, { changed: [], pulls: [pull(reviews)], policiesChanged: true });
    const ok = change(withTeams(policies, read), [review('@zed'), review('@nils')]);
    expect(ok.policyChange).toEqual([
      { role: 'coe-maintainer', holders: ['@acme/coe-maintainers', '@max'], via: 'review', by: '@nils' },
    ]);
    expect(ok.blocked).toBe(false);
    // A person named beside the team comes first, in the registry's order.
    expect(change(withTeams(policies, read), [review('@nils'), review('@max')]).policyChange?.[0]?.by).toBe(
      '@max',
    );
    // Not a member, or the members unknown: no one fills it.
    expect(change(withTeams(policies, read), [review('@zed')]).blocked).toBe(true);
    expect(change(policies, [review('@nils')]).policyChange?.[0]?.by).toBeUndefined();
    expect(change(policies, [review('@nils')]).blocked).toBe(true);
  });

  test('a team member who opened the pull request still may not approve it', () => {
    const set = withTeams(policies, read);
    const out = gate(set, {
      changed: [
        changed(
          null,
          useCase(`    stage: intake\n    approvals:\n${rec('intake', 'coe-maintainer', '@nils')}`),
          set,
        ),
      ],
      pulls: [pull([review('@nils')], { author: '@nils', contributors: ['@nils'] })],
    });
    expect(out.useCases[0]?.unverified.map((u) => u.reason)).toEqual([
      expect.stringMatching(/^@nils opened/),
    ]);
    expect(out.blocked).toBe(true);
  });
});

describe('the team-membership file', () => {
  test('round-trips: what the daily run writes, coe check --teams reads', () => {
    const file = membershipFile(
      new Map([
        ['@acme/z-team', ['@zoe', '@adam']],
        ['@acme/coe-maintainers', ['@nils']],
      ]),
      '2026-11-24T05:17:00.000Z',
    );
    expect(Object.keys(file.teams)).toEqual(['@acme/coe-maintainers', '@acme/z-team']);
    expect(file.teams['@acme/z-team']).toEqual(['@adam', '@zoe']);
    const back = readMembership('teams.json', Buffer.from(JSON.stringify(file)));
    expect(back.ok && back.readAt).toBe('2026-11-24T05:17:00.000Z');
    if (!back.ok) throw new Error('does not read back');
    expect([...(back.teams.members('@ACME/z-team') ?? [])]).toEqual(['@adam', '@zoe']);
    expect(back.teams.unknown('@acme/other')).toBe(
      'the members of @acme/other are not in teams.json (read 2026-11-24T05:17:00.000Z)',
    );
  });

  test('a file that is not one is refused with its line', () => {
    const bad =
      'apiVersion: coe-gate/v1\nkind: TeamMembership\nreadAt: 2026-11-24T05:17:00Z\nteams:\n  acme/no-at: ["@nils"]\n';
    const out = readMembership('teams.yaml', Buffer.from(bad));
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.problems).toEqual([
      expect.objectContaining({
        file: 'teams.yaml',
        line: 5,
        column: 3,
        path: 'teams["acme/no-at"]',
        code: 'schema-invalid-value',
        message: expect.stringMatching(/^"acme\/no-at" is a team without the @; write "@acme\/no-at"$/),
      }),
    ]);
  });
});
