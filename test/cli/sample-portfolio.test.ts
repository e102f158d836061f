// The shipped sample portfolio is what a new user sees first: it must pass, and it must show
// the whole range of what the manifest can describe.
import { execSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import type { UseCase } from '../../engine/core/manifest/usecase.gen.ts';
import { PATTERNS, STAGES } from '../../engine/core/manifest/vocabulary.ts';
import usecaseSchema from '../../engine/schema/usecase.schema.json' with { type: 'json' };
import { coe, MODELINE, REPO_ROOT } from '../helpers/repo.ts';

const files = readdirSync(join(REPO_ROOT, 'usecases'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => `usecases/${f}`);
const manifests = files.map((f) => load(readFileSync(join(REPO_ROOT, f), 'utf8')) as UseCase);

describe('the shipped sample portfolio', () => {
  it('passes coe check', () => {
    const r = coe(['check', '--format', 'json'], { cwd: REPO_ROOT });
    const report = JSON.parse(r.stdout);
    expect(report.problems).toEqual([]);
    expect(r.status).toBe(0);
    expect(report.useCases.map((u: { file: string }) => u.file).sort()).toEqual([...files].sort());
  });

  it('has at least 15 use cases across at least 4 domains', () => {
    expect(manifests.length).toBeGreaterThanOrEqual(15);
    expect(new Set(manifests.map((m) => m.metadata.domain)).size).toBeGreaterThanOrEqual(4);
  });

  it('covers every stage, pattern, audience, decision mode and data classification', () => {
    const seen = (pick: (m: UseCase) => string[]) => new Set(manifests.flatMap(pick));
    expect(seen((m) => [m.spec.lifecycle.stage])).toEqual(new Set(STAGES));
    expect(seen((m) => [m.spec.classification.pattern])).toEqual(new Set(PATTERNS));
    expect(seen((m) => [m.spec.classification.audience])).toEqual(new Set(['internal', 'customer-facing']));
    expect(seen((m) => [m.spec.classification.decisionMode])).toEqual(
      new Set(['none', 'assistive', 'automated']),
    );
    expect(seen((m) => (m.spec.data?.sources ?? []).map((s) => s.classification))).toEqual(
      new Set(usecaseSchema.$defs.DataSource.properties.classification.enum),
    );
    expect(seen((m) => [m.spec.classification.riskTier])).toEqual(new Set(['low', 'medium', 'high']));
  });

  it('names the schema on the first line of every file, for editors', () => {
    for (const f of files) expect(readFileSync(join(REPO_ROOT, f), 'utf8').split('\n')[0], f).toBe(MODELINE);
  });

  it('has no two use cases that are copies with the names changed', () => {
    const goals = manifests.map((m) => m.spec.intake.goal);
    expect(new Set(goals).size).toBe(goals.length);
  });
});

describe('README.md', () => {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const quickStart = /## Quick start[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  const commands = quickStart
    .split('\n')
    .filter(Boolean)
    .map((l) => l.replace(/\s+#.*$/, ''));

  it('gives exactly two fresh-clone commands: the main job and every test', () => {
    expect(commands).toEqual(['npm ci && npx coe check', 'npm ci && npm test']);
    const ci = readFileSync(join(REPO_ROOT, '.ci/run'), 'utf8');
    expect(ci).toMatch(/^npm ci\b/m);
    expect(ci).toMatch(/^npm test$/m);
  });

  it('its main command works as written (after the install step)', () => {
    const main = (commands[0] as string).replace(/^npm ci && /, '');
    const out = execSync(main, { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(out).toMatch(
      new RegExp(`✔ ${files.length} use cases across \\d+ domains pass every blocking rule`),
    );
  });
});
