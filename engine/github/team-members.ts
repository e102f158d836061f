// The members of the GitHub teams a roles registry names, read through the REST API when the gate
// judges (GET /orgs/{org}/teams/{team_slug}/members, with the organisation permission Members:
// read, which the job's GITHUB_TOKEN does not have: docs/action.md#teams). A team that cannot be
// read holds its roles for nobody, and says why; GitHub unreachable stops the judgement.
import { fromGitHub, githubName } from '../core/approvals/identity.ts';
import { type TeamDirectory, teamDirectory } from '../core/approvals/roles.ts';
import { ApiUnreachableError, describeFailure, type GitHub } from './github-api.ts';

export interface TeamsRead {
  /** Every team read, by its name as the registry writes it (@org/team-slug), with its members (@login). */
  members: Map<string, string[]>;
  /** Why each team that could not be read was not, in words. */
  unread: Map<string, string>;
  directory: TeamDirectory;
}

/** Why a team's members could not be read, and what gives the token the right to. */
function unreadable(team: string, error: unknown): string {
  const status = (error as { status?: number }).status;
  const what = `the members of ${team} could not be read from GitHub`;
  if (status === 403 || status === 404)
    return `${what} (${status}: the team does not exist, or the token lacks the organisation permission Members: read, which the job's GITHUB_TOKEN never has; docs/action.md#teams)`;
  return describeFailure(error, what, 'Members: read (organisation)', false);
}

export async function readTeamMembers(gh: GitHub, teams: readonly string[]): Promise<TeamsRead> {
  const members = new Map<string, string[]>();
  const unread = new Map<string, string>();
  await Promise.all(
    teams.map(async (team) => {
      const [org, slug] = githubName(team).split('/') as [string, string];
      try {
        const list = await gh.paginate(gh.rest.teams.listMembersInOrg, {
          org,
          team_slug: slug,
          per_page: 100,
        });
        members.set(
          team,
          list.map((u) => fromGitHub(u.login)),
        );
      } catch (error) {
        if (error instanceof ApiUnreachableError) throw error;
        unread.set(team, unreadable(team, error));
      }
    }),
  );
  const directory = teamDirectory(
    Object.fromEntries(members),
    (team) => unread.get(team) ?? `the members of ${team} were not read`,
  );
  return { members, unread, directory };
}
