// `coe coverage`: the crosswalk from each pack's framework items to what covers them. An item is
// covered by a rule (one whose references name it), else by the manifest fields that record it,
// else by the organisation (with the reason the pack gives); an item with none of these has no
// entry, which fails the command. Pure: the policy set in, the report out.
import type { PolicySet } from './load-policies.ts';
import type { LoadedPack } from './packs.ts';

export const COVERAGE_STATUSES = ['rule', 'field', 'organisation-level', 'none'] as const;
export type CoverageStatus = (typeof COVERAGE_STATUSES)[number];

export interface ItemCoverage {
  id: string;
  title: string;
  source: string;
  status: CoverageStatus;
  /** The rules whose references name the item, in load order. */
  rules: string[];
  /** The manifest fields the pack says record it. */
  fields: string[];
  /** Why the organisation, not each use case, meets it. */
  organisationLevel?: string;
}

export interface FrameworkCoverage {
  name: string;
  title: string;
  file: string;
  framework: LoadedPack['framework'];
  /** Whether the Packs registry switches the pack on (its own rules evaluated by coe check). */
  enabled: boolean;
  dates: NonNullable<LoadedPack['dates']>;
  items: ItemCoverage[];
  totals: Record<CoverageStatus, number> & { items: number };
}

export interface CoverageReport {
  frameworks: FrameworkCoverage[];
  totals: Record<CoverageStatus, number> & { items: number };
}

/** Every pack's coverage, or the one named; `set` should hold every pack's rules (packs: 'all'). */
export function computeCoverage(set: PolicySet, only?: string): CoverageReport {
  const byItem = new Map<string, string[]>();
  for (const rule of set.rules)
    for (const ref of rule.references ?? []) {
      const key = `${ref.framework}\0${ref.id}`;
      const rules = byItem.get(key) ?? [];
      if (!rules.includes(rule.id)) rules.push(rule.id);
      byItem.set(key, rules);
    }
  const frameworks = set.packs
    .filter((p) => only === undefined || p.name === only)
    .map((pack): FrameworkCoverage => {
      const items = pack.items.map((item): ItemCoverage => {
        const rules = byItem.get(`${pack.name}\0${item.id}`) ?? [];
        const fields = item.fields ?? [];
        const status: CoverageStatus = rules.length
          ? 'rule'
          : fields.length
            ? 'field'
            : item.organisationLevel
              ? 'organisation-level'
              : 'none';
        return {
          id: item.id,
          title: item.title,
          source: item.source,
          status,
          rules,
          fields,
          ...(item.organisationLevel ? { organisationLevel: item.organisationLevel } : {}),
        };
      });
      return {
        name: pack.name,
        title: pack.title,
        file: pack.file,
        framework: pack.framework,
        enabled: pack.enabled,
        dates: pack.dates ?? [],
        items,
        totals: count(items.map((i) => i.status)),
      };
    });
  return { frameworks, totals: count(frameworks.flatMap((f) => f.items.map((i) => i.status))) };
}

/** Whether every item has an entry. */
export function everyItemCovered(report: CoverageReport): boolean {
  return report.totals.none === 0;
}

function count(statuses: readonly CoverageStatus[]): Record<CoverageStatus, number> & { items: number } {
  const totals = { items: statuses.length, rule: 0, field: 0, 'organisation-level': 0, none: 0 };
  for (const s of statuses) totals[s]++;
  return totals;
}
