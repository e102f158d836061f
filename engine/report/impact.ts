// A policy change's impact as words: a line for each rule added, removed or changed, the verdicts
// that change between failing and not, and the totals. The markdown (shared by `coe impact` and
// the pull-request comment), the terminal text and the JSON of `coe impact`.
import type { ImpactChange, ImpactReport, OutcomeCounts, RuleImpact } from '../core/policy/impact.ts';
import { grouped } from '../core/words.ts';
import { markdownCode, markdownText, terminalSafe } from './escape.ts';
import { type Paint, plural, table } from './text.ts';

export interface ImpactRenderOptions {
  /** Every verdict that changes, pass → not applicable and absent → pass too. */
  verbose?: boolean;
}

/** The changes listed: by default those between failing and not failing, or a level (significant). */
export function listedChanges(
  r: ImpactReport,
  { verbose = false }: ImpactRenderOptions = {},
): ImpactChange[] {
  return verbose ? r.changes : r.changes.filter((c) => c.significant);
}

/**
 * One line per rule added, removed or changed: `new rule X (hard): passes 20, not applicable 1,
 * fails 0`; a changed rule shows each count that moves as before → after. The rule id is shown by
 * `show` (escaped for the sink).
 */
export function ruleSummaries(r: ImpactReport, show: (value: string) => string = (v) => v): string[] {
  return r.rules.map((s) => `${RULE_CHANGE[s.change]} ${show(s.rule)} (${levels(s)}): ${countLine(s)}`);
}

const RULE_CHANGE: Record<RuleImpact['change'], string> = {
  added: 'new rule',
  removed: 'removed rule',
  changed: 'changed rule',
};

function levels(s: RuleImpact): string {
  const { levelBefore: was, levelAfter: now } = s;
  return was && now && was !== now ? `${was} → ${now}` : (now ?? was ?? '');
}

const COUNTED: [keyof OutcomeCounts, string][] = [
  ['pass', 'passes'],
  ['not-applicable', 'not applicable'],
  ['fail', 'fails'],
  ['waived', 'waived'],
];

function countLine(s: RuleImpact): string {
  const parts: string[] = [];
  for (const [outcome, word] of COUNTED) {
    const was = s.before?.[outcome];
    const now = s.after?.[outcome];
    // Waived only where a use case has it; the other three always, 0 too.
    if (outcome === 'waived' && !was && !now) continue;
    const value =
      was === undefined || now === undefined || was === now
        ? grouped(now ?? was ?? 0)
        : `${grouped(was)} → ${grouped(now)}`;
    parts.push(`${word} ${value}`);
  }
  return parts.join(', ');
}

/** The totals, with each id or rule id shown by `show` (escaped for the sink). */
export function impactTotals(
  r: ImpactReport,
  show: (value: string) => string = (v) => v,
  { verbose = false }: ImpactRenderOptions = {},
): string[] {
  const list = (values: readonly string[]) => values.map(show).join(', ');
  const unlisted = r.changes.length - listedChanges(r, { verbose }).length;
  return [
    `${plural(r.changes.length, 'verdict')} change across ${plural(new Set(r.changes.map((c) => c.id)).size, 'use case')} of ${grouped(r.useCases)}`,
    ...(unlisted
      ? [
          `not listed: ${grouped(unlisted)} that only move between pass, not applicable and absent (coe impact --verbose lists them)`,
        ]
      : []),
    `newly blocked: ${r.newlyBlocked.length ? list(r.newlyBlocked) : 'none'}`,
    `no longer blocked: ${r.newlyUnblocked.length ? list(r.newlyUnblocked) : 'none'}`,
  ];
}

/** `heading` is markdown: the caller escapes any value in it. */
export function renderImpactMarkdown(
  r: ImpactReport,
  heading: string,
  options: ImpactRenderOptions = {},
): string {
  const out = [`### ${heading}`, ''];
  const rules = ruleSummaries(r, markdownCode);
  if (rules.length) out.push(...rules.map((t) => `- ${t}`), '');
  const changes = listedChanges(r, options);
  if (changes.length) {
    out.push('| use case | rule | before | after | why |', '| --- | --- | --- | --- | --- |');
    for (const c of changes) {
      out.push(
        `| ${markdownCode(c.id)} | ${markdownCode(c.rule)} | ${verdict(c.before, c.levelBefore)} | ${verdict(c.after, c.levelAfter)} | ${markdownText(c.message)} |`,
      );
    }
    out.push('');
  }
  out.push(...impactTotals(r, markdownCode, options).map((t) => `- ${t}`));
  return `${out.join('\n')}\n`;
}

/** `coe impact` at a terminal: the rules added, removed or changed, the changes in a table, the totals. */
export function renderImpactText(
  report: ImpactReport,
  ref: string,
  paint: Paint,
  options: ImpactRenderOptions = {},
): string {
  const r = terminalSafe(report);
  const base = terminalSafe(ref);
  const out: string[] = [paint('bold', `Policy impact: the working tree's policies against ${base}'s`), ''];
  const rules = ruleSummaries(r);
  if (rules.length) out.push(...rules, '');
  const changes = listedChanges(r, options);
  if (changes.length) {
    const rows = changes.map((c) => [
      c.id,
      c.rule,
      `${verdict(c.before, c.levelBefore)} → ${verdict(c.after, c.levelAfter)}`,
      c.message,
    ]);
    out.push(
      ...table(['use case', 'rule', 'change', 'why'], rows).map((l, i) => (i === 0 ? paint('dim', l) : l)),
    );
    out.push('');
  }
  out.push(...impactTotals(r, undefined, options));
  return `${out.join('\n')}\n`;
}

/**
 * `coe impact --format json`: the report with the ref compared with, the changes listed as the
 * text lists them, and how many were left out (`unlistedChanges`, 0 with --verbose).
 */
export function renderImpactJson(r: ImpactReport, ref: string, options: ImpactRenderOptions = {}): string {
  const changes = listedChanges(r, options);
  const { useCases, rules, newlyBlocked, newlyUnblocked, rulesAdded, rulesRemoved, problems } = r;
  const out = {
    base: ref,
    useCases,
    rules,
    changes,
    unlistedChanges: r.changes.length - changes.length,
    newlyBlocked,
    newlyUnblocked,
    rulesAdded,
    rulesRemoved,
    problems,
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

export type ImpactFormat = 'text' | 'json' | 'markdown';

/** `coe impact`'s output in `format`, compared with `ref`. */
export function renderImpact(
  r: ImpactReport,
  ref: string,
  format: ImpactFormat,
  paint: Paint,
  options: ImpactRenderOptions = {},
): string {
  if (format === 'json') return renderImpactJson(r, ref, options);
  if (format === 'markdown')
    return renderImpactMarkdown(r, `Policy impact against ${markdownCode(ref)}`, options);
  return renderImpactText(r, ref, paint, options);
}

/** An outcome as a reader compares them: a failure with the level that decides whether it blocks. */
export function verdict(outcome: ImpactChange['before'], level: ImpactChange['levelBefore']): string {
  return outcome === 'fail' && level ? `fail (${level})` : outcome;
}
