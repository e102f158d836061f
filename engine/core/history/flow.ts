// Stage timelines and the flow report built from them (the shared interface of coe audit and coe
// portfolio). On this branch: the types only, so coe portfolio compiles and renders a FlowReport;
// the audit branch's file, with flowReport(), replaces this one when the two are merged.

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

/** Nearest-rank percentiles, whole days. */
export interface Spread {
  count: number;
  medianDays: number | null;
  p90Days: number | null;
}

export interface CycleTime {
  from: string;
  to: string;
  overall: Spread;
  byDomain: Record<string, Spread>;
}

export interface FlowReport {
  asOf: string;
  stalledAfterDays: number;
  /** intake→pilot and pilot→production: days from first entering `from` to first entering `to`. */
  cycleTimes: CycleTime[];
  useCases: {
    id: string;
    domain: string;
    stage: string;
    since: string | null;
    daysInStage: number | null;
    lastChange: string | null;
    stalled: boolean;
  }[];
}
