// The RACI registry applied: which roles a stage entry, a watched change, a waiver, a change to
// policies/ or a change to the gate itself needs. Where the registry is silent the answer is the
// safe one: a watched change needs the roles of entering the stage again, the gate's own code needs
// a maintainer, a new use case starts at intake.
import { isDeepStrictEqual } from 'node:util';
import type { Raci } from '../../schema/registries.gen.ts';
import type { UseCase } from '../../schema/usecase.gen.ts';
import { STAGES, type Stage, TIER_ORDER, type Tier } from '../manifest/vocabulary.ts';
import { readThroughLists } from '../read-path.ts';

/** Where the gate's own code, workflows and dependencies live (git pathspecs from the root). */
export const ENGINE_PATHS = [
  '.github',
  'action.yml',
  'action.yaml',
  'dist',
  'engine',
  'package.json',
  'package-lock.json',
  'npm-shrinkwrap.json',
] as const;

export const DEFAULT_MAINTAINER_ROLES = ['coe-maintainer'] as const;
export const DEFAULT_WAIVER_ROLES = ['coe-lead'] as const;
export const DEFAULT_WAIVER_MAX_DAYS = 90;
const DEFAULT_START: readonly Stage[] = ['intake'];

/**
 * Changes within a stage that are approved again unless the RACI says otherwise: what the use
 * case runs (models, the prompt and workflow versions, tools), what it touches (data sources and their classes), what
 * sets its tier, and the bar its evaluations must clear.
 */
export const BUILT_IN_WATCHES: readonly string[] = [
  'spec.models',
  'spec.versions',
  'spec.tools',
  'spec.data.sources',
  'spec.classification.audience',
  'spec.classification.decisionMode',
  'spec.classification.regulatedDomain',
  'spec.classification.riskTier',
  'spec.evaluation.suites.threshold',
  'spec.evaluation.suites.tolerance',
];
/** Where the built-in watches apply: from the first stage in front of users on. */
export const BUILT_IN_WATCH_STAGES: readonly Stage[] = ['pilot', 'production'];

export function higherTier(a: Tier, b: Tier): Tier {
  return TIER_ORDER.indexOf(a) >= TIER_ORDER.indexOf(b) ? a : b;
}

/** The roles that must approve entering `stage` at `tier`, in RACI order. */
export function requiredRoles(raci: Raci, stage: Stage, tier: Tier): string[] {
  const roles: string[] = [];
  for (const entry of raci.approvals) {
    if (entry.to !== stage || (entry.tiers && !entry.tiers.includes(tier))) continue;
    for (const role of entry.roles) if (!roles.includes(role)) roles.push(role);
  }
  return roles;
}

/**
 * The stages a change enters, each needing its own approvals: the next one (or every one jumped
 * over), the one moved back to, retirement; for a new use case, every stage from where new use
 * cases may start up to where it starts.
 */
export function stagesEntered(raci: Raci, from: Stage | null, to: Stage): Stage[] {
  if (from === to) return [];
  const at = STAGES.indexOf(to);
  if (to === 'retired') return [to];
  if (from === null) {
    const starts = (raci.newUseCasesAt ?? DEFAULT_START).map((s) => STAGES.indexOf(s)).filter((i) => i <= at);
    const start = starts.length ? Math.max(...starts) : at;
    return STAGES.slice(start, at + 1);
  }
  const was = STAGES.indexOf(from);
  return at > was ? STAGES.slice(was + 1, at + 1) : [to];
}

export interface Watch {
  field: string;
  stages: readonly Stage[] | undefined;
  tiers: readonly Tier[] | undefined;
  /** Undefined: the roles of entering the stage. */
  roles: readonly string[] | undefined;
}

/** The built-in watches, each replaced by the registry's entries for the same field, then the rest. */
export function watches(raci: Raci): Watch[] {
  const listed = raci.changes ?? [];
  const fromRegistry = (c: (typeof listed)[number]): Watch => ({
    field: c.field,
    stages: c.stages,
    tiers: c.tiers,
    roles: c.roles,
  });
  const builtIn = BUILT_IN_WATCHES.filter((field) => !listed.some((c) => c.field === field)).map(
    (field): Watch => ({ field, stages: BUILT_IN_WATCH_STAGES, tiers: undefined, roles: undefined }),
  );
  return [...builtIn, ...listed.map(fromRegistry)];
}

export interface WatchedChange {
  field: string;
  roles: string[];
}

/** The watched fields this change alters at `stage`, each with the roles it needs. */
export function watchedChanges(
  raci: Raci,
  base: UseCase,
  head: UseCase,
  stage: Stage,
  tier: Tier,
): WatchedChange[] {
  const out: WatchedChange[] = [];
  for (const w of watches(raci)) {
    if ((w.stages && !w.stages.includes(stage)) || (w.tiers && !w.tiers.includes(tier))) continue;
    if (isDeepStrictEqual(watchedValue(head, w.field), watchedValue(base, w.field))) continue;
    out.push({ field: w.field, roles: [...(w.roles ?? requiredRoles(raci, stage, tier))] });
  }
  return out;
}

/** An absent list and an empty one say the same. */
function watchedValue(manifest: UseCase, field: string): unknown {
  const v = readThroughLists(manifest, field);
  return v === undefined || (Array.isArray(v) && v.length === 0) ? null : v;
}

/** Roles whose holders may waive `rule` (only soft rules can be waived at all). */
export function waiverRoles(raci: Raci, rule: string): string[] {
  return [...(raci.waivers?.rules?.[rule] ?? raci.waivers?.soft ?? DEFAULT_WAIVER_ROLES)];
}

export function waiverMaxDays(raci: Raci): number {
  return raci.waivers?.maxDays ?? DEFAULT_WAIVER_MAX_DAYS;
}

export function policyChangeRoles(raci: Raci): string[] {
  return [...(raci.policyChanges ?? DEFAULT_MAINTAINER_ROLES)];
}

/**
 * The roles whose approvals of an import stand for the stage it was imported at, when the
 * manifest's baseline stands at `stage`: written by an import (metadata.source), at this stage,
 * and the RACI names import roles. Undefined when it does not stand.
 */
export function baselineRoles(raci: Raci, manifest: UseCase, stage: Stage): string[] | undefined {
  const baseline = manifest.spec.lifecycle.baseline;
  if (!raci.imports || !manifest.metadata.source || baseline?.stage !== stage) return undefined;
  return [...raci.imports];
}

/**
 * The stages a change needs approvals for: those it enters, except that a new use case imported at
 * its stage needs only that stage's, which the import roles give (baselineRoles).
 */
export function stagesToApprove(raci: Raci, from: Stage | null, to: Stage, head: UseCase): Stage[] {
  if (from === null && baselineRoles(raci, head, to)) return [to];
  return stagesEntered(raci, from, to);
}

export function engineChangeRoles(raci: Raci): string[] {
  return [...(raci.engineChanges ?? DEFAULT_MAINTAINER_ROLES)];
}
