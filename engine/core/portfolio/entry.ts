// What coe portfolio keeps of one use case: a few numbers and names taken from the manifest and
// its evaluation while both are at hand, then both are dropped. At 50,000 manifests this row is
// all that stays, so it holds copies and nothing else: names that many use cases share (a domain,
// a stage, a metric, a date) once for all of them (check/keep.ts), the id and title its own.

import type { PortfolioReport } from '../../schema/portfolio.gen.ts';
import type { UseCase } from '../../schema/usecase.gen.ts';
import { copyString, type Keep } from '../check/keep.ts';
import type { Evaluation } from '../policy/evaluate.ts';

export type Severity = 'sev1' | 'sev2' | 'sev3' | 'sev4';
export const SEVERITIES: readonly Severity[] = ['sev1', 'sev2', 'sev3', 'sev4'];

/**
 * An intake ROI line with the latest recorded actual for its metric (spec.lifecycle.value), if
 * any: the report's ROI line (portfolio.schema.json) but for what the model computes.
 */
export type RoiLine = Omit<PortfolioReport['financial']['roi'][number], 'id' | 'progress' | 'met'>;

export interface PortfolioEntry {
  id: string;
  title: string;
  domain: string;
  stage: string;
  pattern: string;
  audience: string;
  created: string;
  tier: { declared: string; computed: string; effective: string };
  /** A rule blocks it today (a policy violation). */
  blocked: boolean;
  scores: Record<string, number> | null;
  priority: number | null;
  roi: RoiLine[];
  /** From the latest value record that gives it. */
  hoursSavedPerMonth: number | null;
  adoption: { activeUsers: number; retention: number | null; date: string } | null;
  costPerRequest: number | null;
  incidents: { date: string; severity: Severity }[];
  reuses: string[];
  provides: string[];
}

/**
 * A copy of a string that holds nothing of the file's text. V8 makes a view into the text (a
 * sliced string) only for 13 characters and more; a shorter one is already its own copy.
 */
function copy(s: string): string {
  return s.length < 13 ? s : copyString(s);
}

/** `keep`: one for the whole portfolio, so that entries share what they repeat. */
export function portfolioEntry(manifest: UseCase, evaluation: Evaluation, keep: Keep): PortfolioEntry {
  const name = (s: string) => keep.string(s);
  const { metadata, spec } = manifest;
  // The latest record of each metric, and the latest that gives hours saved (a later record of
  // the same date wins, as the list is append-only).
  const latest = new Map<string, { actual: number; date: string }>();
  let hours: { value: number; date: string } | null = null;
  for (const v of spec.lifecycle.value ?? []) {
    const seen = latest.get(v.metric);
    if (!seen || v.date >= seen.date) latest.set(v.metric, { actual: v.actual, date: v.date });
    if (v.hoursSavedPerMonth !== undefined && (!hours || v.date >= hours.date))
      hours = { value: v.hoursSavedPerMonth, date: v.date };
  }
  const adoption = spec.operations?.adoption;
  // Strings are copied one by one: cheaper than a deep copy of the whole row, and enough, since
  // numbers and booleans hold nothing of the file's text.
  return {
    id: copy(metadata.id),
    title: copy(metadata.title),
    domain: name(metadata.domain),
    stage: name(spec.lifecycle.stage),
    pattern: name(spec.classification.pattern),
    audience: name(spec.classification.audience),
    created: name(String(metadata.created)),
    tier: keep.shared({
      declared: evaluation.tier.declared,
      computed: evaluation.tier.computed,
      effective: evaluation.tier.effective,
    }),
    blocked: evaluation.blocked,
    scores: spec.intake.scores ? keep.shared({ ...spec.intake.scores }) : null,
    priority: evaluation.priority,
    roi: (spec.intake.roi ?? []).map((r) => {
      const actual = latest.get(r.metric);
      return {
        metric: name(r.metric),
        unit: name(r.unit),
        baseline: r.baseline,
        target: r.target,
        actual: actual?.actual ?? null,
        actualDate: actual ? name(actual.date) : null,
      };
    }),
    hoursSavedPerMonth: hours?.value ?? null,
    adoption: adoption
      ? {
          activeUsers: adoption.activeUsers,
          retention: adoption.retention ?? null,
          date: name(adoption.date),
        }
      : null,
    costPerRequest: spec.operations?.costPerRequest ?? null,
    incidents: (spec.operations?.incidents ?? []).map((i) => ({ date: name(i.date), severity: i.severity })),
    reuses: (spec.reuses ?? []).map(name),
    provides: (spec.provides ?? []).map(name),
  };
}
