// The pull requests the approvals check reads, through the REST API: the adapter judge-event.ts
// is given, by the gate and by the fork publisher.
import * as core from '@actions/core';
import type { TeamDirectory } from '../core/approvals/roles.ts';
import { type GitHub, listContributors, listReviews, pullRequestFacts } from '../github/github-api.ts';
import { readTeamMembers } from '../github/team-members.ts';
import { plainLine } from '../report/escape.ts';
import type { PullRequests } from './judge-event.ts';

/** The pull requests the approvals check reads, through the REST API. */
export function pullRequestsOn(gh: GitHub, owner: string, repo: string): PullRequests {
  return {
    async facts(number, known) {
      if (!known) return pullRequestFacts(gh, owner, repo, number);
      const [reviews, contributors] = await Promise.all([
        listReviews(gh, owner, repo, number),
        listContributors(gh, owner, repo, number),
      ]);
      return { number, ...known, contributors, reviews };
    },
  };
}

/** The members of the teams the roles name, read when judging; each team that cannot be read is a warning. */
export function teamsOn(gh: GitHub): (names: readonly string[]) => Promise<TeamDirectory> {
  return async (names) => {
    const read = await readTeamMembers(gh, names);
    for (const why of read.unread.values()) core.warning(`CoE Gate: ${plainLine(why)}`);
    return read.directory;
  };
}
