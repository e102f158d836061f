// Documentation that shows a manifest must show one the engine accepts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTEXT_KEYS } from '../../engine/core/policy/check-logic.ts';
import { OPERATORS } from '../../engine/core/policy/logic.ts';
import { coe, copyPolicies, MODELINE, makeRepo, REPO_ROOT } from '../helpers/repo.ts';

describe('docs/manifest.md', () => {
  it('its example manifest passes coe check', () => {
    const doc = readFileSync(join(REPO_ROOT, 'docs/manifest.md'), 'utf8');
    const examples = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)]
      .map((m) => m[1] as string)
      .filter((y) => y.startsWith(MODELINE) && y.includes('kind: UseCase'));
    expect(examples).toHaveLength(1);
    const example = examples[0] as string;
    const id = /\n {2}id: (\S+)/.exec(example)?.[1];
    const domain = /\n {2}domain: (\S+)/.exec(example)?.[1];
    const root = makeRepo({ [`usecases/${domain}/${id}.yaml`]: example });
    // Judged by the shipped policies, not only validated: the example is one a team may copy.
    copyPolicies(root);
    const r = coe(['check', '--as-of', '2026-11-24'], { cwd: root });
    expect(r.stdout).toMatch(/✔ 1 use case across 1 domain passes every blocking rule/);
    expect(r.status).toBe(0);
  });
});

describe('docs/policies.md', () => {
  const doc = readFileSync(join(REPO_ROOT, 'docs/policies.md'), 'utf8');

  it('documents every operation a policy may use', () => {
    const missing = [...OPERATORS].filter((op) => !doc.includes(`\`${op}\``));
    expect(missing).toEqual([]);
  });

  it('documents every part of the evaluation context', () => {
    const missing = CONTEXT_KEYS.filter((key) => !new RegExp(`^\\| \`${key}[\`.]`, 'm').test(doc));
    expect(missing).toEqual([]);
  });
});
