// docs/templates/kpi-dashboard-outline.md describes the dashboard: its sections must be the
// portfolio model's, in the same order, and every file it names must exist.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { SECTIONS } from '../../engine/core/portfolio/model.ts';
import { REPO_ROOT } from '../helpers/repo.ts';

const outline = readFileSync(join(REPO_ROOT, 'docs', 'templates', 'kpi-dashboard-outline.md'), 'utf8');

it("the outline's sections are the dashboard's, in order", () => {
  const headings = [...outline.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
  expect(headings).toEqual(SECTIONS.map((s) => s.title));
});

it('every repository file the outline names exists', () => {
  const paths = [...outline.matchAll(/`((?:policies|usecases|engine)\/[^`]+)`/g)].map((m) => m[1] as string);
  expect(paths.length).toBeGreaterThan(3);
  for (const p of paths) expect(existsSync(join(REPO_ROOT, p.replace(/\/$/, ''))), p).toBe(true);
});
