// What the pull-request gate decided, as data: the same check report `coe check --base` gives,
// plus the approvals, the impact of proposed policies, and the verdict. Every way the Action
// reports (check run, annotations, comment, job summary, the fork artifact) is rendered from it.

import type { GateReport } from '../../schema/gate-report.gen.ts';
import type { GateApprovals } from '../approvals/gate.ts';
import type { CheckReport } from '../check/report.ts';
import type { ImpactReport } from '../policy/impact.ts';
import { DUPLICATE_RULE, duplicateNote } from '../portfolio/duplicates.ts';
import { plural } from '../words.ts';

export const GATE_REPORT_FORMAT = 'coe-gate/gate-report@1' satisfies GateReport['format'];

/** What the gate decided about one event: the type generated from engine/schema/gate-report.schema.json. */
export type { GateReport };

export type GateEventName = GateReport['event'];

export interface GateParts {
  repository: string;
  event: GateEventName;
  pullRequest: number | null;
  headSha: string;
  baseSha: string;
  check: CheckReport | null;
  approvals: GateApprovals | null;
  approvalsNote?: string | null;
  impact?: ImpactReport | null;
  impactError?: string | null;
  error?: string | null;
  refusal?: string | null;
  detailsUrl?: string | null;
  preview?: true;
}

/** The verdict: fail closed on any error, invalid file, blocking rule or missing approval. */
export function decide(parts: GateParts): GateReport {
  const reasons: string[] = [];
  const { check, approvals } = parts;
  if (parts.error) reasons.push(`the gate could not judge this change: ${parts.error}`);
  if (parts.refusal) reasons.push(parts.refusal);
  if (check) {
    const s = check.summary;
    if (s.problems)
      reasons.push(`${plural(s.problems, 'problem')} in ${plural(s.filesWithProblems, 'file')}`);
    if (s.blocked) reasons.push(`${plural(s.failures, 'blocking rule')} fail${s.failures === 1 ? 's' : ''}`);
  } else if (!parts.error) reasons.push('no check report');
  if (approvals) {
    const count = (of: (u: GateApprovals['useCases'][number]) => number) =>
      approvals.useCases.reduce((n, u) => n + of(u), 0);
    const missing = count((u) => u.roles.filter((r) => !r.by && !r.recorded).length);
    // Only before there is a pull request: records that reviews must still confirm.
    const recorded = count((u) => u.roles.filter((r) => !r.by && r.recorded).length);
    const unverified = count((u) => u.unverified.length);
    const waivers = count((u) => u.waivers.length);
    if (missing) reasons.push(`${plural(missing, 'required approval')} missing`);
    if (recorded)
      reasons.push(
        `${plural(recorded, 'recorded approval')} to be confirmed by ${recorded === 1 ? 'its' : 'their'} reviewer's approving review`,
      );
    if (unverified) reasons.push(`${plural(unverified, 'recorded approval')} not backed by a review`);
    if (waivers) reasons.push(`${plural(waivers, 'waiver')} not backed by a review`);
    if (approvals.changesRequested.length)
      reasons.push(`changes requested by ${approvals.changesRequested.map((c) => c.login).join(', ')}`);
    if (approvals.policyChange?.some((r) => !r.by)) reasons.push('the policy change needs its approval');
    if (approvals.engineChange?.roles.some((r) => !r.by))
      reasons.push("the change to the gate's own files needs its approval");
  }
  if (parts.impactError) reasons.push(`the proposed policies do not load: ${parts.impactError}`);
  const conclusion = reasons.length ? 'failure' : 'success';
  const changed = check?.useCases.length ?? 0;
  const title =
    conclusion === 'failure'
      ? `Blocked: ${reasons.join('; ')}`
      : changed === 0
        ? 'Ready to merge: no use case changed'
        : `Ready to merge: ${plural(changed, 'use case')} pass${changed === 1 ? 'es' : ''} every rule and approval`;
  return {
    format: GATE_REPORT_FORMAT,
    repository: parts.repository,
    event: parts.event,
    pullRequest: parts.pullRequest,
    headSha: parts.headSha,
    baseSha: parts.baseSha,
    conclusion,
    title,
    reasons,
    check,
    approvals,
    approvalsNote: parts.approvalsNote ?? null,
    impact: parts.impact ?? null,
    impactError: parts.impactError ?? null,
    error: parts.error ?? null,
    refusal: parts.refusal ?? null,
    detailsUrl: parts.detailsUrl ?? null,
    ...(parts.preview ? { preview: true as const } : {}),
  };
}

export type AnnotationLevel = 'failure' | 'warning' | 'notice';

export interface Annotation {
  path: string;
  line: number;
  column: number;
  level: AnnotationLevel;
  title: string;
  message: string;
}

const LEVEL_ORDER: Record<AnnotationLevel, number> = { failure: 0, warning: 1, notice: 2 };

/** Every line-level finding, errors first, then by file and line. */
export function annotations(report: GateReport): Annotation[] {
  const out: Annotation[] = [];
  for (const p of report.check?.problems ?? []) {
    out.push({
      path: p.file,
      line: p.line,
      column: p.column,
      level: 'failure',
      title: p.code,
      message: p.message,
    });
  }
  for (const u of report.check?.useCases ?? []) {
    for (const f of u.findings ?? []) {
      const level: AnnotationLevel =
        f.outcome === 'waived'
          ? 'notice'
          : f.blocking
            ? 'failure'
            : f.level === 'advisory'
              ? 'notice'
              : 'warning';
      const fix = f.outcome === 'fail' && f.remediation ? `\nFix: ${f.remediation}` : '';
      const waived = f.outcome === 'waived' ? ' (waived)' : '';
      out.push({
        path: u.file,
        line: f.line,
        column: f.column,
        level,
        title: `${f.rule} (${f.level})${waived}`,
        message: `${f.message}${fix}`,
      });
    }
  }
  // A likely duplicate: a notice on each of the two files, naming the other.
  for (const pair of report.check?.duplicates ?? []) {
    for (const side of [0, 1] as const) {
      out.push({
        path: pair.files[side],
        line: 1,
        column: 1,
        level: 'notice',
        title: `${DUPLICATE_RULE} (advisory)`,
        message: duplicateNote(pair, side),
      });
    }
  }
  for (const u of report.approvals?.useCases ?? []) {
    for (const r of u.unverified) {
      out.push({
        path: r.file,
        line: r.line,
        column: 1,
        level: 'failure',
        title: 'approval not verified',
        message: `The approval recorded for ${r.approval.role} (${r.approval.login}) does not count: ${r.reason}.`,
      });
    }
    for (const w of u.waivers) {
      out.push({
        path: w.file,
        line: w.line,
        column: 1,
        level: 'failure',
        title: 'waiver not verified',
        message: `The waiver of ${w.waiver.rule} (${w.waiver.approver}) does not count: ${w.reason}.`,
      });
    }
  }
  return out.sort(
    (a, b) =>
      LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] ||
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
      a.line - b.line,
  );
}

/**
 * What the gate would post for the change `coe check --base` judged, before there is a pull
 * request: its check, and the approvals as the manifests record them (not yet verified).
 */
export function previewOf(check: CheckReport): GateReport {
  const useCases = check.approvals ?? [];
  return decide({
    repository: '',
    event: 'pull_request',
    pullRequest: null,
    headSha: '',
    baseSha: check.base?.mergeBase ?? '',
    check,
    approvals: {
      useCases,
      changesRequested: [],
      stale: [],
      policyChange: null,
      engineChange: null,
      excluded: [],
      blocked: useCases.some((u) => u.unverified.length || u.waivers.length || u.roles.some((r) => !r.by)),
    },
    preview: true,
  });
}
