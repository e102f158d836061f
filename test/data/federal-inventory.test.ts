// Real content at real scale: the 3,611 use cases of the US federal AI use-case inventory (2025),
// read from ../shared/data (never copied into this repository), each scaffolded the way `coe new`
// writes a manifest, with its agency's real title, then judged by the real CLI. Skipped where the
// data folder is absent.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { renderScaffold } from '../../engine/core/manifest/scaffold.ts';
import usecaseSchema from '../../engine/schema/usecase.schema.json' with { type: 'json' };
import { coe, makeRepo, REPO_ROOT, snapshotTree } from '../helpers/repo.ts';

const INVENTORY = join(REPO_ROOT, '..', 'shared', 'data', 'omb-2025-ai-use-cases.csv');
const MAX_TITLE = usecaseSchema.$defs.Metadata.properties.title.maxLength;
const MIN_TITLE = usecaseSchema.$defs.Metadata.properties.title.minLength;

interface Row {
  agency: string;
  use_case_name: string;
}

const kebab = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

describe.skipIf(!existsSync(INVENTORY))('the US federal AI use-case inventory', () => {
  const rows = existsSync(INVENTORY)
    ? (parse(readFileSync(INVENTORY), { bom: true, columns: true }) as Row[])
    : [];
  const length = (row: Row) => [...row.use_case_name.trim()].length;
  const fits = rows.filter((r) => length(r) >= MIN_TITLE && length(r) <= MAX_TITLE);

  it('every real title that fits the schema makes a manifest coe check accepts', () => {
    expect(rows).toHaveLength(3611);
    const root = makeRepo();
    fits.forEach((row, i) => {
      const domain = kebab(row.agency);
      const id = `${domain}-${i + 1}`;
      mkdirSync(join(root, 'usecases', domain), { recursive: true });
      const text = renderScaffold({
        id,
        domain,
        title: row.use_case_name.trim(),
        pattern: 'internal-copilot',
        audience: 'internal',
        decisionMode: 'assistive',
        regulatedDomain: 'none',
        owner: '@acme/ai',
        today: '2026-11-24',
      });
      writeFileSync(join(root, 'usecases', domain, `${id}.yaml`), text);
    });
    const r = coe(['check', '--format', 'json'], { cwd: root });
    const report = JSON.parse(r.stdout);
    expect(report.problems).toEqual([]);
    expect(report.summary).toMatchObject({ files: fits.length, valid: fits.length });
    // Titles with quotes, colons, hashes, brackets and non-ASCII dashes come back as written.
    const titles = new Set(report.useCases.map((u: { title: string }) => u.title));
    expect(fits.every((row) => titles.has(row.use_case_name.trim()))).toBe(true);
    expect(new Set(report.useCases.map((u: { domain: string }) => u.domain)).size).toBe(
      new Set(rows.map((row) => row.agency)).size,
    );
    expect(r.status).toBe(0);
  });

  it('a real title longer than the schema allows is refused by coe new, and nothing is written', () => {
    const longest = rows.reduce((a, b) => (length(b) > length(a) ? b : a));
    expect(length(longest)).toBeGreaterThan(MAX_TITLE);
    const root = makeRepo();
    const r = coe(['new', 'long-title', '--domain', 'gov', '--title', longest.use_case_name], { cwd: root });
    expect(r.stderr).toBe(`coe: --title: is ${length(longest)} characters long; the most is ${MAX_TITLE}\n`);
    expect(r.status).toBe(2);
    expect(snapshotTree(root)).toEqual({});
  });
});
