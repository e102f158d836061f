// The likely-duplicate detector on real content: the 3,611 use cases of the US federal AI use-case
// inventory (2025), titles and goals (use_case_name, problem_solved) as their agencies wrote them,
// read from ../shared/data (never copied into this repository). The count and the pairs are those
// docs/portfolio.md#likely-duplicates states; scripts/duplicates-on-inventory.ts prints them.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { DuplicateFinder } from '../../engine/core/portfolio/duplicates.ts';
import { REPO_ROOT } from '../helpers/repo.ts';

const INVENTORY = join(REPO_ROOT, '..', 'shared', 'data', 'omb-2025-ai-use-cases.csv');

interface Row {
  agency: string;
  agency_bureau: string;
  use_case_name: string;
  problem_solved: string;
}

const absent = !existsSync(INVENTORY);

describe.skipIf(absent)(
  `likely duplicates in the US federal AI use-case inventory${absent ? ` (skipped: ${INVENTORY} is absent)` : ''}`,
  () => {
    const rows = absent ? [] : (parse(readFileSync(INVENTORY), { bom: true, columns: true }) as Row[]);
    const finder = new DuplicateFinder();
    // Each row as a file named by its line and agency, so a pair says whose it is.
    rows.forEach((r, i) => {
      finder.add(`${i + 2} ${r.agency} ${r.agency_bureau}`, r.use_case_name, r.problem_solved);
    });
    const pairs = absent ? [] : finder.pairs();
    const titles = pairs.map((p) => [...p.titles].sort().join(' ~ '));

    it('flags about 124 pairs of the 3,611 use cases: 100 with the same title, 24 similar in title and goal', () => {
      expect(rows).toHaveLength(3611);
      expect(pairs.length).toBeGreaterThanOrEqual(110);
      expect(pairs.length).toBeLessThanOrEqual(140);
      const same = pairs.filter((p) => p.reason === 'same-title').length;
      expect(same).toBeGreaterThanOrEqual(90);
      expect(pairs.length - same).toBeLessThanOrEqual(35);
    });

    it('flags the same system reported twice and the same title in two bureaus', () => {
      for (const pair of [
        'License Plate Reader 1 ~ License Plate Reader 2',
        'DNA-P Use Cases Leaverging Artificial Intellegence  (Pilot) ~ DNA-P Use Cases Leaverging Artificial Intellegence (Deployed)',
        'Anomaly Detection COV Structure ~ Anomaly Detection POV Structure',
        'USAi.gov ~ USAi.gov',
        'Public Comment Analysis ~ Public Comments Analysis',
        'Record Digitization ~ Records Digitization',
      ])
        expect(titles).toContain(pair);
      // GitHub Copilot, reported by four agencies: each paired with the first, whatever the case.
      const copilot = pairs.filter((p) => p.titles.every((t) => t.toLowerCase() === 'github copilot'));
      expect(
        new Set(copilot.flatMap((p) => p.files.map((f) => f.split(' ')[1]))).size,
      ).toBeGreaterThanOrEqual(3);
      const usai = pairs.find((p) => p.titles[0] === 'USAi.gov');
      expect(usai?.files.map((f) => f.split(' ')[1]).sort()).toEqual(['DOC', 'GSA']);
    });

    it('does not flag sibling models or tools that only share a topic', () => {
      for (const pair of [
        'Machine Learning Airport Surface Model: Taxi-in Prediction ~ Machine Learning Airport Surface Model: Taxi-out Prediction',
        'Generative AI - Code Generation ~ Generative AI - Text Generation',
        'VA CART Bleeding Risk Model ~ VA CART Nephropathy Risk Model',
      ])
        expect(titles).not.toContain(pair);
    });
  },
);
