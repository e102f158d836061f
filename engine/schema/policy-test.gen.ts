// Generated from engine/schema/policy-test.schema.json by `npm run generate`. Do not edit.

/**
 * The domains a member holds the role for.
 *
 * @minItems 1
 *
 * Items: Business domain or unit in kebab-case. Must equal the folder under usecases/.
 */
export type MemberDomains = [string, ...string[]];
/**
 * The role holders this file's cases are judged with, in place of policies/registries/roles.yaml: the cases then test the rules, whoever holds the roles, and a CoE that puts its own people in the registry keeps them passing. Each role id must be one the registry defines.
 */
export type Roles = {
  /**
   * A role's id, as in the roles registry.
   */
  id: string;
  /**
   * The role's name as people say it, e.g. Security lead.
   */
  title: string;
  /**
   * A manifest field that names the holder a use case asks for (e.g. metadata.champion): when it names a person, only that person fills the role for that use case, and only if they hold it for the use case's domain. A team, or no value, leaves any holder for the domain.
   */
  namedBy?: string;
  /**
   * Who holds the role, each quoted in YAML: a user ("@login") holds it for every use case, a team ("@org/team-slug") through each of its members; { login, domains } and { team, domains } only for use cases of those domains. Users and teams compare without regard to letter case, as on GitHub.
   */
  members: (
    | string
    | {
        /**
         * A GitHub user, written @login (quoted in YAML: "@login"), not a team.
         */
        login: string;
        domains: MemberDomains;
      }
    | {
        /**
         * A GitHub team, written @org/team-slug; its members are read from GitHub when the gate judges.
         */
        team: string;
        domains: MemberDomains;
      }
  )[];
}[];
/**
 * A manifest: a file of the repository (usually a sample under usecases/) or one written inline, then patched.
 *
 * This interface was referenced by `PolicyTest`'s JSON-Schema
 * via the `definition` "Fixture".
 */
export type Fixture = {
  /**
   * Path of a manifest in the repository: a fixture of the policy tests (policies/tests/fixtures/<name>.yaml, which stays when the portfolio changes) or a use case (usecases/<domain>/<id>.yaml).
   */
  from?: string;
  /**
   * A whole manifest written here.
   */
  inline?: {};
  /**
   * Values to set, by path (spec.lifecycle.stage, spec.data.sources[0].classification); missing mappings are created.
   */
  set?: {};
  /**
   * Paths to remove.
   */
  unset?: string[];
} & Fixture1;
export type Fixture1 =
  | {
      from: unknown;
    }
  | {
      inline: unknown;
    };
/**
 * A manifest: a file of the repository (usually a sample under usecases/) or one written inline, then patched.
 */
export type Fixture2 = {
  /**
   * Path of a manifest in the repository: a fixture of the policy tests (policies/tests/fixtures/<name>.yaml, which stays when the portfolio changes) or a use case (usecases/<domain>/<id>.yaml).
   */
  from?: string;
  /**
   * A whole manifest written here.
   */
  inline?: {};
  /**
   * Values to set, by path (spec.lifecycle.stage, spec.data.sources[0].classification); missing mappings are created.
   */
  set?: {};
  /**
   * Paths to remove.
   */
  unset?: string[];
} & (
  | {
      from: unknown;
    }
  | {
      inline: unknown;
    }
);
/**
 * A rule's outcome for a use case.
 *
 * This interface was referenced by `PolicyTest`'s JSON-Schema
 * via the `definition` "Outcome".
 */
export type Outcome = 'pass' | 'fail' | 'waived' | 'not-applicable';

/**
 * Tests of the policies: each case builds a manifest (a sample, or one written inline, with a patch), evaluates every rule and compares the outcomes it names (and, where it says, the rule's level and whether it blocks); each raci entry compares the roles entering a stage needs, by tier, with what the RACI asks for. Run with coe test.
 */
export interface PolicyTest {
  /**
   * The format version of this file: coe-gate/v1.
   */
  apiVersion: 'coe-gate/v1';
  /**
   * Always PolicyTest.
   */
  kind: 'PolicyTest';
  /**
   * The test file's name and what it covers.
   */
  metadata: {
    /**
     * Name of the test file in kebab-case, usually the policy it tests.
     */
    name: string;
    /**
     * What the tests cover, for people reading them.
     */
    description?: string;
  };
  roles?: Roles;
  /**
   * Use cases to judge, each with what it expects of the rules.
   *
   * @minItems 1
   */
  cases?: [Case, ...Case[]];
  /**
   * The roles entering each stage needs, by effective tier, compared exactly with what the RACI asks for.
   *
   * @minItems 1
   */
  raci?: [RaciCase, ...RaciCase[]];
}
/**
 * One test case: a manifest, and the outcome it expects of some rules.
 *
 * This interface was referenced by `PolicyTest`'s JSON-Schema
 * via the `definition` "Case".
 */
export interface Case {
  /**
   * What the case shows, as a sentence, e.g. "a high-tier pilot without adversarial testing fails".
   */
  name: string;
  manifest: Fixture;
  base?: Fixture2;
  /**
   * Judge the case as a change (the pull-request gate, coe check --base): true by default when the case gives a base; true without a base is a use case the change adds.
   */
  change?: boolean;
  /**
   * Evaluation date (default 2026-11-24, so cases do not age).
   */
  asOf?: string;
  /**
   * What to expect of each rule, by rule id: its outcome (pass, fail, waived, not-applicable), or { outcome, level, blocking } to check its enforcement level and whether it blocks as well. A rule with several items fails if any item fails.
   */
  expect: {
    /**
     * The rule's expected outcome, or { outcome, level, blocking }.
     */
    [k: string]: Outcome | Expectation;
  };
}
/**
 * The roles entering a stage needs, at some tiers.
 *
 * This interface was referenced by `PolicyTest`'s JSON-Schema
 * via the `definition` "RaciCase".
 */
export interface RaciCase {
  /**
   * The stage entered.
   */
  to: 'intake' | 'discovery' | 'prototype' | 'mvp' | 'pilot' | 'production' | 'retired';
  /**
   * The effective tiers this holds for; each is a case.
   *
   * @minItems 1
   */
  tiers: ['low' | 'medium' | 'high', ...('low' | 'medium' | 'high')[]];
  /**
   * Every role that must approve, in any order: the RACI must ask for these and no others.
   *
   * @minItems 1
   */
  roles: [string, ...string[]];
}
/**
 * A rule's expected outcome, with its level and whether it blocks the use case.
 *
 * This interface was referenced by `PolicyTest`'s JSON-Schema
 * via the `definition` "Expectation".
 */
export interface Expectation {
  outcome: Outcome;
  /**
   * The rule's enforcement level: turning a hard rule soft fails the case.
   */
  level?: 'advisory' | 'soft' | 'hard';
  /**
   * Whether the rule blocks the use case: a failure at soft or hard level that no waiver covers.
   */
  blocking?: boolean;
}
