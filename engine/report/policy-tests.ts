// `coe test` at a terminal: each policy test case, each mismatch, and the coverage of the rules
// and of the RACI.
import { type CaseResult, fullyCovered, type Mismatch, type TestRun } from '../core/policy/policy-tests.ts';
import { grouped } from '../core/words.ts';
import { terminalSafe } from './escape.ts';
import { type Paint, plural, renderProblems } from './text.ts';

/** `verbose`: every case; by default only those that fail (a full run has hundreds of ✔ lines). */
export function renderTestRun(
  testRun: TestRun,
  enforceCoverage: boolean,
  paint: Paint,
  { verbose = false }: { verbose?: boolean } = {},
): string {
  if (testRun.problems.length)
    return renderProblems(testRun.problems, paint, '; fix them and run coe test again');
  const run = terminalSafe(testRun);
  const out: string[] = [];
  let file = '';
  for (const c of run.cases) {
    if (c.passed && !verbose) continue;
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
    for (const m of c.mismatches) out.push(`      ${mismatchLine(m)}`);
    for (const line of roleLines(c)) out.push(`      ${line}`);
  }
  const { coverage } = run;
  const pct = coverage.rules ? Math.round((100 * coverage.covered) / coverage.rules) : 100;
  const note = enforceCoverage ? '' : ' (enforced only when every test file runs)';
  out.push('');
  out.push(
    `coverage: ${coverage.covered} of ${plural(coverage.rules, 'rule')} have a passing case and a failing case that names the level (${pct}%)${note}`,
  );
  out.push(
    `coverage: ${coverage.raci.covered} of ${coverage.raci.pairs} RACI stage × tier pairs have a case${note}`,
  );
  const gaps = ruleGaps(coverage);
  if (gaps.length && enforceCoverage) out.push(paint('yellow', `  not covered: ${gaps.join(', ')}`));
  if (coverage.raci.missing.length && enforceCoverage)
    out.push(paint('yellow', `  RACI not covered: entering ${coverage.raci.missing.join(', ')}`));
  const failed = run.cases.filter((c) => !c.passed).length;
  const passed = run.cases.length - failed;
  const invalid = run.cases.filter((c) => c.error).length;
  const ok = failed === 0 && (fullyCovered(coverage) || !enforceCoverage);
  out.push(
    paint(
      ok ? 'green' : 'red',
      `${grouped(passed)} passed, ${grouped(failed)} failed${invalid ? ` (${grouped(invalid)} of them cannot run: a mistake in the test file, exit 2)` : ''}`,
    ),
  );
  return `${out.join('\n')}\n`;
}

function mismatchLine(m: Mismatch): string {
  const message = m.message ? ` — ${m.message}` : '';
  if (m.aspect === 'outcome') return `${m.rule}: expected ${m.expected}, got ${m.actual}${message}`;
  if (m.aspect === 'level') return `${m.rule}: expected level ${m.expected}, got ${m.actual}`;
  return `${m.rule}: expected ${m.expected === 'true' ? 'blocking' : 'not blocking'}, got ${m.actual === 'true' ? 'blocking' : 'not blocking'}`;
}

function roleLines(c: CaseResult): string[] {
  if (!c.roles) return [];
  const asks = c.roles.required.length ? c.roles.required.join(', ') : 'no role';
  return [
    ...c.roles.missing.map(
      (role) => `${role}: expected, but the RACI does not ask for it (it asks for ${asks})`,
    ),
    ...c.roles.unexpected.map((role) => `${role}: the RACI asks for it, but the case does not expect it`),
  ];
}

/** Each rule short of coverage, with what it lacks. */
function ruleGaps(coverage: TestRun['coverage']): string[] {
  const rules = new Set([...coverage.missingPass, ...coverage.missingFail, ...coverage.missingLevel]);
  return [...rules].map((rule) => {
    const lacks = [
      coverage.missingPass.includes(rule) && 'passing',
      coverage.missingFail.includes(rule) && 'failing',
    ].filter(Boolean);
    const parts = [
      ...(lacks.length ? [`no ${lacks.join(' or ')} case`] : []),
      ...(coverage.missingLevel.includes(rule) ? ['no failing case names its level'] : []),
    ];
    return `${rule} (${parts.join('; ')})`;
  });
}
