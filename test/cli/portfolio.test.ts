// coe portfolio as a CoE lead runs it: a real git repository with five known use cases, the real
// CLI as a process, every number checked against what the manifests and the rubric say.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { PortfolioModel } from '../../engine/core/portfolio/model.ts';
import portfolioSchema from '../../engine/schema/portfolio.schema.json' with { type: 'json' };
import { git } from '../helpers/git.ts';
import { AS_OF, ASSETS, FILES, portfolioRepo, useCase } from '../helpers/portfolio.ts';
import { coe, copyPolicies, makeRepo, tempDir } from '../helpers/repo.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;

function portfolio(root: string, ...args: string[]) {
  return coe(['portfolio', '--as-of', AS_OF, ...args], { cwd: root });
}

function json(root: string): PortfolioModel {
  const r = portfolio(root, '--format', 'json');
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as PortfolioModel;
}

const ZETA = 'usecases/hr/zeta-bot.yaml';
const zeta = useCase({
  id: 'zeta-bot',
  domain: 'hr',
  title: 'Zeta leave planner',
  stage: 'intake',
  created: '2026-05-02',
  spec: '  reuses: [approval-flow, claims-conector]\n',
});

describe('coe portfolio --format json', () => {
  // Built while the tests are collected: the temporary folders of helpers/repo.ts go after each test.
  const root = portfolioRepo();
  const m = json(root);
  const head = git(root, 'rev-parse', 'HEAD').trim();
  const check = JSON.parse(coe(['check', '--as-of', AS_OF, '--format', 'json'], { cwd: root }).stdout) as {
    useCases: { id: string; blocked: boolean }[];
  };

  it('matches the documented schema, with the date and the commit it was built from', () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
    addFormats(ajv);
    const validate = ajv.compile(portfolioSchema);
    expect(validate(m), JSON.stringify(validate.errors)).toBe(true);
    expect(m.asOf).toBe(AS_OF);
    expect(m.commit).toBe(head);
  });

  it('counts by stage, effective tier (one declared below it), domain, pattern and audience', () => {
    expect(m.counts).toEqual({
      useCases: 5,
      byStage: { intake: 1, discovery: 1, prototype: 0, mvp: 0, pilot: 1, production: 1, retired: 1 },
      byTier: { low: 0, medium: 5, high: 0 },
      underDeclared: 1,
      byDomain: { claims: 2, finance: 2, hr: 1 },
      byPattern: { 'internal-copilot': 5 },
      byAudience: { internal: 5 },
    });
    expect(m.riskQuality.underDeclared).toEqual([
      { id: 'delta-bot', title: 'Delta report writer', declared: 'low', computed: 'medium' },
    ]);
  });

  it("ranks the backlog (before production, not retired) by the rubric's weighted score, with its parts", () => {
    expect(m.backlog.ranked.map((r) => [r.rank, r.id, r.stage, r.score])).toEqual([
      [1, 'beta-bot', 'pilot', 4],
      [2, 'alpha-bot', 'intake', 3.55],
    ]);
    // 5 × 0.35 + 4 × 0.2 + 3 × 0.2 + 2 × 0.15 + 1 × 0.1 = 3.55
    expect(m.backlog.ranked[1]?.parts).toEqual([
      { criterion: 'value', score: 5, weight: 0.35, points: 1.75 },
      { criterion: 'feasibility', score: 4, weight: 0.2, points: 0.8 },
      { criterion: 'dataReadiness', score: 3, weight: 0.2, points: 0.6 },
      { criterion: 'risk', score: 2, weight: 0.15, points: 0.3 },
      { criterion: 'adoption', score: 1, weight: 0.1, points: 0.1 },
    ]);
    expect(m.backlog.unscored).toEqual(['epsilon-bot']);
  });

  it("reports each asset's users and providers, and the reuse rate by quarter created", () => {
    expect(m.reuse.assets.map((a) => [a.id, a.users, a.providers])).toEqual([
      ['claims-connector', ['alpha-bot', 'beta-bot'], ['gamma-bot']],
      ['approval-flow', ['beta-bot'], []],
      ['leakage-evals', ['gamma-bot'], []],
    ]);
    expect(m.reuse.byQuarter).toEqual([
      { quarter: '2025-Q4', created: 1, reusing: 1, rate: 1 },
      { quarter: '2026-Q1', created: 2, reusing: 2, rate: 1 },
      { quarter: '2026-Q2', created: 2, reusing: 0, rate: 0 },
    ]);
    expect(m.reuse.overall).toEqual({ created: 5, reusing: 3, rate: 0.6 });
  });

  it('reports adoption and incidents by severity and quarter', () => {
    expect(m.adoption).toEqual({
      measured: 2,
      activeUsers: 125,
      meanRetention: 0.8,
      useCases: [
        {
          id: 'gamma-bot',
          title: 'Gamma invoice matcher',
          domain: 'finance',
          activeUsers: 120,
          retention: 0.8,
          date: '2026-10-31',
        },
        {
          id: 'delta-bot',
          title: 'Delta report writer',
          domain: 'finance',
          activeUsers: 5,
          retention: null,
          date: '2026-03-31',
        },
      ],
    });
    const z = { sev1: 0, sev2: 0, sev3: 0, sev4: 0 };
    expect(m.riskQuality.incidents).toEqual({
      total: 2,
      bySeverity: { ...z, sev2: 1, sev3: 1 },
      byQuarter: [
        { quarter: '2026-Q1', ...z, sev2: 1 },
        { quarter: '2026-Q2', ...z },
        { quarter: '2026-Q3', ...z, sev3: 1 },
      ],
      useCases: [{ id: 'gamma-bot', title: 'Gamma invoice matcher', total: 2, ...z, sev2: 1, sev3: 1 }],
    });
  });

  it('lists as blocked exactly the use cases coe check blocks', () => {
    expect(m.riskQuality.blocked).toEqual(
      check.useCases
        .filter((u) => u.blocked)
        .map((u) => u.id)
        .sort(),
    );
  });

  it('values the latest hours saved at the loaded rate, and sets ROI targets against the latest actuals', () => {
    expect(m.financial).toEqual({
      currency: 'EUR',
      loadedHourlyRate: 50,
      hoursSavedPerMonth: 70,
      valuePerMonth: 3500,
      useCases: [
        { id: 'gamma-bot', title: 'Gamma invoice matcher', hoursSavedPerMonth: 70, valuePerMonth: 3500 },
      ],
      roi: [
        {
          id: 'gamma-bot',
          metric: 'Clerk hours a month',
          unit: 'hours',
          baseline: 100,
          target: 20,
          actual: 30,
          actualDate: '2026-09-30',
          progress: 0.88, // (30 − 100) / (20 − 100) = 0.875
          met: false,
        },
      ],
      costPerRequest: [{ id: 'gamma-bot', title: 'Gamma invoice matcher', costPerRequest: 0.02 }],
    });
    expect(m.settings).toEqual({ currency: 'EUR', loadedHourlyRate: 50, stalledAfterDays: 45 });
  });

  it('flow from the git history as of the date: cycle times, days in stage, stalled', () => {
    const days = (median: number | null, p90: number | null, count: number) => ({
      count,
      medianDays: median,
      p90Days: p90,
    });
    expect(m.flow?.cycleTimes).toEqual([
      {
        from: 'intake',
        to: 'pilot',
        overall: days(70, 90, 2),
        byDomain: { claims: days(90, 90, 1), finance: days(70, 70, 1) },
      },
      { from: 'pilot', to: 'production', overall: days(90, 90, 1), byDomain: { finance: days(90, 90, 1) } },
    ]);
    expect(m.flow?.useCases.map((u) => [u.id, u.stage, u.since, u.daysInStage, u.stalled])).toEqual([
      ['alpha-bot', 'intake', '2026-01-15', 320, true],
      ['beta-bot', 'pilot', '2026-05-02', 213, true],
      ['delta-bot', 'retired', '2026-08-01', 122, false],
      ['epsilon-bot', 'discovery', '2026-04-20', 225, true],
      ['gamma-bot', 'production', '2026-04-12', 233, false],
    ]);
    // As of an earlier day, later commits are not read: beta-bot was still at intake.
    const earlier = JSON.parse(
      portfolio(portfolioRepo(), '--format', 'json', '--as-of', '2026-03-01').stdout,
    ) as PortfolioModel;
    expect(earlier.flow?.useCases.map((u) => [u.id, u.stage, u.daysInStage])).toEqual([
      ['alpha-bot', 'intake', 45],
      ['beta-bot', 'intake', 28],
      ['gamma-bot', 'pilot', 48],
    ]);
  });

  it('has no flow outside a git repository (flow: null), and says so', () => {
    const plain = makeRepo({ ...FILES });
    copyPolicies(plain);
    writeFileSync(join(plain, 'policies/registries/assets.yaml'), ASSETS);
    const r = portfolio(plain, '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as PortfolioModel).flow).toBeNull();
    expect(portfolio(plain).stdout).toContain(
      'not available: flow is read from the git history of the repository',
    );
  });
});

describe('coe portfolio text, markdown and --html', () => {
  it('text: the counts and the backlog with its parts', () => {
    const root = portfolioRepo();
    const r = portfolio(root);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      '\n  by stage     intake 1 · discovery 1 · prototype 0 · mvp 0 · pilot 1 · production 1 · retired 1\n',
    );
    expect(r.stdout).toContain('(effective; 1 declared below the computed tier)');
    expect(r.stdout).toMatch(
      /^ {2}2 +3\.55 +alpha-bot +intake +value 5×0\.35 \+ feasibility 4×0\.2 \+ dataReadiness 3×0\.2 \+ risk 2×0\.15 \+ adoption 1×0\.1$/m,
    );
    expect(r.stdout).toContain('hours saved a month: 70 × EUR 50 an hour = EUR 3500 a month');
  });

  it('markdown: manifest text is escaped', () => {
    const root = portfolioRepo();
    const r = portfolio(root, '--format', 'markdown');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('`alpha-bot` Alpha &lt;b&gt;intake&lt;/b&gt; &amp; triage');
    expect(r.stdout).not.toContain('<b>');
  });

  it('--html writes one self-contained file and says so; manifest text is escaped', () => {
    const root = portfolioRepo();
    const out = join(tempDir(), 'index.html');
    const r = portfolio(root, '--html', out);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`wrote ${out}: the dashboard of 5 use cases as of ${AS_OF}\n`);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    );
    expect(html).toContain('Alpha &lt;b&gt;intake&lt;/b&gt; &amp; triage');
    expect(html).not.toContain('<b>');
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|url\(|@import/i);
    expect(html).toContain(git(root, 'rev-parse', 'HEAD').trim());
  });

  it('--html with --format prints the report too', () => {
    const root = portfolioRepo();
    const out = join(tempDir(), 'index.html');
    const r = portfolio(root, '--html', out, '--format', 'json');
    expect(JSON.parse(r.stdout).counts.useCases).toBe(5);
    expect(existsSync(out)).toBe(true);
  });
});

describe('coe portfolio: bad input', () => {
  it('an asset id not in the registry is a problem at its line, for coe check and coe portfolio (asset-unknown)', () => {
    const root = portfolioRepo({ [ZETA]: zeta });
    const lines = zeta.split('\n');
    const line = lines.findIndex((l) => l.startsWith('  reuses:')) + 1;
    const column = (lines[line - 1] as string).indexOf('claims-conector') + 1;
    const check = coe(['check', '--as-of', AS_OF, '--format', 'json'], { cwd: root });
    expect(check.status).toBe(2);
    expect(JSON.parse(check.stdout).problems).toEqual([
      {
        file: ZETA,
        line,
        column,
        endLine: line,
        endColumn: column + 'claims-conector'.length,
        path: 'spec.reuses[1]',
        code: 'asset-unknown',
        message:
          'asset "claims-conector" is not in policies/registries/assets.yaml; did you mean "claims-connector"?',
      },
    ]);
    const r = portfolio(root);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      `${ZETA}:${line}:${column}  spec.reuses[1]  asset "claims-conector" is not in`,
    );
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  it('a repository without policies/, a bad date, an unwritable --html: one line, exit 2', () => {
    const bare = makeRepo({});
    const cases: [string, string[], RegExp][] = [
      [bare, [], /^coe: no policies\/ folder in .+: the portfolio needs the rubric/],
      [portfolioRepo(), ['--as-of', '2026-1-1'], /^coe: --as-of 2026-1-1: write the date as YYYY-MM-DD/],
      // A day that does not exist, which Date.parse would take as 2 March.
      [portfolioRepo(), ['--as-of', '2026-02-30'], /^coe: --as-of 2026-02-30: there is no such day/],
      [
        portfolioRepo(),
        ['--html', '/no/such/folder/x.html'],
        /^coe: --html \/no\/such\/folder\/x\.html: cannot write the file \(ENOENT\)$/,
      ],
    ];
    for (const [root, args, message] of cases) {
      const r = coe(['portfolio', ...args], { cwd: root });
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr.trim()).toMatch(message);
    }
  });

  it('an empty portfolio reports zeros', () => {
    const root = portfolioRepo();
    git(root, 'rm', '-rq', 'usecases');
    const m = json(root);
    expect(m.counts.useCases).toBe(0);
    expect(m.backlog.ranked).toEqual([]);
    expect(m.reuse.overall).toEqual({ created: 0, reusing: 0, rate: null });
    expect(m.financial.valuePerMonth).toBe(0);
  });

  it('--help names the formats, --html, examples and exit codes', () => {
    const r = coe(['portfolio', '--help'], { cwd: makeRepo({}) });
    expect(r.status).toBe(0);
    for (const s of ['--format', '--html <file>', '--as-of', 'Examples:', 'Exit codes: 0'])
      expect(r.stdout).toContain(s);
  });
});
