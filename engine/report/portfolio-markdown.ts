// coe portfolio as GitHub-flavoured markdown (a job summary, an issue, a wiki page): one heading
// per section of the model. Every manifest string goes through markdownText or markdownCode.
import type { PortfolioModel, SectionId } from '../core/portfolio/model.ts';
import { grouped } from '../core/words.ts';
import { markdownCode, markdownText } from './escape.ts';
import { amount, entriesOf, inCurrency, more, num, percent, shown } from './portfolio-format.ts';

/** Each section of the model (its order and titles come from the model), rendered. */
const SECTIONS: Record<SectionId, (m: PortfolioModel) => string[]> = {
  counts,
  flow,
  backlog,
  reuse,
  adoption,
  'risk-quality': riskQuality,
  financial,
};

export function renderPortfolioMarkdown(m: PortfolioModel): string {
  const out: string[] = [
    '# AI use-case portfolio',
    '',
    `${grouped(m.counts.useCases)} use cases as of ${m.asOf}${m.commit ? `, commit ${markdownCode(m.commit.slice(0, 12))}` : ''}.`,
  ];
  for (const s of m.sections) out.push('', `## ${s.title}`, '', ...SECTIONS[s.id](m));
  return `${out.join('\n')}\n`;
}

/** A table of the first LIST_LIMIT items (each made a row only if shown) and how many more there are. */
function table<T>(header: string[], items: readonly T[], row: (item: T) => string[]): string[] {
  const tail = more(items.length);
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...shown(items).map((item) => `| ${row(item).join(' | ')} |`),
    ...(tail ? ['', tail] : []),
  ];
}

function countTable(what: string, record: Record<string, number>): string[] {
  return table([what, 'use cases'], entriesOf(record), ([k, v]) => [markdownText(k), grouped(v)]);
}

function counts(m: PortfolioModel): string[] {
  return [
    ...countTable('Stage', m.counts.byStage),
    '',
    ...countTable('Effective tier', m.counts.byTier),
    '',
    `${grouped(m.counts.underDeclared)} declared below the tier the policies compute.`,
    '',
    ...countTable('Domain', m.counts.byDomain),
    '',
    ...countTable('Pattern', m.counts.byPattern),
    '',
    ...countTable('Audience', m.counts.byAudience),
  ];
}

function flow(m: PortfolioModel): string[] {
  const f = m.flow;
  if (!f) return ['Not available: flow is read from the git history of the repository.'];
  const stalled = f.useCases.filter((u) => u.stalled);
  return [
    ...table(['From', 'To', 'Use cases', 'Median days', '90th percentile days'], f.cycleTimes, (c) => [
      c.from,
      c.to,
      grouped(c.overall.count),
      num(c.overall.medianDays),
      num(c.overall.p90Days),
    ]),
    '',
    `${grouped(stalled.length)} stalled (no change for more than ${f.stalledAfterDays} days).`,
    ...(stalled.length
      ? [
          '',
          ...table(['Use case', 'Stage', 'Since', 'Last change'], stalled, (u) => [
            markdownCode(u.id),
            markdownText(u.stage),
            u.since ?? '–',
            u.lastChange ?? '–',
          ]),
        ]
      : []),
  ];
}

function backlog(m: PortfolioModel): string[] {
  const b = m.backlog;
  return [
    ...table(['#', 'Score', 'Use case', 'Stage', 'Parts (score × weight)'], b.ranked, (r) => [
      String(r.rank),
      r.score.toFixed(2),
      `${markdownCode(r.id)} ${markdownText(r.title)}`,
      r.stage,
      r.parts.map((p) => `${p.criterion} ${p.score} × ${p.weight} = ${p.points}`).join('<br>'),
    ]),
    ...(b.unscored.length ? ['', `Not scored: ${b.unscored.map(markdownCode).join(', ')}.`] : []),
  ];
}

function reuse(m: PortfolioModel): string[] {
  const r = m.reuse;
  return [
    `${grouped(r.overall.reusing)} of ${grouped(r.overall.created)} use cases reuse at least one asset (${percent(r.overall.rate)}).`,
    '',
    ...table(['Quarter created', 'Use cases', 'Reusing', 'Reuse rate'], r.byQuarter, (q) => [
      q.quarter,
      grouped(q.created),
      grouped(q.reusing),
      percent(q.rate),
    ]),
    '',
    ...table(['Asset', 'Kind', 'Owner', 'Users', 'Provided by'], r.assets, (a) => [
      `${markdownCode(a.id)} ${markdownText(a.title)}`,
      a.kind,
      markdownText(a.owner),
      grouped(a.users.length),
      a.providers.map(markdownCode).join(', ') || '–',
    ]),
  ];
}

function adoption(m: PortfolioModel): string[] {
  const a = m.adoption;
  return [
    `${grouped(a.activeUsers)} active users over ${grouped(a.measured)} use cases that report adoption; mean retention ${percent(a.meanRetention)}.`,
    '',
    ...table(['Use case', 'Active users', 'Retention', 'Measured'], a.useCases, (u) => [
      markdownCode(u.id),
      grouped(u.activeUsers),
      percent(u.retention),
      u.date,
    ]),
  ];
}

function riskQuality(m: PortfolioModel): string[] {
  const r = m.riskQuality;
  return [
    ...countTable('Effective tier', r.byTier),
    '',
    `Declared below the computed tier: ${r.underDeclared.map((u) => `${markdownCode(u.id)} (${u.declared}, computed ${u.computed})`).join(', ') || 'none'}.`,
    '',
    `Blocked by a policy today: ${r.blocked.map(markdownCode).join(', ') || 'none'}.`,
    '',
    ...table(['Quarter', 'sev1', 'sev2', 'sev3', 'sev4'], r.incidents.byQuarter, (q) => [
      q.quarter,
      grouped(q.sev1),
      grouped(q.sev2),
      grouped(q.sev3),
      grouped(q.sev4),
    ]),
    '',
    `${grouped(r.incidents.total)} incidents: ${entriesOf(r.incidents.bySeverity)
      .map(([k, v]) => `${k} ${grouped(v)}`)
      .join(', ')}.`,
  ];
}

function financial(m: PortfolioModel): string[] {
  const f = m.financial;
  const money = inCurrency(m);
  return [
    f.valuePerMonth === null
      ? `${f.hoursSavedPerMonth} hours saved a month (no loaded hourly rate in policies/registries/portfolio.yaml).`
      : `${f.hoursSavedPerMonth} hours saved a month × ${amount(m, f.loadedHourlyRate)} an hour = **${amount(m, f.valuePerMonth)} a month**.`,
    '',
    ...table(['Use case', 'Hours saved a month', `Value a month${money}`], f.useCases, (u) => [
      markdownCode(u.id),
      String(u.hoursSavedPerMonth),
      num(u.valuePerMonth),
    ]),
    '',
    ...table(['Use case', 'Metric', 'Baseline', 'Target', 'Actual', 'Progress'], f.roi, (r) => [
      markdownCode(r.id),
      `${markdownText(r.metric)} (${markdownText(r.unit)})`,
      num(r.baseline),
      num(r.target),
      num(r.actual),
      percent(r.progress),
    ]),
    '',
    ...table(['Use case', `Cost per request${money}`], f.costPerRequest, (c) => [
      markdownCode(c.id),
      String(c.costPerRequest),
    ]),
  ];
}
