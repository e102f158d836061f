// Stage timelines read from a real dated history, and the flow report over them: cycle times
// (median and 90th percentile, nearest rank, by domain), days in stage and stalled use cases.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flowReport, nearestRank } from '../../engine/core/history/flow.ts';
import { readStageTimelines } from '../../engine/git/history.ts';
import { commitAt, edit, git, write } from '../helpers/git.ts';
import { makeRepo, manifest } from '../helpers/repo.ts';

const file = (id: string, domain: string) => `usecases/${domain}/${id}.yaml`;
const add = (root: string, id: string, domain: string) => write(root, file(id, domain), manifest(id, domain));
const move = (root: string, id: string, domain: string, from: string, to: string) =>
  edit(root, file(id, domain), `stage: ${from}\n`, `stage: ${to}\n`);

/**
 * a (claims): intake 01-01, pilot 01-31, production 03-02
 * b (claims): intake 01-01, pilot 03-02
 * c (hr):     intake 01-11, discovery 01-21, pilot 02-10, production 04-11
 * d (hr):     intake 02-01, nothing since
 * e (hr):     intake 01-01, deleted 02-01
 * plus a commit on a branch that never reached main.
 */
function flowHistory(): string {
  const root = makeRepo();
  git(root, 'init', '-q', '-b', 'main');
  add(root, 'a-bot', 'claims');
  add(root, 'b-bot', 'claims');
  add(root, 'e-bot', 'hr');
  commitAt(root, 'Propose a, b, e (#1)', '2026-01-01');
  add(root, 'c-bot', 'hr');
  commitAt(root, 'Propose c (#2)', '2026-01-11');
  move(root, 'c-bot', 'hr', 'intake', 'discovery');
  commitAt(root, 'c to discovery (#3)', '2026-01-21');
  move(root, 'a-bot', 'claims', 'intake', 'pilot');
  commitAt(root, 'a to pilot (#4)', '2026-01-31');
  git(root, 'checkout', '-q', '-b', 'side');
  move(root, 'b-bot', 'claims', 'intake', 'production');
  commitAt(root, 'b straight to production, never merged', '2026-01-31');
  git(root, 'checkout', '-q', 'main');
  add(root, 'd-bot', 'hr');
  rmSync(join(root, file('e-bot', 'hr')));
  commitAt(root, 'Propose d, drop e (#5)', '2026-02-01');
  move(root, 'c-bot', 'hr', 'discovery', 'pilot');
  commitAt(root, 'c to pilot (#6)', '2026-02-10');
  move(root, 'a-bot', 'claims', 'pilot', 'production');
  move(root, 'b-bot', 'claims', 'intake', 'pilot');
  commitAt(root, 'a to production, b to pilot (#7)', '2026-03-02');
  move(root, 'c-bot', 'hr', 'pilot', 'production');
  commitAt(root, 'c to production (#8)', '2026-04-11');
  return root;
}

describe('stage timelines and flow', () => {
  it('reads each use case’s stage visits from the first-parent history', async () => {
    const root = flowHistory();
    const timelines = await readStageTimelines(root, 'main');
    const shas = git(root, 'log', '--first-parent', '--reverse', '--format=%h %s', '--abbrev=7', 'main')
      .trim()
      .split('\n')
      .map((l) => l.split(' ')[0] as string);
    expect(timelines).toEqual([
      {
        id: 'a-bot',
        domain: 'claims',
        visits: [
          { stage: 'intake', entered: '2026-01-01', commit: shas[0] },
          { stage: 'pilot', entered: '2026-01-31', commit: shas[3] },
          { stage: 'production', entered: '2026-03-02', commit: shas[6] },
        ],
        lastChange: '2026-03-02',
        removed: false,
      },
      {
        id: 'b-bot',
        domain: 'claims',
        visits: [
          { stage: 'intake', entered: '2026-01-01', commit: shas[0] },
          { stage: 'pilot', entered: '2026-03-02', commit: shas[6] },
        ],
        lastChange: '2026-03-02',
        removed: false,
      },
      {
        id: 'c-bot',
        domain: 'hr',
        visits: [
          { stage: 'intake', entered: '2026-01-11', commit: shas[1] },
          { stage: 'discovery', entered: '2026-01-21', commit: shas[2] },
          { stage: 'pilot', entered: '2026-02-10', commit: shas[5] },
          { stage: 'production', entered: '2026-04-11', commit: shas[7] },
        ],
        lastChange: '2026-04-11',
        removed: false,
      },
      {
        id: 'd-bot',
        domain: 'hr',
        visits: [{ stage: 'intake', entered: '2026-02-01', commit: shas[4] }],
        lastChange: '2026-02-01',
        removed: false,
      },
      {
        id: 'e-bot',
        domain: 'hr',
        visits: [{ stage: 'intake', entered: '2026-01-01', commit: shas[0] }],
        lastChange: '2026-02-01',
        removed: true,
      },
    ]);

    const flow = flowReport(timelines, { asOf: '2026-04-30', stalledAfterDays: 30 });
    expect(flow).toEqual({
      asOf: '2026-04-30',
      stalledAfterDays: 30,
      cycleTimes: [
        {
          from: 'intake',
          to: 'pilot',
          // a 30, b 60, c 30 days
          overall: { count: 3, medianDays: 30, p90Days: 60 },
          byDomain: {
            claims: { count: 2, medianDays: 30, p90Days: 60 },
            hr: { count: 1, medianDays: 30, p90Days: 30 },
          },
        },
        {
          from: 'pilot',
          to: 'production',
          // a 30, c 60 days
          overall: { count: 2, medianDays: 30, p90Days: 60 },
          byDomain: {
            claims: { count: 1, medianDays: 30, p90Days: 30 },
            hr: { count: 1, medianDays: 60, p90Days: 60 },
          },
        },
      ],
      useCases: [
        {
          id: 'a-bot',
          domain: 'claims',
          stage: 'production',
          since: '2026-03-02',
          daysInStage: 59,
          lastChange: '2026-03-02',
          stalled: false,
        },
        {
          id: 'b-bot',
          domain: 'claims',
          stage: 'pilot',
          since: '2026-03-02',
          daysInStage: 59,
          lastChange: '2026-03-02',
          stalled: true,
        },
        {
          id: 'c-bot',
          domain: 'hr',
          stage: 'production',
          since: '2026-04-11',
          daysInStage: 19,
          lastChange: '2026-04-11',
          stalled: false,
        },
        {
          id: 'd-bot',
          domain: 'hr',
          stage: 'intake',
          since: '2026-02-01',
          daysInStage: 88,
          lastChange: '2026-02-01',
          stalled: true,
        },
      ],
    });
    // A use case idle exactly stalledAfterDays is not stalled yet; one day more is.
    const b = (days: number) =>
      flowReport(timelines, { asOf: '2026-04-01', stalledAfterDays: days }).useCases.find(
        (u) => u.id === 'b-bot',
      );
    expect(b(30)?.stalled).toBe(false);
    expect(b(29)?.stalled).toBe(true);
  });

  it('takes percentiles by nearest rank', () => {
    expect(nearestRank([], 50)).toBe(null);
    expect(nearestRank([7], 90)).toBe(7);
    expect(nearestRank([4, 1, 3, 2], 50)).toBe(2);
    expect(nearestRank([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 90)).toBe(90);
    expect(nearestRank([10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110], 90)).toBe(100);
    const empty = flowReport([], { asOf: '2026-04-30', stalledAfterDays: 30 });
    expect(empty.cycleTimes[0]).toEqual({
      from: 'intake',
      to: 'pilot',
      overall: { count: 0, medianDays: null, p90Days: null },
      byDomain: {},
    });
  });
});
