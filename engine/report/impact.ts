// A policy change's impact as words: the totals lines, the markdown table (shared by `coe impact`
// and the pull-request comment) and the terminal table of `coe impact`.
import type { ImpactChange, ImpactReport } from '../core/policy/impact.ts';
import { markdownCode, markdownText, terminalSafe } from './escape.ts';
import { type Paint, plural, table } from './text.ts';

/** The totals, with each id or rule id shown by `show` (escaped for the sink). */
export function impactTotals(r: ImpactReport, show: (value: string) => string = (v) => v): string[] {
  const list = (values: readonly string[]) => values.map(show).join(', ');
  return [
    `${plural(r.changes.length, 'verdict')} change across ${plural(new Set(r.changes.map((c) => c.id)).size, 'use case')} of ${r.useCases}`,
    `newly blocked: ${r.newlyBlocked.length ? list(r.newlyBlocked) : 'none'}`,
    `no longer blocked: ${r.newlyUnblocked.length ? list(r.newlyUnblocked) : 'none'}`,
    ...(r.rulesAdded.length ? [`rules added: ${list(r.rulesAdded)}`] : []),
    ...(r.rulesRemoved.length ? [`rules removed: ${list(r.rulesRemoved)}`] : []),
  ];
}

/** `heading` is markdown: the caller escapes any value in it. */
export function renderImpactMarkdown(r: ImpactReport, heading: string): string {
  const out = [`### ${heading}`, '', ...impactTotals(r, markdownCode).map((t) => `- ${t}`), ''];
  if (r.changes.length) {
    out.push('| use case | rule | before | after | why |', '| --- | --- | --- | --- | --- |');
    for (const c of r.changes) {
      out.push(
        `| ${markdownCode(c.id)} | ${markdownCode(c.rule)} | ${verdict(c.before, c.levelBefore)} | ${verdict(c.after, c.levelAfter)} | ${markdownText(c.message)} |`,
      );
    }
  }
  return `${out.join('\n')}\n`;
}

/** `coe impact` at a terminal: each change in a table, then the totals. */
export function renderImpactText(report: ImpactReport, ref: string, paint: Paint): string {
  const r = terminalSafe(report);
  const base = terminalSafe(ref);
  const out: string[] = [paint('bold', `Policy impact: the working tree's policies against ${base}'s`), ''];
  if (r.changes.length) {
    const rows = r.changes.map((c) => [
      c.id,
      c.rule,
      `${verdict(c.before, c.levelBefore)} → ${verdict(c.after, c.levelAfter)}`,
      c.message,
    ]);
    out.push(
      ...table(['use case', 'rule', 'change', 'why'], rows).map((l, i) => (i === 0 ? paint('dim', l) : l)),
    );
    out.push('');
  }
  out.push(...impactTotals(r));
  return `${out.join('\n')}\n`;
}

/** An outcome as a reader compares them: a failure with the level that decides whether it blocks. */
export function verdict(outcome: ImpactChange['before'], level: ImpactChange['levelBefore']): string {
  return outcome === 'fail' && level ? `fail (${level})` : outcome;
}
