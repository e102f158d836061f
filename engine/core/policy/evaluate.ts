// One manifest against a PolicySet: compute the tier, decide which rules apply, evaluate each,
// apply waivers. Pure: the date and the base version come in as arguments.

import type { RuleResult as ReportRuleResult } from '../../schema/check-report.gen.ts';
import type { UseCase } from '../../schema/usecase.gen.ts';
import { checkApprovals } from '../approvals/records.ts';
import { bookOf, ROLE_BOOK } from '../approvals/roles.ts';
import { applyWaivers, type WaiverResult } from '../approvals/waivers.ts';
import type { LoadedManifest } from '../check/check-manifests.ts';
import {
  findPlaceholders,
  hasPlaceholder,
  isPlaceholder,
  type Placeholder,
  withoutPlaceholders,
} from '../manifest/placeholders.ts';
import { type Stage, TIER_ORDER, type Tier } from '../manifest/vocabulary.ts';
import { read } from '../read-path.ts';
import { Locator, type Span } from '../yaml/locate.ts';
import { parsePath } from '../yaml/path.ts';
import type { LoadedRule, PolicySet } from './load-policies.ts';
import { type Apply, evaluateLogic, type Outcome as LogicOutcome, truthy } from './logic.ts';
import { renderTemplate } from './template.ts';

export type { Tier, WaiverResult };
export type Outcome = ReportRuleResult['outcome'];

export interface TierVerdict {
  computed: Tier | 'prohibited';
  declared: Tier;
  /** The higher of computed and declared (prohibited counts as high): what controls apply to. */
  effective: Tier;
  /** Why the computed tier is what it is. */
  reasons: string[];
  /** True while the computed tier rests on classification answers still left as placeholders. */
  provisional: boolean;
}

/**
 * One rule's result on one use case, as the check report gives it (check-report.schema.json): a
 * failure is blocking when the rule is hard, or soft and no waiver covers it; the end of the
 * field's token is given for failures only, for viewers that highlight a range.
 */
export type RuleResult = ReportRuleResult;

/**
 * A rule's condition that failed as it ran on this use case, through the rule's own logic (a type
 * error the loader could not see), not a value the manifest lacks: a mistake in the policy.
 */
export interface PolicyError {
  rule: LoadedRule;
  field: 'when' | 'require';
  error: string;
}

export interface Evaluation {
  id: string;
  file: string;
  tier: TierVerdict;
  transition: { from: Stage | null; to: Stage };
  priority: number | null;
  results: RuleResult[];
  waivers: WaiverResult[];
  blocked: boolean;
  /** The rules whose own logic failed on this use case; each of them counts as failed here. */
  policyErrors: PolicyError[];
}

export interface EvaluateOptions {
  /** YYYY-MM-DD; the date waivers expire against and `today` returns. */
  today: string;
  /** The manifest at the base revision, when judging a change. */
  base?: UseCase | null;
  /**
   * Whether a change is judged (the gate, coe check --base), so that no base means a use case the
   * change adds; by default, whether a base is given. A check of the tree as it stands is not one.
   */
  change?: boolean;
  /** The JSON Logic evaluator: the compiled one, unless a test compares json-logic-js's (logic.ts). */
  apply?: Apply;
}

export function evaluateManifest(
  loaded: LoadedManifest,
  policies: PolicySet,
  options: EvaluateOptions,
): Evaluation {
  const { manifest } = loaded;
  const base = options.base ?? null;
  const scores = manifest.spec.intake.scores;
  const weights = policies.registries.rubric;
  const priority = scores
    ? +Object.entries(weights)
        .reduce((sum, [k, w]) => sum + w * (scores[k as keyof typeof scores] ?? 0), 0)
        .toFixed(2)
    : null;
  const context = contextFor(manifest, base, policies, options.today, loaded.file, priority);
  context.change = options.change ?? base !== null;
  const tier = computeTier(manifest, policies, context, options.apply);
  context.tier = tier;
  context.approvals = checkApprovals(manifest, policies, tier.effective);

  let locator: Locator | undefined;
  // Positions only for failing results: most manifests never build a locator.
  const locate = (path: string) => {
    locator ??= new Locator(loaded.text, loaded.events);
    return locator.span(parsePath(path));
  };
  const results: RuleResult[] = [];
  const policyErrors: PolicyError[] = [];
  for (const rule of policies.rules)
    evaluateRule(rule, manifest, tier, context, locate, results, policyErrors, options.apply);
  const waivers = applyWaivers(manifest, results, policies, options.today);
  return {
    id: manifest.metadata.id,
    file: loaded.file,
    tier,
    transition: context.transition as Evaluation['transition'],
    priority,
    results,
    waivers,
    blocked: results.some((r) => r.blocking),
    policyErrors,
  };
}

/** What a rule reads (docs/policies.md): the manifest, its base, the registries, the date… */
function contextFor(
  manifest: UseCase,
  base: UseCase | null,
  policies: PolicySet,
  today: string,
  file: string,
  priority: number | null,
): Record<string, unknown> {
  const holes = hasPlaceholder(manifest);
  return {
    [ROLE_BOOK]: bookOf(policies),
    // A placeholder is not an answer: the rules read the manifest without them, and the lifecycle
    // rules name each one from the list.
    manifest: holes ? withoutPlaceholders(manifest) : manifest,
    base: base && (hasPlaceholder(base) ? withoutPlaceholders(base) : base),
    placeholders: holes ? findPlaceholders(manifest) : [],
    transition: { from: base ? base.spec.lifecycle.stage : null, to: manifest.spec.lifecycle.stage },
    registries: policies.registries,
    today,
    file,
    priority,
    change: base !== null,
    // Set once the tier is known, and per forEach item; declared here so every context has one shape.
    tier: undefined,
    approvals: undefined,
    item: undefined,
    index: undefined,
  };
}

/** The tier a manifest computes to on its own (the gate compares a change's two ends). */
export function tierOf(manifest: UseCase, policies: PolicySet, today: string): TierVerdict {
  return computeTier(manifest, policies, contextFor(manifest, null, policies, today, '', null));
}

function computeTier(manifest: UseCase, policies: PolicySet, context: object, apply?: Apply): TierVerdict {
  const { tiering } = policies;
  const declared = manifest.spec.classification.riskTier;
  const reasons: string[] = [];
  let computed: Tier | 'prohibited' = tiering.default;
  const unanswered = new Set(
    ((context as { placeholders?: Placeholder[] }).placeholders ?? []).map((p) => `manifest.${p.path}`),
  );
  let provisional = false;
  /**
   * Fail closed: a condition that cannot be decided is taken to hold. One that waits only for the
   * team's answers (placeholders) is 'unanswered': it raises the tier, but does not yet refuse the
   * use case; the placeholders block it from discovery on.
   */
  const holds = (logic: unknown, reason: string, unansweredPrefix = ''): boolean | 'unanswered' => {
    const out = evaluateLogic(logic, context, apply);
    if (out.missing.length || out.error) {
      if (!out.error && out.missing.every((m) => unanswered.has(m))) {
        provisional = true;
        const paths = displayPaths(out.missing);
        reasons.push(
          `${unansweredPrefix}${reason} (assumed until ${paths} ${out.missing.length === 1 ? 'is' : 'are'} answered)`,
        );
        return 'unanswered';
      }
      reasons.push(`${reason} (assumed: ${out.error ?? `${displayPaths(out.missing)} missing`})`);
      return true;
    }
    if (truthy(out.value)) reasons.push(reason);
    return truthy(out.value);
  };
  for (const p of tiering.prohibited ?? []) {
    const held = holds(p.when, p.reason, 'may be prohibited: ');
    // Until it is answered, a use case that may be prohibited gets the controls of the highest tier.
    if (held === true) computed = 'prohibited';
    else if (held === 'unanswered' && computed !== 'prohibited') computed = 'high';
  }
  if (computed !== 'prohibited') {
    // Highest tier first (sorted when loaded): once a tier's condition holds, the conditions of
    // lower tiers can change nothing, and their reasons would not explain the tier.
    let found = false;
    for (const r of tiering.rules) {
      if (found && TIER_ORDER.indexOf(r.tier) < TIER_ORDER.indexOf(computed)) break;
      if (holds(r.when, r.reason) === false) continue;
      found = true;
      if (TIER_ORDER.indexOf(r.tier) > TIER_ORDER.indexOf(computed)) computed = r.tier;
    }
  }
  const controlTier: Tier = computed === 'prohibited' ? 'high' : computed;
  const effective = TIER_ORDER.indexOf(declared) >= TIER_ORDER.indexOf(controlTier) ? declared : controlTier;
  return { computed, declared, effective, reasons, provisional };
}

/** The use-case-level filters of appliesTo. */
function inScope(rule: LoadedRule, manifest: UseCase, tier: TierVerdict): boolean {
  const a = rule.appliesTo;
  const c = manifest.spec.classification;
  if (a?.stages && !a.stages.includes(manifest.spec.lifecycle.stage)) return false;
  if (a?.tiers && !a.tiers.includes(tier.effective)) return false;
  if (a?.patterns && !a.patterns.includes(c.pattern)) return false;
  // An audience not answered yet may be any of them: the rule applies (fail closed).
  if (a?.audiences && !a.audiences.includes(c.audience) && !isPlaceholder(c.audience)) return false;
  return true;
}

function whenHolds(rule: LoadedRule, context: object, errors: PolicyError[], apply?: Apply): boolean {
  if (rule.when === undefined) return true;
  const out = evaluateLogic(rule.when, context, apply);
  if (out.error !== undefined && out.missing.length === 0)
    errors.push({ rule, field: 'when', error: out.error });
  // Fail closed: when applicability cannot be decided, the rule applies.
  return out.missing.length > 0 || out.error !== undefined || truthy(out.value);
}

type Locate = (path: string) => Span;

/** Appends the rule's results to `into`: one settled result, or one failure per failing item. */
function evaluateRule(
  rule: LoadedRule,
  manifest: UseCase,
  tier: TierVerdict,
  context: Record<string, unknown>,
  locate: Locate,
  into: RuleResult[],
  errors: PolicyError[],
  apply?: Apply,
): void {
  if (!inScope(rule, manifest, tier)) return void into.push(settledResult(rule, 'not-applicable'));
  // A when that does not read the item is the same for every item: decide it once.
  if (rule.forEach && !rule.whenReadsItem && !whenHolds(rule, context, errors, apply))
    return void into.push(settledResult(rule, 'not-applicable'));

  // Each item of a forEach list is judged on its own; a rule without one is judged once.
  // A list written in the rule is its own items; a path names a list of the context.
  const items = Array.isArray(rule.forEach)
    ? rule.forEach
    : rule.forEach
      ? read(context, rule.forEach)
      : undefined;
  const count = rule.forEach ? (Array.isArray(items) ? items.length : 0) : 1;
  const before = into.length;
  let applied = false;
  for (let index = 0; index < count; index++) {
    // The item is set on the shared context, not on a copy: evaluation is synchronous, and a
    // failure renders its message before the next item replaces it. It is left set afterwards:
    // the loader lets no rule without forEach read item or index.
    if (rule.forEach) {
      context.item = (items as unknown[])[index];
      context.index = index;
    }
    if ((!rule.forEach || rule.whenReadsItem) && !whenHolds(rule, context, errors, apply)) continue;
    applied = true;
    const out = evaluateLogic(rule.require, context, apply);
    if (!out.error && out.missing.length === 0 && truthy(out.value)) continue;
    if (out.error !== undefined && out.missing.length === 0)
      errors.push({ rule, field: 'require', error: out.error });
    // An item of the context is located on its own line; a value the rule lists, at the rule's path.
    const at = typeof rule.forEach === 'string' ? `${displayPath(rule.forEach)}[${index}]` : '';
    into.push(failure(rule, out, context, at, locate, apply));
  }
  // A rule whose every item is a finding (require: false) is passed by an empty list: nothing left
  // to flag. Any other rule over an empty list has nothing to judge.
  const nothingToFlag = count === 0 && rule.require === false;
  if (into.length === before)
    into.push(settledResult(rule, applied || nothingToFlag ? 'pass' : 'not-applicable'));
}

/** The result of a rule whose condition did not hold for one subject (the manifest, or an item). */
function failure(
  rule: LoadedRule,
  out: LogicOutcome,
  ctx: object,
  at: string,
  locate: Locate,
  apply?: Apply,
): RuleResult {
  // What the rule computes for its message, only now that it failed.
  const lets = rule.let
    ? Object.fromEntries(
        Object.entries(rule.let).map(([name, logic]) => [name, evaluateLogic(logic, ctx, apply).value]),
      )
    : {};
  const render = (template: string) =>
    renderTemplate(template, (p) => (p.startsWith('let.') ? read(lets, p.slice(4)) : read(ctx, p)));
  const shown = (p: string) => (at ? displayPath(p).replace(/^item(?=\.|$)/, at) : displayPath(p));
  const missing = [...new Set(out.missing.map(shown))];
  // A missing value is the cause when it also made the logic fail (null compared with a number).
  const message = missing.length
    ? `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing: ${render(rule.message)}`
    : out.error
      ? `the rule's own logic fails (${out.error}), so it counts as failed until its policy is fixed (${rule.file}:${rule.at.require.line})`
      : render(rule.message);
  const where = missing[0] ?? locationOf(rule, at, render);
  // The policy is at fault, not the manifest: its maintainers fix the rule.
  const policyFault = !missing.length && out.error !== undefined;
  return {
    rule: rule.id,
    title: rule.title,
    level: rule.level,
    outcome: 'fail',
    blocking: rule.level !== 'advisory',
    message,
    remediation: policyFault
      ? `Nothing to change in the manifest: the policy's maintainers fix the rule's condition at ${rule.file}:${rule.at.require.line}.`
      : render(rule.remediation),
    path: where,
    ...locate(where),
  };
}

// Passes and rules that do not apply carry nothing specific to a use case: one frozen result per
// rule and outcome serves every manifest (waivers only ever change failures).
const settledResults = new WeakMap<LoadedRule, Record<'pass' | 'not-applicable', RuleResult>>();
function settledResult(rule: LoadedRule, outcome: 'pass' | 'not-applicable'): RuleResult {
  let both = settledResults.get(rule);
  if (!both) {
    const make = (o: 'pass' | 'not-applicable'): RuleResult =>
      Object.freeze({
        rule: rule.id,
        title: rule.title,
        level: rule.level,
        outcome: o,
        blocking: false,
        message: '',
        remediation: '',
        path: rule.path ?? '',
        line: 0,
        column: 0,
      });
    both = { pass: make('pass'), 'not-applicable': make('not-applicable') };
    settledResults.set(rule, both);
  }
  return both[outcome];
}

/**
 * Where a finding goes: the rule's path, below the item for a forEach rule. An item of a base
 * list may no longer exist in the manifest, so its finding goes to the manifest's list instead.
 */
function locationOf(rule: LoadedRule, at: string, render: (template: string) => string): string {
  // A path written as {{item.path}} is the item's own (a list the engine builds, e.g. placeholders).
  if (rule.path?.startsWith('{{')) return render(rule.path);
  if (typeof rule.forEach === 'string' && rule.forEach.startsWith('base.'))
    return rule.forEach.slice('base.'.length);
  if (at) return rule.path ? `${at}.${rule.path}` : at;
  return rule.path ?? '';
}

/** Context paths as a manifest author reads them: manifest.spec.x → spec.x. */
function displayPath(path: string): string {
  return path.replace(/^manifest\./, '');
}

function displayPaths(paths: string[]): string {
  return [...new Set(paths.map(displayPath))].join(', ');
}

/** One outcome per rule: a rule with several items fails if any fails, is waived if any is waived. */
export function outcomeByRule(
  results: readonly RuleResult[],
): Map<string, { outcome: Outcome; message: string; level: RuleResult['level'] }> {
  const rank: Record<Outcome, number> = { 'not-applicable': 0, pass: 1, waived: 2, fail: 3 };
  const out = new Map<string, { outcome: Outcome; message: string; level: RuleResult['level'] }>();
  for (const r of results) {
    const seen = out.get(r.rule);
    if (!seen || rank[r.outcome] > rank[seen.outcome])
      out.set(r.rule, { outcome: r.outcome, message: r.message, level: r.level });
  }
  return out;
}
