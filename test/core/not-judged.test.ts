// The last line of defence: after judging a change, a changed manifest that is neither among the
// use cases judged nor named by a problem becomes a problem, so a path some reader skipped can
// never pass as "nothing changed".
import { describe, expect, it } from 'vitest';
import { judge } from '../../engine/core/check/judge.ts';
import { type BaseComparison, buildReport } from '../../engine/core/check/report.ts';
import { manifest } from '../helpers/repo.ts';

const F = 'usecases/claims/claims-intake-bot.yaml';
const SKIPPED = 'usecases/customer-support/policy-wording-qa-copilot.yaml';
const base = (changed: string[]): BaseComparison => ({
  ref: 'main',
  policyCommit: 'a'.repeat(40),
  mergeBase: 'a'.repeat(40),
  changed,
  deleted: [],
  policiesDiffer: false,
  evaluatedAll: false,
});
const sources = [{ file: F, read: () => new TextEncoder().encode(manifest()) }];

describe('a changed manifest that was not judged', () => {
  it('is a problem, and the report fails closed', () => {
    const out = judge({ manifests: sources, policies: undefined, today: '2026-11-24' });
    const report = buildReport(out, '2026-11-24', base([F, SKIPPED]));
    expect(report.problems).toEqual([
      expect.objectContaining({ file: SKIPPED, code: 'file-not-judged', line: 1, column: 1 }),
    ]);
    expect(report.problems[0]?.message).toMatch(/^changed since the merge base but was not judged/);
    expect(report.exitCode).toBe(2);
    expect(report.summary).toMatchObject({ problems: 1, filesWithProblems: 1 });
  });

  it('is not needed when every changed manifest was judged or named', () => {
    const out = judge({ manifests: sources, policies: undefined, today: '2026-11-24' });
    expect(buildReport(out, '2026-11-24', base([F])).problems).toEqual([]);
    const named = judge({
      manifests: [],
      policies: undefined,
      inputProblems: [
        { file: SKIPPED, line: 1, column: 1, path: '', code: 'file-empty', message: 'file is empty' },
      ],
      today: '2026-11-24',
    });
    expect(buildReport(named, '2026-11-24', base([SKIPPED])).problems.map((p) => p.code)).toEqual([
      'file-empty',
    ]);
  });

  it('is not looked for in a check of the whole tree', () => {
    const out = judge({ manifests: [], policies: undefined, today: '2026-11-24' });
    expect(buildReport(out, '2026-11-24').problems).toEqual([]);
  });
});
