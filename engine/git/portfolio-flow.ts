// The flow section of coe portfolio, from the repository's history: stage timelines read by one
// streaming git log (engine/git/history.ts) and summarised by flowReport (engine/core/history/flow.ts).
import { type FlowReport, flowReport } from '../core/history/flow.ts';
import { GitError } from './git.ts';
import { readStageTimelines } from './history.ts';

/**
 * The flow report for the repository at `root` as on `asOf` (commits after that day are not read),
 * or undefined when there is no history to read (not a git repository, no commit yet): the report
 * then says flow is not available.
 */
export async function loadFlow(
  root: string,
  asOf: string,
  stalledAfterDays: number,
): Promise<FlowReport | undefined> {
  try {
    return flowReport(await readStageTimelines(root, 'HEAD', asOf), { asOf, stalledAfterDays });
  } catch (error) {
    if (error instanceof GitError) return undefined;
    throw error;
  }
}
