// The report as GitHub-flavoured markdown: the seed of the pull-request comment.
import type { CheckReport } from '../core/check/report.ts';
import { plural } from './text.ts';

const LEVEL_ICON = { hard: '🛑', soft: '⚠️', advisory: 'ℹ️' } as const;

export function renderMarkdown(report: CheckReport): string {
  const out: string[] = [];
  const { summary } = report;
  if (report.problems.length) {
    out.push(
      `### ❌ CoE Gate: ${plural(summary.problems, 'problem')} in ${plural(summary.filesWithProblems, 'file')}`,
    );
    out.push('');
    out.push('Each file must be valid before any policy can judge it. Fix these and push again.');
    out.push('');
    out.push('| file | line | field | problem |');
    out.push('| --- | --- | --- | --- |');
    for (const p of report.problems) {
      out.push(
        `| \`${cell(p.file)}\` | ${p.line}:${p.column} | ${p.path ? `\`${cell(p.path)}\`` : '—'} | ${cell(p.message)} |`,
      );
    }
    return footer(report, out);
  }
  const rows = report.useCases;
  if (!report.policies)
    out.push(`### ✅ CoE Gate: ${plural(rows.length, 'use case')} valid (no policies evaluated)`);
  else if (summary.blocked)
    out.push(`### ❌ CoE Gate: ${summary.blocked} of ${plural(rows.length, 'use case')} blocked`);
  else out.push(`### ✅ CoE Gate: ${plural(rows.length, 'use case')} pass`);
  out.push('');
  out.push('| use case | stage | tier (declared / computed) | verdict |');
  out.push('| --- | --- | --- | --- |');
  for (const r of rows) {
    const tier = r.tier ? `${r.tier.declared} / ${r.tier.computed}` : r.riskTier;
    const verdict = r.blocked === undefined ? 'valid' : r.blocked ? '❌ blocked' : '✅ pass';
    out.push(`| \`${cell(r.id)}\` ${cell(r.title)} | ${r.stage} | ${tier} | ${verdict} |`);
  }
  const findings = rows.flatMap((u) => (u.findings ?? []).map((f) => ({ u, f })));
  if (findings.length) {
    out.push('');
    out.push('#### Findings');
    out.push('');
    out.push('| | rule | where | why | fix |');
    out.push('| --- | --- | --- | --- | --- |');
    for (const { u, f } of findings) {
      const icon = f.outcome === 'waived' ? '🟢 waived' : `${LEVEL_ICON[f.level]} ${f.level}`;
      out.push(
        `| ${icon} | \`${f.rule}\` | \`${cell(u.file)}:${f.line}\` | ${cell(f.message)} | ${f.outcome === 'waived' ? '—' : cell(f.remediation)} |`,
      );
    }
  }
  const waivers = rows.flatMap((u) => (u.waivers ?? []).map((w) => ({ u, w })));
  if (waivers.length) {
    out.push('');
    out.push('#### Waivers');
    out.push('');
    out.push('| use case | rule | status | approver | expires | note |');
    out.push('| --- | --- | --- | --- | --- | --- |');
    for (const { u, w } of waivers) {
      out.push(
        `| \`${u.id}\` | \`${w.rule}\` | ${w.status} | ${cell(w.approver)} | ${w.expires} | ${cell(w.note)} |`,
      );
    }
  }
  return footer(report, out);
}

function footer(report: CheckReport, out: string[]): string {
  out.push('');
  const rules = report.policies ? ` · ${report.policies.rules} rules` : '';
  out.push(
    `<sub>coe-gate ${report.tool.version} · ${plural(report.summary.files, 'file')} read${rules} · as of ${report.asOf}</sub>`,
  );
  return `${out.join('\n')}\n`;
}

/** Keeps a value inside one table cell. */
export function cell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
