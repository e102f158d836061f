// coe import omb and coe export omb as a CoE's staff run them, on small inventories written here
// in the federal inventory's format (the real 3,611 rows: test/data/federal-inventory-import.test.ts).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { COLUMNS, type Row } from '../../engine/core/inventory/omb.ts';
import { commitAll, git, gitRepo } from '../helpers/git.ts';
import { coe, roleHolders, snapshotTree, tempDir } from '../helpers/repo.ts';

const blank = Object.fromEntries(COLUMNS.map((c) => [c, ''])) as Row;
const row = (fields: Partial<Row>): Row => ({
  ...blank,
  demographic_features: '[]',
  hi_public_consultation: '[]',
  ...fields,
});

const ROWS: Row[] = [
  row({
    agency: 'DHS',
    agency_name: 'Department of Homeland Security',
    id: 'DHS-100',
    use_case_name: 'Port of entry face matching',
    agency_bureau: 'CBP',
    development_stage: 'Deployed',
    is_high_impact: 'High-impact',
    topic_area: 'Law Enforcement',
    classification: 'Computer Vision',
    problem_solved: 'Confirms travellers are who their documents say.',
    has_pii: 'Yes',
    hi_testing_conducted: 'Yes',
    hi_assessment_completed: 'Yes',
    hi_independent_review: 'Internal Independent Review',
    hi_ongoing_monitoring: 'Yes - Monitoring Established',
    hi_training_established: 'Training Established',
    hi_failsafe_presence: 'Yes',
    hi_appeal_process: 'Appeal Process Established',
  }),
  row({
    agency: 'DHS',
    id: 'DHS-101',
    use_case_name: 'Cargo risk scoring',
    development_stage: 'Deployed',
    is_high_impact: 'High-impact',
    hi_testing_conducted: 'In-progress',
  }),
  row({ agency: 'VA', id: '', use_case_name: 'Claims letter drafting', development_stage: 'Pilot' }),
  row({ agency: 'VA', id: '', use_case_name: 'Scheduling assistant', development_stage: 'Pre-deployment' }),
  row({ agency: 'DOJ', id: 'DOJ-7', use_case_name: 'Case triage', development_stage: 'Retired' }),
  row({ agency: 'DOJ', id: 'DOJ-7', use_case_name: 'Grant review', is_high_impact: 'Not High-impact' }),
];

/** The inventory as OMB publishes it: UTF-8 with a byte-order mark, the 36 columns. */
function inventory(rows: readonly Row[], name = 'inventory-2025.csv'): string {
  const file = join(tempDir('coe-omb-'), name);
  writeFileSync(file, stringify([...rows], { header: true, columns: [...COLUMNS], bom: true }));
  return file;
}

const AS_OF = ['--as-of', '2030-01-02'];

describe('coe import omb', () => {
  it('writes one manifest per row that coe check reads without a schema problem, and says what it did', () => {
    const root = gitRepo({});
    const r = coe(['import', 'omb', inventory(ROWS), ...AS_OF], { cwd: root });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      '6 rows of the 2025 inventory: 6 created, 0 updated, 0 unchanged, 0 conflicts\n',
    );
    expect(r.stdout).toContain('ids: 2 kept, 2 derived (no id), 2 derived (repeated id)\n');
    expect(r.stdout).toMatch(/inventory-2025\.csv:4: no id; imported as va-claims-letter-drafting\n/);
    expect(r.stdout).toMatch(
      /inventory-2025\.csv:6: id "DOJ-7" is repeated; imported as doj-7-[0-9a-f]{6}\n/,
    );
    const files = Object.keys(snapshotTree(join(root, 'usecases'))).sort();
    expect(files).toHaveLength(6);
    expect(files).toContain('dhs/dhs-100.yaml');
    const check = coe(['check', '--format', 'json', ...AS_OF], { cwd: root });
    const report = JSON.parse(check.stdout);
    expect(report.problems).toEqual([]);
    expect(report.summary).toMatchObject({ files: 6, valid: 6 });
    // Law Enforcement is high-risk, not refused.
    const face = report.useCases.find((u: { id: string }) => u.id === 'dhs-100');
    expect(face.tier.computed).toBe('high');
    expect(face.findings.map((f: { rule: string }) => f.rule)).not.toContain('risk-tiering.not-prohibited');
    expect([0, 1]).toContain(check.status);
  });

  it('is idempotent: a second run changes nothing, even on another day', () => {
    const root = gitRepo({});
    const csv = inventory(ROWS);
    coe(['import', 'omb', csv, ...AS_OF], { cwd: root });
    commitAll(root, 'import');
    const again = coe(['import', 'omb', csv, '--as-of', '2031-06-30'], { cwd: root });
    expect(again.stdout).toContain('0 created, 0 updated, 6 unchanged, 0 conflicts');
    expect(again.status).toBe(0);
    expect(git(root, 'status', '--porcelain')).toBe('');
  });

  it('updates what the inventory changed and leaves a file a team changed since, reporting the conflict (exit 1)', () => {
    const root = gitRepo({});
    coe(['import', 'omb', inventory(ROWS), ...AS_OF], { cwd: root });
    commitAll(root, 'import');
    const edited = join(root, 'usecases', 'dhs', 'dhs-100.yaml');
    const team = readFileSync(edited, 'utf8').replace(/owner: .@OWNER./, 'owner: "@dhs/cbp-ai"');
    writeFileSync(edited, team);
    const next = ROWS.map((r) =>
      r.id === 'DHS-100' || r.id === 'DHS-101' ? { ...r, benefits: 'Shorter queues at the border.' } : r,
    );
    const r = coe(['import', 'omb', inventory(next), ...AS_OF], { cwd: root });
    expect(r.stdout).toContain(
      'usecases/dhs/dhs-100.yaml: changed since the last import; left as it is (conflict)\n',
    );
    expect(r.stdout).toContain('0 created, 1 updated, 4 unchanged, 1 conflicts');
    expect(r.status).toBe(1);
    expect(readFileSync(edited, 'utf8')).toBe(team);
    expect(readFileSync(join(root, 'usecases', 'dhs', 'dhs-101.yaml'), 'utf8')).toContain(
      'benefits: Shorter queues at the border.',
    );
  });

  it('reports a use case an earlier import wrote that the new inventory no longer lists, and keeps it', () => {
    const root = gitRepo({});
    coe(['import', 'omb', inventory(ROWS), ...AS_OF], { cwd: root });
    const r = coe(['import', 'omb', inventory(ROWS.filter((x) => x.id !== 'DHS-101')), ...AS_OF], {
      cwd: root,
    });
    // The rows after it moved up a line: their metadata.source.line is updated.
    expect(r.stdout).toContain(
      'usecases/dhs/dhs-101.yaml: imported before, not in this inventory; left as it is (retire it if it ended)\n',
    );
    expect(r.stdout).toContain(
      '0 created, 4 updated, 1 unchanged, 0 conflicts; 1 imported before and no longer listed',
    );
    expect(r.status).toBe(0);
    // Another agency's import does not count DHS's use cases as gone.
    expect(
      coe(['import', 'omb', inventory(ROWS), '--agency', 'VA', ...AS_OF], { cwd: root }).stdout,
    ).not.toContain('no longer listed');
  });

  it('never overwrites a manifest it did not write', () => {
    const root = gitRepo({});
    const csv = inventory([ROWS[4] as Row]);
    const own = 'apiVersion: coe-gate/v1\n';
    const dir = join(root, 'usecases', 'doj');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'doj-7.yaml'), own);
    const r = coe(['import', 'omb', csv, ...AS_OF], { cwd: root });
    expect(r.stdout).toContain(
      'usecases/doj/doj-7.yaml: not written by an import; left as it is (conflict)\n',
    );
    expect(r.status).toBe(1);
    expect(readFileSync(join(dir, 'doj-7.yaml'), 'utf8')).toBe(own);
  });

  it('--dry-run reports and writes nothing; --agency imports one agency', () => {
    const root = gitRepo({});
    const csv = inventory(ROWS);
    const dry = coe(['import', 'omb', csv, '--dry-run', ...AS_OF], { cwd: root });
    expect(dry.stdout).toContain('6 created, 0 updated, 0 unchanged, 0 conflicts (dry run: nothing written)');
    expect(snapshotTree(join(root, 'usecases'))).toEqual({});
    const va = coe(['import', 'omb', csv, '--agency', 'VA', ...AS_OF], { cwd: root });
    expect(va.stdout).toContain('2 rows of the 2025 inventory (VA): 2 created');
    expect(Object.keys(snapshotTree(join(root, 'usecases'))).sort()).toEqual([
      'va/va-claims-letter-drafting.yaml',
      'va/va-scheduling-assistant.yaml',
    ]);
  });

  it('stops at a missing column or an answer the dictionary does not allow: file:line:column, exit 2, nothing written', () => {
    const root = gitRepo({});
    const missing = join(tempDir('coe-omb-'), 'inventory-2025.csv');
    writeFileSync(
      missing,
      stringify(ROWS, { header: true, columns: COLUMNS.filter((c) => c !== 'has_pii'), bom: true }),
    );
    const a = coe(['import', 'omb', missing, ...AS_OF], { cwd: root });
    expect(a.stderr).toBe(
      `coe: ${missing}:1:1: the column "has_pii" is missing; the inventory has these 36: ${COLUMNS.join(', ')}\n`,
    );
    expect(a.status).toBe(2);
    const odd = inventory([...ROWS.slice(0, 3), { ...(ROWS[3] as Row), has_pii: 'Maybe' }]);
    const b = coe(['import', 'omb', odd, ...AS_OF], { cwd: root });
    expect(b.stderr).toBe(
      `coe: ${odd}:5:23: has_pii: "Maybe" is not an answer the data dictionary allows; use one of: Yes, No\n`,
    );
    expect(b.status).toBe(2);
    expect(snapshotTree(join(root, 'usecases'))).toEqual({});
  });

  it('needs a file and the inventory year when the file name does not give it (exit 2)', () => {
    const root = gitRepo({});
    const none = coe(['import', 'omb'], { cwd: root });
    expect(none.stderr).toBe("error: missing required argument 'csv'\n");
    expect(none.status).toBe(2);
    const csv = inventory(ROWS, 'inventory.csv');
    const r = coe(['import', 'omb', csv, ...AS_OF], { cwd: root });
    expect(r.stderr).toBe(`coe: ${csv}: its name gives no inventory year; pass --year, e.g. --year 2025\n`);
    expect(r.status).toBe(2);
    expect(coe(['import', 'omb', csv, '--year', '2024', ...AS_OF], { cwd: root }).stdout).toContain(
      '6 rows of the 2024 inventory',
    );
  });
});

describe('the baseline approval of an import', () => {
  it('--pr and --approver record the import roles’ approvals, which later imports keep and the approvals rule counts', () => {
    const root = gitRepo({});
    const csv = inventory(ROWS);
    const [lead, maintainer] = [roleHolders(root, 'coe-lead')[0], roleHolders(root, 'coe-maintainer')[0]];
    const approvers = ['--approver', `coe-lead=${lead}`, '--approver', `coe-maintainer=${maintainer}`];
    const r = coe(['import', 'omb', csv, '--pr', '12', ...approvers, ...AS_OF], { cwd: root });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const text = readFileSync(join(root, 'usecases', 'dhs', 'dhs-100.yaml'), 'utf8');
    expect(text).toContain(
      `    stage: production\n    baseline:\n      stage: production\n    approvals:\n` +
        `      - stage: production\n        role: coe-lead\n        login: '${lead}'\n        date: '2030-01-02'\n        pr: 12\n` +
        `      - stage: production\n        role: coe-maintainer\n        login: '${maintainer}'\n`,
    );
    // A file without them (imported before the pull request was opened) has the baseline alone.
    rmSync(join(root, 'usecases', 'dhs', 'dhs-101.yaml'));
    coe(['import', 'omb', csv, ...AS_OF], { cwd: root });
    expect(readFileSync(join(root, 'usecases', 'dhs', 'dhs-101.yaml'), 'utf8')).not.toContain('approvals:');
    const again = coe(['import', 'omb', csv, '--as-of', '2031-06-30'], { cwd: root });
    expect(again.stdout).toContain('0 created, 0 updated, 6 unchanged, 0 conflicts');
    const check = JSON.parse(coe(['check', '--format', 'json', ...AS_OF], { cwd: root }).stdout) as {
      useCases: { id: string; findings: { rule: string; message: string }[] }[];
    };
    const approvalsRule = (id: string) =>
      check.useCases
        .find((u) => u.id === id)
        ?.findings.filter((f) => f.rule === 'lifecycle.approvals-recorded');
    expect(approvalsRule('dhs-100')).toEqual([]);
    expect(approvalsRule('dhs-101')?.map((f) => f.message)).toEqual([
      'Being at production as a high-tier use case needs approval by: coe-lead, coe-maintainer.',
    ]);
  });

  it('refuses approvers that are not the RACI’s import roles, or without --pr (exit 2, nothing written)', () => {
    const root = gitRepo({});
    const csv = inventory(ROWS);
    const cases: [string[], string][] = [
      [['--approver', 'coe-lead=@a'], '--pr and --approver go together'],
      [
        ['--pr', '12', '--approver', 'security-lead=@a', '--approver', 'coe-lead=@b'],
        'security-lead is not an import role; raci.yaml names coe-lead, coe-maintainer',
      ],
      [['--pr', '12', '--approver', 'coe-lead=@b'], 'missing coe-maintainer'],
      [['--pr', '12', '--approver', 'coe-lead=b', '--approver', 'coe-maintainer=@c'], 'write role=@login'],
    ];
    for (const [args, message] of cases) {
      const r = coe(['import', 'omb', csv, ...args, ...AS_OF], { cwd: root });
      expect(r.stderr).toContain(message);
      expect(r.status).toBe(2);
    }
    expect(git(root, 'status', '--porcelain')).toBe('');
  });
});

describe('coe export omb', () => {
  it('writes back the rows it imported: the 36 columns, the dictionary values, a byte-order mark', () => {
    const root = gitRepo({});
    coe(['import', 'omb', inventory(ROWS), ...AS_OF], { cwd: root });
    const out = join(root, 'inventory.csv');
    const r = coe(['export', 'omb', '--year', '2025', '--out', out], { cwd: root });
    expect(r.stdout).toBe(`6 use cases written to ${out}\n`);
    expect(r.status).toBe(0);
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const back = parse(bytes, { bom: true, columns: true }) as Row[];
    expect(Object.keys(back[0] ?? {})).toEqual([...COLUMNS]);
    expect(back).toEqual(ROWS);
  });

  it('--year leaves out use cases that came into the inventory later; stdout without --out', () => {
    const root = gitRepo({});
    coe(['import', 'omb', inventory(ROWS, 'inventory-2026.csv'), ...AS_OF], { cwd: root });
    const r = coe(['export', 'omb', '--year', '2025'], { cwd: root });
    expect(parse(r.stdout, { bom: true, columns: true })).toEqual([]);
    expect(parse(coe(['export', 'omb'], { cwd: root }).stdout, { bom: true, columns: true })).toHaveLength(6);
  });
});
