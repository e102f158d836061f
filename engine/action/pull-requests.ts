// The pull requests the approvals check reads, through the REST API: the adapter judge-event.ts
// is given, by the gate and by the fork publisher.
import { type GitHub, listContributors, listReviews, pullRequestFacts } from '../github/github-api.ts';
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
