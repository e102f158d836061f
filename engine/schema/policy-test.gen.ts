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
 * Models this file's cases are judged with on top of policies/registries/models.yaml: one with an id the registry has takes its entry's place, one with a new id is added. The cases then test the model rules with the models they need (withdrawn, or from a vendor that trains on our data), whatever the registry holds. Each names a vendor of the registry or of this file's vendors.
 */
export type Models = {
  /**
   * The id manifests use in spec.models[].id.
   */
  id: string;
  /**
   * The vendor it comes from, by id in policies/registries/vendors.yaml: the contract whose terms (training on our data, data classes, review date) its use is held to. An in-house model names the in-house vendor.
   */
  vendor: string;
  /**
   * Where it runs.
   */
  deployment?: 'saas' | 'private-cloud' | 'on-premises';
  /**
   * approved: may be used; deprecated: existing use only, no new use; suspended: must not be used for now; withdrawn: no new use, and from withdrawnOn no use at all.
   */
  status: 'approved' | 'deprecated' | 'suspended' | 'withdrawn';
  /**
   * For a withdrawn model (required then): the first day no use case may use it. Until then its existing use continues, as for a deprecated model.
   */
  withdrawnOn?: string;
  /**
   * Data classes the CoE clears it to process; its vendor's contract must allow them too (contract.dataClasses).
   *
   * @minItems 1
   *
   * Items: Sensitivity class of the data, as the organisation's data classification policy sets it.
   */
  dataClasses: [
    'public' | 'internal' | 'confidential' | 'regulated',
    ...('public' | 'internal' | 'confidential' | 'regulated')[]
  ];
  /**
   * Highest risk tier it may serve.
   */
  maxTier: 'low' | 'medium' | 'high';
  /**
   * Anything else reviewers should know: contract terms, limits, plans to retire it.
   */
  notes?: string;
}[];
/**
 * Vendors this file's cases are judged with on top of policies/registries/vendors.yaml, in the same way: an id the registry has replaces its entry, a new id is added.
 */
export type Vendors = {
  /**
   * The id models name in their vendor field.
   */
  id: string;
  /**
   * Who the vendor is and what we buy from them, e.g. Microsoft (Azure OpenAI Service, EU data zone).
   */
  name: string;
  /**
   * The terms of the contract (for an in-house vendor, of the internal service agreement) the rules hold the vendor's models to.
   */
  contract: {
    /**
     * Which agreement this is and where it is kept: contract or DPA number, document store folder.
     */
    reference?: string;
    /**
     * Whether the contract lets the vendor train or improve its models on our prompts, outputs or data. When true, its models may not serve confidential, regulated or personal data (release-gates.vendor-training-on-our-data).
     */
    trainingOnOurData: boolean;
    /**
     * How long the vendor keeps prompts and outputs, and why, e.g. none beyond the request, or 30 days for abuse monitoring.
     */
    retention: string;
    /**
     * Where our data is processed and stored, e.g. EU data zone, AWS eu-central-1, our own data centre.
     *
     * @minItems 1
     */
    regions: [string, ...string[]];
    /**
     * The service level agreed: availability, support response times, service credits.
     */
    sla: string;
    /**
     * Who notifies whom, and within how long, of a security incident or personal-data breach, and who handles it, e.g. the vendor notifies our security team within 48 hours of confirming a breach.
     */
    incidentNotification: string;
    /**
     * The security certifications and audit reports the vendor holds and we have seen, e.g. ISO/IEC 27001, SOC 2 Type II; empty when there are none.
     */
    securityAttestations: string[];
    /**
     * The data classes the contract allows us to send the vendor; its models may serve no other (release-gates.vendor-data-classes).
     *
     * @minItems 1
     *
     * Items: Sensitivity class of the data, as the organisation's data classification policy sets it.
     */
    dataClasses: [
      'public' | 'internal' | 'confidential' | 'regulated',
      ...('public' | 'internal' | 'confidential' | 'regulated')[]
    ];
    /**
     * When these terms were last checked against the contract.
     */
    reviewedOn: string;
    /**
     * When they are next due to be checked; after it, each use case of the vendor's models gets an advisory finding (release-gates.vendor-review-current).
     */
    nextReview: string;
  };
  /**
   * Anything else reviewers should know: exit terms, sub-processors, plans to renegotiate.
   */
  notes?: string;
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
  models?: Models;
  vendors?: Vendors;
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
