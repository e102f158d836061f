// The portfolio a CoE lead shows executives, built from one summary row per use case (entry.ts):
// counts, the ranked backlog, flow (from git, when given), reuse, adoption, risk and quality, and
// financial value. Pure; the sections follow the seed's four KPI levels, plus counts, backlog and
// reuse, and are listed once here for every renderer and docs/templates/kpi-dashboard-outline.md.
import type { PortfolioReport } from '../../schema/portfolio.gen.ts';
import type { FlowReport } from '../history/flow.ts';
import { RISK_TIERS, STAGES } from '../manifest/vocabulary.ts';
import type { PolicySet } from '../policy/load-policies.ts';
import { type PortfolioEntry, SEVERITIES, type Severity } from './entry.ts';

export const SECTIONS = [
  { id: 'counts', title: 'Portfolio at a glance' },
  { id: 'flow', title: 'Portfolio flow' },
  { id: 'backlog', title: 'Backlog' },
  { id: 'reuse', title: 'Reuse' },
  { id: 'adoption', title: 'Adoption' },
  { id: 'risk-quality', title: 'Risk and quality' },
  { id: 'financial', title: 'Financial' },
] as const satisfies readonly PortfolioReport['sections'][number][];
export type SectionId = (typeof SECTIONS)[number]['id'];

/** Stages of the backlog: before production, not retired. */
export const BACKLOG_STAGES = STAGES.filter((s) => s !== 'production' && s !== 'retired');
export const DEFAULT_STALLED_AFTER_DAYS = 60;

/** What every coe portfolio output renders: `--format json` prints it (engine/schema/portfolio.schema.json). */
export type PortfolioModel = PortfolioReport;

export type Settings = PortfolioModel['settings'];

export type BacklogItem = PortfolioModel['backlog']['ranked'][number];

/** A criterion's part of a backlog item's score: points are score × weight. */
export type ScorePart = BacklogItem['parts'][number];

export type SeverityCounts = Record<Severity, number>;

export interface PortfolioInput {
  asOf: string;
  commit: string | null;
  policies: Pick<PolicySet, 'registries' | 'portfolio'>;
  flow?: FlowReport | undefined;
}

export function buildPortfolio(entries: readonly PortfolioEntry[], input: PortfolioInput): PortfolioModel {
  const rows = [...entries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const settings: Settings = {
    currency: input.policies.portfolio?.currency ?? null,
    loadedHourlyRate: input.policies.portfolio?.loadedHourlyRate ?? null,
    stalledAfterDays: input.policies.portfolio?.stalledAfterDays ?? DEFAULT_STALLED_AFTER_DAYS,
  };
  const byTier = tally(RISK_TIERS, rows, (r) => r.tier.effective);
  const underDeclared = rows
    .filter((r) => rank(r.tier.computed) > rank(r.tier.declared))
    .map((r) => ({ id: r.id, title: r.title, declared: r.tier.declared, computed: r.tier.computed }));
  return {
    asOf: input.asOf,
    commit: input.commit,
    sections: SECTIONS.map((s) => ({ ...s })),
    settings,
    counts: {
      useCases: rows.length,
      byStage: tally(STAGES, rows, (r) => r.stage),
      byTier,
      underDeclared: underDeclared.length,
      byDomain: tally([], rows, (r) => r.domain),
      byPattern: tally([], rows, (r) => r.pattern),
      byAudience: tally([], rows, (r) => r.audience),
    },
    flow: input.flow ?? null,
    backlog: backlog(rows, input.policies.registries.rubric),
    reuse: reuse(rows, input.policies.registries.assets),
    adoption: adoption(rows),
    riskQuality: {
      byTier,
      underDeclared,
      blocked: rows.filter((r) => r.blocked).map((r) => r.id),
      incidents: incidents(rows),
    },
    financial: financial(rows, settings),
  };
}

/** Counts by key: the known keys first (zero included) in their order, then the others by name. */
function tally<T>(
  known: readonly string[],
  rows: readonly T[],
  key: (row: T) => string,
): Record<string, number> {
  const counts = new Map<string, number>(known.map((k) => [k, 0]));
  for (const r of rows) {
    const k = key(r);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const extra = [...counts.keys()].filter((k) => !known.includes(k)).sort();
  return Object.fromEntries([...known, ...extra].map((k) => [k, counts.get(k) as number]));
}

function rank(tier: string): number {
  return tier === 'prohibited' ? RISK_TIERS.length : RISK_TIERS.indexOf(tier as (typeof RISK_TIERS)[number]);
}

const round = (n: number, places = 2) => +n.toFixed(places);

function backlog(
  rows: readonly PortfolioEntry[],
  weights: Record<string, number>,
): PortfolioModel['backlog'] {
  const open = rows.filter((r) => (BACKLOG_STAGES as readonly string[]).includes(r.stage));
  const scored = open
    .filter((r) => r.scores && r.priority !== null)
    .map((r) => ({
      id: r.id,
      title: r.title,
      domain: r.domain,
      stage: r.stage,
      score: r.priority as number,
      parts: Object.entries(weights).map(([criterion, weight]) => {
        const score = r.scores?.[criterion] ?? 0;
        return { criterion, score, weight, points: round(score * weight, 3) };
      }),
    }))
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  return {
    weights: { ...weights },
    ranked: scored.map((s, i) => ({ rank: i + 1, ...s })),
    unscored: open.filter((r) => !r.scores || r.priority === null).map((r) => r.id),
  };
}

/** 2026-02-10 → 2026-Q1. */
export function quarterOf(date: string): string {
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

/** Every quarter from the first to the last given, gaps included. */
function quarterRange(quarters: Iterable<string>): string[] {
  const sorted = [...new Set(quarters)].sort();
  if (sorted.length === 0) return [];
  const [first, last] = [sorted[0] as string, sorted.at(-1) as string];
  const out: string[] = [];
  let [y, q] = [Number(first.slice(0, 4)), Number(first.slice(6))];
  for (let label = first; label <= last; label = `${y}-Q${q}`) {
    out.push(label);
    q = q === 4 ? 1 : q + 1;
    if (q === 1) y++;
  }
  return out;
}

function reuse(
  rows: readonly PortfolioEntry[],
  assets: PolicySet['registries']['assets'],
): PortfolioModel['reuse'] {
  const byQuarter = new Map<string, { created: number; reusing: number }>();
  for (const r of rows) {
    const q = quarterOf(r.created);
    const at = byQuarter.get(q) ?? { created: 0, reusing: 0 };
    at.created++;
    if (r.reuses.length) at.reusing++;
    byQuarter.set(q, at);
  }
  const reusing = rows.filter((r) => r.reuses.length).length;
  return {
    assets: assets
      .map((a) => ({
        id: a.id,
        kind: a.kind,
        title: a.title,
        owner: a.owner,
        providers: rows.filter((r) => r.provides.includes(a.id)).map((r) => r.id),
        users: rows.filter((r) => r.reuses.includes(a.id)).map((r) => r.id),
      }))
      .sort((a, b) => b.users.length - a.users.length || (a.id < b.id ? -1 : 1)),
    byQuarter: quarterRange(byQuarter.keys()).map((quarter) => {
      const at = byQuarter.get(quarter) ?? { created: 0, reusing: 0 };
      return { quarter, ...at, rate: at.created ? round(at.reusing / at.created) : null };
    }),
    overall: { created: rows.length, reusing, rate: rows.length ? round(reusing / rows.length) : null },
  };
}

function adoption(rows: readonly PortfolioEntry[]): PortfolioModel['adoption'] {
  const measured = rows
    .filter((r) => r.adoption)
    .map((r) => ({
      id: r.id,
      title: r.title,
      domain: r.domain,
      ...(r.adoption as NonNullable<PortfolioEntry['adoption']>),
    }))
    .sort((a, b) => b.activeUsers - a.activeUsers || (a.id < b.id ? -1 : 1));
  const retained = measured.filter((m) => m.retention !== null).map((m) => m.retention as number);
  return {
    measured: measured.length,
    activeUsers: measured.reduce((s, m) => s + m.activeUsers, 0),
    meanRetention: retained.length ? round(retained.reduce((s, v) => s + v, 0) / retained.length) : null,
    useCases: measured,
  };
}

function zeroSeverities(): SeverityCounts {
  return { sev1: 0, sev2: 0, sev3: 0, sev4: 0 };
}

function incidents(rows: readonly PortfolioEntry[]): PortfolioModel['riskQuality']['incidents'] {
  const bySeverity = zeroSeverities();
  const byQuarter = new Map<string, SeverityCounts>();
  const useCases: PortfolioModel['riskQuality']['incidents']['useCases'] = [];
  for (const r of rows) {
    if (r.incidents.length === 0) continue;
    const own = zeroSeverities();
    for (const i of r.incidents) {
      bySeverity[i.severity]++;
      own[i.severity]++;
      const q = quarterOf(i.date);
      const at = byQuarter.get(q) ?? zeroSeverities();
      at[i.severity]++;
      byQuarter.set(q, at);
    }
    useCases.push({ id: r.id, title: r.title, total: r.incidents.length, ...own });
  }
  useCases.sort((a, b) => {
    for (const s of SEVERITIES) if (a[s] !== b[s]) return b[s] - a[s];
    return a.id < b.id ? -1 : 1;
  });
  return {
    total: SEVERITIES.reduce((s, k) => s + bySeverity[k], 0),
    bySeverity,
    byQuarter: quarterRange(byQuarter.keys()).map((quarter) => ({
      quarter,
      ...(byQuarter.get(quarter) ?? zeroSeverities()),
    })),
    useCases,
  };
}

function financial(rows: readonly PortfolioEntry[], settings: Settings): PortfolioModel['financial'] {
  const rate = settings.loadedHourlyRate;
  const saving = rows
    .filter((r) => r.hoursSavedPerMonth !== null)
    .map((r) => ({
      id: r.id,
      title: r.title,
      hoursSavedPerMonth: r.hoursSavedPerMonth as number,
      valuePerMonth: rate === null ? null : round((r.hoursSavedPerMonth as number) * rate),
    }))
    .sort((a, b) => b.hoursSavedPerMonth - a.hoursSavedPerMonth || (a.id < b.id ? -1 : 1));
  const hours = round(saving.reduce((s, r) => s + r.hoursSavedPerMonth, 0));
  return {
    currency: settings.currency,
    loadedHourlyRate: rate,
    hoursSavedPerMonth: hours,
    valuePerMonth: rate === null ? null : round(hours * rate),
    useCases: saving,
    roi: rows.flatMap((r) =>
      r.roi.map((line) => {
        const span = line.target - line.baseline;
        const progress =
          line.actual === null || span === 0 ? null : round((line.actual - line.baseline) / span);
        return { id: r.id, ...line, progress, met: progress === null ? null : progress >= 1 };
      }),
    ),
    costPerRequest: rows
      .filter((r) => r.costPerRequest !== null)
      .map((r) => ({ id: r.id, title: r.title, costPerRequest: r.costPerRequest as number }))
      .sort((a, b) => b.costPerRequest - a.costPerRequest || (a.id < b.id ? -1 : 1)),
  };
}
