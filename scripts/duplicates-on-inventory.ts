// How many likely duplicates the detector flags on the US federal AI use-case inventory (2025):
// the numbers docs/portfolio.md#likely-duplicates states. Reads ../shared/data (never copied into
// this repository). Usage: node scripts/duplicates-on-inventory.ts [csv] [--sample N] [--title T --goal G]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { DUPLICATE_THRESHOLDS, DuplicateFinder } from '../engine/core/portfolio/duplicates.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    sample: { type: 'string', default: '10' },
    title: { type: 'string' },
    goal: { type: 'string' },
    reason: { type: 'string' },
  },
});
const csv =
  positionals[0] ?? join(import.meta.dirname, '..', '..', 'shared', 'data', 'omb-2025-ai-use-cases.csv');
const rows = parse(readFileSync(csv), { bom: true, columns: true }) as Record<string, string>[];
const thresholds = {
  title: values.title === undefined ? DUPLICATE_THRESHOLDS.title : Number(values.title),
  goal: values.goal === undefined ? DUPLICATE_THRESHOLDS.goal : Number(values.goal),
};
const finder = new DuplicateFinder(thresholds);
rows.forEach((r, i) => {
  finder.add(
    `${String(i).padStart(4, '0')} ${r.agency} ${r.agency_bureau ?? ''}`.trim(),
    r.use_case_name ?? '',
    r.problem_solved ?? '',
  );
});
const started = performance.now();
const pairs = finder.pairs();
const ms = performance.now() - started;
const shown = values.reason ? pairs.filter((p) => p.reason === values.reason) : pairs;
const sameAgency = pairs.filter((p) => p.files[0].split(' ')[1] === p.files[1].split(' ')[1]).length;
console.log(
  `${rows.length} use cases; thresholds title ${thresholds.title}, goal ${thresholds.goal}: ${pairs.length} pairs ` +
    `(${pairs.filter((p) => p.reason === 'same-title').length} same title, ${pairs.filter((p) => p.reason === 'similar').length} similar; ` +
    `${sameAgency} within one agency) in ${ms.toFixed(0)} ms`,
);
const n = Number(values.sample);
const step = Math.max(1, Math.floor(shown.length / n));
for (let i = 0; i < shown.length && i / step < n; i += step) {
  const p = shown[i];
  if (!p) break;
  console.log(
    `- [${p.reason} t=${p.titleSimilarity} g=${p.goalSimilarity}] ${p.files[0].slice(5)}: "${p.titles[0]}"  ~  ${p.files[1].slice(5)}: "${p.titles[1]}"`,
  );
}
