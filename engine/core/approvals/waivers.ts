// Waivers as the manifest records them: which apply to a failing soft rule, and why the others do
// not. A waiver is an approval of a failure, so it obeys the RACI like one: granted by a holder
// of the rule's waiver role, for the stage the use case is at, for at most the RACI's maxDays. The
// pull-request gate also checks the review that backs a new waiver (gate.ts); here, what the file
// alone can tell.
import type { WaiverResult } from '../../schema/check-report.gen.ts';
import type { UseCase } from '../../schema/usecase.gen.ts';
import type { LoadedRule, PolicySet } from '../policy/load-policies.ts';
import { suggest } from '../schema/validator.ts';
import { waiverMaxDays, waiverRoles } from './raci.ts';
import { bookOf } from './roles.ts';

export type Waiver = NonNullable<UseCase['spec']['lifecycle']['waivers']>[number];

/** A waiver and what became of it, as the check report gives it (check-report.schema.json). */
export type { WaiverResult };

/** What a waiver may waive: a rule's failures, which applying the waiver marks as waived. */
export interface WaivableResult {
  rule: string;
  outcome: 'pass' | 'fail' | 'waived' | 'not-applicable';
  blocking: boolean;
}

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/**
 * Why a waiver of an existing rule does not count whatever the rule's outcome, or undefined when
 * its terms hold: the rule's level, the stage, the dates, the approver's role.
 */
export function waiverDefect(
  w: Waiver,
  rule: LoadedRule,
  manifest: UseCase,
  policies: PolicySet,
  today: string,
): { status: 'invalid' | 'expired'; note: string } | undefined {
  if (rule.level !== 'soft')
    return { status: 'invalid', note: `${rule.id} is ${rule.level}; only soft rules can be waived` };
  const stage = manifest.spec.lifecycle.stage;
  if (w.stage !== stage) {
    return {
      status: 'expired',
      note: `granted at ${w.stage}; it stopped counting when the use case moved to ${stage}`,
    };
  }
  if (w.expires < today)
    return { status: 'expired', note: `its last day was ${w.expires}; it no longer counts` };
  const raci = policies.registries.raci;
  const max = waiverMaxDays(raci);
  if (w.granted > today) return { status: 'invalid', note: `granted ${w.granted}, a day still to come` };
  // Granted by today and expiring no earlier: it runs zero days or more.
  const runs = daysBetween(w.granted, w.expires);
  if (runs > max)
    return {
      status: 'invalid',
      note: `it runs ${runs} days from ${w.granted}; the RACI allows at most ${max} (waivers.maxDays)`,
    };
  const roles = waiverRoles(raci, rule.id);
  const book = bookOf(policies);
  if (!roles.some((role) => book.holds(w.approver, role, manifest))) {
    return {
      status: 'invalid',
      note: `${w.approver} does not hold ${roles.length === 1 ? 'the role' : 'a role'} that may waive ${rule.id} (${roles.join(', ')})`,
    };
  }
  return undefined;
}

/** Applies the manifest's waivers to `results` (failures become waived) and says what each did. */
export function applyWaivers(
  manifest: UseCase,
  results: WaivableResult[],
  policies: PolicySet,
  today: string,
): WaiverResult[] {
  const waivers = manifest.spec.lifecycle.waivers ?? [];
  if (waivers.length === 0) return [];
  const byRule = new Map<string, WaivableResult[]>();
  for (const r of results) byRule.set(r.rule, [...(byRule.get(r.rule) ?? []), r]);
  const rules = new Map(policies.rules.map((r) => [r.id, r]));
  return waivers.map((w): WaiverResult => {
    const base = { rule: w.rule, approver: w.approver, expires: w.expires, reason: w.reason };
    const rule = rules.get(w.rule);
    const ruleResults = byRule.get(w.rule);
    if (!rule || !ruleResults) {
      const hint = suggest(w.rule, [...rules.keys()]);
      return {
        ...base,
        status: 'invalid',
        note: `no rule "${w.rule}"${hint ? `; did you mean "${hint}"?` : ''}`,
      };
    }
    const defect = waiverDefect(w, rule, manifest, policies, today);
    if (defect) return { ...base, ...defect };
    const failed = ruleResults.filter((r) => r.outcome === 'fail');
    if (failed.length === 0) {
      const outcome = ruleResults[0]?.outcome === 'pass' ? 'passes' : 'does not apply';
      return { ...base, status: 'unused', note: `${rule.id} ${outcome}; the waiver can go` };
    }
    for (const r of failed) {
      r.outcome = 'waived';
      r.blocking = false;
    }
    return { ...base, status: 'applied', note: `waives ${rule.id} until ${w.expires}` };
  });
}
