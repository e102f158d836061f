// The report for people at a terminal. Colour is injected so this stays a pure function.
import { type CheckReport, countBy } from '../core/check/report.ts';
import { RISK_TIERS, STAGES } from '../core/manifest/vocabulary.ts';

export type Paint = (style: 'red' | 'green' | 'yellow' | 'dim' | 'bold', text: string) => string;
const plain: Paint = (_style, text) => text;

/** Above this many use cases the table gives way to counts. */
const TABLE_LIMIT = 40;

export function renderText(report: CheckReport, paint: Paint = plain): string {
  const out: string[] = [];
  const { summary } = report;
  for (const p of report.problems) {
    const where = paint('bold', `${p.file}:${p.line}:${p.column}`);
    out.push(`${where}  ${p.path ? paint('yellow', p.path) : paint('dim', '(file)')}  ${p.message}`);
  }
  if (report.problems.length) {
    out.push('');
    out.push(
      paint(
        'red',
        `✖ ${plural(summary.problems, 'problem')} in ${plural(summary.filesWithProblems, 'file')} (${summary.files} read); fix them and run coe check again`,
      ),
    );
    return `${out.join('\n')}\n`;
  }
  const rows = report.useCases;
  if (rows.length === 0) {
    return `${paint('yellow', 'No use-case manifests found. Create one with: coe new <id> --domain <domain> --title <title>')}\n`;
  }
  const domains = new Set(rows.map((r) => r.domain)).size;
  out.push(paint('green', `✔ ${plural(rows.length, 'use case')} valid across ${plural(domains, 'domain')}`));
  out.push('');
  if (rows.length <= TABLE_LIMIT) {
    out.push(
      ...table(
        ['id', 'domain', 'stage', 'tier', 'pattern', 'audience'],
        rows.map((r) => [r.id, r.domain, r.stage, r.riskTier, r.pattern, r.audience]),
      ).map((l, i) => (i === 0 ? paint('dim', l) : l)),
    );
    out.push('');
  }
  const byStage = countBy(rows, (r) => r.stage);
  const byTier = countBy(rows, (r) => r.riskTier);
  out.push(
    `by stage: ${STAGES.filter((s) => byStage.has(s))
      .map((s) => `${s} ${byStage.get(s)}`)
      .join(' · ')}`,
  );
  out.push(
    `by tier:  ${RISK_TIERS.filter((t) => byTier.has(t))
      .map((t) => `${t} ${byTier.get(t)}`)
      .join(' · ')}`,
  );
  return `${out.join('\n')}\n`;
}

export function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

export function plural(n: number, word: string): string {
  return `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;
}
