// `coe audit` for people at a terminal: per use case, every change with its commit, date, author,
// pull request, stage and tier before → after, the records it added, edited or removed, the
// policy commit in force, and its flags. Every string from a manifest or git is made a terminal
// line first (terminalSafe): a commit message or a login cannot move the cursor or recolour.

import type { Approval } from '../core/approvals/records.ts';
import type { AuditChange, AuditReport, RecordChange, Waiver } from '../core/audit/trail.ts';
import { plural } from '../core/words.ts';
import { terminalSafe } from './escape.ts';
import type { Paint } from './text.ts';

const plain: Paint = (_style, text) => text;
const NONE = '—';

/** In pieces, one use case at a time. */
export function* renderAuditText(report: AuditReport, paint: Paint = plain): Generator<string> {
  for (const unsafe of report.useCases) {
    const u = terminalSafe(unsafe);
    const out: string[] = [];
    const now = u.removed ? 'manifest deleted' : `now ${u.stage ?? NONE}, tier ${u.tier ?? NONE}`;
    out.push(`${paint('bold', u.id)}  ${u.domain || NONE}  ${u.file}  (${now})`);
    for (const c of u.changes) out.push(...changeLines(c, paint));
    if (u.flags.length) {
      out.push(`  ${terminalSafe(report.asOf)}  ${paint('dim', 'current state')}`);
      for (const f of u.flags) out.push(`      ${paint('red', `! ${f.code}`)}: ${f.message}`);
    }
    out.push('');
    yield `${out.join('\n')}\n`;
  }
  yield `${summaryLine(terminalSafe(report.summary), paint)}\n`;
}

function changeLines(c: AuditChange, paint: Paint): string[] {
  const pr = c.pullRequest === null ? 'no PR' : `#${c.pullRequest}`;
  const what = c.previousFile ? `${c.change} from ${c.previousFile}` : c.change;
  const lines = [
    `  ${c.date}  ${paint('cyan', c.commit)}  ${pr}  ${c.author}  ${what}` +
      `  stage ${c.stage.before ?? NONE} → ${c.stage.after ?? NONE}` +
      `  tier ${c.tier.before ?? NONE} → ${c.tier.after ?? NONE}` +
      `  policies ${c.policyCommit ?? 'none'}`,
  ];
  for (const a of c.approvalsAdded) lines.push(`      + approval ${approvalText(a)}`);
  for (const w of c.waiversAdded) lines.push(`      + waiver ${waiverText(w)}`);
  for (const r of c.recordsChanged) lines.push(`      ${recordChangeText(r)}`);
  for (const f of c.flags) lines.push(`      ${paint('red', `! ${f.code}`)}: ${f.message}`);
  return lines;
}

export function approvalText(a: Approval): string {
  return `${a.stage} ${a.role} ${a.login} (#${a.pr}, ${a.date})`;
}

export function waiverText(w: Waiver): string {
  return `${w.rule} at ${w.stage} by ${w.approver}, expires ${w.expires} (#${w.pr}, ${w.granted})`;
}

function recordChangeText(r: RecordChange): string {
  const show = (x: Approval | Waiver) =>
    r.kind === 'approval' ? approvalText(x as Approval) : waiverText(x as Waiver);
  return r.after
    ? `~ ${r.kind} edited: ${show(r.before)} → ${show(r.after)}`
    : `- ${r.kind} removed: ${show(r.before)}`;
}

function summaryLine(summary: AuditReport['summary'], paint: Paint): string {
  const counts = Object.entries(summary.flags).filter(([, n]) => n > 0);
  const total = counts.reduce((s, [, n]) => s + n, 0);
  const head = `${plural(summary.useCases, 'use case')}, ${plural(summary.changes, 'change')}`;
  if (total === 0) return `${head}; ${paint('green', 'no flags')}`;
  return `${head}; ${paint('red', plural(total, 'flag'))} (${counts.map(([c, n]) => `${c} ${n}`).join(', ')})`;
}
