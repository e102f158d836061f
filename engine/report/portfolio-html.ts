// The dashboard: one self-contained HTML file (coe portfolio --html). Inline CSS and SVG charts
// drawn here, no script, no font, no image, nothing fetched (the CSP forbids it all), so it opens
// the same from a laptop's disk, an artifact or GitHub Pages. Every chart has its data in a table
// beside it (below it on a phone). Every string from a manifest or git goes through htmlText.
import type { PortfolioModel, SectionId } from '../core/portfolio/model.ts';
import { grouped } from '../core/words.ts';
import { htmlText as esc } from './escape.ts';
import { amount, entriesOf, inCurrency, LIST_LIMIT, more, num, percent, shown } from './portfolio-format.ts';

export const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

type Cell = string | number | null;
interface Bar {
  label: string;
  value: number;
}

/** Each section of the model (its order and titles come from the model), rendered. */
const SECTIONS: Record<SectionId, (m: PortfolioModel) => string> = {
  counts,
  flow,
  backlog,
  reuse,
  adoption,
  'risk-quality': riskQuality,
  financial,
};

export function renderPortfolioHtml(m: PortfolioModel): string {
  const built = m.commit
    ? `commit <code class="sha" data-commit>${esc(m.commit)}</code>`
    : 'a folder outside git';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>AI use-case portfolio, ${esc(m.asOf)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>AI use-case portfolio</h1>
<p class="built">As of <time datetime="${esc(m.asOf)}" data-as-of>${esc(m.asOf)}</time>, built from ${built} by <code>coe portfolio --html</code>.</p>
${kpis(m)}
<nav><ul>${m.sections.map((s) => `<li><a href="#${s.id}">${esc(s.title)}</a></li>`).join('')}</ul></nav>
</header>
<main>
${m.sections.map((s) => `<section id="${s.id}" data-section="${s.id}">\n<h2>${esc(s.title)}</h2>\n${SECTIONS[s.id](m)}\n</section>`).join('\n')}
</main>
<footer><p>Generated from the manifests under usecases/ and the policies under policies/. The same numbers: <code>coe portfolio --format json --as-of ${esc(m.asOf)}</code>.</p></footer>
</body>
</html>
`;
}

function kpis(m: PortfolioModel): string {
  const money = inCurrency(m);
  const cards: [string, string, string][] = [
    ['use-cases', 'Use cases', grouped(m.counts.useCases)],
    ['in-production', 'In production', grouped(m.counts.byStage.production ?? 0)],
    ['backlog', 'In the backlog', grouped(m.backlog.ranked.length + m.backlog.unscored.length)],
    ['reuse-rate', 'Reuse an asset', percent(m.reuse.overall.rate)],
    ['active-users', 'Active users', grouped(m.adoption.activeUsers)],
    ['incidents', 'Incidents', grouped(m.riskQuality.incidents.total)],
    ['value-per-month', `Value a month${money}`, num(m.financial.valuePerMonth)],
  ];
  return `<dl class="kpis">${cards.map(([id, label, value]) => `<div data-kpi="${id}"><dt>${esc(label)}</dt><dd>${esc(value)}</dd></div>`).join('')}</dl>`;
}

// ---- building blocks ------------------------------------------------------------------------

function table(id: string, caption: string, header: string[], rows: Cell[][], total = rows.length): string {
  const cell = (c: Cell) =>
    typeof c === 'number' ? `<td class="n">${c}</td>` : `<td>${c === null ? '–' : esc(c)}</td>`;
  const tail = more(total);
  return `<div class="table-wrap"><table data-table="${id}">
<caption>${esc(caption)}</caption>
<thead><tr>${header.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead>
<tbody>
${rows
  .slice(0, LIST_LIMIT)
  .map((r) => `<tr>${r.map(cell).join('')}</tr>`)
  .join('\n')}
</tbody>
</table>${tail ? `<p class="more">${esc(tail)}</p>` : ''}</div>`;
}

function pair(chart: string, data: string): string {
  return `<div class="pair">\n<figure>${chart}</figure>\n${data}\n</div>`;
}

function short(label: string, max = 24): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

const BAR = { width: 560, label: 190, value: 70, row: 26 };

/** Horizontal bars, one per row, longest first as given; undefined for no rows (nothing to draw). */
function barChart(id: string, title: string, bars: readonly Bar[], unit = ''): string {
  const shown = bars.slice(0, LIST_LIMIT);
  if (shown.length === 0) return `<p class="empty" data-chart-empty="${id}">Nothing to chart yet.</p>`;
  const max = Math.max(...shown.map((b) => b.value), 0) || 1;
  const area = BAR.width - BAR.label - BAR.value;
  const height = shown.length * BAR.row + 8;
  const rows = shown
    .map((b, i) => {
      const y = 4 + i * BAR.row;
      const w = Math.max((b.value / max) * area, b.value > 0 ? 2 : 0);
      return `<g><title>${esc(b.label)}: ${b.value}${esc(unit)}</title><text x="${BAR.label - 8}" y="${y + 17}" text-anchor="end">${esc(short(b.label))}</text><rect x="${BAR.label}" y="${y + 4}" width="${w.toFixed(1)}" height="${BAR.row - 8}" rx="3"/><text class="v" x="${(BAR.label + w + 6).toFixed(1)}" y="${y + 17}">${b.value}${esc(unit)}</text></g>`;
    })
    .join('');
  return `<svg data-chart="${id}" role="img" aria-label="${esc(title)}" viewBox="0 0 ${BAR.width} ${height}" width="100%" preserveAspectRatio="xMinYMin meet"><title>${esc(title)}</title>${rows}</svg><figcaption>${esc(title)}</figcaption>`;
}

const COL = { width: 560, height: 220, top: 20, bottom: 40, left: 36 };

/** Vertical columns over time (quarters), with the value above each; `asPercent` for rates. */
function columnChart(id: string, title: string, bars: readonly Bar[], asPercent = false): string {
  if (bars.length === 0) return `<p class="empty" data-chart-empty="${id}">Nothing to chart yet.</p>`;
  const max = asPercent ? 1 : Math.max(...bars.map((b) => b.value), 0) || 1;
  const plot = COL.height - COL.top - COL.bottom;
  const step = (COL.width - COL.left) / bars.length;
  const w = Math.min(step * 0.7, 60);
  const label = (v: number) => (asPercent ? percent(v) : String(v));
  const cols = bars
    .map((b, i) => {
      const h = (b.value / max) * plot;
      const x = COL.left + i * step + (step - w) / 2;
      const y = COL.top + plot - h;
      return `<g><title>${esc(b.label)}: ${label(b.value)}</title><rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${w.toFixed(1)}" height="${Math.max(h, 0).toFixed(1)}" rx="3"/><text class="v" x="${(x + w / 2).toFixed(1)}" y="${(y - 4).toFixed(1)}" text-anchor="middle">${label(b.value)}</text><text x="${(x + w / 2).toFixed(1)}" y="${COL.height - COL.bottom + 16}" text-anchor="middle">${esc(b.label)}</text></g>`;
    })
    .join('');
  const axis = `<line x1="${COL.left}" y1="${COL.top + plot}" x2="${COL.width}" y2="${COL.top + plot}" class="axis"/>`;
  return `<svg data-chart="${id}" role="img" aria-label="${esc(title)}" viewBox="0 0 ${COL.width} ${COL.height}" width="100%" preserveAspectRatio="xMinYMin meet"><title>${esc(title)}</title>${axis}${cols}</svg><figcaption>${esc(title)}</figcaption>`;
}

const barsOf = (record: Record<string, number>): Bar[] =>
  entriesOf(record).map(([label, value]) => ({ label, value }));
const countRows = (record: Record<string, number>): Cell[][] => entriesOf(record).map(([k, v]) => [k, v]);

// ---- sections -------------------------------------------------------------------------------

function counts(m: PortfolioModel): string {
  const c = m.counts;
  const byCount = (r: Record<string, number>) =>
    Object.fromEntries(entriesOf(r).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)));
  return [
    `<p>${grouped(c.useCases)} use cases; ${grouped(c.underDeclared)} declared below the risk tier the policies compute (<span data-value="under-declared">${c.underDeclared}</span>), counted here at the higher, effective tier.</p>`,
    pair(
      barChart('by-stage', 'Use cases by stage', barsOf(c.byStage)),
      table('by-stage', 'By stage', ['Stage', 'Use cases'], countRows(c.byStage)),
    ),
    pair(
      barChart('by-tier', 'Use cases by effective risk tier', barsOf(c.byTier)),
      table('by-tier', 'By effective risk tier', ['Tier', 'Use cases'], countRows(c.byTier)),
    ),
    pair(
      barChart('by-domain', 'Use cases by domain', barsOf(byCount(c.byDomain))),
      table('by-domain', 'By domain', ['Domain', 'Use cases'], countRows(c.byDomain), 0),
    ),
    pair(
      barChart('by-pattern', 'Use cases by pattern', barsOf(c.byPattern)),
      table('by-pattern', 'By pattern', ['Pattern', 'Use cases'], countRows(c.byPattern)) +
        table('by-audience', 'By audience', ['Audience', 'Use cases'], countRows(c.byAudience)),
    ),
  ].join('\n');
}

function flow(m: PortfolioModel): string {
  const f = m.flow;
  if (!f)
    return '<p class="empty" data-flow="absent">Not available: flow (cycle times, time in stage, stalled use cases) is read from the git history of the repository.</p>';
  const stalled = f.useCases.filter((u) => u.stalled);
  const domains = [...new Set(f.cycleTimes.flatMap((c) => Object.keys(c.byDomain)))].sort();
  return [
    pair(
      barChart(
        'cycle-times',
        'Median cycle time, days',
        f.cycleTimes.map((c) => ({ label: `${c.from} → ${c.to}`, value: c.overall.medianDays ?? 0 })),
        ' d',
      ),
      table(
        'cycle-times',
        'Cycle times (days)',
        ['From', 'To', 'Use cases', 'Median', '90th percentile'],
        f.cycleTimes.map((c) => [c.from, c.to, c.overall.count, c.overall.medianDays, c.overall.p90Days]),
      ),
    ),
    table(
      'cycle-times-by-domain',
      'Median cycle time by domain (days)',
      ['Domain', ...f.cycleTimes.map((c) => `${c.from} → ${c.to}`)],
      domains.map((d) => [d, ...f.cycleTimes.map((c) => c.byDomain[d]?.medianDays ?? null)]),
      0,
    ),
    `<p>${grouped(stalled.length)} stalled: no change for more than ${f.stalledAfterDays} days.</p>`,
    pair(
      barChart(
        'stalled',
        'Stalled use cases, days in stage',
        shown(stalled).map((u) => ({ label: u.id, value: u.daysInStage ?? 0 })),
        ' d',
      ),
      table(
        'stalled',
        'Stalled use cases',
        ['Use case', 'Stage', 'Since', 'Days in stage', 'Last change'],
        shown(stalled).map((u) => [u.id, u.stage, u.since, u.daysInStage, u.lastChange]),
        stalled.length,
      ),
    ),
  ].join('\n');
}

function backlog(m: PortfolioModel): string {
  const b = m.backlog;
  const weights = entriesOf(b.weights)
    .map(([k, w]) => `${k} ${w}`)
    .join(', ');
  return [
    `<p>Use cases before production, ranked by the rubric's weighted score (${esc(weights)}; scores 1 to 5, 5 best).</p>`,
    pair(
      barChart(
        'backlog',
        'Weighted score',
        shown(b.ranked).map((r) => ({ label: r.id, value: r.score })),
      ),
      table(
        'backlog',
        'Ranked backlog',
        ['#', 'Use case', 'Title', 'Stage', 'Score', 'Parts: score × weight'],
        shown(b.ranked).map((r) => [
          r.rank,
          r.id,
          r.title,
          r.stage,
          r.score,
          r.parts.map((p) => `${p.criterion} ${p.score} × ${p.weight}`).join(' + '),
        ]),
        b.ranked.length,
      ),
    ),
    b.unscored.length
      ? `<p>Not scored yet: ${b.unscored.map((id) => `<code>${esc(id)}</code>`).join(', ')}.</p>`
      : '',
  ].join('\n');
}

function reuse(m: PortfolioModel): string {
  const r = m.reuse;
  return [
    `<p>${grouped(r.overall.reusing)} of ${grouped(r.overall.created)} use cases reuse at least one asset (${percent(r.overall.rate)}).</p>`,
    pair(
      columnChart(
        'reuse-by-quarter',
        'Reuse rate by quarter created',
        r.byQuarter.map((q) => ({ label: q.quarter, value: q.rate ?? 0 })),
        true,
      ),
      table(
        'reuse-by-quarter',
        'Reuse by quarter created',
        ['Quarter', 'Created', 'Reusing', 'Rate'],
        r.byQuarter.map((q) => [q.quarter, q.created, q.reusing, percent(q.rate)]),
        0,
      ),
    ),
    pair(
      barChart(
        'assets',
        'Users of each asset',
        shown(r.assets).map((a) => ({ label: a.id, value: a.users.length })),
      ),
      table(
        'assets',
        'Reusable assets',
        ['Asset', 'Kind', 'Owner', 'Users', 'Provided by'],
        shown(r.assets).map((a) => [a.id, a.kind, a.owner, a.users.length, a.providers.join(', ') || null]),
        r.assets.length,
      ),
    ),
  ].join('\n');
}

function adoption(m: PortfolioModel): string {
  const a = m.adoption;
  return [
    `<p>${grouped(a.activeUsers)} active users over the ${grouped(a.measured)} use cases that report adoption; mean retention ${percent(a.meanRetention)}.</p>`,
    pair(
      barChart(
        'adoption',
        'Active users',
        shown(a.useCases).map((u) => ({ label: u.id, value: u.activeUsers })),
      ),
      table(
        'adoption',
        'Adoption',
        ['Use case', 'Active users', 'Retention', 'Measured'],
        shown(a.useCases).map((u) => [u.id, u.activeUsers, percent(u.retention), u.date]),
        a.useCases.length,
      ),
    ),
  ].join('\n');
}

function riskQuality(m: PortfolioModel): string {
  const r = m.riskQuality;
  const i = r.incidents;
  return [
    `<p>${grouped(r.blocked.length)} blocked by a policy today${r.blocked.length ? `: ${r.blocked.map((id) => `<code>${esc(id)}</code>`).join(', ')}` : ''}. ${grouped(r.underDeclared.length)} declared below the computed tier.</p>`,
    table(
      'under-declared',
      'Declared below the computed tier',
      ['Use case', 'Declared', 'Computed'],
      shown(r.underDeclared).map((u) => [u.id, u.declared, u.computed]),
      r.underDeclared.length,
    ),
    pair(
      barChart('incidents-by-severity', 'Incidents by severity', barsOf(i.bySeverity)),
      table(
        'incidents-by-severity',
        'Incidents by severity',
        ['Severity', 'Incidents'],
        countRows(i.bySeverity),
      ),
    ),
    pair(
      columnChart(
        'incidents-by-quarter',
        'Incidents by quarter',
        i.byQuarter.map((q) => ({ label: q.quarter, value: q.sev1 + q.sev2 + q.sev3 + q.sev4 })),
      ),
      table(
        'incidents-by-quarter',
        'Incidents by quarter',
        ['Quarter', 'sev1', 'sev2', 'sev3', 'sev4'],
        i.byQuarter.map((q) => [q.quarter, q.sev1, q.sev2, q.sev3, q.sev4]),
        0,
      ),
    ),
  ].join('\n');
}

function financial(m: PortfolioModel): string {
  const f = m.financial;
  const money = inCurrency(m);
  return [
    f.valuePerMonth === null
      ? `<p>${f.hoursSavedPerMonth} hours saved a month; no loaded hourly rate (policies/registries/portfolio.yaml) to value them.</p>`
      : `<p>${f.hoursSavedPerMonth} hours saved a month × ${esc(amount(m, f.loadedHourlyRate))} an hour = <strong data-value="value-per-month">${esc(amount(m, f.valuePerMonth))}</strong> a month.</p>`,
    pair(
      barChart(
        'value',
        `Value a month${money}`,
        shown(f.useCases).map((u) => ({ label: u.id, value: u.valuePerMonth ?? u.hoursSavedPerMonth })),
      ),
      table(
        'value',
        'Hours saved and their value',
        ['Use case', 'Hours saved a month', `Value a month${money}`],
        shown(f.useCases).map((u) => [u.id, u.hoursSavedPerMonth, u.valuePerMonth]),
        f.useCases.length,
      ),
    ),
    pair(
      barChart(
        'roi-progress',
        'Progress to ROI target (100% = reached)',
        shown(f.roi.filter((r) => r.progress !== null)).map((r) => ({
          label: `${r.id}: ${r.metric}`,
          value: Math.round((r.progress as number) * 100),
        })),
        '%',
      ),
      table(
        'roi',
        'ROI targets and recorded actuals',
        ['Use case', 'Metric', 'Unit', 'Baseline', 'Target', 'Actual', 'Progress'],
        shown(f.roi).map((r) => [
          r.id,
          r.metric,
          r.unit,
          r.baseline,
          r.target,
          r.actual,
          r.progress === null ? null : percent(r.progress),
        ]),
        f.roi.length,
      ),
    ),
    pair(
      barChart(
        'cost-per-request',
        `Cost per request${money}`,
        shown(f.costPerRequest).map((c) => ({ label: c.id, value: c.costPerRequest })),
      ),
      table(
        'cost-per-request',
        'Cost per request',
        ['Use case', `Cost per request${money}`],
        shown(f.costPerRequest).map((c) => [c.id, c.costPerRequest]),
        f.costPerRequest.length,
      ),
    ),
  ].join('\n');
}

const STYLE = `
:root{color-scheme:light;--ink:#1f2933;--muted:#52606d;--line:#d9e2ec;--bar:#2f6fbf;--bg:#f7f9fb}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
header,main,footer{max-width:1180px;margin:0 auto;padding:0 16px}
h1{font-size:1.6rem;margin:20px 0 4px}
h2{font-size:1.25rem;margin:4px 0 8px}
.built{color:var(--muted);margin:0 0 12px;overflow-wrap:anywhere}
.sha{overflow-wrap:anywhere}
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:8px;margin:0 0 12px}
.kpis div{background:#fff;border:1px solid var(--line);border-radius:8px;padding:8px 12px}
.kpis dt{font-size:.8rem;color:var(--muted)}
.kpis dd{margin:0;font-size:1.4rem;font-weight:600}
nav ul{display:flex;flex-wrap:wrap;gap:4px 14px;list-style:none;padding:0;margin:0 0 16px}
section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:8px 16px 16px;margin:0 0 16px}
.pair{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:16px;align-items:start;margin:12px 0}
@media (max-width:820px){.pair{grid-template-columns:minmax(0,1fr)}}
figure{margin:0}
figcaption{font-size:.8rem;color:var(--muted)}
svg{display:block;width:100%;height:auto;font-size:13px}
svg text{fill:var(--ink)}
svg text.v{fill:var(--muted)}
svg rect{fill:var(--bar)}
svg .axis{stroke:var(--line)}
.table-wrap{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;width:100%;font-size:13px}
caption{text-align:left;font-weight:600;padding:4px 0}
th,td{border-bottom:1px solid var(--line);padding:3px 6px;text-align:left;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.empty,.more{color:var(--muted)}
code{font:12px ui-monospace,monospace}
footer{color:var(--muted);font-size:.85rem;padding-bottom:24px}
`;
