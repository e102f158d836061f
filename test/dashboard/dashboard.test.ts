// The dashboard as a reader opens it: Debian's Chromium, headless, driven by playwright-core, on
// the file coe portfolio --html wrote for a known repository. No console error, no request but the
// file itself, every chart drawn, every number in the tables the same as --format json; a
// screenshot at a laptop's and a phone's width kept under test-artifacts/ (CI uploads them).
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PortfolioModel } from '../../engine/core/portfolio/model.ts';
import { SECTIONS } from '../../engine/core/portfolio/model.ts';
import { grouped } from '../../engine/core/words.ts';
import { git } from '../helpers/git.ts';
import { AS_OF, portfolioRepo } from '../helpers/portfolio.ts';
import { coe, REPO_ROOT } from '../helpers/repo.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(REPO_ROOT, 'test-artifacts');
const WIDTHS = [
  { name: 'laptop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;

const present = existsSync(CHROMIUM);
if (!present)
  console.warn(`dashboard tests skipped: ${CHROMIUM} is absent (apt-get install chromium; .ci/run does)`);

interface Opened {
  page: Page;
  errors: string[];
  requests: string[];
}

describe.skipIf(!present)('the dashboard in headless Chromium', () => {
  let browser: Browser;
  let url: string;
  let model: PortfolioModel;
  let head: string;
  let out: string | undefined;

  beforeAll(async () => {
    const root = portfolioRepo();
    head = git(root, 'rev-parse', 'HEAD').trim();
    // Its own folder, kept until the last test: helpers/repo.ts removes its folders after each test.
    out = mkdtempSync(join(tmpdir(), 'coe-dashboard-'));
    const file = join(out, 'index.html');
    const html = coe(['portfolio', '--as-of', AS_OF, '--html', file, '--format', 'json'], { cwd: root });
    expect(html.status).toBe(0);
    model = JSON.parse(html.stdout) as PortfolioModel;
    url = pathToFileURL(file).href;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  async function open(width: number, height: number): Promise<Opened> {
    const page = await browser.newPage({ viewport: { width, height } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(url, { waitUntil: 'load' });
    return { page, errors, requests };
  }

  /**
   * A picture of the page for people to look at (CI keeps ARTIFACTS), not something the test
   * asserts: headless Chromium now and then cannot capture a tall page on a busy machine ("Unable
   * to capture screenshot"), so it tries twice and then says so instead of failing the test.
   */
  async function keepScreenshot(page: Page, name: string): Promise<void> {
    mkdirSync(ARTIFACTS, { recursive: true });
    for (let attempt = 1; ; attempt++) {
      try {
        await page.screenshot({ path: join(ARTIFACTS, name), fullPage: true });
        return;
      } catch (error) {
        if (attempt === 2) {
          console.warn(`no screenshot ${name}: ${(error as Error).message.split('\n')[0]}`);
          return;
        }
        await page.waitForTimeout(500);
      }
    }
  }

  /** The text of every cell of a table, row by row. */
  async function table(page: Page, id: string): Promise<string[][]> {
    return page.$$eval(`table[data-table="${id}"] tbody tr`, (rows) =>
      rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')),
    );
  }

  const pct = (v: number | null) => (v === null ? '–' : `${Math.round(v * 100)}%`);
  const cell = (v: number | string | null) => (v === null ? '–' : String(v));

  for (const { name, width, height } of WIDTHS) {
    it(`at ${width}px (${name}): loads with no console error and no request but the file, fits the width`, async () => {
      const { page, errors, requests } = await open(width, height);
      expect(errors).toEqual([]);
      expect(requests).toEqual([url]);
      const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
      expect(overflow).toBeLessThanOrEqual(0);
      await keepScreenshot(page, `dashboard-${width}.png`);
      await page.close();
    }, 60_000);

    it(`at ${width}px (${name}): every chart's SVG renders with a size`, async () => {
      const { page } = await open(width, height);
      const charts = await page.$$eval('svg[data-chart]', (svgs) =>
        svgs.map((s) => {
          const box = s.getBoundingClientRect();
          return {
            id: s.getAttribute('data-chart'),
            width: box.width,
            height: box.height,
            marks: s.querySelectorAll('rect').length,
          };
        }),
      );
      expect(charts.map((c) => c.id)).toEqual([
        'by-stage',
        'by-tier',
        'by-domain',
        'by-pattern',
        'cycle-times',
        'stalled',
        'backlog',
        'reuse-by-quarter',
        'assets',
        'adoption',
        'incidents-by-severity',
        'incidents-by-quarter',
        'value',
        'roi-progress',
        'cost-per-request',
      ]);
      for (const c of charts) {
        expect(c.width, c.id ?? '').toBeGreaterThan(100);
        expect(c.height, c.id ?? '').toBeGreaterThan(10);
        expect(c.marks, c.id ?? '').toBeGreaterThan(0);
      }
      await page.close();
    }, 60_000);
  }

  it('shows the date and the commit it was built from, and the sections in the model order', async () => {
    const { page } = await open(1280, 800);
    expect(await page.textContent('[data-as-of]')).toBe(AS_OF);
    expect(await page.textContent('[data-commit]')).toBe(head);
    const sections = await page.$$eval('section[data-section]', (s) =>
      s.map((e) => [e.getAttribute('data-section'), e.querySelector('h2')?.textContent]),
    );
    expect(sections).toEqual(SECTIONS.map((s) => [s.id, s.title]));
    await page.close();
  }, 60_000);

  it('every number in the tables equals coe portfolio --format json', async () => {
    const { page } = await open(1280, 800);
    const counts = (record: Record<string, number>) => Object.entries(record).map(([k, v]) => [k, String(v)]);
    expect(await table(page, 'by-stage')).toEqual(counts(model.counts.byStage));
    expect(await table(page, 'by-tier')).toEqual(counts(model.counts.byTier));
    expect(await table(page, 'by-domain')).toEqual(counts(model.counts.byDomain));
    expect(await table(page, 'by-pattern')).toEqual(counts(model.counts.byPattern));
    expect(await table(page, 'by-audience')).toEqual(counts(model.counts.byAudience));
    expect(await page.textContent('[data-value="under-declared"]')).toBe(String(model.counts.underDeclared));
    expect(await table(page, 'backlog')).toEqual(
      model.backlog.ranked.map((r) => [
        String(r.rank),
        r.id,
        r.title,
        r.stage,
        String(r.score),
        r.parts.map((p) => `${p.criterion} ${p.score} × ${p.weight}`).join(' + '),
      ]),
    );
    const flow = model.flow;
    if (!flow) throw new Error('the test repository has a history, so its portfolio has flow');
    expect(await table(page, 'cycle-times')).toEqual(
      flow.cycleTimes.map((c) => [
        c.from,
        c.to,
        String(c.overall.count),
        cell(c.overall.medianDays),
        cell(c.overall.p90Days),
      ]),
    );
    const domains = [...new Set(flow.cycleTimes.flatMap((c) => Object.keys(c.byDomain)))].sort();
    expect(await table(page, 'cycle-times-by-domain')).toEqual(
      domains.map((d) => [d, ...flow.cycleTimes.map((c) => cell(c.byDomain[d]?.medianDays ?? null))]),
    );
    expect(await table(page, 'stalled')).toEqual(
      flow.useCases
        .filter((u) => u.stalled)
        .map((u) => [u.id, u.stage, cell(u.since), cell(u.daysInStage), cell(u.lastChange)]),
    );
    expect(await table(page, 'reuse-by-quarter')).toEqual(
      model.reuse.byQuarter.map((q) => [q.quarter, String(q.created), String(q.reusing), pct(q.rate)]),
    );
    expect(await table(page, 'assets')).toEqual(
      model.reuse.assets.map((a) => [
        a.id,
        a.kind,
        a.owner,
        String(a.users.length),
        a.providers.join(', ') || '–',
      ]),
    );
    expect(await table(page, 'adoption')).toEqual(
      model.adoption.useCases.map((u) => [u.id, String(u.activeUsers), pct(u.retention), u.date]),
    );
    expect(await table(page, 'under-declared')).toEqual(
      model.riskQuality.underDeclared.map((u) => [u.id, u.declared, u.computed]),
    );
    expect(await table(page, 'incidents-by-severity')).toEqual(
      counts(model.riskQuality.incidents.bySeverity),
    );
    expect(await table(page, 'incidents-by-quarter')).toEqual(
      model.riskQuality.incidents.byQuarter.map((q) => [
        q.quarter,
        ...[q.sev1, q.sev2, q.sev3, q.sev4].map(String),
      ]),
    );
    expect(await table(page, 'value')).toEqual(
      model.financial.useCases.map((u) => [u.id, String(u.hoursSavedPerMonth), cell(u.valuePerMonth)]),
    );
    expect(await table(page, 'roi')).toEqual(
      model.financial.roi.map((r) => [
        r.id,
        r.metric,
        r.unit,
        ...[r.baseline, r.target, r.actual].map(cell),
        r.progress === null ? '–' : pct(r.progress),
      ]),
    );
    expect(await table(page, 'cost-per-request')).toEqual(
      model.financial.costPerRequest.map((c) => [c.id, String(c.costPerRequest)]),
    );
    const kpis = await page.$$eval('[data-kpi]', (d) =>
      Object.fromEntries(d.map((e) => [e.getAttribute('data-kpi'), e.querySelector('dd')?.textContent])),
    );
    expect(kpis).toEqual({
      'use-cases': grouped(model.counts.useCases),
      'in-production': grouped(model.counts.byStage.production ?? 0),
      backlog: grouped(model.backlog.ranked.length + model.backlog.unscored.length),
      'reuse-rate': pct(model.reuse.overall.rate),
      'active-users': grouped(model.adoption.activeUsers),
      incidents: grouped(model.riskQuality.incidents.total),
      'value-per-month': cell(model.financial.valuePerMonth),
    });
    // The known repository's own numbers, so the comparison above cannot pass on two empty pages.
    expect(kpis['value-per-month']).toBe('3500');
    expect((await table(page, 'backlog')).length).toBe(2);
    await page.close();
  }, 60_000);
});
