// The approval records a change still needs, as the YAML lines its author pastes into the
// manifest: the comment and `coe check --base` show the same lines, so the loop closes in one pass.
import type { UseCaseApprovals as ApprovalsPreview } from '../../schema/check-report.gen.ts';
import type { UseCaseApprovals } from './gate.ts';

/**
 * Where the lines go (the end of spec.lifecycle.approvals, or with no such key yet spec.lifecycle),
 * the lines, indented as in a manifest laid out like `coe new` writes it (spec: 0, lifecycle: 2),
 * and the values the author must still replace: LOGIN (no holder to name: "@LOGIN", the @ and the
 * quotes kept), PR (no pull request yet). The login is quoted: in YAML a value cannot start with @.
 */
export type RecordSnippet = NonNullable<ApprovalsPreview['toRecord']>;

/**
 * The lines that record each role still missing, once each, naming the suggested holder; null
 * when nothing is left to record. `pr` is null before there is a pull request.
 */
export function recordSnippet(u: UseCaseApprovals, date: string, pr: number | null): RecordSnippet | null {
  const missing = u.roles.filter((r) => r.via === 'record' && !r.by && !r.recorded && r.stage);
  if (!missing.length) return null;
  const toReplace = new Set<RecordSnippet['toReplace'][number]>();
  const items = new Set<string>();
  for (const r of missing) {
    if (!r.suggested) toReplace.add('LOGIN');
    if (pr === null) toReplace.add('PR');
    items.add(
      `      - { stage: ${r.stage}, role: ${r.role}, login: "${r.suggested ?? '@LOGIN'}", date: ${date}, pr: ${pr ?? 'PR'} }`,
    );
  }
  return u.hasApprovals
    ? { under: 'spec.lifecycle.approvals', lines: [...items], toReplace: [...toReplace] }
    : { under: 'spec.lifecycle', lines: ['    approvals:', ...items], toReplace: [...toReplace] };
}
