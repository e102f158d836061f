// coe portfolio for a terminal: one block per section of the model, in the model's order. Every
// string that came from a manifest or git is made a terminal line first (escape.ts).
import type { PortfolioModel, SectionId } from '../core/portfolio/model.ts';
import { grouped } from '../core/words.ts';
import { terminalSafe } from './escape.ts';
import { amount, entriesOf, inCurrency, LIST_LIMIT, more, num, percent } from './portfolio-format.ts';
import { type Paint, plural } from './text.ts';

const plain: Paint = (_style, text) => text;

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

export function renderPortfolioText(portfolio: PortfolioModel, paint: Paint = plain): string {
  const m = terminalSafe(portfolio);
  const out: string[] = [
    paint(
      'bold',
      `Portfolio of ${grouped(m.counts.useCases)} use cases as of ${m.asOf}${m.commit ? ` (commit ${m.commit.slice(0, 12)})` : ''}`,
    ),
  ];
  for (const s of m.sections) out.push('', paint('bold', s.title), ...SECTIONS[s.id](m).map((l) => `  ${l}`));
  return `${out.join('\n')}\n`;
}

const line = (record: Record<string, number>) =>
  entriesOf(record)
    .map(([k, v]) => `${k} ${grouped(v)}`)
    .join(' · ') || 'none';

function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) =>
    r
      .map((c, i) => c.padEnd(widths[i] as number))
      .join('  ')
      .trimEnd(),
  );
}

function capped<T>(rows: readonly T[]): { shown: readonly T[]; tail: string[] } {
  const tail = more(rows.length);
  return { shown: rows.slice(0, LIST_LIMIT), tail: tail ? [tail] : [] };
}

function counts(m: PortfolioModel): string[] {
  return [
    `by stage     ${line(m.counts.byStage)}`,
    `by tier      ${line(m.counts.byTier)} (effective; ${grouped(m.counts.underDeclared)} declared below the computed tier)`,
    `by domain    ${line(m.counts.byDomain)}`,
    `by pattern   ${line(m.counts.byPattern)}`,
    `by audience  ${line(m.counts.byAudience)}`,
  ];
}

function flow(m: PortfolioModel): string[] {
  const f = m.flow;
  if (!f) return ['not available: flow is read from the git history of the repository'];
  const out = f.cycleTimes.map(
    (c) =>
      `${c.from} → ${c.to}: median ${num(c.overall.medianDays)} days, 90th percentile ${num(c.overall.p90Days)} days (${plural(c.overall.count, 'use case')})`,
  );
  const stalled = f.useCases.filter((u) => u.stalled);
  out.push(`stalled (no change for more than ${f.stalledAfterDays} days): ${grouped(stalled.length)}`);
  const { shown, tail } = capped(stalled);
  out.push(
    ...shown.map((u) => `  ${u.id}  ${u.stage} since ${u.since ?? '–'}  last change ${u.lastChange ?? '–'}`),
    ...tail,
  );
  return out;
}

function backlog(m: PortfolioModel): string[] {
  const b = m.backlog;
  if (b.ranked.length === 0 && b.unscored.length === 0) return ['no use case before production'];
  const { shown, tail } = capped(b.ranked);
  const rows = shown.map((r) => [
    String(r.rank),
    r.score.toFixed(2),
    r.id,
    r.stage,
    r.parts.map((p) => `${p.criterion} ${p.score}×${p.weight}`).join(' + '),
  ]);
  return [
    ...table([['#', 'score', 'use case', 'stage', 'score parts'], ...rows]),
    ...tail,
    ...(b.unscored.length ? [`not scored (no spec.intake.scores): ${b.unscored.join(', ')}`] : []),
  ];
}

function reuse(m: PortfolioModel): string[] {
  const r = m.reuse;
  const quarters = r.byQuarter.map(
    (q) => `${q.quarter} ${grouped(q.reusing)}/${grouped(q.created)} (${percent(q.rate)})`,
  );
  return [
    `reuse rate: ${grouped(r.overall.reusing)} of ${grouped(r.overall.created)} use cases reuse an asset (${percent(r.overall.rate)})`,
    `by quarter created: ${quarters.join(' · ') || 'none'}`,
    ...(r.assets.length
      ? table([
          ['asset', 'kind', 'users', 'provided by'],
          ...r.assets.map((a) => [a.id, a.kind, String(a.users.length), a.providers.join(', ') || '–']),
        ])
      : ['no assets in policies/registries/assets.yaml']),
  ];
}

function adoption(m: PortfolioModel): string[] {
  const a = m.adoption;
  if (a.measured === 0) return ['no use case records spec.operations.adoption'];
  const { shown, tail } = capped(a.useCases);
  return [
    `${grouped(a.activeUsers)} active users over ${grouped(a.measured)} use cases; mean retention ${percent(a.meanRetention)}`,
    ...table([
      ['use case', 'active users', 'retention', 'measured'],
      ...shown.map((u) => [u.id, String(u.activeUsers), percent(u.retention), u.date]),
    ]),
    ...tail,
  ];
}

function riskQuality(m: PortfolioModel): string[] {
  const r = m.riskQuality;
  const i = r.incidents;
  return [
    `effective tier: ${line(r.byTier)}`,
    `declared below the computed tier: ${r.underDeclared.length ? r.underDeclared.map((u) => `${u.id} (${u.declared}, computed ${u.computed})`).join(', ') : 'none'}`,
    `blocked by a policy today: ${r.blocked.length ? r.blocked.join(', ') : 'none'}`,
    `incidents: ${grouped(i.total)} (${line(i.bySeverity)})`,
    ...i.byQuarter.map(
      (q) => `  ${q.quarter}: sev1 ${q.sev1} · sev2 ${q.sev2} · sev3 ${q.sev3} · sev4 ${q.sev4}`,
    ),
  ];
}

function financial(m: PortfolioModel): string[] {
  const f = m.financial;
  const money = inCurrency(m);
  const out = [
    f.loadedHourlyRate === null
      ? `hours saved a month: ${f.hoursSavedPerMonth} (no loaded hourly rate: add policies/registries/portfolio.yaml)`
      : `hours saved a month: ${f.hoursSavedPerMonth} × ${amount(m, f.loadedHourlyRate)} an hour = ${amount(m, f.valuePerMonth)} a month`,
  ];
  const reported = f.roi.filter((r) => r.actual !== null);
  const { shown, tail } = capped(reported);
  out.push(
    `ROI targets: ${grouped(f.roi.length)}, with a recorded actual: ${grouped(reported.length)}, met: ${grouped(reported.filter((r) => r.met).length)}`,
  );
  if (shown.length)
    out.push(
      ...table([
        ['use case', 'metric', 'baseline', 'target', 'actual', 'progress'],
        ...shown.map((r) => [
          r.id,
          `${r.metric} (${r.unit})`,
          num(r.baseline),
          num(r.target),
          num(r.actual),
          percent(r.progress),
        ]),
      ]),
      ...tail,
    );
  if (f.costPerRequest.length) {
    const cost = capped(f.costPerRequest);
    out.push(
      `cost per request${money}:`,
      ...cost.shown.map((c) => `  ${c.id}  ${c.costPerRequest}`),
      ...cost.tail,
    );
  }
  return out;
}
