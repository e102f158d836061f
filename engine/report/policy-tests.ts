// `coe test` at a terminal: each policy test case, each mismatch, and the rules' coverage.
import type { TestRun } from '../core/policy/policy-tests.ts';
import { terminalSafe } from './escape.ts';
import { type Paint, plural, renderProblems } from './text.ts';

export function renderTestRun(testRun: TestRun, enforceCoverage: boolean, paint: Paint): string {
  if (testRun.problems.length)
    return renderProblems(testRun.problems, paint, '; fix them and run coe test again');
  const run = terminalSafe(testRun);
  const out: string[] = [];
  let file = '';
  for (const c of run.cases) {
    if (c.file !== file) {
      file = c.file;
      out.push(paint('bold', file));
    }
    if (c.passed) {
      out.push(`  ${paint('green', '✔')} ${c.name}`);
      continue;
    }
    out.push(`  ${paint('red', '✖')} ${c.name}  ${paint('dim', `(${c.file}:${c.line})`)}`);
    if (c.error) out.push(`      ${c.error}`);
    for (const m of c.mismatches) {
      out.push(
        `      ${m.rule}: expected ${m.expected}, got ${m.actual}${m.message ? ` — ${m.message}` : ''}`,
      );
    }
  }
  const { coverage } = run;
  const pct = coverage.rules ? Math.round((100 * coverage.covered) / coverage.rules) : 100;
  const note = enforceCoverage ? '' : ' (enforced only when every test file runs)';
  out.push('');
  out.push(
    `coverage: ${coverage.covered} of ${plural(coverage.rules, 'rule')} have a passing and a failing case (${pct}%)${note}`,
  );
  const gaps = [...new Set([...coverage.missingPass, ...coverage.missingFail])].map((rule) => {
    const lacks = [
      coverage.missingPass.includes(rule) && 'passing',
      coverage.missingFail.includes(rule) && 'failing',
    ];
    return `${rule} (no ${lacks.filter(Boolean).join(' or ')} case)`;
  });
  if (gaps.length && enforceCoverage) out.push(paint('yellow', `  not covered: ${gaps.join(', ')}`));
  const failed = run.cases.filter((c) => !c.passed).length;
  const passed = run.cases.length - failed;
  const ok = failed === 0 && (gaps.length === 0 || !enforceCoverage);
  out.push(paint(ok ? 'green' : 'red', `${passed} passed, ${failed} failed`));
  return `${out.join('\n')}\n`;
}
