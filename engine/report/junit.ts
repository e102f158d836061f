// `coe check --format junit`: the report as JUnit XML, the test-report format Jenkins, GitLab,
// Azure DevOps and most CI systems show. One test suite per use case, one test case per rule of the
// policy set: a blocking failure is a <failure>, a waived one <skipped> with its waiver, an
// advisory one a passing case whose output says what it found (an advisory never fails a build);
// a rule that holds or does not apply at this stage is a passing case. Input problems are one
// suite of <error>s, one per problem; likely duplicate use cases one suite of passing cases whose
// output names both files (advisory, like the advisory findings). Written as chunks, one per suite, so a large portfolio is
// never one string. Every value goes through escape.ts's xmlText: manifest text is data.
import type { CheckReport, UseCaseReport } from '../core/check/report.ts';
import type { RuleResult } from '../core/policy/evaluate.ts';
import type { Problem } from '../core/problem.ts';
import { DUPLICATE_RULE, duplicateWhy } from './duplicates.ts';
import { xmlText } from './escape.ts';
import type { RuleDescription } from './sarif.ts';

type Attributes = Record<string, string | number | undefined>;

function attributes(values: Attributes): string {
  return Object.entries(values)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlText(String(v), 'line')}"`)
    .join('');
}

function where(file: string, at: { line: number; column: number }): string {
  return `${file}:${Math.max(1, at.line)}:${Math.max(1, at.column)}`;
}

/** `rules`: the policy set judged by; without it, only the findings are test cases. */
export function* junitChunks(report: CheckReport, rules: readonly RuleDescription[] = []): Generator<string> {
  const judged = report.useCases.filter((u) => u.findings !== undefined);
  const tests =
    report.problems.length +
    judged.reduce((n, u) => n + casesOf(u, rules).length, 0) +
    report.duplicates.length;
  const failures = judged.reduce((n, u) => n + (u.findings ?? []).filter(blocking).length, 0);
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield `<testsuites${attributes({ name: 'CoE Gate', tests, failures, errors: report.problems.length })}>\n`;
  if (report.problems.length) yield problemSuite(report.problems);
  for (const u of judged) yield useCaseSuite(u, casesOf(u, rules));
  if (report.duplicates.length) yield duplicateSuite(report);
  yield '</testsuites>\n';
}

function blocking(f: RuleResult): boolean {
  return f.outcome === 'fail' && f.blocking;
}

interface Case {
  rule: string;
  finding?: RuleResult;
}

/** Every rule once, with its finding when it has one; findings of rules not described come last. */
function casesOf(u: UseCaseReport, rules: readonly RuleDescription[]): Case[] {
  const findings = new Map<string, RuleResult[]>();
  for (const f of u.findings ?? []) findings.set(f.rule, [...(findings.get(f.rule) ?? []), f]);
  const cases: Case[] = [];
  for (const r of rules) {
    const found = findings.get(r.id);
    findings.delete(r.id);
    if (!found) cases.push({ rule: r.id });
    // A forEach rule fails once per item: each is its own case, named by its field.
    else for (const f of found) cases.push({ rule: r.id, finding: f });
  }
  for (const [rule, found] of findings) for (const f of found) cases.push({ rule, finding: f });
  return cases;
}

function useCaseSuite(u: UseCaseReport, cases: Case[]): string {
  const findings = cases.flatMap((c) => (c.finding ? [c.finding] : []));
  const head = attributes({
    name: u.id,
    tests: cases.length,
    failures: findings.filter(blocking).length,
    errors: 0,
    skipped: findings.filter((f) => f.outcome === 'waived').length,
    file: u.file,
  });
  const classname = `${u.domain}.${u.id}`;
  const lines = [`  <testsuite${head}>\n`];
  for (const c of cases) {
    // Test cases are told apart by name: a rule that failed for two items gets each item's field.
    const repeats = cases.filter((x) => x.rule === c.rule).length > 1;
    const name = repeats && c.finding ? `${c.rule} (${c.finding.path})` : c.rule;
    const open = `    <testcase${attributes({ name, classname })}`;
    const f = c.finding;
    if (!f) {
      lines.push(`${open}/>\n`);
      continue;
    }
    const detail = xmlText(`${where(u.file, f)} ${f.path}\n${f.message}\nFix: ${f.remediation}`);
    if (f.outcome === 'waived') {
      const waiver = u.waivers?.find((w) => w.rule === f.rule && w.status === 'applied');
      const why = waiver
        ? `waived by ${waiver.approver} until ${waiver.expires}: ${waiver.reason}`
        : 'waived';
      lines.push(
        `${open}>\n      <skipped${attributes({ message: why })}>${detail}</skipped>\n    </testcase>\n`,
      );
    } else if (f.blocking) {
      lines.push(
        `${open}>\n      <failure${attributes({ type: f.level, message: f.message })}>${detail}</failure>\n    </testcase>\n`,
      );
    } else {
      lines.push(
        `${open}>\n      <system-out>${xmlText(`${f.level}: `)}${detail}</system-out>\n    </testcase>\n`,
      );
    }
  }
  lines.push('  </testsuite>\n');
  return lines.join('');
}

/** The likely duplicates: a passing case per pair, named by both files, its output saying why. */
function duplicateSuite(report: CheckReport): string {
  const pairs = report.duplicates;
  const head = attributes({ name: DUPLICATE_RULE, tests: pairs.length, failures: 0, errors: 0, skipped: 0 });
  const cases = pairs.map((p) => {
    const name = `${p.files[0]} ~ ${p.files[1]}`;
    const detail = xmlText(
      `advisory: likely duplicates, ${duplicateWhy(p)}\n${p.files[0]}: ${p.titles[0]}\n${p.files[1]}: ${p.titles[1]}\nMerge them, or tell them apart in title and goal.`,
    );
    return `    <testcase${attributes({ name, classname: DUPLICATE_RULE })}>\n      <system-out>${detail}</system-out>\n    </testcase>\n`;
  });
  return `  <testsuite${head}>\n${cases.join('')}  </testsuite>\n`;
}

function problemSuite(problems: readonly Problem[]): string {
  const head = attributes({
    name: 'input',
    tests: problems.length,
    failures: 0,
    errors: problems.length,
    skipped: 0,
  });
  const cases = problems.map((p) => {
    const name = `${p.code} ${where(p.file, p)}`;
    const detail = xmlText(`${where(p.file, p)} ${p.path}\n${p.message}`);
    return `    <testcase${attributes({ name, classname: p.file })}>\n      <error${attributes({ type: p.code, message: p.message })}>${detail}</error>\n    </testcase>\n`;
  });
  return `  <testsuite${head}>\n${cases.join('')}  </testsuite>\n`;
}
