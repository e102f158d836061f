// The portfolio renderers in-process, on a model with a FlowReport built here (the git side that
// produces one is wired in at merge): cycle times and stalled use cases in every format, and
// hostile manifest text shown as text in each.
import { describe, expect, it } from 'vitest';
import type { FlowReport } from '../../engine/core/history/flow.ts';
import type { PolicySet } from '../../engine/core/policy/load-policies.ts';
import type { PortfolioEntry } from '../../engine/core/portfolio/entry.ts';
import { buildPortfolio, quarterOf } from '../../engine/core/portfolio/model.ts';
import { htmlText } from '../../engine/report/escape.ts';
import { jsonChunks } from '../../engine/report/json.ts';
import { renderPortfolioHtml } from '../../engine/report/portfolio-html.ts';
import { renderPortfolioMarkdown } from '../../engine/report/portfolio-markdown.ts';
import { renderPortfolioText } from '../../engine/report/portfolio-text.ts';

const HOSTILE = 'x<script>alert(1)</script> "q" \u001b[31mred @all #12';

const entry = (id: string, stage: string, extra: Partial<PortfolioEntry> = {}): PortfolioEntry => ({
  id,
  title: `${id} title`,
  domain: 'claims',
  stage,
  pattern: 'internal-copilot',
  audience: 'internal',
  created: '2026-02-10',
  tier: { declared: 'medium', computed: 'medium', effective: 'medium' },
  blocked: false,
  scores: null,
  priority: null,
  roi: [],
  hoursSavedPerMonth: null,
  adoption: null,
  costPerRequest: null,
  incidents: [],
  reuses: [],
  provides: [],
  ...extra,
});

const policies = {
  registries: {
    rubric: { value: 0.5, risk: 0.5 },
    assets: [{ id: 'a-connector', kind: 'connector', title: HOSTILE, owner: '@acme/x' }],
  },
  portfolio: null,
} as unknown as Pick<PolicySet, 'registries' | 'portfolio'>;

const flow: FlowReport = {
  asOf: '2026-12-01',
  stalledAfterDays: 60,
  cycleTimes: [
    {
      from: 'intake',
      to: 'pilot',
      overall: { count: 3, medianDays: 41, p90Days: 97 },
      byDomain: { claims: { count: 3, medianDays: 41, p90Days: 97 } },
    },
    {
      from: 'pilot',
      to: 'production',
      overall: { count: 1, medianDays: 120, p90Days: 120 },
      byDomain: { claims: { count: 1, medianDays: 120, p90Days: 120 } },
    },
  ],
  useCases: [
    {
      id: 'slow-one',
      domain: 'claims',
      stage: 'pilot',
      since: '2026-08-01',
      daysInStage: 122,
      lastChange: '2026-08-03',
      stalled: true,
    },
    {
      id: 'quick-one',
      domain: 'claims',
      stage: 'intake',
      since: '2026-11-20',
      daysInStage: 11,
      lastChange: '2026-11-20',
      stalled: false,
    },
  ],
};

const model = buildPortfolio(
  [
    entry('slow-one', 'pilot', {
      title: HOSTILE,
      scores: { value: 4, risk: 2 },
      priority: 3,
      reuses: ['a-connector'],
    }),
    entry('quick-one', 'intake', { created: '2026-05-01' }),
  ],
  { asOf: '2026-12-01', commit: 'a'.repeat(40), policies, flow },
);

describe('portfolio renderers with flow', () => {
  it('the model carries the flow as given, and no money without settings', () => {
    expect(model.flow).toBe(flow);
    expect(model.settings).toEqual({ currency: null, loadedHourlyRate: null, stalledAfterDays: 60 });
    expect(model.financial.valuePerMonth).toBeNull();
  });

  it('text: cycle times and the stalled use cases', () => {
    const text = renderPortfolioText(model);
    expect(text).toContain('\n  intake → pilot: median 41 days, 90th percentile 97 days (3 use cases)\n');
    expect(text).toContain(
      '\n  pilot → production: median 120 days, 90th percentile 120 days (1 use case)\n',
    );
    expect(text).toContain(
      '\n  stalled (no change for more than 60 days): 1\n    slow-one  pilot since 2026-08-01  last change 2026-08-03\n',
    );
    expect(text).not.toContain('\u001b');
  });

  it('markdown: a cycle-time table and the stalled table; manifest text escaped', () => {
    const md = renderPortfolioMarkdown(model);
    expect(md).toContain('| intake | pilot | 3 | 41 | 97 |');
    expect(md).toContain('| `slow-one` | pilot | 2026-08-01 | 2026-08-03 |');
    expect(md).not.toContain('<script>');
    expect(md).toContain('x&lt;script&gt;alert\\(1\\)&lt;/script&gt;');
  });

  it('html: the cycle-time chart and tables, the stalled list; manifest text escaped', () => {
    const html = renderPortfolioHtml(model);
    expect(html).toContain('<svg data-chart="cycle-times"');
    expect(html).toContain('<svg data-chart="stalled"');
    expect(html).toContain(
      '<tr><td>intake</td><td>pilot</td><td class="n">3</td><td class="n">41</td><td class="n">97</td></tr>',
    );
    expect(html).toContain(
      '<tr><td>slow-one</td><td>pilot</td><td>2026-08-01</td><td class="n">122</td><td>2026-08-03</td></tr>',
    );
    expect(html).not.toContain('<script');
    expect(html).toContain(htmlText(HOSTILE));
    expect(html).not.toContain('data-flow="absent"');
  });
});

describe('htmlText', () => {
  it('escapes the five HTML characters and shows controls', () => {
    expect(htmlText(`<a href="x" onclick='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
    expect(htmlText('a\u202eb\nc')).toBe('a\\u{202e}b c');
  });
});

describe('quarterOf', () => {
  it('maps months to quarters', () => {
    expect(['2026-01-01', '2026-03-31', '2026-04-01', '2026-12-31'].map(quarterOf)).toEqual([
      '2026-Q1',
      '2026-Q1',
      '2026-Q2',
      '2026-Q4',
    ]);
  });
});

describe('jsonChunks', () => {
  it('writes exactly what JSON.stringify(value, null, 2) writes, at every depth', () => {
    const odd = {
      a: [],
      b: {},
      c: [[], [{}], [1, [2, { d: 'x\ny "q"' }]]],
      e: null,
      f: undefined,
      g: [undefined, null],
      h: { i: { j: { k: { l: [1, 2] } } } },
    };
    for (const value of [model, odd, [], {}, 'text', 3, null]) {
      for (const depth of [0, 1, 2, 3, 6]) {
        expect([...jsonChunks(value, depth)].join(''), `depth ${depth}`).toBe(JSON.stringify(value, null, 2));
      }
    }
  });
});
