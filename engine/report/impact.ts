// A policy change's impact as words: the totals lines and the markdown table, shared by
// `coe impact` and the pull-request comment.
import type { ImpactChange, ImpactReport } from '../core/policy/impact.ts';
import { cell } from './markdown.ts';
import { plural } from './text.ts';

export function impactTotals(r: ImpactReport): string[] {
  return [
    `${plural(r.changes.length, 'verdict')} change across ${plural(new Set(r.changes.map((c) => c.id)).size, 'use case')} of ${r.useCases}`,
    `newly blocked: ${r.newlyBlocked.length ? r.newlyBlocked.join(', ') : 'none'}`,
    `no longer blocked: ${r.newlyUnblocked.length ? r.newlyUnblocked.join(', ') : 'none'}`,
    ...(r.rulesAdded.length ? [`rules added: ${r.rulesAdded.join(', ')}`] : []),
    ...(r.rulesRemoved.length ? [`rules removed: ${r.rulesRemoved.join(', ')}`] : []),
  ];
}

export function renderImpactMarkdown(r: ImpactReport, heading: string): string {
  const out = [`### ${heading}`, '', ...impactTotals(r).map((t) => `- ${t}`), ''];
  if (r.changes.length) {
    out.push('| use case | rule | before | after | why |', '| --- | --- | --- | --- | --- |');
    for (const c of r.changes) {
      out.push(
        `| \`${c.id}\` | \`${c.rule}\` | ${verdict(c.before, c.levelBefore)} | ${verdict(c.after, c.levelAfter)} | ${cell(c.message)} |`,
      );
    }
  }
  return `${out.join('\n')}\n`;
}

/** An outcome as a reader compares them: a failure with the level that decides whether it blocks. */
export function verdict(outcome: ImpactChange['before'], level: ImpactChange['levelBefore']): string {
  return outcome === 'fail' && level ? `fail (${level})` : outcome;
}
