// `coe check --all`: every manifest under usecases/, whatever paths are given (the compliance
// run's check), and a review date that has passed (lifecycle.review-date) as time alone breaks it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { coe, copyPolicies, makeRepo, REPO_ROOT } from '../helpers/repo.ts';

const COPILOT = 'usecases/customer-support/policy-wording-qa-copilot.yaml';
const FNOL = 'usecases/claims/fnol-triage-assistant.yaml';
const read = (p: string) => readFileSync(join(REPO_ROOT, p), 'utf8');

function repo(nextReview: string): string {
  const root = makeRepo({
    [COPILOT]: read(COPILOT).replace(
      '    stage: intake\n',
      `    stage: intake\n    nextReview: ${nextReview}\n`,
    ),
    [FNOL]: read(FNOL),
  });
  copyPolicies(root);
  return root;
}

describe('coe check --all', () => {
  it('judges every manifest whatever paths are given', () => {
    const root = repo('2027-01-31');
    const r = coe(['check', '--all', 'usecases/claims', '--format', 'json', '--as-of', '2026-11-24'], {
      cwd: root,
    });
    const report = JSON.parse(r.stdout) as { useCases: { file: string }[] };
    expect(report.useCases.map((u) => u.file).sort()).toEqual([FNOL, COPILOT]);
    expect(r.status).toBe(0);
  });

  it('a review date that has passed fails the day after it, naming the date', () => {
    const root = repo('2027-01-31');
    expect(coe(['check', '--all', '--as-of', '2027-01-31'], { cwd: root }).status).toBe(0);
    const r = coe(['check', '--all', '--as-of', '2027-02-01'], { cwd: root });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(
      /usecases\/customer-support\/policy-wording-qa-copilot\.yaml:\d+:\d+ +soft +lifecycle\.review-date +The review due by 2027-01-31 has not been done; the date has passed\./,
    );
  });

  it('is refused with --base, which judges a change', () => {
    const r = coe(['check', '--all', '--base', 'main'], { cwd: repo('2027-01-31') });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'coe: --all judges every manifest as it is, --base judges a change: give one of them\n',
    );
  });
});
