// The report as GitHub-flavoured markdown, in sections that `coe check --format markdown` and the
// pull-request comment both assemble. Every value from a manifest, a path or a policy goes through
// escape.ts: markdownCode where the layout shows it as code, markdownText everywhere else.
import type { CheckReport } from '../core/check/report.ts';
import { grouped } from '../core/words.ts';
import { duplicatesSection } from './duplicates.ts';
import { markdownCode, markdownText } from './escape.ts';
import { plural, verdictOf } from './text.ts';

const LEVEL_ICON = { hard: '🛑', soft: '⚠️', advisory: 'ℹ️' } as const;

export function renderMarkdown(report: CheckReport): string {
  const out = [`### ${headline(report)}`, ''];
  if (report.problems.length) out.push(...problemsSection(report));
  // The valid use cases are judged all the same: one run shows everything to fix.
  if (report.problems.length && judged(report)) out.push('');
  if (!report.problems.length || judged(report))
    out.push(
      ...useCasesSection(report),
      ...findingsSection(report),
      ...waiversSection(report),
      ...duplicatesSection(report.duplicates),
    );
  out.push('', footer(report));
  return `${out.join('\n')}\n`;
}

/** One line that says how the check went. */
export function headline(report: CheckReport): string {
  const { summary } = report;
  const n = report.useCases.length;
  if (report.problems.length) {
    const blocked = summary.blocked
      ? `; ${grouped(summary.blocked)} of the ${plural(n, 'use case')} judged blocked`
      : '';
    return `❌ CoE Gate: ${plural(summary.problems, 'problem')} in ${plural(summary.filesWithProblems, 'file')}${blocked}`;
  }
  if (!report.policies) return `✅ CoE Gate: ${plural(n, 'use case')} valid (no policies evaluated)`;
  if (summary.blocked) return `❌ CoE Gate: ${grouped(summary.blocked)} of ${plural(n, 'use case')} blocked`;
  return `✅ CoE Gate: ${plural(n, 'use case')} pass${n === 1 ? 'es' : ''}`;
}

/** Whether the policies judged any use case (not when they do not load, or there are none). */
export function judged(report: CheckReport): boolean {
  return report.useCases.some((u) => u.blocked !== undefined);
}

export function problemsSection(report: CheckReport): string[] {
  const out = [
    judged(report)
      ? 'These files are not valid, so nothing in them is judged, and the check fails until they are fixed. The valid use cases are judged below. Fix these and push again.'
      : 'Each file must be valid before any policy can judge it. Fix these and push again.',
    '',
    '| file | line | field | problem |',
    '| --- | --- | --- | --- |',
  ];
  for (const p of report.problems) {
    out.push(
      `| ${markdownCode(p.file)} | ${p.line}:${p.column} | ${p.path ? markdownCode(p.path) : '—'} | ${markdownText(p.message)} |`,
    );
  }
  return out;
}

const VERDICT_CELL = {
  valid: 'valid',
  blocked: '❌ blocked',
  awaiting: '⏳ awaiting approvals',
  pass: '✅ pass',
} as const;

export function useCasesSection(report: CheckReport, awaiting: ReadonlySet<string> = new Set()): string[] {
  const out = ['| use case | stage | tier (declared / computed) | verdict |', '| --- | --- | --- | --- |'];
  for (const r of report.useCases) {
    const tier = markdownText(r.tier ? `${r.tier.declared} / ${r.tier.computed}` : r.riskTier);
    const verdict = VERDICT_CELL[verdictOf(r, awaiting)];
    const stage =
      r.transition?.from && r.transition.from !== r.stage ? `${r.transition.from} → ${r.stage}` : r.stage;
    out.push(
      `| ${markdownCode(r.id)} ${markdownText(r.title)} | ${markdownText(stage)} | ${tier} | ${verdict} |`,
    );
  }
  return out;
}

export function findingsSection(report: CheckReport): string[] {
  const findings = report.useCases.flatMap((u) => (u.findings ?? []).map((f) => ({ u, f })));
  if (!findings.length) return [];
  const out = ['', '#### Findings', '', '| | rule | where | why | fix |', '| --- | --- | --- | --- | --- |'];
  for (const { u, f } of findings) {
    const icon = f.outcome === 'waived' ? '🟢 waived' : `${LEVEL_ICON[f.level]} ${f.level}`;
    out.push(
      `| ${icon} | ${markdownCode(f.rule)} | ${markdownCode(`${u.file}:${f.line}`)} | ${markdownText(f.message)} | ${f.outcome === 'waived' ? '—' : markdownText(f.remediation)} |`,
    );
  }
  return out;
}

export function waiversSection(report: CheckReport): string[] {
  const waivers = report.useCases.flatMap((u) => (u.waivers ?? []).map((w) => ({ u, w })));
  if (!waivers.length) return [];
  const out = [
    '',
    '#### Waivers',
    '',
    '| use case | rule | status | approver | expires | note |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const { u, w } of waivers) {
    out.push(
      `| ${markdownCode(u.id)} | ${markdownCode(w.rule)} | ${w.status} | ${markdownText(w.approver)} | ${markdownText(w.expires)} | ${markdownText(w.note)} |`,
    );
  }
  return out;
}

export function footer(report: CheckReport): string {
  const rules = report.policies ? ` · ${report.policies.rules} rules` : '';
  return `<sub>coe-gate ${report.tool.version} · ${plural(report.summary.files, 'file')} read${rules} · as of ${report.asOf}</sub>`;
}
