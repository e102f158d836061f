// The shipped sample portfolio is what a new user sees first: it must pass, and it must show
// the whole range of what the manifest can describe.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { PATTERNS, STAGES } from '../../engine/core/manifest/vocabulary.ts';
import type { UseCase } from '../../engine/schema/usecase.gen.ts';
import usecaseSchema from '../../engine/schema/usecase.schema.json' with { type: 'json' };
import { coe, MODELINE, REPO_ROOT, sampleAsOf, sampleFirstExpiry } from '../helpers/repo.ts';

const files = readdirSync(join(REPO_ROOT, 'usecases'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => `usecases/${f}`);
const manifests = files.map((f) => load(readFileSync(join(REPO_ROOT, f), 'utf8')) as UseCase);

describe('the shipped sample portfolio', () => {
  // As of the date the sample is written on: a sample waiver expires like a real one (README.md).
  it('passes coe check as of the date it is written on', () => {
    const r = coe(['check', '--format', 'json', '--as-of', sampleAsOf()], { cwd: REPO_ROOT });
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

  const main = (commands[0] as string).replace(/^npm ci && /, '');
  const passLine = new RegExp(`✔ ${files.length} use cases across \\d+ domains pass every blocking rule`);
  const expiry = sampleFirstExpiry();
  /** The main command as written, on a clock set to `day` (Debian's faketime), or today's clock. */
  const runMain = (day?: string) => {
    const command = day ? ['faketime', `${day} 12:00:00`, 'sh', '-c', main] : ['sh', '-c', main];
    // A clock this run already moves (.ci/run's second pass) would add to the one set here.
    const { LD_PRELOAD: _preload, FAKETIME: _offset, FAKETIME_SHARED: _shared, ...env } = process.env;
    return spawnSync(command[0] as string, command.slice(1), {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...(day ? env : process.env), NO_COLOR: '1' },
    });
  };
  const hasFaketime = spawnSync('faketime', ['--version']).status === 0;

  it('its main command judges the sample, whatever the date (exit 0, or 1 with an expired waiver named)', () => {
    const r = runMain();
    expect(r.stderr).toBe('');
    if (r.status === 0) expect(r.stdout).toMatch(passLine);
    else {
      expect(r.status).toBe(1);
      expect(r.stdout).toMatch(/its last day was \d{4}-\d{2}-\d{2}; it no longer counts/);
    }
  });

  describe.skipIf(!hasFaketime)("with the clock moved (needs Debian's faketime; .ci/run installs it)", () => {
    it('its main command passes on the date the sample is written on', () => {
      const r = runMain(sampleAsOf());
      expect(r.stdout).toMatch(passLine);
      expect(r.status).toBe(0);
    });

    it('after the first sample waiver expires, it shows what README.md says it shows', () => {
      const first = expiry as NonNullable<typeof expiry>;
      const dayAfter = new Date(Date.parse(`${first.expires}T00:00:00Z`) + 86_400_000)
        .toISOString()
        .slice(0, 10);
      const r = runMain(dayAfter);
      expect(r.status).toBe(1);
      expect(r.stdout).toContain(`${first.rule}  expired`);
      expect(r.stdout).toContain(`its last day was ${first.expires}; it no longer counts`);
      expect(r.stdout).toMatch(/✖ 1 of \d+ use cases blocked/);
      // README names the date and what changes on it.
      expect(readme).toContain(first.expires);
      expect(readme).toContain(first.rule);
    });
  });
});
