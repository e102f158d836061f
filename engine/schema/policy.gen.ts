// Generated from engine/schema/policy.schema.json by `npm run generate`. Do not edit.

/**
 * Risk tier: low, medium or high. The policies compute the tier from the classification, data and tools; a declared tier below the computed one fails.
 */
export type RiskTier = 'low' | 'medium' | 'high';
/**
 * A JSON Logic expression (an operation such as {"==": [a, b]}, or a plain value).
 */
export type Logic = unknown;
/**
 * Lifecycle stage. Use cases move forward one stage at a time and can be retired from any stage.
 */
export type Stage = 'intake' | 'discovery' | 'prototype' | 'mvp' | 'pilot' | 'production' | 'retired';

/**
 * A set of rules the gate evaluates on every use case. Conditions are JSON Logic; see docs/policies.md.
 */
export interface Policy {
  /**
   * The format version of this file: coe-gate/v1.
   */
  apiVersion: 'coe-gate/v1';
  /**
   * Always Policy.
   */
  kind: 'Policy';
  /**
   * The policy's name and what it is for.
   */
  metadata: {
    /**
     * Policy name in kebab-case; every rule id starts with it and a dot.
     */
    name: string;
    /**
     * Short human title, e.g. Release gates.
     */
    title: string;
    /**
     * What the policy covers and why, for people reading it.
     */
    description?: string;
  };
  tiering?: Tiering;
  /**
   * The rules, each a condition every applicable use case must meet.
   */
  rules: Rule[];
}
/**
 * How the risk tier is computed: the highest tier whose condition holds, else the default. A prohibited entry that holds puts the use case in the prohibited class.
 */
export interface Tiering {
  default: RiskTier;
  /**
   * Uses the organisation does not allow at all: one that holds makes the use case prohibited.
   */
  prohibited?: {
    /**
     * Stable name of the condition in kebab-case, e.g. emotion-recognition-at-work.
     */
    id: string;
    when: Logic;
    /**
     * What the use does that is prohibited, shown in the report.
     */
    reason: string;
  }[];
  /**
   * Conditions that raise the tier; the highest tier whose condition holds wins.
   */
  rules: {
    /**
     * Stable name of the condition in kebab-case, unique within the tiering section, so documents and reviews can cite it (docs/templates/risk-tiering-checklist.md).
     */
    id?: string;
    tier: RiskTier;
    when: Logic;
    /**
     * Why the condition raises the tier, shown in the report, e.g. "its outputs reach customers".
     */
    reason: string;
  }[];
}
export interface Rule {
  /**
   * Stable id: <policy name>.<rule name>. Waivers and tests refer to it.
   */
  id: string;
  /**
   * Short human title of what the rule asks for.
   */
  title: string;
  /**
   * advisory: reported, never blocks; soft: blocks unless a valid waiver covers it; hard: always blocks.
   */
  level: 'advisory' | 'soft' | 'hard';
  /**
   * Filters on the use case; a rule applies when every listed filter matches (tiers compare with the effective tier).
   */
  appliesTo?: {
    /**
     * The stages the rule applies at.
     *
     * @minItems 1
     */
    stages?: [Stage, ...Stage[]];
    /**
     * The effective tiers the rule applies at.
     *
     * @minItems 1
     */
    tiers?: [RiskTier, ...RiskTier[]];
    /**
     * The reference patterns the rule applies to.
     *
     * @minItems 1
     *
     * Items: Reference architecture: an internal copilot for knowledge work, AI inside an existing product, or workflow automation with agents that act through tools.
     */
    patterns?: [
      'internal-copilot' | 'ai-in-product' | 'agentic-workflow',
      ...('internal-copilot' | 'ai-in-product' | 'agentic-workflow')[]
    ];
    /**
     * The audiences the rule applies to.
     *
     * @minItems 1
     *
     * Items: Who sees the outputs.
     */
    audiences?: ['internal' | 'customer-facing' | 'TODO', ...('internal' | 'customer-facing' | 'TODO')[]];
  };
  /**
   * Evaluate when/require once per item, with the item at `item` and its position at `index`; each failing item is its own result. Either a list in the context (e.g. manifest.spec.data.sources), each failure located on its item's line, or placeholders (the values still left as TODO or @OWNER, each with its path and value), or a list of values written here (e.g. [performance, safety, adoption]: one result per value, so a message names the one missing), each located at the rule's path. A rule whose require is false flags every item, and passes when the list is empty.
   */
  forEach?: string | [string, ...string[]];
  /**
   * A JSON Logic expression (an operation such as {"==": [a, b]}, or a plain value).
   */
  when?: unknown;
  /**
   * A JSON Logic expression (an operation such as {"==": [a, b]}, or a plain value).
   */
  require: unknown;
  /**
   * The manifest field the rule is about, for line annotations (e.g. spec.design.successMetrics); with forEach over a list in the context, a field of the item (e.g. access). With forEach over a list whose items name their own field (placeholders), {{item.path}}.
   */
  path?: string;
  /**
   * Values the message and remediation show, computed only when the rule fails: each a JSON Logic expression evaluated like require (with item and index in a forEach rule), read in templates as {{let.name}}, e.g. the approved models to move to.
   */
  let?: {
    [k: string]: Logic;
  };
  /**
   * Shown when the rule fails. {{path}} inserts a value from the context, e.g. {{tier.computed}}, or one the rule computes under let, e.g. {{let.alternatives}}.
   */
  message: string;
  /**
   * What to do to pass.
   */
  remediation: string;
  /**
   * The framework items this rule implements: each names a pack (framework) and one of the ids its pack.yaml lists. coe coverage reports them (docs/crosswalk.md).
   *
   * @minItems 1
   *
   * Items: One framework item the rule implements.
   */
  references?: [
    {
      /**
       * The pack's name, e.g. eu-ai-act.
       */
      framework: string;
      /**
       * The item's id as the pack lists it, e.g. Art. 14(4)(d).
       */
      id: string;
    },
    ...{
      /**
       * The pack's name, e.g. eu-ai-act.
       */
      framework: string;
      /**
       * The item's id as the pack lists it, e.g. Art. 14(4)(d).
       */
      id: string;
    }[]
  ];
}
