// Likely duplicate use cases (the check report's `duplicates`, engine/core/portfolio/duplicates.ts)
// as each report shows them: one line or row per pair in the text and markdown reports, and in
// SARIF and GitHub annotations a note on each of the two files that names the other. Advisory:
// shown, counted, never blocking.
import { type DuplicatePair, duplicateWhy } from '../core/portfolio/duplicates.ts';
import { markdownCode, markdownText } from './escape.ts';

export { DUPLICATE_HELP, DUPLICATE_RULE, duplicateNote, duplicateWhy } from '../core/portfolio/duplicates.ts';

/** The text report's lines (strings already made terminal-safe by the caller). */
export function duplicatesLines(pairs: readonly DuplicatePair[], bold: (s: string) => string): string[] {
  if (!pairs.length) return [];
  const out = [bold('Likely duplicates (advisory: merge them, or tell them apart in title and goal)')];
  for (const p of pairs) {
    const titles = p.titles[0] === p.titles[1] ? `"${p.titles[0]}"` : `"${p.titles[0]}" / "${p.titles[1]}"`;
    out.push(`  ${p.files[0]}  ${p.files[1]}  ${duplicateWhy(p)}: ${titles}`);
  }
  return out;
}

/** The markdown report's and the pull-request comment's section. */
export function duplicatesSection(pairs: readonly DuplicatePair[]): string[] {
  if (!pairs.length) return [];
  const out = [
    '',
    '#### Likely duplicates',
    '',
    'Advisory: if two are one use case, merge them and retire the other; if not, tell them apart in title and goal.',
    '',
    '| ℹ️ files | titles | why |',
    '| --- | --- | --- |',
  ];
  for (const p of pairs) {
    out.push(
      `| ${markdownCode(p.files[0])}<br>${markdownCode(p.files[1])} | ${markdownText(p.titles[0])}<br>${markdownText(p.titles[1])} | ${markdownText(duplicateWhy(p))} |`,
    );
  }
  return out;
}
