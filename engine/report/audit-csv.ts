// `coe audit --format csv`: one row per change (and one per use case whose current state is
// flagged), for a spreadsheet. RFC 4180: a header row, CRLF line ends, a field with a comma, a
// quote or a line break quoted, quotes doubled. A cell a spreadsheet would run as a formula
// (starting with =, +, -, @, a tab or a carriage return) is prefixed with an apostrophe.
import type { AuditChange, AuditReport, AuditUseCase } from '../core/audit/trail.ts';
import { approvalText, waiverText } from './audit-text.ts';

export const AUDIT_CSV_COLUMNS = [
  'id',
  'domain',
  'date',
  'commit',
  'sha',
  'author',
  'pull_request',
  'change',
  'file',
  'previous_file',
  'stage_before',
  'stage_after',
  'tier_before',
  'tier_after',
  'approvals_added',
  'waivers_added',
  'records_changed',
  'policy_commit',
  'flags',
  'flag_messages',
] as const;

type Row = Record<(typeof AUDIT_CSV_COLUMNS)[number], string | number | null>;

/** In pieces, one use case at a time. */
export function* renderAuditCsv(report: AuditReport): Generator<string> {
  yield `${AUDIT_CSV_COLUMNS.map(csvCell).join(',')}\r\n`;
  for (const u of report.useCases) {
    const lines = u.changes.map((c) => line(changeRow(u, c)));
    if (u.flags.length) lines.push(line(currentRow(u, report.asOf)));
    yield lines.map((l) => `${l}\r\n`).join('');
  }
}

function line(row: Row): string {
  return AUDIT_CSV_COLUMNS.map((k) => csvCell(row[k])).join(',');
}

function changeRow(u: AuditUseCase, c: AuditChange): Row {
  return {
    id: u.id,
    domain: u.domain,
    date: c.date,
    commit: c.commit,
    sha: c.sha,
    author: c.author,
    pull_request: c.pullRequest,
    change: c.change,
    file: c.file,
    previous_file: c.previousFile,
    stage_before: c.stage.before,
    stage_after: c.stage.after,
    tier_before: c.tier.before,
    tier_after: c.tier.after,
    approvals_added: c.approvalsAdded.map(approvalText).join('; '),
    waivers_added: c.waiversAdded.map(waiverText).join('; '),
    records_changed: c.recordsChanged.map((r) => `${r.kind} ${r.change}`).join('; '),
    policy_commit: c.policyCommit,
    flags: c.flags.map((f) => f.code).join('; '),
    flag_messages: c.flags.map((f) => f.message).join('; '),
  };
}

/** The current state's flags, on a row of their own dated as of the report. */
function currentRow(u: AuditUseCase, asOf: string): Row {
  return {
    id: u.id,
    domain: u.domain,
    date: asOf,
    commit: null,
    sha: null,
    author: null,
    pull_request: null,
    change: 'current-state',
    file: u.file,
    previous_file: null,
    stage_before: u.stage,
    stage_after: u.stage,
    tier_before: u.tier,
    tier_after: u.tier,
    approvals_added: null,
    waivers_added: null,
    records_changed: null,
    policy_commit: null,
    flags: u.flags.map((f) => f.code).join('; '),
    flag_messages: u.flags.map((f) => f.message).join('; '),
  };
}

/** One field: guarded against formulas, then quoted when RFC 4180 needs it. */
export function csvCell(value: string | number | null): string {
  let s = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
