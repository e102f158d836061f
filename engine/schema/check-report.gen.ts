// Generated from engine/schema/check-report.schema.json by `npm run generate`. Do not edit.

export type Stage = 'intake' | 'discovery' | 'prototype' | 'mvp' | 'pilot' | 'production' | 'retired';
/**
 * Risk tier: low, medium or high. The policies compute the tier from the classification, data and tools; a declared tier below the computed one fails.
 */
export type RiskTier = 'low' | 'medium' | 'high';
/**
 * A GitHub user or team as manifests write them: @login (an app's bot user @name[bot]), or a team @org/team-slug.
 */
export type Login = string;
/**
 * Approval records the change adds that do not count, each with where it is and why.
 */
export type UnverifiedApprovals = {
  file: string;
  line: number;
  approval: Approval;
  reason: string;
}[];
/**
 * Waivers the change adds or alters that do not count (before there is a pull request: that await their review), each with where it is and why.
 */
export type UnverifiedWaivers = {
  file: string;
  line: number;
  waiver: Waiver;
  reason: string;
}[];

/**
 * What `coe check --format json` prints.
 */
export interface CheckReport {
  tool: {
    name: 'coe-gate';
    version: string;
  };
  /**
   * 0 every file valid and every policy holds, 1 a policy blocks, 2 invalid input.
   */
  exitCode: 0 | 1 | 2;
  /**
   * The date the policies were evaluated as of (YYYY-MM-DD).
   */
  asOf: string;
  /**
   * The policy set used, or null when the repository has no policies/ folder (manifests were only validated).
   */
  policies: null | {
    files: string[];
    rules: number;
  };
  /**
   * With --base: what the change was compared with; null when the whole tree was checked.
   */
  base: null | {
    /**
     * The ref as given.
     */
    ref: string;
    /**
     * The commit the policies were read from.
     */
    policyCommit: string;
    /**
     * merge-base(ref, HEAD): each manifest's base version comes from here.
     */
    mergeBase: string;
    /**
     * Manifests added or modified since the merge base.
     */
    changed: string[];
    deleted: string[];
    /**
     * The working tree's policies differ from those at ref (they were not used).
     */
    policiesDiffer: boolean;
    /**
     * Policies changed, so every manifest was evaluated.
     */
    evaluatedAll: boolean;
  };
  summary: {
    /**
     * Files read.
     */
    files: number;
    /**
     * Manifests without problems.
     */
    valid: number;
    filesWithProblems: number;
    problems: number;
    /**
     * Use cases a policy blocks.
     */
    blocked: number;
    /**
     * Failed hard and soft results (not waived).
     */
    failures: number;
    /**
     * Failed advisory results; reported, never blocking.
     */
    advisories: number;
    /**
     * Soft results a valid waiver covers.
     */
    waived: number;
  };
  /**
   * Every problem in every file, sorted by file, line and column.
   */
  problems: Problem[];
  /**
   * The valid manifests, sorted by file.
   */
  useCases: {
    id: string;
    file: string;
    title: string;
    domain: string;
    stage: Stage;
    riskTier: RiskTier;
    /**
     * Reference architecture: an internal copilot for knowledge work, AI inside an existing product, or workflow automation with agents that act through tools.
     */
    pattern: 'internal-copilot' | 'ai-in-product' | 'agentic-workflow';
    /**
     * Who sees the outputs.
     */
    audience: 'internal' | 'customer-facing' | 'TODO';
    /**
     * none: produces information only; assistive: a person decides with its help; automated: it decides or acts without a person in between.
     */
    decisionMode: 'none' | 'assistive' | 'automated' | 'TODO';
    owner: string;
    tier?: {
      computed: 'low' | 'medium' | 'high' | 'prohibited';
      declared: RiskTier;
      effective: RiskTier;
      reasons: string[];
      /**
       * True while the computed tier rests on classification answers still left as TODO.
       */
      provisional: boolean;
    };
    transition?: {
      from: null | Stage;
      to: Stage;
    };
    /**
     * Weighted rubric score (1-5), or null without intake scores.
     */
    priority?: number | null;
    blocked?: boolean;
    /**
     * Results that failed (any level) or were waived; passes are only counted.
     */
    findings?: RuleResult[];
    counts?: {
      pass: number;
      fail: number;
      waived: number;
      notApplicable: number;
    };
    waivers?: WaiverResult[];
  }[];
  /**
   * Likely duplicate use cases (advisory, never blocking): pairs of valid manifests judged with the same title, or a very similar title and goal (docs/portfolio.md#likely-duplicates). A group that shares one title pairs each file with the group's first. With --base, the pairs with a changed manifest in them: the changed ones compared with each other and with every manifest the change leaves alone.
   */
  duplicates: DuplicatePair[];
  /**
   * With --base: what each changed use case needs approved, as its manifest records it (the pull request's reviews confirm them), with the records still to add; null for a check of the whole tree.
   */
  approvals: null | UseCaseApprovals[];
}
export interface Problem {
  /**
   * Path relative to the repository root.
   */
  file: string;
  line: number;
  column: number;
  /**
   * The line where the token at line:column ends; with endColumn, present when the problem is on a field.
   */
  endLine?: number;
  /**
   * The column just past the token's last character.
   */
  endColumn?: number;
  /**
   * Field path such as spec.data.sources[1].classification; empty for the whole file.
   */
  path: string;
  /**
   * Stable machine-readable kind of problem.
   */
  code:
    | 'file-too-large'
    | 'file-binary'
    | 'file-encoding'
    | 'file-empty'
    | 'file-unreadable'
    | 'file-not-found'
    | 'file-outside-repo'
    | 'file-outside-usecases'
    | 'file-extension'
    | 'file-not-regular'
    | 'file-not-judged'
    | 'yaml-syntax'
    | 'yaml-duplicate-key'
    | 'yaml-multiple-documents'
    | 'yaml-alias-limit'
    | 'yaml-not-mapping'
    | 'schema-unknown-field'
    | 'schema-missing-field'
    | 'schema-invalid-value'
    | 'id-file-mismatch'
    | 'domain-folder-mismatch'
    | 'id-duplicate'
    | 'link-not-found'
    | 'asset-unknown'
    | 'policy-unknown-kind'
    | 'policy-rule-id'
    | 'policy-duplicate-rule'
    | 'policy-logic'
    | 'policy-reference'
    | 'policy-set-incomplete'
    | 'policy-runtime-error';
  message: string;
}
export interface RuleResult {
  rule: string;
  title: string;
  level: 'advisory' | 'soft' | 'hard';
  outcome: 'pass' | 'fail' | 'waived' | 'not-applicable';
  /**
   * A failed hard rule, or a failed soft rule no waiver covers.
   */
  blocking: boolean;
  message: string;
  remediation: string;
  /**
   * The manifest field the result is about.
   */
  path: string;
  line: number;
  column: number;
  /**
   * A failure's end of the field's token (line); absent for passes and rules that do not apply.
   */
  endLine?: number;
  /**
   * The column just past the token's last character.
   */
  endColumn?: number;
}
export interface WaiverResult {
  rule: string;
  approver: string;
  expires: string;
  reason: string;
  /**
   * applied: it covers a failing soft rule; unused: the rule passes or does not apply; expired; invalid: unknown rule, a rule that is not soft, or an approver without the rule's waiver role.
   */
  status: 'applied' | 'unused' | 'expired' | 'invalid';
  note: string;
}
/**
 * Two use cases that look like one.
 */
export interface DuplicatePair {
  /**
   * The two manifests, in path order.
   *
   * @minItems 2
   * @maxItems 2
   */
  files: [string, string];
  /**
   * Their titles, in the same order.
   *
   * @minItems 2
   * @maxItems 2
   */
  titles: [string, string];
  /**
   * same-title: the titles read the same once case, punctuation, stop words and plurals are set aside; similar: the titles and the goals are both very similar.
   */
  reason: 'same-title' | 'similar';
  /**
   * Jaccard similarity of the titles' words, 0-1.
   */
  titleSimilarity: number;
  /**
   * Jaccard similarity of the goals' words (spec.intake.goal), 0-1.
   */
  goalSimilarity: number;
}
/**
 * One changed use case: the roles the change needs, and the records and waivers it adds that do not count.
 */
export interface UseCaseApprovals {
  id: string;
  /**
   * Whether the manifest has spec.lifecycle.approvals (where new records are appended).
   */
  hasApprovals: boolean;
  file: string;
  from: null | Stage;
  /**
   * Null when the change removes the manifest.
   */
  to: null | Stage;
  tier: 'low' | 'medium' | 'high';
  roles: RoleStatus[];
  unverified: UnverifiedApprovals;
  waivers: UnverifiedWaivers;
  /**
   * With coe check --base: the approval records still to add, as manifest lines; null when none is left.
   */
  toRecord?: null | {
    /**
     * Where the lines go: the end of spec.lifecycle.approvals, or spec.lifecycle when it has no approvals yet.
     */
    under: 'spec.lifecycle.approvals' | 'spec.lifecycle';
    /**
     * The YAML lines, indented as in a manifest coe new writes.
     */
    lines: string[];
    /**
     * Values to replace before pushing: LOGIN (no holder to name), PR (no pull request yet).
     */
    toReplace: ('LOGIN' | 'PR')[];
  };
}
export interface RoleStatus {
  /**
   * For a record still to write: whom it names (a holder whose review already stands, else the use case's champion, else the first holder).
   */
  suggested?: string;
  /**
   * The suggested holder's approving review of this content already stands.
   */
  approved?: boolean;
  role: string;
  stage?: Stage;
  why?: string;
  by?: Login;
  recorded?: Login;
  holders: Login[];
  via: 'record' | 'review';
}
/**
 * An approval record as the manifest holds it.
 */
export interface Approval {
  /**
   * The stage entered (or, for a watched change, the stage the use case is at) in the pull request `pr`.
   */
  stage: 'intake' | 'discovery' | 'prototype' | 'mvp' | 'pilot' | 'production' | 'retired';
  /**
   * The role the approver holds, by its id in policies/registries/roles.yaml, e.g. security-lead.
   */
  role: string;
  /**
   * GitHub user who approved, written "@login" (quoted: in YAML a value cannot start with @); their approving review of the pull request is what counts.
   */
  login: string;
  /**
   * The day the approval was given.
   */
  date: string;
  /**
   * The pull request that entered the stage; the approval counts for that entry only.
   */
  pr: number;
}
/**
 * A waiver as the manifest holds it.
 */
export interface Waiver {
  /**
   * Id of the waived rule, <policy>.<rule>, e.g. release-gates.adversarial-testing; only soft rules can be waived.
   */
  rule: string;
  /**
   * Why the rule does not apply, or what compensates for it until the waiver expires.
   */
  reason: string;
  /**
   * The stage the waiver was granted at; it stops counting when the use case moves to another stage.
   */
  stage: 'intake' | 'discovery' | 'prototype' | 'mvp' | 'pilot' | 'production' | 'retired';
  /**
   * Last day the waiver counts.
   */
  expires: string;
  /**
   * Who granted it, written "@login": a holder of the waiver role the RACI names for the rule (waivers in policies/registries/raci.yaml).
   */
  approver: string;
  /**
   * The day the waiver was granted; not before the pull request that adds it was opened.
   */
  granted: string;
  /**
   * The pull request that adds the waiver; its approver approves that pull request.
   */
  pr: number;
}
