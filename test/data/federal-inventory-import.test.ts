// The federal AI use-case inventory of record: the 3,611 real rows of 2025, read from
// ../shared/data (never copied here), imported, judged with the us-omb pack and exported again.
// Skipped, with the reason, where that folder is absent.
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import {
  COLUMNS,
  deriveIds,
  manifestToRow,
  type Row,
  renderImported,
  rowToManifest,
} from '../../engine/core/inventory/omb.ts';
import { commitAll, git, gitRepo } from '../helpers/git.ts';
import { coe, REPO_ROOT, tempDir } from '../helpers/repo.ts';

const DATA = join(REPO_ROOT, '..', 'shared', 'data');
const INVENTORY = join(DATA, 'omb-2025-ai-use-cases.csv');
const DICTIONARY = join(DATA, 'omb-2025-data-dictionary.json');
const present = existsSync(INVENTORY) && existsSync(DICTIONARY);
if (!present)
  console.warn(`skipped: the federal inventory tests need ${INVENTORY} and ${DICTIONARY} (../shared/data)`);

type Dictionary = Record<
  string,
  { valid_selections?: string[]; short_hand_recodings?: Record<string, string> }
>;

/**
 * The values the data dictionary defines for each multiple-choice column, read from the dictionary
 * itself: its short forms (what the 2025 file holds) or, without them, its selections.
 */
function dictionaryValues(): Map<string, Set<string>> {
  const d = JSON.parse(readFileSync(DICTIONARY, 'utf8')) as Dictionary;
  return new Map(
    Object.entries(d)
      .filter(([, c]) => c.valid_selections)
      .map(([k, c]) => [
        k,
        new Set(
          Object.values(c.short_hand_recodings ?? {}).concat(
            c.short_hand_recodings ? [] : (c.valid_selections ?? []),
          ),
        ),
      ]),
  );
}

const MULTI = new Set(['demographic_features', 'hi_public_consultation']);

describe.skipIf(!present)('the 2025 federal AI use-case inventory, imported', () => {
  const rows = present ? (parse(readFileSync(INVENTORY), { bom: true, columns: true }) as Row[]) : [];

  it('round-trips every mapped column of all 3,611 rows; answers outside the dictionary come back as its value', () => {
    expect(rows).toHaveLength(3611);
    const values = dictionaryValues();
    const ids = deriveIds(rows);
    expect(new Set(ids.map((i) => i.id)).size).toBe(3611);
    let recoded = 0;
    rows.forEach((row, i) => {
      const identity = ids[i] ?? { id: '', origin: 'kept' as const };
      const text = renderImported(
        rowToManifest(row, { year: 2025, line: i + 2, identity, created: '2030-01-02' }),
      );
      const back = manifestToRow(load(text));
      for (const column of COLUMNS) {
        if (back[column] === row[column]) continue;
        // Only a multiple-choice answer the dictionary does not define may change, and only into one it does.
        const allowed = values.get(column);
        expect(
          allowed && !MULTI.has(column),
          `${column} of line ${i + 2}: ${row[column]} -> ${back[column]}`,
        ).toBe(true);
        expect(allowed?.has(row[column])).toBe(false);
        expect(allowed?.has(back[column])).toBe(true);
        recoded++;
      }
    });
    // "Other – Economic & Financial", "Administrative functions", training answered in monitoring's words…
    expect(recoded).toBeLessThan(100);
  });

  it('coe import then coe export, as processes, on 200 varied rows: the same inventory back, and idempotent', () => {
    const slice = rows.filter((_, i) => i % 18 === 0);
    expect(slice.length).toBeGreaterThanOrEqual(200);
    const csv = join(tempDir('coe-omb-'), 'omb-2025-slice.csv');
    writeFileSync(csv, stringify(slice, { header: true, columns: [...COLUMNS], bom: true }));
    const root = gitRepo({});
    const r = coe(['import', 'omb', csv, '--as-of', '2030-01-02'], { cwd: root });
    expect(r.stdout).toContain(`${slice.length} rows of the 2025 inventory: ${slice.length} created`);
    expect(r.status).toBe(0);
    const check = coe(['check', '--format', 'json', '--as-of', '2030-01-02'], { cwd: root });
    expect(JSON.parse(check.stdout).problems).toEqual([]);
    expect([0, 1]).toContain(check.status);
    const out = join(root, 'back.csv');
    expect(coe(['export', 'omb', '--year', '2025', '--out', out], { cwd: root }).status).toBe(0);
    const back = parse(readFileSync(out), { bom: true, columns: true }) as Row[];
    const values = dictionaryValues();
    expect(back).toHaveLength(slice.length);
    back.forEach((b, i) => {
      const row = slice[i] as Row;
      for (const column of COLUMNS)
        if (b[column] !== row[column]) expect(values.get(column)?.has(b[column]), column).toBe(true);
    });
    commitAll(root, 'import');
    const again = coe(['import', 'omb', csv, '--as-of', '2031-06-30'], { cwd: root });
    expect(again.stdout).toContain(`0 created, 0 updated, ${slice.length} unchanged, 0 conflicts`);
    expect(git(root, 'status', '--porcelain')).toBe('');
  });

  it('with the us-omb pack on, blocks the deployed high-impact use cases that lack a practice and passes those with all four', () => {
    // Counted from the CSV, without the mapping: deployed, high-impact, and each practice complete.
    const deployed = rows.filter((r) => r.development_stage === 'Deployed');
    const highImpact = deployed.filter((r) => r.is_high_impact === 'High-impact');
    const complete = (r: Row) =>
      r.hi_testing_conducted === 'Yes' &&
      r.hi_assessment_completed === 'Yes' &&
      ['Internal Independent Review', 'Oversight Board Review', 'CAIO Review'].includes(
        r.hi_independent_review,
      ) &&
      r.hi_ongoing_monitoring === 'Yes - Monitoring Established';
    const undetermined = deployed.filter((r) => r.is_high_impact === '');
    expect(highImpact).toHaveLength(227);
    expect(highImpact.filter(complete)).toHaveLength(34);

    const root = gitRepo({});
    cpSync(join(REPO_ROOT, 'policies'), join(root, 'policies'), { recursive: true });
    const packs = join(root, 'policies', 'registries', 'packs.yaml');
    writeFileSync(packs, readFileSync(packs, 'utf8').replace(/^enabled: \[\]$/m, 'enabled: [us-omb]'));
    expect(coe(['import', 'omb', INVENTORY, '--as-of', '2030-01-02'], { cwd: root }).status).toBe(0);
    const check = coe(['check', '--format', 'json', '--as-of', '2030-01-02'], { cwd: root });
    const report = JSON.parse(check.stdout) as {
      problems: unknown[];
      useCases: {
        stage: string;
        tier: { computed: string };
        findings: { rule: string; blocking: boolean }[];
        file: string;
      }[];
    };
    expect(report.problems).toEqual([]);
    const FOUR = [
      'us-omb.deployed-tested',
      'us-omb.deployed-impact-assessed',
      'us-omb.deployed-independently-reviewed',
      'us-omb.deployed-monitored',
    ];
    const blockedByFour = report.useCases.filter((u) =>
      u.findings.some((f) => FOUR.includes(f.rule) && f.blocking),
    );
    // Deployed high-impact without all four: blocked; with all four: none of the four fails. A
    // deployed use case whose high-impact determination was left blank is held to them too.
    expect(blockedByFour).toHaveLength(227 - 34 + undetermined.length);
    expect(blockedByFour.every((u) => u.stage === 'production')).toBe(true);
    const production = report.useCases.filter((u) => u.stage === 'production');
    expect(production).toHaveLength(deployed.length);
    // Law Enforcement: high, never refused.
    const lawEnforcement = rows.filter((r) => r.topic_area === 'Law Enforcement').length;
    expect(lawEnforcement).toBe(285);
    const refused = report.useCases.filter((u) => u.tier.computed === 'prohibited');
    expect(refused).toEqual([]);
    expect(check.status).toBe(1);
  });
});
