// Generated from engine/schema/policy-test.schema.json by `npm run generate`. Do not edit.

/**
 * A manifest: a file of the repository (usually a sample under usecases/) or one written inline, then patched.
 */
export type Fixture = {
  /**
   * Path of a manifest in the repository, e.g. usecases/claims/fnol-triage-assistant.yaml.
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
   * Path of a manifest in the repository, e.g. usecases/claims/fnol-triage-assistant.yaml.
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
 * Tests of the policies: each case builds a manifest (a sample, or one written inline, with a patch), evaluates every rule and compares the outcomes it names. Run with coe test.
 */
export interface PolicyTest {
  apiVersion: 'coe-gate/v1';
  kind: 'PolicyTest';
  metadata: {
    name: string;
    description?: string;
  };
  /**
   * @minItems 1
   */
  cases: [Case, ...Case[]];
}
export interface Case {
  name: string;
  manifest: Fixture;
  base?: Fixture2;
  /**
   * Evaluation date (default 2026-11-24, so cases do not age).
   */
  asOf?: string;
  /**
   * Expected outcome per rule id. A rule with several items fails if any item fails.
   */
  expect: {
    [k: string]: 'pass' | 'fail' | 'waived' | 'not-applicable';
  };
}
