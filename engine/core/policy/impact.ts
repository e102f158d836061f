// `coe impact`: what a policy change does to every use case. Each manifest is evaluated with the
// policies before and after the change; every rule whose outcome differs is listed, and each rule
// added, removed or changed is summed up by the outcomes it has on each side.
import type { Impact, ImpactOutcome, OutcomeCounts } from '../../schema/gate-report.gen.ts';
import { type CheckOptions, checkManifests, detach, type SourceFile } from '../check/check-manifests.ts';
import type { Problem } from '../problem.ts';
import { evaluateManifest, outcomeByRule } from './evaluate.ts';
import type { PolicySet } from './load-policies.ts';

/** What `coe impact --format json` prints, and the gate report's impact (gate-report.schema.json). */
export type ImpactReport = Impact;

/**
 * One use case's verdict on one rule that differs: the outcomes and the rule's levels on each side
 * (a failing rule that goes from hard to advisory changes what blocks, though it still fails); the
 * after-message when the rule now fails, else the before-message. Significant when it moves between
 * standings a reviewer weighs (not failing, waived, failing at a level): pass → not applicable or
 * absent → pass are not, and `coe impact` lists them only with --verbose.
 */
export type ImpactChange = Impact['changes'][number];

/** A rule added, removed or changed (a verdict or its level differs), with its outcomes on each side. */
export type RuleImpact = Impact['rules'][number];

export type { ImpactOutcome, OutcomeCounts };

type Level = NonNullable<ImpactChange['levelBefore']>;

/** Where a verdict stands for a reviewer: only a move between these is significant. */
function standing(outcome: ImpactOutcome, level: Level | null): string {
  if (outcome === 'fail') return `fail:${level}`;
  return outcome === 'waived' ? 'waived' : 'clear';
}

const noOutcomes = (): OutcomeCounts => ({ pass: 0, fail: 0, waived: 0, 'not-applicable': 0 });

export function impact(
  manifests: Iterable<SourceFile>,
  before: PolicySet,
  after: PolicySet,
  today: string,
  inputProblems: readonly Problem[] = [],
): ImpactReport {
  const changes: ImpactChange[] = [];
  const newlyBlocked: string[] = [];
  const newlyUnblocked: string[] = [];
  const levelsBefore = new Map(before.rules.map((r) => [r.id, r.level]));
  const levelsAfter = new Map(after.rules.map((r) => [r.id, r.level]));
  const countsBefore = new Map([...levelsBefore.keys()].map((id) => [id, noOutcomes()]));
  const countsAfter = new Map([...levelsAfter.keys()].map((id) => [id, noOutcomes()]));
  const options: CheckOptions = {
    inputProblems,
    onManifest: (loaded) => {
      const was = evaluateManifest(loaded, before, { today });
      const now = evaluateManifest(loaded, after, { today });
      const a = outcomeByRule(was.results);
      const b = outcomeByRule(now.results);
      for (const [rule, { outcome }] of a) {
        const counts = countsBefore.get(rule);
        if (counts) counts[outcome]++;
      }
      for (const [rule, { outcome }] of b) {
        const counts = countsAfter.get(rule);
        if (counts) counts[outcome]++;
      }
      const id = loaded.manifest.metadata.id;
      for (const rule of new Set([...a.keys(), ...b.keys()])) {
        const x = a.get(rule);
        const y = b.get(rule);
        const beforeOutcome = x?.outcome ?? 'absent';
        const afterOutcome = y?.outcome ?? 'absent';
        const levelBefore = x?.level ?? null;
        const levelAfter = y?.level ?? null;
        const failingLevelMoved = beforeOutcome === 'fail' && levelBefore !== levelAfter;
        if (beforeOutcome === afterOutcome && !failingLevelMoved) continue;
        const message = afterOutcome === 'fail' ? (y?.message ?? '') : (x?.message ?? '');
        changes.push(
          detach({
            id,
            file: loaded.file,
            rule,
            before: beforeOutcome,
            after: afterOutcome,
            levelBefore,
            levelAfter,
            message,
            significant: standing(beforeOutcome, levelBefore) !== standing(afterOutcome, levelAfter),
          }),
        );
      }
      if (now.blocked && !was.blocked) newlyBlocked.push(detach(id));
      if (was.blocked && !now.blocked) newlyUnblocked.push(detach(id));
    },
  };
  const check = checkManifests(manifests, options);
  changes.sort((p, q) => (p.file < q.file ? -1 : p.file > q.file ? 1 : p.rule < q.rule ? -1 : 1));
  const rulesAdded = [...levelsAfter.keys()].filter((r) => !levelsBefore.has(r));
  const rulesRemoved = [...levelsBefore.keys()].filter((r) => !levelsAfter.has(r));
  const changed = new Set(changes.map((c) => c.rule));
  const rulesChanged = [...levelsAfter]
    .filter(([r, level]) => levelsBefore.has(r) && (changed.has(r) || levelsBefore.get(r) !== level))
    .map(([r]) => r);
  const summary = (rule: string, change: RuleImpact['change']): RuleImpact => ({
    rule,
    change,
    levelBefore: levelsBefore.get(rule) ?? null,
    levelAfter: levelsAfter.get(rule) ?? null,
    before: countsBefore.get(rule) ?? null,
    after: countsAfter.get(rule) ?? null,
  });
  const byId = (ids: string[]) => [...ids].sort((p, q) => (p < q ? -1 : p > q ? 1 : 0));
  return {
    useCases: check.useCases.length,
    changes,
    newlyBlocked: newlyBlocked.sort(),
    newlyUnblocked: newlyUnblocked.sort(),
    rulesAdded,
    rulesRemoved,
    rules: [
      ...byId(rulesAdded).map((r) => summary(r, 'added')),
      ...byId(rulesRemoved).map((r) => summary(r, 'removed')),
      ...byId(rulesChanged).map((r) => summary(r, 'changed')),
    ],
    problems: check.problems,
  };
}
