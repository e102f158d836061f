// Generated from engine/schema/team-membership.schema.json by `npm run generate`. Do not edit.

/**
 * A GitHub user, written @login (quoted in YAML: "@login"), not a team.
 */
export type GitHubLogin = string;

/**
 * Who was in each GitHub team the roles registry names, as the daily compliance run read it from GitHub: what `coe check --teams FILE` judges team roles by on a laptop, where GitHub's API is not asked.
 */
export interface TeamMembership {
  /**
   * The format version of this file: coe-gate/v1.
   */
  apiVersion: 'coe-gate/v1';
  /**
   * Always TeamMembership.
   */
  kind: 'TeamMembership';
  /**
   * When the members were read (ISO 8601, UTC).
   */
  readAt: string;
  /**
   * Each team read, by its @org/team-slug, with its members as @login.
   */
  teams: {
    /**
     * The team's members when it was read, each as @login.
     */
    [k: string]: GitHubLogin[];
  };
}
