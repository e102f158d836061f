// The gate's verdict as markdown: the sticky pull-request comment, the check run summary and the
// job summary are this one text (the comment with its hidden marker first). Every value that is
// not the gate's own words goes through escape.ts (markdownCode, markdownText; plainLine in the
// code block).

import type { RoleStatus, UseCaseApprovals } from '../core/approvals/gate.ts';
import { githubName } from '../core/approvals/identity.ts';
import { recordSnippet } from '../core/approvals/snippet.ts';
import type { GateReport } from '../core/gate/gate-report.ts';
import { duplicatesSection } from './duplicates.ts';
import { markdownCode, markdownText, plainLine } from './escape.ts';
import { renderImpactMarkdown } from './impact.ts';
import {
  findingsSection,
  footer,
  headline,
  judged,
  problemsSection,
  useCasesSection,
  waiversSection,
} from './markdown.ts';
import { awaitingApprovals, plural } from './text.ts';

/** The hidden first line by which the gate finds its own comment again. */
export const COMMENT_MARKER = '<!-- coe-gate:sticky-comment -->';

export function renderGateMarkdown(report: GateReport): string {
  const out: string[] = [];
  const ok = report.conclusion === 'success';
  out.push(`### ${ok ? '✅' : '❌'} CoE Gate: ${markdownText(report.title)}`, '');
  if (report.preview)
    out.push(
      '> [!NOTE]',
      "> A preview from `coe check --base`, not yet verified: approvals recorded in the manifests are taken at their word here. On the pull request each one counts only with that person's approving review of this content.",
      '',
    );
  if (report.error) {
    out.push(
      `The gate could not judge this change, so it fails closed: **${markdownText(report.error)}**`,
      '',
      'Nothing here is a verdict on the use cases. Fix the cause and re-run the job.',
    );
    out.push('', gateFooter(report, null));
    return `${out.join('\n')}\n`;
  }
  const check = report.check;
  if (check) {
    const base = check.base;
    if (base) {
      const changed = base.changed.length + base.deleted.length;
      out.push(
        base.evaluatedAll
          ? `Policies changed, so every use case was judged (${plural(check.useCases.length, 'use case')}).`
          : `${plural(changed, 'manifest')} changed since ${markdownCode(base.mergeBase.slice(0, 7))}; judged by the policies of the base branch (${markdownCode(base.policyCommit.slice(0, 7))}).`,
        '',
      );
      if (base.deleted.length) {
        out.push(
          `Removed: ${base.deleted.map(markdownCode).join(', ')}. A use case that ends is retired (stage \`retired\`, with the date and reason), which keeps it in the portfolio; a removed file leaves only git history.`,
          '',
        );
      }
    }
    out.push(`**${headline(check).replace(/^[^ ]+ CoE Gate: /, '')}**`, '');
    if (check.problems.length) {
      out.push(...problemsSection(check));
      // The valid use cases are judged all the same: one run shows everything to fix.
      if (judged(check))
        out.push(
          '',
          ...useCasesSection(check),
          ...findingsSection(check),
          ...waiversSection(check),
          ...duplicatesSection(check.duplicates),
        );
    } else if (check.useCases.length)
      out.push(
        ...useCasesSection(check, awaitingApprovals(report.approvals?.useCases ?? [])),
        ...findingsSection(check),
        ...waiversSection(check),
        ...duplicatesSection(check.duplicates),
      );
    else out.push('No use case changed.');
  }
  out.push(...approvalsSection(report));
  out.push(...policyChangeSection(report));
  out.push('', gateFooter(report, check ? footer(check) : null));
  return `${out.join('\n')}\n`;
}

function approvalsSection(report: GateReport): string[] {
  const out: string[] = [];
  if (report.approvalsNote) out.push('', '#### Approvals', '', markdownText(report.approvalsNote));
  const a = report.approvals;
  if (!a) return out;
  const needing = a.useCases.filter((u) => u.roles.length || u.unverified.length || u.waivers.length);
  if (!needing.length && !a.changesRequested.length && !a.stale.length) return out;
  if (!report.approvalsNote) out.push('', '#### Approvals', '');
  if (needing.some((u) => u.roles.length)) {
    out.push('| use case | for | role | status | who may approve |', '| --- | --- | --- | --- | --- |');
    for (const u of needing) {
      for (const r of u.roles) {
        const status = r.by
          ? `✅ ${markdownText(r.by)}`
          : r.recorded
            ? `📝 recorded for ${markdownText(r.recorded)}, not yet verified`
            : r.approved && r.suggested
              ? `⏳ ${mention(r.suggested)} approved: record it below`
              : r.via === 'review'
                ? '⏳ an approving review'
                : '⏳ needed';
        const who = r.by || r.recorded ? '—' : r.holders.map(mention).join(', ') || 'nobody may: see below';
        out.push(
          `| ${markdownCode(u.id)} | ${markdownText(purpose(u, r))} (${markdownText(u.tier)} tier) | ${markdownText(r.role)} | ${status} | ${who} |`,
        );
      }
    }
  }
  for (const u of needing) out.push(...toRecord(u, report));
  for (const u of needing) {
    for (const r of u.unverified) {
      out.push(
        '',
        `❌ ${markdownCode(`${u.file}:${r.line}`)}: the approval recorded for ${markdownText(r.approval.role)} (${markdownText(r.approval.login)}) does not count: ${markdownText(r.reason)}.`,
      );
    }
    for (const w of u.waivers) {
      out.push(
        '',
        `❌ ${markdownCode(`${u.file}:${w.line}`)}: the waiver of ${markdownCode(w.waiver.rule)} (${markdownText(w.waiver.approver)}) does not count: ${markdownText(w.reason)}.`,
      );
    }
  }
  for (const c of a.changesRequested) {
    out.push(
      '',
      `❌ ${mention(c.login)} (${markdownText(c.roles.join(', '))}) requested changes: the gate blocks until they approve.`,
    );
  }
  if (a.stale.length) {
    out.push(
      '',
      `ℹ️ ${a.stale.map(mention).join(', ')} approved an earlier commit, and what they approved has changed since; ask them to review again.`,
    );
  }
  if (a.excluded.length && needing.some((u) => u.roles.some((r) => !r.by))) {
    const who = a.excluded.map((e) => `${markdownText(e.login)} (${markdownText(e.why)})`).join('; ');
    out.push('', `Cannot approve this change: ${who}.`);
  }
  return out;
}

/** What a role is asked for: entering a stage, a watched change at it, or removing the manifest. */
function purpose(u: UseCaseApprovals, r: UseCaseApprovals['roles'][number]): string {
  if (u.to === null) return 'removing the manifest (retiring it)';
  if (r.why) return `${r.why} at ${r.stage}`;
  return u.from === null ? `new use case, entering ${r.stage}` : `entering ${r.stage}`;
}

/** The lines the proposer adds, and whom to ask: the approval trail is written in the manifest. */
function toRecord(u: UseCaseApprovals, report: GateReport): string[] {
  const snippet = recordSnippet(u, report.check?.asOf ?? 'YYYY-MM-DD', report.pullRequest);
  if (!snippet) return [];
  const where =
    snippet.under === 'spec.lifecycle'
      ? `add these under \`spec.lifecycle\` in ${markdownCode(u.file)} (it has no \`approvals:\` yet)`
      : `add these at the end of \`spec.lifecycle.approvals\` in ${markdownCode(u.file)} (earlier entries stay as they are)`;
  const replace = snippet.toReplace.length
    ? ` Replace ${snippet.toReplace.map((t) => markdownCode(t)).join(' and ')} with ${snippet.toReplace.map((t) => (t === 'LOGIN' ? 'the login of whoever approves (keep the @ and the quotes)' : "the pull request's number")).join(' and ')}.`
    : '';
  return [
    '',
    `To record the missing approvals for ${markdownCode(u.id)}, ${where}, push, then ask each person named to approve this pull request.${replace} Recording them after the review is fine: an approval stays valid while nothing else in the manifest changes.`,
    '',
    '```yaml',
    // Inside a code block nothing is markup; one line each, with controls shown, is all it takes.
    ...snippet.lines.map(plainLine),
    '```',
  ];
}

function policyChangeSection(report: GateReport): string[] {
  const roles = report.approvals?.policyChange;
  const out: string[] = [];
  if (roles || report.impact || report.impactError) {
    out.push(
      '',
      '#### Policy change',
      '',
      'This pull request changes `policies/`. It was judged by the base branch’s policies; the proposed ones take effect once it merges.',
    );
    out.push(...reviewRoles(roles ?? []));
    if (report.impactError)
      out.push('', `❌ The proposed policies do not load: ${markdownText(report.impactError)}`);
    if (report.impact)
      out.push('', renderImpactMarkdown(report.impact, 'Impact of the proposed policies').trimEnd());
  }
  const engine = report.approvals?.engineChange;
  if (engine) {
    out.push(
      '',
      "#### Change to the gate's own files",
      '',
      `This pull request changes ${engine.paths.map((p) => markdownCode(p)).join(', ')}: what judges pull requests, or how it runs. The gate that judged it is the base branch's; the change needs its own approval.`,
      ...reviewRoles(engine.roles),
    );
  }
  return out;
}

function reviewRoles(roles: readonly RoleStatus[]): string[] {
  return roles.flatMap((r) => [
    '',
    r.by
      ? `✅ Approved for ${markdownText(r.role)} by ${mention(r.by)}.`
      : `⏳ Needs an approving review from a ${markdownText(r.role)}: ${r.holders.map(mention).join(', ') || 'nobody else holds the role'}.`,
  ]);
}

function gateFooter(report: GateReport, checkFooter: string | null): string {
  const parts = [
    report.preview ? 'working tree, not yet verified' : `commit ${markdownCode(report.headSha.slice(0, 7))}`,
  ];
  if (report.detailsUrl) parts.push(`[full report](${report.detailsUrl})`);
  const tail = parts.join(' · ');
  return checkFooter ? checkFooter.replace(/<\/sub>$/, ` · ${tail}</sub>`) : `<sub>${tail}</sub>`;
}

/**
 * A person or team (@login, @org/team-slug) as a mention, which notifies them: the @ written here,
 * the name escaped (markdownText would break the @ of the identity itself).
 */
function mention(id: string): string {
  return `@${markdownText(githubName(id))}`;
}
