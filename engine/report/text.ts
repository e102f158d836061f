// The report for people at a terminal. Colour is injected so this stays a pure function. Every
// string a report carries is made a terminal line first (escape.ts): a manifest cannot move the
// cursor, clear the screen, recolour or link the output, or turn text around.

import type { UseCaseApprovals } from '../core/approvals/gate.ts';
import type { ApprovalsPreview, CheckReport, UseCaseReport } from '../core/check/report.ts';
import { RISK_TIERS, STAGES } from '../core/manifest/vocabulary.ts';
import type { Problem } from '../core/problem.ts';
import { grouped, plural } from '../core/words.ts';
import { duplicatesLines } from './duplicates.ts';
import { terminalSafe } from './escape.ts';

export { plural };

export type Paint = (style: 'red' | 'green' | 'yellow' | 'dim' | 'bold' | 'cyan', text: string) => string;
const plain: Paint = (_style, text) => text;

/** Above this many use cases the table gives way to counts. */
const TABLE_LIMIT = 40;

export function renderText(checkReport: CheckReport, paint: Paint = plain): string {
  return [...textChunks(checkReport, paint)].join('');
}

/**
 * The text report in pieces (a line, or a few), for writing as it is made: joined, they are
 * renderText's text. Use cases are taken one at a time, each made terminal-safe as it is shown,
 * so no copy of the whole report is made. The report's use cases are in file order (buildReport).
 */
export function* textChunks(
  checkReport: CheckReport,
  paint: Paint = plain,
  /**
   * quiet: failures only (--quiet): no advisory or waived finding, waiver list, table or counts.
   * width: the terminal's columns, to wrap prose lines at (YAML to paste and tables are kept whole).
   */
  options: { quiet?: boolean; width?: number | undefined } = {},
): Generator<string> {
  const quiet = options.quiet ?? false;
  const wrapped = (text: string, indent: string) => wrap(text, options.width, indent);
  const { summary } = checkReport;
  const problemsTail = `in ${plural(summary.filesWithProblems, 'file')} (${summary.files} read); fix them and run coe check again`;
  // The policies' findings on the valid manifests are shown with the problems, so one run lists
  // everything to fix; with no use case judged (the policies do not load), the problems alone.
  const judged = checkReport.useCases.some((u) => u.blocked !== undefined);
  if (checkReport.problems.length && !judged) {
    yield renderProblems(checkReport.problems, paint, problemsTail, options.width);
    return;
  }
  const report = {
    ...checkReport,
    base: terminalSafe(checkReport.base),
    policies: terminalSafe(checkReport.policies),
    asOf: terminalSafe(checkReport.asOf),
  };
  const approvals = terminalSafe(checkReport.approvals ?? []);
  const awaiting = awaitingApprovals(approvals);
  const rows = checkReport.useCases;
  let lines = 0;
  let blank = false;
  const line = (text: string) => {
    lines++;
    blank = text === '';
    return `${text}\n`;
  };
  if (report.base) for (const l of baseHeader(report, paint)) yield line(wrapped(l, '  '));
  if (checkReport.problems.length) {
    for (const l of problemLines(checkReport.problems, paint, options.width)) yield line(l);
    yield line('');
  }
  if (rows.length === 0 && report.base) {
    yield line(paint('green', '✔ no use case changed; nothing to judge'));
    return;
  }
  if (rows.length === 0) {
    yield `${paint('yellow', 'No use-case manifests found. Create one with: coe new <id> --domain <domain> --title <title>')}\n`;
    return;
  }

  // Findings by file, then line; rows are in file order, so each row's own findings by line.
  const levelColour = { hard: 'red', soft: 'yellow', advisory: 'cyan' } as const;
  const byStage = new Map<string, number>();
  const byTier = new Map<string, number>();
  const domainNames = new Set<string>();
  let withWaivers = false;
  for (const row of rows) {
    const u = terminalSafe(row);
    byStage.set(u.stage, (byStage.get(u.stage) ?? 0) + 1);
    // The tier whose controls apply: the higher of declared and computed.
    const tier = u.tier?.effective ?? u.riskTier;
    byTier.set(tier, (byTier.get(tier) ?? 0) + 1);
    domainNames.add(u.domain);
    withWaivers ||= (u.waivers ?? []).length > 0;
    const findings = [...(u.findings ?? [])]
      .filter((f) => !quiet || (f.outcome === 'fail' && f.level !== 'advisory'))
      .sort((a, b) => a.line - b.line);
    for (const f of findings) {
      const label =
        f.outcome === 'waived' ? paint('dim', 'waived  ') : paint(levelColour[f.level], f.level.padEnd(8));
      yield line(
        wrapped(
          `${paint('bold', `${u.file}:${f.line}:${f.column}`)}  ${label}  ${f.rule}  ${f.message}`,
          '    ',
        ),
      );
      if (f.outcome === 'fail') yield line(paint('dim', wrapped(`    fix: ${f.remediation}`, '         ')));
    }
  }
  if (withWaivers && !quiet) {
    if (lines && !blank) yield line('');
    yield line(paint('bold', 'Waivers'));
    for (const row of rows) {
      if (!row.waivers?.length) continue;
      const u = terminalSafe(row);
      for (const w of u.waivers ?? []) {
        const status = w.status === 'applied' ? paint('green', w.status) : paint('yellow', w.status);
        yield line(
          wrapped(`  ${u.id}  ${w.rule}  ${status} (${w.approver}, expires ${w.expires}): ${w.note}`, '    '),
        );
      }
    }
  }
  if (!quiet && checkReport.duplicates.length) {
    if (lines && !blank) yield line('');
    const bold = (s: string) => paint('bold', s);
    for (const l of duplicatesLines(terminalSafe(checkReport.duplicates), bold))
      yield line(wrapped(l, '    '));
  }
  const asked = approvalsText(approvals, paint, wrapped);
  if (asked.length) {
    if (lines && !blank) yield line('');
    for (const l of asked) yield line(l);
  }
  if (lines && !blank) yield line('');

  const out: string[] = [];
  if (rows.length <= TABLE_LIMIT && !quiet) {
    const safe = terminalSafe(rows);
    const columns: [string, (r: (typeof safe)[number]) => string][] = [
      ['id', (r) => r.id],
      ['stage', (r) => r.stage],
      ['tier', (r) => tierText(r)],
      ['pattern', (r) => r.pattern],
      ['audience', (r) => r.audience],
      ['verdict', (r) => verdictText(r, awaiting)],
    ];
    const tableOf = (cols: typeof columns) =>
      table(
        cols.map(([h]) => h),
        safe.map((r) => cols.map(([, cell]) => cell(r))),
      );
    // On a narrow terminal the columns a reader can best do without go first: audience, pattern.
    let tableLines = tableOf(columns);
    for (const drop of ['audience', 'pattern']) {
      if (!options.width || Math.max(...tableLines.map(visible)) <= options.width) break;
      columns.splice(
        columns.findIndex(([h]) => h === drop),
        1,
      );
      tableLines = tableOf(columns);
    }
    if (options.width && Math.max(...tableLines.map(visible)) > options.width) {
      // Narrower still: one use case per entry, its id and then what the table would say.
      for (const r of safe)
        out.push(
          r.id,
          wrapped(
            `    ${columns
              .slice(1)
              .map(([h, cell]) => `${h} ${cell(r)}`)
              .join(' · ')}`,
            '    ',
          ),
        );
    } else out.push(...tableLines.map((l, i) => (i === 0 ? paint('dim', l) : l)));
    out.push('');
  }
  if (!quiet) {
    out.push(
      wrapped(
        `by stage: ${STAGES.filter((s) => byStage.has(s))
          .map((s) => `${s} ${grouped(byStage.get(s) ?? 0)}`)
          .join(' · ')}`,
        '          ',
      ),
    );
    out.push(
      wrapped(
        `by tier:  ${RISK_TIERS.filter((t) => byTier.has(t))
          .map((t) => `${t} ${grouped(byTier.get(t) ?? 0)}`)
          .join(' · ')} (effective)`,
        '          ',
      ),
    );
    out.push('');
  }

  const domains = domainNames.size;
  const counted = [
    summary.failures && plural(summary.failures, 'failure'),
    summary.advisories && plural(summary.advisories, 'advisory', 'advisories'),
    summary.waived && `${grouped(summary.waived)} waived`,
    checkReport.duplicates.length && plural(checkReport.duplicates.length, 'likely duplicate'),
  ].filter(Boolean);
  const detail = counted.length ? ` (${counted.join(' · ')})` : '';
  if (checkReport.problems.length) {
    // Invalid input fails the check (exit 2) whatever the valid use cases' verdict.
    const verdict = summary.blocked
      ? `${grouped(summary.blocked)} of the ${plural(rows.length, 'use case')} judged ${summary.blocked === 1 ? 'is' : 'are'} blocked${detail}`
      : `the ${plural(rows.length, 'use case')} judged pass${rows.length === 1 ? 'es' : ''} every blocking rule${detail}`;
    out.push(paint(summary.blocked ? 'red' : 'yellow', `${summary.blocked ? '✖' : '·'} ${verdict}`));
    out.push(paint('red', `✖ ${plural(checkReport.problems.length, 'problem')} ${problemsTail}`));
  } else if (!report.policies) {
    out.push(
      paint('green', `✔ ${plural(rows.length, 'use case')} valid across ${plural(domains, 'domain')}`),
    );
    out.push(paint('yellow', 'no policies/ folder: manifests were validated, no policy was evaluated'));
  } else if (summary.blocked) {
    out.push(
      wrapped(
        paint('red', `✖ ${grouped(summary.blocked)} of ${plural(rows.length, 'use case')} blocked${detail}`),
        '  ',
      ),
    );
  } else {
    out.push(
      wrapped(
        paint(
          'green',
          `✔ ${plural(rows.length, 'use case')} across ${plural(domains, 'domain')} pass${rows.length === 1 ? 'es' : ''} every blocking rule${detail}`,
        ),
        '  ',
      ),
    );
  }
  if (report.policies)
    out.push(
      paint(
        'dim',
        `${report.policies.rules} rules from ${report.policies.files.length} policy files, as of ${report.asOf}`,
      ),
    );
  yield `${out.join('\n')}\n`;
}

/** With --base: the roles the change needs, and who is recorded for each (reviews confirm them on the PR). */
function approvalsText(
  approvals: readonly ApprovalsPreview[],
  paint: Paint,
  wrapped: (text: string, indent: string) => string,
): string[] {
  const needing = approvals.filter((u) => u.roles.length || u.unverified.length || u.waivers.length);
  if (!needing.length) return [];
  const out = [
    wrapped(
      paint('bold', "Approvals this change needs (the pull request's reviews must confirm them)"),
      '  ',
    ),
  ];
  for (const u of needing) {
    const move =
      u.to === null ? 'removed (retiring it)' : u.from === u.to ? `at ${u.to}` : `entering ${u.to}`;
    out.push(`  ${u.id}  ${move} (${u.tier} tier)`);
    for (const r of u.roles) {
      const why = r.why ? paint('dim', ` (${r.why})`) : '';
      const role = `    ${r.role}${r.stage && r.stage !== u.to ? ` for ${r.stage}` : ''}${why}`;
      const ask = r.holders.join(' or ') || paint('red', 'nobody may (see the roles registry)');
      out.push(
        r.recorded
          ? `${role}: recorded for ${r.recorded}; ask them to approve the pull request`
          : r.via === 'review'
            ? `${role}: an approving review of the pull request from ${ask}`
            : `${role}: ${paint('yellow', 'not recorded')}; ask ${r.suggested ?? ask} and record it`,
      );
    }
    const snippet = u.toRecord;
    if (snippet) {
      const where =
        snippet.under === 'spec.lifecycle'
          ? `under spec.lifecycle in ${u.file} (it has no approvals: yet)`
          : `at the end of spec.lifecycle.approvals in ${u.file}`;
      const replace = snippet.toReplace.length ? `, replacing ${snippet.toReplace.join(' and ')}` : '';
      // The lines themselves are never wrapped: they are pasted as they are.
      out.push(
        wrapped(`    to record them, add these lines ${where}${replace}:`, '      '),
        ...snippet.lines,
      );
    }
    for (const p of u.unverified)
      out.push(wrapped(`    ${paint('red', `${u.file}:${p.line}`)}  ${p.reason}`, '      '));
    for (const w of u.waivers)
      out.push(
        wrapped(
          `    ${paint('yellow', `${u.file}:${w.line}`)}  waiver of ${w.waiver.rule}: ${w.reason}`,
          '      ',
        ),
      );
  }
  return out;
}

function baseHeader(report: CheckReport, paint: Paint): string[] {
  const b = report.base as NonNullable<CheckReport['base']>;
  const deleted = b.deleted.length ? `, ${grouped(b.deleted.length)} deleted` : '';
  const lines = [
    paint(
      'dim',
      `compared with ${b.ref} (merge base ${b.mergeBase.slice(0, 8)}): ${plural(b.changed.length, 'manifest')} changed${deleted}; judged by the policies at ${b.ref} (${b.policyCommit.slice(0, 8)})`,
    ),
  ];
  if (b.deleted.length) {
    lines.push(
      paint(
        'yellow',
        `deleted: ${b.deleted.join(', ')} (retire use cases instead, so the portfolio keeps them)`,
      ),
    );
  }
  if (b.policiesDiffer) {
    lines.push(
      paint(
        'yellow',
        `policies/ here differ from ${b.ref}'s and were not used; see their effect with: coe impact --base ${b.ref}`,
      ),
    );
  }
  if (b.evaluatedAll)
    lines.push(paint('dim', 'policies changed since the merge base, so every use case was evaluated'));
  lines.push('');
  return lines;
}

/** Problems in files, one line each as file:line:column  path  message, then a summary line. */
export function renderProblems(
  problems: readonly Problem[],
  paint: Paint = plain,
  tail = '; fix them and try again',
  width?: number,
): string {
  const lines = problemLines(problems, paint, width);
  // A tail that starts with punctuation ("; fix them") attaches to the count; words get a space.
  const joined = /^[;,.]/.test(tail) ? tail : ` ${tail}`;
  lines.push('', paint('red', `✖ ${plural(problems.length, 'problem')}${joined}`));
  return `${lines.join('\n')}\n`;
}

function problemLines(problems: readonly Problem[], paint: Paint, width?: number): string[] {
  return terminalSafe(problems).map((p) => {
    const where = paint('bold', `${p.file}:${p.line}:${p.column}`);
    return wrap(
      `${where}  ${p.path ? paint('yellow', p.path) : paint('dim', '(file)')}  ${p.message}`,
      width,
      '    ',
    );
  });
}

function tierText(r: UseCaseReport): string {
  if (!r.tier) return r.riskTier;
  const computed = r.tier.provisional ? `${r.tier.computed} until answered` : r.tier.computed;
  return r.tier.computed === r.tier.declared && !r.tier.provisional
    ? r.tier.declared
    : `${r.tier.declared} (computed ${computed})`;
}

function verdictText(r: UseCaseReport, awaiting: ReadonlySet<string> = new Set()): string {
  const v = verdictOf(r, awaiting);
  return v === 'awaiting' ? 'awaiting approvals' : v === 'pass' && r.counts?.waived ? 'pass (waived)' : v;
}

/** The use cases with a role the change needs that nobody fills (or, locally, is recorded for). */
export function awaitingApprovals(approvals: readonly UseCaseApprovals[]): Set<string> {
  return new Set(approvals.filter((u) => u.roles.some((r) => !r.by && !r.recorded)).map((u) => u.id));
}

/**
 * A use case's verdict in one word. 'awaiting' when nothing blocks it but approvals: findings on
 * spec.lifecycle.approvals, or roles the change still needs (`awaiting`, by id).
 */
export function verdictOf(
  r: UseCaseReport,
  awaiting: ReadonlySet<string>,
): 'valid' | 'blocked' | 'awaiting' | 'pass' {
  if (r.blocked === undefined) return 'valid';
  const blocking = (r.findings ?? []).filter((f) => f.outcome === 'fail' && f.blocking);
  if (blocking.some((f) => !f.path.startsWith('spec.lifecycle.approvals'))) return 'blocked';
  return blocking.length || awaiting.has(r.id) ? 'awaiting' : 'pass';
}

export function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: colour codes take no columns
const COLOUR = /\u001b\[[0-9;]*m/g;

/** The columns a line takes on a terminal: colour codes take none. */
const visible = (s: string) => [...s.replace(COLOUR, '')].length;

/**
 * A whole text report fitted to a terminal of `width` columns: each line too long breaks at spaces,
 * its continuations indented two more than the line. As it is without a width (piped output).
 */
export function fitWidth(text: string, width: number | undefined): string {
  if (!width) return text;
  return text
    .split('\n')
    .map((l) => wrap(l, width, `${/^ */.exec(l)?.[0] ?? ''}  `))
    .join('\n');
}

/**
 * `text` broken at spaces into lines of at most `width` visible columns (colour codes take
 * none), each after the first starting with `indent`; as it is without a width. A word longer
 * than a line (a path, a URL) stays whole on a line of its own.
 */
export function wrap(text: string, width: number | undefined, indent: string): string {
  if (!width || width < 20 || visible(text) <= width) return text;
  const lead = /^ */.exec(text)?.[0] ?? '';
  const lines: string[] = [];
  let current = lead;
  for (const word of text.slice(lead.length).split(' ')) {
    const start = current === lead || current === indent;
    if (!start && visible(current) + 1 + visible(word) > width) {
      lines.push(current);
      current = indent + word;
    } else current += start ? word : ` ${word}`;
  }
  lines.push(current);
  return lines.join('\n');
}
