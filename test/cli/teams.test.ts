// coe check --teams FILE: team roles judged on a laptop by the membership file the daily run
// writes (docs/action.md#teams); without it a team's members are unknown, and a record that rests on
// one is refused with the reason. The real CLI as a process, on a real repository.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { edit, gitRepo } from '../helpers/git.ts';
import { coe, manifest, tempDir } from '../helpers/repo.ts';

const F = 'usecases/claims/claims-intake-bot.yaml';
const AS_OF = ['--as-of', '2026-11-24'];
const RECORD =
  '    approvals:\n      - { stage: intake, role: coe-maintainer, login: "@nils", date: 2026-01-20, pr: 12 }\n';

/** The shipped policies, coe-maintainer held by a team and @fvogel; an intake recorded by @nils. */
function repo(): string {
  const root = gitRepo({ [F]: manifest('claims-intake-bot', 'claims', RECORD) });
  edit(
    root,
    'policies/registries/roles.yaml',
    'members: ["@bchen", "@fvogel"]',
    'members: ["@northwind/coe-maintainers", "@fvogel"]',
  );
  return root;
}

function membership(teams: Record<string, string[]>): string {
  const file = join(tempDir('coe-teams-'), 'teams.json');
  writeFileSync(
    file,
    JSON.stringify({
      apiVersion: 'coe-gate/v1',
      kind: 'TeamMembership',
      readAt: '2026-11-24T05:17:00Z',
      teams,
    }),
  );
  return file;
}

describe('coe check --teams', () => {
  test('without it, a record resting on a team is refused and says why; with it, a member holds the role', () => {
    const root = repo();
    const blind = coe(['check', ...AS_OF], { cwd: root });
    expect(blind.status).toBe(1);
    expect(blind.stdout).toContain('lifecycle.approvals-by-role-holders');
    expect(blind.stdout).toMatch(
      /@nils does not hold the coe-maintainer role by name, and the members of @northwind\/coe-maintainers are unknown here/,
    );

    const member = coe(
      ['check', ...AS_OF, '--teams', membership({ '@northwind/coe-maintainers': ['@Nils'] })],
      {
        cwd: root,
      },
    );
    expect(member.stdout).not.toContain('lifecycle.approvals-by-role-holders');
    expect(member.status).toBe(0);

    const other = coe(
      ['check', ...AS_OF, '--teams', membership({ '@northwind/coe-maintainers': ['@mallory'] })],
      {
        cwd: root,
      },
    );
    expect(other.status).toBe(1);
    expect(other.stdout).toMatch(/nils does not hold the coe-maintainer role(?! by name)/);
  });

  test('a file that is missing or not a membership file is a one-line usage error naming it', () => {
    const root = repo();
    const missing = coe(['check', '--teams', 'nope.json'], { cwd: root });
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim()).toBe('coe: --teams nope.json: no such file');

    const bad = join(tempDir('coe-teams-'), 'teams.yaml');
    writeFileSync(
      bad,
      'apiVersion: coe-gate/v1\nkind: TeamMembership\nreadAt: 2026-11-24T05:17:00Z\nteams:\n  northwind/no-at: ["@nils"]\n',
    );
    const r = coe(['check', '--teams', bad], { cwd: root });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        new RegExp(
          `^coe: ${bad.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:5:3: teams\\["northwind/no-at"\\]: "northwind/no-at" is a team without the @; write "@northwind/no-at"$`,
        ),
      ),
    ]);
    expect(r.stdout).toBe('');
  });
});
