// Generated from engine/schema/registries.schema.json by `npm run generate`. Do not edit.

export type Registry = ModelRegistry | RoleRegistry | Raci | Rubric;
/**
 * A GitHub user, written without the @.
 */
export type GitHubLogin = string;
/**
 * Lifecycle stage. Use cases move forward one stage at a time and can be retired from any stage.
 */
export type Stage = 'intake' | 'discovery' | 'prototype' | 'mvp' | 'pilot' | 'production' | 'retired';
/**
 * Risk tier: low, medium or high. The policies compute the tier from the classification, data and tools; a declared tier below the computed one fails.
 */
export type RiskTier = 'low' | 'medium' | 'high';

export interface ModelRegistry {
  apiVersion: 'coe-gate/v1';
  kind: 'ModelRegistry';
  models: {
    /**
     * The id manifests use in spec.models[].id.
     */
    id: string;
    provider: string;
    deployment?: 'saas' | 'private-cloud' | 'on-premises';
    /**
     * approved: may be used; deprecated: existing use only, no new use; suspended: must not be used.
     */
    status: 'approved' | 'deprecated' | 'suspended';
    /**
     * Data classes it may process.
     *
     * @minItems 1
     *
     * Items: Sensitivity class.
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
     * The contract forbids the provider to train on our data.
     */
    noTrainingOnOurData: boolean;
    /**
     * How long the provider keeps prompts and outputs.
     */
    retention: string;
    notes?: string;
  }[];
}
export interface RoleRegistry {
  apiVersion: 'coe-gate/v1';
  kind: 'RoleRegistry';
  roles: {
    id: string;
    title: string;
    members: GitHubLogin[];
  }[];
}
export interface Raci {
  apiVersion: 'coe-gate/v1';
  kind: 'Raci';
  /**
   * One person fills at most one required role per transition (default true).
   */
  oneRolePerPerson?: boolean;
  /**
   * Changes within a stage that need approving again: when the field differs from the base version and the use case is at one of the stages (and tiers), the roles must approve the pull request.
   */
  changes?: {
    /**
     * A manifest path, e.g. spec.models: any change to it counts.
     */
    field: string;
    /**
     * @minItems 1
     */
    stages?: [Stage, ...Stage[]];
    /**
     * @minItems 1
     */
    tiers?: [RiskTier, ...RiskTier[]];
    /**
     * @minItems 1
     */
    roles: [string, ...string[]];
    note?: string;
  }[];
  /**
   * Roles that must approve a pull request changing policies/ (one approving review from a holder of each).
   *
   * @minItems 1
   */
  policyChanges?: [string, ...string[]];
  /**
   * Which roles must approve entering a stage, by effective tier. Every matching entry applies.
   */
  approvals: {
    to: Stage;
    /**
     * @minItems 1
     */
    tiers?: [RiskTier, ...RiskTier[]];
    /**
     * @minItems 1
     */
    roles: [string, ...string[]];
    note?: string;
  }[];
}
export interface Rubric {
  apiVersion: 'coe-gate/v1';
  kind: 'Rubric';
  /**
   * Weight of each intake score in the priority; they should add up to 1.
   */
  weights: {
    value: number;
    feasibility: number;
    dataReadiness: number;
    risk: number;
    adoption: number;
  };
}
