// Generated from engine/schema/registries.schema.json by `npm run generate`. Do not edit.

export type Registry =
  | ModelRegistry
  | VendorRegistry
  | RoleRegistry
  | Raci
  | Rubric
  | AssetRegistry
  | PortfolioSettings
  | Packs
  | Pack;
export type Text = string;
/**
 * A role's id, as in the roles registry.
 */
export type RoleId = string;
/**
 * A GitHub user, written @login (quoted in YAML: "@login"), not a team.
 */
export type GitHubLogin = string;
/**
 * A GitHub team, written @org/team-slug; its members are read from GitHub when the gate judges.
 */
export type GitHubTeam = string;
/**
 * The domains a member holds the role for.
 *
 * @minItems 1
 *
 * Items: Business domain or unit in kebab-case. Must equal the folder under usecases/.
 */
export type MemberDomains = [string, ...string[]];
/**
 * Lifecycle stage. Use cases move forward one stage at a time and can be retired from any stage.
 */
export type Stage = 'intake' | 'discovery' | 'prototype' | 'mvp' | 'pilot' | 'production' | 'retired';
/**
 * Roles that must approve a pull request changing policies/ (an approving review from a holder of each). Default: coe-maintainer.
 *
 * @minItems 1
 */
export type RoleList = [RoleId, ...RoleId[]];
/**
 * Roles whose approvals of the pull request that imports a use case from an inventory (coe import, which writes metadata.source and spec.lifecycle.baseline) stand for the approvals of the stage it was imported at. Not set: a baseline stands for nothing, and an imported use case needs every stage's approvals like a new one.
 *
 * @minItems 1
 */
export type RoleList1 = [RoleId, ...RoleId[]];
/**
 * Roles that must approve a pull request changing the gate itself (.github/, action.yml, dist/, engine/, package.json, the lock file). Default: coe-maintainer.
 *
 * @minItems 1
 */
export type RoleList2 = [RoleId, ...RoleId[]];
/**
 * Roles whose holders may waive a soft rule (the only level that can be waived). Default: coe-lead.
 *
 * @minItems 1
 */
export type RoleList3 = [RoleId, ...RoleId[]];
/**
 * The roles that may waive this rule, in place of its level's.
 *
 * @minItems 1
 */
export type RoleList4 = [RoleId, ...RoleId[]];
/**
 * Risk tier: low, medium or high. The policies compute the tier from the classification, data and tools; a declared tier below the computed one fails.
 */
export type RiskTier = 'low' | 'medium' | 'high';
/**
 * Who must approve. Default: the roles of entering the stage, at the higher of the old and new tier.
 *
 * @minItems 1
 */
export type RoleList5 = [RoleId, ...RoleId[]];
/**
 * Roles that must approve: an approving review from a holder of each.
 *
 * @minItems 1
 */
export type RoleList6 = [RoleId, ...RoleId[]];
/**
 * Id of a reusable asset in policies/registries/assets.yaml.
 */
export type AssetId = string;
/**
 * An id in lower case: letters, digits, dots, dashes and underscores.
 */
export type Id = string;

/**
 * The approved-model registry: the models use cases may call, whose they are, and what each may serve.
 */
export interface ModelRegistry {
  /**
   * The format version of this file: coe-gate/v1.
   */
  apiVersion: 'coe-gate/v1';
  /**
   * Always ModelRegistry.
   */
  kind: 'ModelRegistry';
  /**
   * Each model or deployment use cases may name in spec.models.
   */
  models: {
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
}
/**
 * The vendor registry: who supplies the models, and the contract terms each vendor is held to. Every model names its vendor; an in-house team is a vendor too, held to its own service terms.
 */
export interface VendorRegistry {
  /**
   * The format version of this file: coe-gate/v1.
   */
  apiVersion: 'coe-gate/v1';
  /**
   * Always VendorRegistry.
   */
  kind: 'VendorRegistry';
  /**
   * Each vendor models name in their vendor field, with its contract terms.
   */
  vendors: {
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
      regions: [Text, ...Text[]];
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
      securityAttestations: Text[];
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
}
/**
 * The roles registry: the roles approvers hold, and who holds each.
 */
export interface RoleRegistry {
  /**
   * The format version of this file: coe-gate/v1.
   */
  apiVersion: 'coe-gate/v1';
  /**
   * Always RoleRegistry.
   */
  kind: 'RoleRegistry';
  /**
   * Each role, with its id, title and holders.
   */
  roles: {
    id: RoleId;
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
      | GitHubLogin
      | GitHubTeam
      | {
          login: GitHubLogin;
          domains: MemberDomains;
        }
      | {
          team: GitHubTeam;
          domains: MemberDomains;
        }
    )[];
  }[];
}
/**
 * The RACI of approvals: which roles must approve entering a stage, watched changes and waivers.
 */
export interface Raci {
  /**
   * The format version of this file: coe-gate/v1.
   */
  apiVersion: 'coe-gate/v1';
  /**
   * Always Raci.
   */
  kind: 'Raci';
  /**
   * One person fills at most one required role per transition (default true).
   */
  oneRolePerPerson?: boolean;
  /**
   * The stages a new manifest may start at (default: intake). One that starts later needs the approvals of every stage from there to where it starts.
   *
   * @minItems 1
   */
  newUseCasesAt?: [Stage, ...Stage[]];
  policyChanges?: RoleList;
  imports?: RoleList1;
  engineChanges?: RoleList2;
  /**
   * Who may grant a waiver, and for how long.
   */
  waivers?: {
    /**
     * The longest a waiver may run: its expiry at most this many days after it was granted (default 90).
     */
    maxDays?: number;
    soft?: RoleList3;
    /**
     * A rule's own waiver roles, by rule id, instead of its level's.
     */
    rules?: {
      [k: string]: RoleList4;
    };
  };
  /**
   * Changes within a stage that need approving again, on top of the built-in ones (docs/policies.md): when the field differs from the base version at one of the stages (and tiers), the roles must approve the pull request. An entry for a built-in field replaces it.
   */
  changes?: {
    /**
     * A manifest path, e.g. spec.models, or spec.evaluation.suites.threshold (through a list: that field of every item). Any change to it counts.
     */
    field: string;
    /**
     * The stages at which the change needs approving; default every stage.
     *
     * @minItems 1
     */
    stages?: [Stage, ...Stage[]];
    /**
     * The effective tiers at which the change needs approving; default every tier.
     *
     * @minItems 1
     */
    tiers?: [RiskTier, ...RiskTier[]];
    roles?: RoleList5;
    /**
     * Why the change needs approving, for people reading the RACI.
     */
    note?: string;
  }[];
  /**
   * Which roles must approve entering a stage, by effective tier. Every matching entry applies.
   */
  approvals: {
    to: Stage;
    /**
     * The effective tiers this entry applies to; default every tier.
     *
     * @minItems 1
     */
    tiers?: [RiskTier, ...RiskTier[]];
    roles: RoleList6;
    /**
     * Why these roles, for people reading the RACI.
     */
    note?: string;
  }[];
}
/**
 * The prioritisation rubric: how the intake scores combine into a priority.
 */
export interface Rubric {
  /**
   * The format version of this file: coe-gate/v1.
   */
  apiVersion: 'coe-gate/v1';
  /**
   * Always Rubric.
   */
  kind: 'Rubric';
  /**
   * Weight of each intake score in the priority; they should add up to 1.
   */
  weights: {
    /**
     * Weight of the value score, 0 to 1.
     */
    value: number;
    /**
     * Weight of the feasibility score, 0 to 1.
     */
    feasibility: number;
    /**
     * Weight of the data readiness score, 0 to 1.
     */
    dataReadiness: number;
    /**
     * Weight of the risk score, 0 to 1.
     */
    risk: number;
    /**
     * Weight of the adoption score, 0 to 1.
     */
    adoption: number;
  };
}
/**
 * Reusable assets use cases name in spec.reuses and spec.provides.
 */
export interface AssetRegistry {
  /**
   * The format version of this file: coe-gate/v1.
   */
  apiVersion: 'coe-gate/v1';
  /**
   * Always AssetRegistry.
   */
  kind: 'AssetRegistry';
  /**
   * Each reusable asset, with its id, kind, title and owner.
   */
  assets: {
    id: AssetId;
    /**
     * What sort of asset it is.
     */
    kind: 'connector' | 'prompt-pattern' | 'evaluation-set' | 'workflow-template';
    /**
     * Short human name of the asset.
     */
    title: string;
    /**
     * Who maintains it.
     */
    owner: string;
    /**
     * Where it lives.
     */
    link?: string;
  }[];
}
/**
 * Settings of coe portfolio and its dashboard.
 */
export interface PortfolioSettings {
  /**
   * The format version of this file: coe-gate/v1.
   */
  apiVersion: 'coe-gate/v1';
  /**
   * Always PortfolioSettings.
   */
  kind: 'PortfolioSettings';
  /**
   * ISO 4217 code the money figures are in, e.g. GBP.
   */
  currency: string;
  /**
   * Fully loaded cost of one working hour: hours saved are valued at this rate.
   */
  loadedHourlyRate: number;
  /**
   * A use case with no change for this many days is stalled.
   */
  stalledAfterDays: number;
}
/**
 * The policy packs switched on: the one place an organisation chooses which optional packs under policies/packs/ are evaluated by coe check and the Action (docs/crosswalk.md).
 */
export interface Packs {
  /**
   * The format version of this file: coe-gate/v1.
   */
  apiVersion: 'coe-gate/v1';
  /**
   * Always Packs.
   */
  kind: 'Packs';
  /**
   * The names of the packs whose rules are evaluated, each a folder policies/packs/<name>/ with a pack.yaml; an empty list switches every pack off.
   */
  enabled: Id[];
}
/**
 * A policy pack: an optional set of policies for one framework, with the framework's items and how each is covered (docs/crosswalk.md).
 */
export interface Pack {
  /**
   * The format version of this file: coe-gate/v1.
   */
  apiVersion: 'coe-gate/v1';
  /**
   * Always Pack.
   */
  kind: 'Pack';
  /**
   * An id in lower case: letters, digits, dots, dashes and underscores.
   */
  name: string;
  /**
   * What the pack is, in a few words.
   */
  title: string;
  /**
   * The framework the pack encodes, and which text of it.
   */
  framework: {
    /**
     * The framework's name, e.g. Regulation (EU) 2024/1689 (AI Act).
     */
    title: string;
    /**
     * The text version the pack encodes, e.g. as published in the Official Journal on 12 July 2024.
     */
    version: string;
    /**
     * Where that text comes from.
     */
    source: string;
    /**
     * A link to the text.
     */
    url?: string;
  };
  /**
   * The framework's dates, as data maintainers change when the framework moves them (never constants in code).
   *
   * Items: One date of the framework.
   */
  dates?: {
    /**
     * An id in lower case: letters, digits, dots, dashes and underscores.
     */
    id: string;
    /**
     * YYYY-MM-DD.
     */
    date: string;
    /**
     * What applies from that date, in your own words.
     */
    applies: string;
    /**
     * Which text sets the date.
     */
    source?: string;
  }[];
  /**
   * Every item of the framework (a paragraph, a subcategory, a practice), each covered by a rule (one whose references name it), a manifest field, or the organisation.
   *
   * @minItems 1
   *
   * Items: One item of the framework.
   */
  items: [
    {
      /**
       * The item's id, as rule references name it, e.g. Art. 9(2)(a) or GOVERN 1.1.
       */
      id: string;
      /**
       * A short title in the pack's own words (never the framework's text).
       */
      title: string;
      /**
       * Where in the framework the item is, e.g. Art. 9(2)(a) or NIST AI RMF 1.0, MAP 1.1.
       */
      source: string;
      /**
       * The manifest fields that record the item (paths as in docs/manifest.md), when no rule checks it.
       *
       * @minItems 1
       */
      fields?: [string, ...string[]];
      /**
       * Why the item is met by the organisation rather than by each use case (a process, a record kept elsewhere), when no rule or field covers it.
       */
      organisationLevel?: string;
    },
    ...{
      /**
       * The item's id, as rule references name it, e.g. Art. 9(2)(a) or GOVERN 1.1.
       */
      id: string;
      /**
       * A short title in the pack's own words (never the framework's text).
       */
      title: string;
      /**
       * Where in the framework the item is, e.g. Art. 9(2)(a) or NIST AI RMF 1.0, MAP 1.1.
       */
      source: string;
      /**
       * The manifest fields that record the item (paths as in docs/manifest.md), when no rule checks it.
       *
       * @minItems 1
       */
      fields?: [string, ...string[]];
      /**
       * Why the item is met by the organisation rather than by each use case (a process, a record kept elsewhere), when no rule or field covers it.
       */
      organisationLevel?: string;
    }[]
  ];
}
