// The report as GitHub-flavoured markdown: the seed of the pull-request comment.
import type { CheckReport } from '../core/check/report.ts';
import { plural } from './text.ts';

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
  } else {
    out.push(`### ✅ CoE Gate: ${plural(report.useCases.length, 'use case')} valid`);
    out.push('');
    out.push('| use case | domain | stage | tier | pattern | audience |');
    out.push('| --- | --- | --- | --- | --- | --- |');
    for (const r of report.useCases) {
      out.push(
        `| \`${cell(r.id)}\` ${cell(r.title)} | ${r.domain} | ${r.stage} | ${r.riskTier} | ${r.pattern} | ${r.audience} |`,
      );
    }
  }
  out.push('');
  out.push(`<sub>coe-gate ${report.tool.version} · ${plural(summary.files, 'file')} read</sub>`);
  return `${out.join('\n')}\n`;
}

/** Keeps a value inside one table cell. */
function cell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
