// `coe audit --verify` for people (text), machines (json) and the compliance issue (markdown).
// Logins, rules, files and reasons come from manifests or GitHub: escaped for each sink.

import type { RecordVerdict, VerifyReport, VerifyStatus } from '../core/audit/verify.ts';
import type { Problem } from '../core/problem.ts';
import { plural } from '../core/words.ts';
import type { AuditVerifyReport } from '../schema/audit-verify.gen.ts';
import { markdownCode, markdownText, terminalSafe } from './escape.ts';
import type { Paint } from './text.ts';

const plain: Paint = (_style, text) => text;

const MARK: Record<VerifyStatus, string> = { verified: '✔', contradicted: '✖', unverifiable: '?' };
const COLOUR: Record<VerifyStatus, 'green' | 'red' | 'yellow'> = {
  verified: 'green',
  contradicted: 'red',
  unverifiable: 'yellow',
};

/** What a record is, in words: `approval pilot/security-lead by jdoe (#12)`. */
export function recordLabel(v: RecordVerdict): string {
  const r = v.record;
  return r.kind === 'approval'
    ? `approval ${r.record.stage}/${r.record.role} by ${r.login} (#${r.pr})`
    : `waiver of ${r.record.rule} by ${r.login} (#${r.pr})`;
}

export function summaryLine(report: VerifyReport): string {
  const s = report.summary;
  const total = report.verdicts.length;
  const parts = `${s.verified} verified, ${s.contradicted} contradicted, ${s.unverifiable} unverifiable`;
  return `${plural(total, 'record')} at ${report.commit.slice(0, 7)}: ${parts}`;
}

export function renderVerifyText(input: VerifyReport, paint: Paint = plain): string {
  const report = terminalSafe(input);
  const out: string[] = [];
  for (const p of report.problems)
    out.push(`${p.file}:${p.line}:${p.column}  ${paint('red', 'not read')}  ${p.message}`);
  for (const v of report.verdicts) {
    const where = `${v.record.file}:${v.record.line}`;
    out.push(
      `${paint(COLOUR[v.status], `${MARK[v.status]} ${v.status}`.padEnd(14))} ${where}  ${recordLabel(v)}: ${v.reason}`,
    );
  }
  if (out.length) out.push('');
  const s = report.summary;
  const line = summaryLine(report);
  out.push(
    s.exitCode === 0
      ? paint('green', `✔ ${line}`)
      : paint(
          'red',
          `✖ ${line}${s.contradicted === 0 && report.problems.length === 0 ? ' (an unverifiable record fails the run: nothing confirms it)' : ''}`,
        ),
  );
  if (report.problems.length)
    out.push(
      paint('red', `✖ ${plural(report.problems.length, 'manifest')} could not be read; run coe check`),
    );
  return `${out.join('\n')}\n`;
}

export function renderVerifyJson(report: VerifyReport): string {
  const json: AuditVerifyReport = {
    repository: report.repository,
    commit: report.commit,
    summary: report.summary,
    problems: report.problems,
    records: report.verdicts.map((v) => ({
      status: v.status,
      reason: v.reason,
      kind: v.record.kind,
      id: v.record.id,
      file: v.record.file,
      line: v.record.line,
      login: v.record.login,
      pr: v.record.pr,
      record: v.record.record,
      review: v.review ?? null,
    })),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** The records that are not verified, as a markdown list (the compliance issue). */
export function renderVerifyMarkdown(
  verdicts: readonly RecordVerdict[],
  problems: readonly Problem[] = [],
): string[] {
  const lines: string[] = [];
  for (const p of problems) lines.push(`- ${problemMarkdown(p)}`);
  for (const v of verdicts.filter((x) => x.status !== 'verified'))
    lines.push(
      `- **${v.status}**: ${markdownCode(v.record.id)} ${markdownText(recordLabel(v))} (${markdownCode(`${v.record.file}:${v.record.line}`)}): ${markdownText(v.reason)}`,
    );
  return lines;
}

function problemMarkdown(p: Problem): string {
  return `${markdownCode(`${p.file}:${p.line}`)}: ${markdownText(p.message)}`;
}
