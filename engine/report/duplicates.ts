// Likely duplicate use cases (the check report's `duplicates`, engine/core/portfolio/duplicates.ts)
// as each report shows them: one line or row per pair in the text and markdown reports, and in
// SARIF and GitHub annotations a note on each of the two files that names the other. Advisory:
// shown, counted, never blocking.
import type { DuplicatePair } from '../core/portfolio/duplicates.ts';
import { markdownCode, markdownText } from './escape.ts';

/** The rule id the annotations (SARIF, GitHub) give a likely duplicate. */
export const DUPLICATE_RULE = 'portfolio/likely-duplicate';

export const DUPLICATE_HELP =
  'Two use cases look like one: the same title, or a very similar title and goal (in the same domain or in two). ' +
  'If they are one, merge them into one manifest and retire the other; if not, tell them apart in their titles and goals.';

/** Why the pair was flagged, in a few words. */
export function duplicateWhy(pair: DuplicatePair): string {
  return pair.reason === 'same-title'
    ? `same title${pair.goalSimilarity >= 0.8 ? ' and goal' : ''}`
    : `similar title and goal (title ${pair.titleSimilarity}, goal ${pair.goalSimilarity} alike)`;
}

/** What a note on one of the two files says: the other file, its title and why. */
export function duplicateNote(pair: DuplicatePair, side: 0 | 1): string {
  const other = side === 0 ? 1 : 0;
  return `likely a duplicate of ${pair.files[other]} ("${pair.titles[other]}"): ${duplicateWhy(pair)}. Merge them, or tell them apart in title and goal.`;
}

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
