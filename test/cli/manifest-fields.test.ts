// Fields as a use-case team writes them: a ticket id is plain text, and a GitHub identity in the
// form a field does not take is refused with the form it does take. The real CLI on a real repository.
import { describe, expect, test } from 'vitest';
import { coe, copyPolicies, makeRepo, manifest } from '../helpers/repo.ts';

const F = 'usecases/claims/claims-intake-bot.yaml';
const check = (root: string) => coe(['check', '--as-of', '2026-11-24', '--format', 'json'], { cwd: root });
const problems = (root: string) =>
  (JSON.parse(check(root).stdout).problems as { code: string; path: string; message: string }[]).map((p) => [
    p.path,
    p.message,
  ]);

describe('manifest fields', () => {
  test('a data source access ticket may be an id from the ticketing system, or a link', () => {
    for (const ticket of ['RITM0062237', 'https://servicenow.example/ritm/RITM0062237']) {
      const text = manifest().replace(
        '        personalData: personal\n',
        `        personalData: personal\n        access:\n          status: approved\n          approver: "@nadia-h"\n          date: 2026-05-26\n          ticket: ${ticket}\n          leastPrivilege: true\n`,
      );
      const root = makeRepo({ [F]: text });
      copyPolicies(root);
      expect(problems(root), ticket).toEqual([]);
    }
  });

  test('a person or team written without the @ is refused with the fix: one syntax, the CODEOWNERS one', () => {
    const bare = manifest(
      'claims-intake-bot',
      'claims',
      '    approvals:\n      - { stage: intake, role: coe-maintainer, login: bchen, date: 2026-11-20, pr: 12 }\n',
    );
    expect(problems(makeRepo({ [F]: bare }))).toEqual([
      ['spec.lifecycle.approvals[0].login', '"bchen" is a login without the @; write "@bchen"'],
    ]);
    const bareOwner = manifest().replace('owner: "@acme/claims-ai"', 'owner: acme/claims-ai');
    expect(problems(makeRepo({ [F]: bareOwner }))).toEqual([
      ['metadata.owner', '"acme/claims-ai" is a team without the @; write "@acme/claims-ai"'],
    ]);
    // A value that is wrong in both forms gets no made-up fix.
    const wrong = manifest().replace('owner: "@acme/claims-ai"', 'owner: "claims ai"');
    expect(problems(makeRepo({ [F]: wrong }))[0]?.[1]).not.toContain('; write');
  });
});
