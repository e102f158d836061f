// The flow section of coe portfolio, from the repository's history: stage timelines read by one
// streaming git log (engine/git/history.ts) and summarised by flowReport (engine/core/history/flow.ts).
import type { FlowReport } from '../core/history/flow.ts';

/**
 * The flow report for the repository at `root` as on `asOf`, or undefined when it cannot be built.
 * Wired at merge: becomes flowReport(await readStageTimelines(root, 'HEAD'), { asOf, stalledAfterDays }),
 * undefined outside a git repository.
 */
export async function loadFlow(
  _root: string,
  _asOf: string,
  _stalledAfterDays: number,
): Promise<FlowReport | undefined> {
  return undefined;
}
