// A deprecated model (registry status "deprecated": existing use only): the use cases that already
// had it keep it, a change that adopts it fails with the approved models to move to, and a check
// of the tree as it stands counts what is there as existing use. The real CLI, a real repository.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, test } from 'vitest';
import { commitAll, edit, git, gitRepo, write } from '../helpers/git.ts';
import { coe, manifest } from '../helpers/repo.ts';

const RULE = 'release-gates.approved-models';
const LEGACY = 'gpt-35-turbo-legacy';
const AS_OF = ['--as-of', '2026-11-24'];
const models = (id: string) => `  models:\n    - { id: ${id}, purpose: Answers from retrieved passages }\n`;
/** A prototype-stage manifest using `model` (the test manifest, with its models section). */
const onModel = (id: string, model: string) =>
  manifest(id, 'claims')
    .replace('    stage: intake\n', '    stage: prototype\n')
    .replace('  lifecycle:\n', `${models(model)}  lifecycle:\n`);

interface Finding {
  rule: string;
  message: string;
  path: string;
}
const findings = (root: string, args: string[]): Map<string, Finding[]> => {
  const r = coe(['check', ...AS_OF, '--format', 'json', ...args], { cwd: root });
  const report = JSON.parse(r.stdout) as {
    problems: unknown[];
    useCases: { id: string; findings?: Finding[] }[];
  };
  expect(report.problems).toEqual([]);
  return new Map(report.useCases.map((u) => [u.id, (u.findings ?? []).filter((f) => f.rule === RULE)]));
};

describe('a deprecated model', () => {
  test('stays with the use case that had it, fails a change that adopts it, and names the approved models', () => {
    const root = gitRepo({ 'usecases/claims/claims-old-bot.yaml': onModel('claims-old-bot', LEGACY) });
    git(root, 'checkout', '-q', '-b', 'adopt');
    write(root, 'usecases/claims/claims-new-bot.yaml', onModel('claims-new-bot', LEGACY));
    edit(
      root,
      'usecases/claims/claims-old-bot.yaml',
      'title: Claims old bot',
      'title: Claims old bot, renamed',
    );
    commitAll(root, 'adopt the legacy model');

    const change = findings(root, ['--base', 'main']);
    expect(change.get('claims-old-bot')).toEqual([]);
    const [adopted] = change.get('claims-new-bot') ?? [];
    expect(adopted?.path).toBe('spec.models[0].id');
    // The approved models named are those the registry approves for the use case's tier.
    const registry = load(readFileSync(join(root, 'policies/registries/models.yaml'), 'utf8')) as {
      models: { id: string; status: string; maxTier: string }[];
    };
    const tiers = ['low', 'medium', 'high'];
    const tier = /Approved models for a (\w+)-tier use case/.exec(adopted?.message ?? '')?.[1] ?? '';
    const approved = registry.models
      .filter((m) => m.status === 'approved' && tiers.indexOf(m.maxTier) >= tiers.indexOf(tier))
      .map((m) => m.id);
    expect(approved.length).toBeGreaterThan(0);
    expect(adopted?.message).toBe(
      `Model ${LEGACY} is deprecated in the model registry, so it may not be used here. Approved models for a ${tier}-tier use case: ${approved.join(', ')}.`,
    );

    // Adding it to a use case that did not have it is adoption too.
    git(root, 'checkout', '-q', 'main');
    git(root, 'checkout', '-q', '-b', 'add-to-existing');
    write(root, 'usecases/claims/claims-other-bot.yaml', onModel('claims-other-bot', 'gpt-4o-2024-08'));
    commitAll(root, 'another use case');
    git(root, 'checkout', '-q', 'main');
    git(root, 'merge', '-q', '--ff-only', 'add-to-existing');
    git(root, 'checkout', '-q', '-b', 'switch');
    edit(root, 'usecases/claims/claims-other-bot.yaml', 'id: gpt-4o-2024-08', `id: ${LEGACY}`);
    expect(findings(root, ['--base', 'main']).get('claims-other-bot')).toHaveLength(1);

    // The tree as it stands: what is there is existing use.
    git(root, 'checkout', '-q', 'main');
    expect([...findings(root, []).values()].flat()).toEqual([]);
  });
});
