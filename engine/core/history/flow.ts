// Flow from git history: how long use cases take to move between stages, how long each has been
// where it is, and which have not changed for too long. Pure: the timelines come from the history
// adapter (engine/git/history.ts, readStageTimelines), the date from the caller.

import type { PortfolioReport } from '../../schema/portfolio.gen.ts';

export interface StageVisit {
  stage: string;
  /** YYYY-MM-DD, committer date of the commit (first-parent of ref) that put the manifest at this stage. */
  entered: string;
  commit: string;
}

export interface StageTimeline {
  id: string;
  domain: string;
  /** Oldest first; a new manifest's first visit is its first stage. */
  visits: StageVisit[];
  /** YYYY-MM-DD of the last commit touching it. */
  lastChange: string;
  removed: boolean;
}

/** The flow section of the portfolio report (engine/schema/portfolio.schema.json). */
export type FlowReport = NonNullable<PortfolioReport['flow']>;

/** intake→pilot and pilot→production: days from first entering `from` to first entering `to`. */
export type CycleTime = FlowReport['cycleTimes'][number];

/** Nearest-rank percentiles, whole days; null when there is nothing to measure. */
export type Spread = CycleTime['overall'];

/** The cycle times reported, in order. */
export const CYCLES: readonly (readonly [string, string])[] = [
  ['intake', 'pilot'],
  ['pilot', 'production'],
];

/** Stages where no change for a while is expected, never stalled: live, or ended. */
export const RESTING_STAGES: readonly string[] = ['production', 'retired'];

const DAY_MS = 86_400_000;

/** Whole days from one YYYY-MM-DD to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The nearest-rank percentile `p` (0–100] of `values`: the smallest value at least p% of them reach. */
export function nearestRank(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

export function spread(values: readonly number[]): Spread {
  return { count: values.length, medianDays: nearestRank(values, 50), p90Days: nearestRank(values, 90) };
}

/**
 * Removed use cases (manifest deleted) count towards cycle times, not among the current use cases.
 * A use case is stalled when its manifest has not changed for more than `stalledAfterDays` days
 * and it is not in a resting stage (production, retired).
 */
export function flowReport(
  timelines: readonly StageTimeline[],
  options: { asOf: string; stalledAfterDays: number },
): FlowReport {
  const cycleTimes = CYCLES.map(([from, to]): CycleTime => {
    const all: number[] = [];
    const byDomain = new Map<string, number[]>();
    for (const t of timelines) {
      const start = t.visits.find((v) => v.stage === from);
      const end = t.visits.find((v) => v.stage === to);
      if (!start || !end || end.entered < start.entered) continue;
      const days = daysBetween(start.entered, end.entered);
      all.push(days);
      byDomain.set(t.domain, [...(byDomain.get(t.domain) ?? []), days]);
    }
    const domains = [...byDomain.keys()].sort();
    return {
      from,
      to,
      overall: spread(all),
      byDomain: Object.fromEntries(domains.map((d) => [d, spread(byDomain.get(d) as number[])])),
    };
  });
  const useCases = timelines
    .filter((t) => !t.removed)
    .map((t) => {
      const visit = t.visits.at(-1);
      const stage = visit?.stage ?? '';
      const idle = t.lastChange ? daysBetween(t.lastChange, options.asOf) : null;
      return {
        id: t.id,
        domain: t.domain,
        stage,
        since: visit?.entered ?? null,
        daysInStage: visit ? daysBetween(visit.entered, options.asOf) : null,
        lastChange: t.lastChange || null,
        stalled: idle !== null && idle > options.stalledAfterDays && !RESTING_STAGES.includes(stage),
      };
    })
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { asOf: options.asOf, stalledAfterDays: options.stalledAfterDays, cycleTimes, useCases };
}
