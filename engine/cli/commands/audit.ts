import { Command, Option } from 'commander';
import { type AuditReport, AuditTrail } from '../../core/audit/trail.ts';
import { EXIT } from '../../core/check/report.ts';
import { grouped } from '../../core/words.ts';
import { GitError } from '../../git/git.ts';
import { readHistory } from '../../git/history.ts';
import { renderAuditCsv } from '../../report/audit-csv.ts';
import { renderAuditJson } from '../../report/audit-json.ts';
import { renderAuditText } from '../../report/audit-text.ts';
import { type CommandIO, onTerminal, rootOption } from '../command-io.ts';
import { paint } from '../paint.ts';
import { progressLine } from '../progress.ts';
import { resolveRoot } from '../root.ts';
import { UsageError } from '../usage-error.ts';
import { type AuditVerifyOptions, auditVerify, VERIFY_EXAMPLES, VERIFY_HELP } from './audit-verify.ts';
import { parseDate, parseDay } from './check.ts';

export const AUDIT_FORMATS = ['text', 'json', 'csv'] as const;
type Format = (typeof AUDIT_FORMATS)[number];

/** The options of `coe audit`; one more (e.g. --verify) is one more field and one more .option(). */
export interface AuditOptions {
  format: Format;
  ref: string;
  since?: string;
  asOf?: string;
  root?: string;
  verify?: boolean;
  repo?: string;
  apiUrl?: string;
  apiTimeout?: string;
}

export function auditCommand(io: CommandIO): Command {
  return new Command('audit')
    .summary('every change to each use case from git history, with what an auditor must see')
    .description(
      'Read the history of usecases/ and policies/ once (the first-parent line of --ref) and list, per use ' +
        'case, every change: commit, date, author, pull request (from merge and squash commit subjects), stage ' +
        'and effective tier before → after, approvals and waivers added, and the policy commit in force. Follows ' +
        'renames and moves between domains (a use case is known by metadata.id).\n\n' +
        'Flags: stage-change-without-approvals (as the RACI stood at that commit), record-edited-after-merge, ' +
        'no-pull-request, manifest-deleted, waiver-expired-in-stage (at later commits and, as of --as-of, now). ' +
        'docs/audit.md says what to do about each.\n\n' +
        'Exit codes: 0 no flag, 1 a flag was raised, 2 invalid input or usage (an unknown id, a bad date or ref).\n\n' +
        VERIFY_HELP,
    )
    .argument('[ids...]', 'use-case ids (metadata.id) to audit (default: every use case in the history)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(AUDIT_FORMATS).default('text'))
    .option('--since <date>', 'list only changes on or after this date, YYYY-MM-DD')
    .option('--ref <ref>', 'the branch, tag or commit whose history is read', 'HEAD')
    .option(
      '--as-of <date>',
      'judge the current state (expired waivers) as on this date, YYYY-MM-DD (default: today)',
    )
    .option('--verify', 'check each approval and waiver record against the reviews of its pull request')
    .option(
      '--repo <owner/name>',
      'with --verify: the GitHub repository (default: GITHUB_REPOSITORY, else origin)',
    )
    .option(
      '--api-url <url>',
      'with --verify: the REST API (default: GITHUB_API_URL, else https://api.github.com)',
    )
    .option(
      '--api-timeout <seconds>',
      'with --verify: seconds a request may take before it is retried (default 20)',
    )
    .addOption(rootOption())
    .addHelpText(
      'after',
      '\nExamples:\n  coe audit\n  coe audit fnol-triage-assistant --since 2026-01-01\n' +
        '  coe audit --ref origin/main --format csv > audit.csv\n  coe audit --format json > audit.json' +
        VERIFY_EXAMPLES.replace(/^\nExamples:/, ''),
    )
    .action(async (ids: string[], opts: AuditOptions) => {
      if (opts.verify) {
        await auditVerify(verifyOptions(ids, opts), io);
        return;
      }
      const verifyOnly = (['repo', 'apiUrl', 'apiTimeout'] as const).find((k) => opts[k] !== undefined);
      if (verifyOnly)
        throw new UsageError(
          `--${verifyOnly.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} goes with --verify`,
        );
      const report = await runAudit(ids, opts);
      for (const piece of renderAudit(report, opts.format))
        io.out(opts.format === 'text' ? onTerminal(piece) : piece);
      const flagged = Object.values(report.summary.flags).some((n) => n > 0);
      io.setExit(flagged ? EXIT.blocked : EXIT.ok);
    });
}

/** --verify reads the records at one commit, every use case: the history's filters do not apply. */
function verifyOptions(ids: string[], opts: AuditOptions): AuditVerifyOptions {
  if (ids.length || opts.since !== undefined)
    throw new UsageError('coe audit --verify checks every record at --ref: leave out the ids and --since');
  if (opts.format === 'csv') throw new UsageError('coe audit --verify: --format is text or json');
  const { format, repo, apiUrl, apiTimeout, ref, root } = opts;
  return { format, repo, apiUrl, apiTimeout, ref, root };
}

export async function runAudit(ids: string[], opts: AuditOptions): Promise<AuditReport> {
  const root = resolveRoot(opts.root);
  const asOf = parseDate(opts.asOf);
  const since = opts.since === undefined ? undefined : parseDay(opts.since, '--since');
  const trail = new AuditTrail({ since, ids });
  // A long history shows how far it got, on a terminal only; the line is cleared once done.
  const line = progressLine();
  const progress = line && ((n: number) => line.show(`coe audit: ${grouped(n)} commits read`));
  await readHistory(root, opts.ref, trail, progress ? { onProgress: progress } : {})
    .catch((error: unknown) => {
      throw error instanceof GitError ? new UsageError(error.message) : error;
    })
    .finally(() => line?.clear());
  const unknown = ids.filter((id) => !trail.has(id));
  if (unknown.length)
    throw new UsageError(
      `no use case ${unknown.join(', ')} in the history of ${opts.ref} (ids are metadata.id)`,
    );
  return trail.report(opts.ref, asOf);
}

export function renderAudit(report: AuditReport, format: Format): Iterable<string> {
  if (format === 'json') return renderAuditJson(report);
  if (format === 'csv') return renderAuditCsv(report);
  return renderAuditText(report, paint);
}
