// `coe coverage` as words: for each pack, every framework item with what covers it (rules, the
// manifest fields that record it, or the organisation and why), then the totals. Text for the
// terminal, markdown for a page or a pull request, JSON (engine/schema/coverage-report.schema.json).
import type {
  CoverageReport,
  CoverageStatus,
  FrameworkCoverage,
  ItemCoverage,
} from '../core/policy/coverage.ts';
import { markdownCode, markdownText, terminalSafe } from './escape.ts';
import type { Paint } from './text.ts';

export type CoverageFormat = 'text' | 'json' | 'markdown';

const plain: Paint = (_style, text) => text;

const STATUS_WORDS: Record<CoverageStatus, string> = {
  rule: 'by a rule',
  field: 'by a field',
  'organisation-level': 'organisation-level',
  none: 'without an entry',
};

export function renderCoverage(report: CoverageReport, format: CoverageFormat, paint: Paint = plain): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  if (format === 'markdown') return renderMarkdown(report);
  return renderText(terminalSafe(report), paint);
}

/** "209 items: 3 by a rule, 20 by a field, 186 organisation-level, 0 without an entry". */
export function totalsLine(totals: CoverageReport['totals']): string {
  const parts = (['rule', 'field', 'organisation-level', 'none'] as const).map(
    (s) => `${totals[s]} ${STATUS_WORDS[s]}`,
  );
  return `${totals.items} item${totals.items === 1 ? '' : 's'}: ${parts.join(', ')}`;
}

/** What covers an item, in a few words: the rules, the fields, or the organisation and why. */
function coveredBy(item: ItemCoverage, show: (v: string) => string, text: (v: string) => string): string {
  switch (item.status) {
    case 'rule':
      return `rule: ${item.rules.map(show).join(', ')}`;
    case 'field':
      return `field: ${item.fields.map(show).join(', ')}`;
    case 'organisation-level':
      return `organisation-level: ${text(item.organisationLevel ?? '')}`;
    default:
      return 'no entry';
  }
}

function header(f: FrameworkCoverage): string {
  return `${f.framework.title}, ${f.framework.version} (${f.framework.source})`;
}

function renderText(report: CoverageReport, paint: Paint): string {
  const lines: string[] = [];
  if (report.frameworks.length === 0) return 'no packs under policies/packs/\n';
  for (const f of report.frameworks) {
    lines.push(
      `${paint('bold', f.name)}: ${f.title} ${paint('dim', `(${f.enabled ? 'switched on' : 'switched off'}; ${f.file})`)}`,
    );
    lines.push(paint('dim', header(f)));
    for (const d of f.dates) lines.push(paint('dim', `  ${d.date} ${d.id}: ${d.applies}`));
    const width = Math.max(...f.items.map((i) => i.id.length));
    for (const item of f.items) {
      const by = coveredBy(
        item,
        (v) => v,
        (v) => v,
      );
      const shown = item.status === 'none' ? paint('red', by) : by;
      lines.push(`  ${item.id.padEnd(width)}  ${item.title} ${paint('dim', '—')} ${shown}`);
    }
    lines.push(`  ${totalsLine(f.totals)}`, '');
  }
  if (report.frameworks.length > 1) lines.push(`all packs: ${totalsLine(report.totals)}`);
  else lines.pop();
  if (report.totals.none > 0)
    lines.push(
      paint(
        'red',
        `${report.totals.none} item${report.totals.none === 1 ? ' has' : 's have'} no entry: give each a rule that references it, fields: or organisationLevel: in its pack.yaml`,
      ),
    );
  return `${lines.join('\n')}\n`;
}

function renderMarkdown(report: CoverageReport): string {
  const out: string[] = [];
  for (const f of report.frameworks) {
    out.push(`## ${markdownText(f.name)}: ${markdownText(f.title)}`, '');
    out.push(
      `${markdownText(header(f))}. Pack ${f.enabled ? 'switched on' : 'switched off'} (${markdownCode(f.file)}).`,
      '',
    );
    if (f.dates.length) {
      out.push('| Date | | Applies |', '| --- | --- | --- |');
      for (const d of f.dates)
        out.push(`| ${markdownText(d.date)} | ${markdownCode(d.id)} | ${markdownText(d.applies)} |`);
      out.push('');
    }
    out.push('| Item | Title | Source | Covered |', '| --- | --- | --- | --- |');
    for (const item of f.items) {
      const by = coveredBy(item, markdownCode, markdownText);
      out.push(
        `| ${markdownCode(item.id)} | ${markdownText(item.title)} | ${markdownText(item.source)} | ${item.status === 'none' ? '**no entry**' : by} |`,
      );
    }
    out.push('', `Totals: ${markdownText(totalsLine(f.totals))}.`, '');
  }
  if (report.frameworks.length > 1) out.push(`All packs: ${markdownText(totalsLine(report.totals))}.`, '');
  return out.join('\n');
}
