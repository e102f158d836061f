// Who may approve as which role, for which use case: the one answer the gate, the lifecycle rules,
// waivers and `coe explain` all ask (engine/core/approvals/roles.ts). The roles are this test's own.
import { describe, expect, test } from 'vitest';
import { RoleBook, roleBook } from '../../engine/core/approvals/roles.ts';
import { champion, TEST_ROLES, testPolicies, useCase } from '../helpers/approvals.ts';

const book = roleBook(testPolicies().registries.roles);
const claims = useCase('    stage: intake\n');
const hr = useCase('    stage: intake\n', (t) => t.replace('domain: claims', 'domain: hr'));
const naming = (principal: string) => useCase('    stage: intake\n', champion(principal));

describe('a role held for every use case', () => {
  test('is held for any use case and for the repository, whatever the letter case of the login', () => {
    expect(book.holds('@LENA', 'coe-lead', claims)).toBe(true);
    expect(book.holds('@lena', 'coe-lead', hr)).toBe(true);
    expect(book.holds('@Lena', 'coe-lead', null)).toBe(true);
    expect(book.holders('coe-lead', null)).toEqual(['@lena', '@leo']);
  });

  test('is not held by anyone else, nor is a role the registry does not have', () => {
    expect(book.refusal('@zed', 'coe-lead', claims)).toBe('@zed does not hold the coe-lead role');
    expect(book.refusal('@lena', 'security-lead', claims)).toBe('@lena does not hold the security-lead role');
    expect(book.refusal('@lena', 'chief-of-ai', claims)).toBe('@lena does not hold the chief-of-ai role');
    expect(book.holds('@lena', 'chief-of-ai', null)).toBe(false);
    expect(book.holders('chief-of-ai', claims)).toEqual([]);
  });
});

describe('a role held for some domains', () => {
  test('is held for use cases of those domains only', () => {
    expect(book.holds('@cara', 'domain-champion', claims)).toBe(true);
    expect(book.refusal('@cara', 'domain-champion', hr)).toBe(
      '@cara holds the domain-champion role for claims only, not hr',
    );
    expect(book.holders('domain-champion', claims)).toEqual(['@cara', '@cody']);
    expect(book.holders('domain-champion', hr)).toEqual(['@hana']);
  });

  test('a holder for several domains is named with all of them', () => {
    const roles = TEST_ROLES.replace(
      '{ login: "@hana", domains: [hr] }',
      '{ login: "@hana", domains: [hr, it] }',
    );
    const wide = roleBook(testPolicies(roles).registries.roles);
    expect(wide.refusal('@hana', 'domain-champion', claims)).toBe(
      '@hana holds the domain-champion role for hr, it only, not claims',
    );
    expect(wide.refusal('@hana', 'domain-champion', null)).toBe(
      '@hana holds the domain-champion role for hr, it only, not for the repository as a whole',
    );
  });

  test('is not held for the repository as a whole', () => {
    expect(book.refusal('@cara', 'domain-champion', null)).toBe(
      '@cara holds the domain-champion role for claims only, not for the repository as a whole',
    );
    expect(book.holders('domain-champion', null)).toEqual([]);
  });
});

describe('a role a use case names its holder for (namedBy)', () => {
  test('is filled by the person the use case names, and by no other holder', () => {
    const named = naming('@Cody');
    expect(book.holds('@cody', 'domain-champion', named)).toBe(true);
    expect(book.refusal('@cara', 'domain-champion', named)).toBe(
      'claims-intake-bot names @Cody in metadata.champion; only they fill the domain-champion role for it',
    );
    expect(book.holders('domain-champion', named)).toEqual(['@cody']);
  });

  test('a named person who does not hold the role for the domain leaves nobody to fill it', () => {
    const named = naming('@hana');
    expect(book.holders('domain-champion', named)).toEqual([]);
    expect(book.refusal('@hana', 'domain-champion', named)).toBe(
      '@hana holds the domain-champion role for hr only, not claims',
    );
    expect(book.holds('@cara', 'domain-champion', named)).toBe(false);
  });

  test('a team named leaves the choice to the holders for the domain', () => {
    const team = naming('@acme/claims-champions');
    expect(book.holders('domain-champion', team)).toEqual(['@cara', '@cody']);
    expect(book.holds('@cara', 'domain-champion', team)).toBe(true);
  });

  test('naming a champion changes nothing for the other roles', () => {
    expect(book.holds('@lena', 'coe-lead', naming('@cody'))).toBe(true);
    expect(book.holders('coe-lead', naming('@cody'))).toEqual(['@lena', '@leo']);
  });

  test('a namedBy field that holds anything but a @login names nobody', () => {
    const roles = TEST_ROLES.replace('namedBy: metadata.champion', 'namedBy: metadata.title');
    const titled = useCase('    stage: intake\n', (t) =>
      t.replace('title: Claims intake bot', 'title: Ask @cody'),
    );
    const own = roleBook(testPolicies(roles).registries.roles);
    expect(own.holders('domain-champion', titled)).toEqual(['@cara', '@cody']);
  });

  test('a namedBy field that holds a list names nobody', () => {
    const roles = TEST_ROLES.replace('namedBy: metadata.champion', 'namedBy: spec.intake.dependencies');
    const tagged = useCase('    stage: intake\n', (t) =>
      t.replace('  intake:\n', '  intake:\n    dependencies: ["@cody"]\n'),
    );
    const own = roleBook(testPolicies(roles).registries.roles);
    expect(own.holders('domain-champion', tagged)).toEqual(['@cara', '@cody']);
    expect(own.holds('@cara', 'domain-champion', tagged)).toBe(true);
  });
});

test('the roles a login holds anywhere, for telling whether a request for changes comes from a role holder', () => {
  expect(book.rolesHeld('@Cara')).toEqual(['domain-champion']);
  expect(book.rolesHeld('@zed')).toEqual([]);
  const twice = new RoleBook([
    { id: 'coe-lead', title: 'Lead', members: ['@lena'] },
    { id: 'security-lead', title: 'Security', members: [{ login: '@LENA', domains: ['hr'] }] },
  ]);
  expect(twice.rolesHeld('@lena')).toEqual(['coe-lead', 'security-lead']);
});
