// `coe check --format github`: the report as GitHub Actions workflow commands, so a workflow that
// runs the CLI itself (not the Action) gets each problem and finding as an annotation on its file
// and line, and a summary in the log. A problem or a blocking finding is an error, a failure that
// does not block a warning, an advisory a notice; waived findings are not annotated.
// Manifest text is data: every value is escaped as the runner's command parser expects, so no
// title or message can end the command or start another.
import type { CheckReport } from '../core/check/report.ts';
import type { RuleResult } from '../core/policy/evaluate.ts';
import { grouped } from '../core/words.ts';
import { DUPLICATE_RULE, duplicateNote } from './duplicates.ts';

type Command = 'error' | 'warning' | 'notice';

/** The workflow command's data: %, CR and LF escaped (a line break would end the command). */
function escapeData(s: string): string {
  return s.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/** A property value: also : and , (which separate the properties). */
function escapeProperty(s: string): string {
  return escapeData(s).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

function command(
  kind: Command,
  at: { file: string; line: number; column: number; title: string },
  message: string,
) {
  const properties = [
    `file=${escapeProperty(at.file)}`,
    `line=${Math.max(1, at.line)}`,
    `col=${Math.max(1, at.column)}`,
    `title=${escapeProperty(at.title)}`,
  ].join(',');
  return `::${kind} ${properties}::${escapeData(message)}\n`;
}

function kindOf(f: RuleResult): Command | null {
  if (f.outcome !== 'fail') return null;
  if (f.blocking) return 'error';
  return f.level === 'advisory' ? 'notice' : 'warning';
}

/** quiet: failures only, no advisory notices (--quiet). */
export function* githubCommands(report: CheckReport, options: { quiet?: boolean } = {}): Generator<string> {
  for (const p of report.problems)
    yield command(
      'error',
      { ...p, title: `coe-gate: ${p.code}` },
      p.path ? `${p.path}: ${p.message}` : p.message,
    );
  for (const u of report.useCases) {
    for (const f of u.findings ?? []) {
      const kind = kindOf(f);
      if (kind && !(options.quiet && kind === 'notice'))
        yield command(
          kind,
          { file: u.file, line: f.line, column: f.column, title: `${f.rule} (${f.level})` },
          `${f.message}\nFix: ${f.remediation}`,
        );
    }
  }
  // A likely duplicate is a notice on each of the two files, naming the other.
  if (!options.quiet)
    for (const pair of report.duplicates)
      for (const side of [0, 1] as const)
        yield command(
          'notice',
          { file: pair.files[side], line: 1, column: 1, title: `${DUPLICATE_RULE} (advisory)` },
          duplicateNote(pair, side),
        );
  const s = report.summary;
  const verdict =
    report.exitCode === 2
      ? `${grouped(s.problems)} problem(s) in ${grouped(s.filesWithProblems)} file(s)`
      : `${grouped(s.blocked)} of ${grouped(report.useCases.length)} use case(s) blocked, ${grouped(s.failures)} failure(s), ${grouped(s.advisories)} advisory finding(s), ${grouped(s.waived)} waived${report.duplicates.length ? `, ${grouped(report.duplicates.length)} likely duplicate(s)` : ''}`;
  yield `::notice title=coe-gate::${escapeData(`coe check as of ${report.asOf}: ${verdict}`)}\n`;
}
