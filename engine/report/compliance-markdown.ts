// The compliance run's tracking issue: its title, its body (found again by the marker), and the
// comment that closes it. Every value from a manifest or GitHub is escaped (escape.ts).
import type { ComplianceFindings } from '../core/audit/compliance.ts';
import { grouped, plural } from '../core/words.ts';
import { renderVerifyMarkdown } from './audit-verify.ts';
import { markdownCode, markdownText } from './escape.ts';

/** The first line of the issue body: how the next run finds its own issue (with its author). */
export const COMPLIANCE_MARKER = '<!-- coe-gate:compliance -->';

export const COMPLIANCE_TITLE = 'CoE compliance: the default branch needs attention';

export function renderComplianceIssue(f: ComplianceFindings, runUrl: string | null): string {
  const out: string[] = [
    COMPLIANCE_MARKER,
    '## CoE compliance run',
    '',
    `As of **${f.asOf}**, at commit \`${f.commit.slice(0, 7)}\`: ${plural(f.useCases, 'use case')} judged by every policy, ${plural(f.recordsChecked, 'approval and waiver record')} checked against ${f.recordsChecked === 1 ? 'its' : 'their'} pull request${f.recordsChecked === 1 ? '' : 's'}.`,
    '',
    `| Finding | Count |\n|---|---|\n| Files that are not valid | ${grouped(f.problems.length)} |\n| Failing rules | ${grouped(f.rules.length)} |\n| Waivers that no longer count | ${grouped(f.waivers.length)} |\n| Records not verified | ${grouped(f.records.length)} |`,
  ];
  if (f.problems.length) {
    out.push('', '### Files that are not valid', '');
    for (const p of f.problems)
      out.push(`- ${markdownCode(`${p.file}:${p.line}`)}: ${markdownText(p.message)}`);
  }
  if (f.rules.length) {
    out.push('', '### Failing rules', '', '| Use case | Rule | Level | Finding |', '|---|---|---|---|');
    for (const r of f.rules)
      out.push(
        `| ${markdownCode(r.id)} | ${markdownCode(r.result.rule)} | ${r.result.level}${r.result.blocking ? ' (blocks)' : ''} | ${markdownText(r.result.message)} (${markdownCode(`${r.file}:${r.result.line}`)}) |`,
      );
  }
  if (f.waivers.length) {
    out.push('', '### Waivers that no longer count', '');
    for (const w of f.waivers)
      out.push(
        `- ${markdownCode(w.id)}: the waiver of ${markdownCode(w.waiver.rule)} by ${markdownText(w.waiver.approver)} is ${w.waiver.status}: ${markdownText(w.waiver.note)}`,
      );
  }
  if (f.records.length) {
    out.push('', '### Approval and waiver records not verified', '', ...renderVerifyMarkdown(f.records));
  }
  out.push(
    '',
    '---',
    `This issue is kept up to date by the daily compliance run${runUrl ? ` ([latest run](${runUrl}))` : ''}, and closed by it once everything is clean. Locally: \`coe check --all\` and \`coe audit --verify\` (docs/compliance.md).`,
  );
  return `${out.join('\n')}\n`;
}

export function renderComplianceClean(f: ComplianceFindings, runUrl: string | null): string {
  return `✅ All clean as of ${f.asOf} (commit \`${f.commit.slice(0, 7)}\`): every policy holds for the ${plural(f.useCases, 'use case')} and all ${plural(f.recordsChecked, 'approval and waiver record')} are verified.${runUrl ? ` ([run](${runUrl}))` : ''} Closing.\n`;
}
