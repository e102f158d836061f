// `coe impact`: what a policy change does to every use case. Each manifest is evaluated with the
// policies before and after the change; every rule whose outcome differs is listed.
import { type CheckOptions, checkManifests, detach, type SourceFile } from '../check/check-manifests.ts';
import type { Problem } from '../problem.ts';
import { evaluateManifest, type Outcome, outcomeByRule } from './evaluate.ts';
import type { PolicySet } from './load-policies.ts';

export type ImpactOutcome = Outcome | 'absent';
type Level = 'advisory' | 'soft' | 'hard';

export interface ImpactChange {
  id: string;
  file: string;
  rule: string;
  before: ImpactOutcome;
  after: ImpactOutcome;
  /** The rule's enforcement level on each side (null where the rule is absent): a failing rule
   * that goes from hard to advisory changes what blocks, though its outcome stays "fail". */
  levelBefore: Level | null;
  levelAfter: Level | null;
  /** The after-message when the rule now fails, else the before-message. */
  message: string;
}

export interface ImpactReport {
  useCases: number;
  changes: ImpactChange[];
  /** Use cases blocked after the change but not before, and the reverse. */
  newlyBlocked: string[];
  newlyUnblocked: string[];
  rulesAdded: string[];
  rulesRemoved: string[];
  problems: Problem[];
}

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
  const beforeIds = new Set(before.rules.map((r) => r.id));
  const afterIds = new Set(after.rules.map((r) => r.id));
  const options: CheckOptions = {
    inputProblems,
    onManifest: (loaded) => {
      const was = evaluateManifest(loaded, before, { today });
      const now = evaluateManifest(loaded, after, { today });
      const a = outcomeByRule(was.results);
      const b = outcomeByRule(now.results);
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
          }),
        );
      }
      if (now.blocked && !was.blocked) newlyBlocked.push(detach(id));
      if (was.blocked && !now.blocked) newlyUnblocked.push(detach(id));
    },
  };
  const check = checkManifests(manifests, options);
  changes.sort((p, q) => (p.file < q.file ? -1 : p.file > q.file ? 1 : p.rule < q.rule ? -1 : 1));
  return {
    useCases: check.useCases.length,
    changes,
    newlyBlocked: newlyBlocked.sort(),
    newlyUnblocked: newlyUnblocked.sort(),
    rulesAdded: [...afterIds].filter((r) => !beforeIds.has(r)),
    rulesRemoved: [...beforeIds].filter((r) => !afterIds.has(r)),
    problems: check.problems,
  };
}
