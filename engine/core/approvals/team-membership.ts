// The team-membership file the daily compliance run writes (engine/schema/team-membership.schema.json):
// who was in each team the roles registry names, so `coe check --teams FILE` judges team roles on
// a laptop as the gate last could. Pure: bytes in, a directory or the file's problems out.

import type { TeamMembership } from '../../schema/team-membership.gen.ts';
import type { Problem } from '../problem.ts';
import { validateAs } from '../schema/validator.ts';
import { decodeText, parseYaml } from '../yaml/parse.ts';
import { type TeamDirectory, teamDirectory } from './roles.ts';

export type { TeamMembership };

/** The file's content, ready to write: teams and their members sorted, so re-reading it diffs cleanly. */
export function membershipFile(
  teams: ReadonlyMap<string, readonly string[]>,
  readAt: string,
): TeamMembership {
  const sorted = [...teams].sort(([a], [b]) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));
  return {
    apiVersion: 'coe-gate/v1',
    kind: 'TeamMembership',
    readAt,
    teams: Object.fromEntries(sorted.map(([team, members]) => [team, [...members].sort()])),
  };
}

export function readMembership(
  file: string,
  bytes: Uint8Array,
): { ok: true; teams: TeamDirectory; readAt: string } | { ok: false; problems: Problem[] } {
  const decoded = decodeText(file, bytes);
  if (!decoded.ok) return decoded;
  const parsed = parseYaml(file, decoded.text);
  if (!parsed.ok) return { ok: false, problems: parsed.problems };
  const valid = validateAs<TeamMembership>(
    'team-membership',
    file,
    decoded.text,
    parsed.value,
    parsed.events,
  );
  if (!valid.ok) return valid;
  const { readAt, teams } = valid.value;
  return {
    ok: true,
    readAt,
    teams: teamDirectory(teams, (team) => `the members of ${team} are not in ${file} (read ${readAt})`),
  };
}
