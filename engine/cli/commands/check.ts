import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { recordedApprovals } from '../../core/approvals/gate.ts';
import type { TeamDirectory } from '../../core/approvals/roles.ts';
import { recordSnippet } from '../../core/approvals/snippet.ts';
import { readMembership } from '../../core/approvals/team-membership.ts';
import { isCalendarDate } from '../../core/calendar.ts';
import { judge } from '../../core/check/judge.ts';
import { buildReport, type CheckReport } from '../../core/check/report.ts';
import { changedUseCases } from '../../core/gate/changed-use-cases.ts';
import { previewOf } from '../../core/gate/gate-report.ts';
import { loadPolicies } from '../../core/policy/load-policies.ts';
import type { Problem } from '../../core/problem.ts';
import { checkRepository } from '../../fs/check-repository.ts';
import { readPolicySourcesOnce } from '../../fs/read-policies.ts';
import { baseSources } from '../../git/base-sources.ts';
import { GitError } from '../../git/git.ts';
import { renderGateMarkdown } from '../../report/gate-markdown.ts';
import { githubCommands } from '../../report/github.ts';
import { jsonDocument } from '../../report/json.ts';
import { junitChunks } from '../../report/junit.ts';
import { renderMarkdown } from '../../report/markdown.ts';
import { type RuleDescription, renderSarif } from '../../report/sarif.ts';
import { textChunks } from '../../report/text.ts';
import { type CommandIO, rootOption, writeChunks, writeChunksToFile } from '../command-io.ts';
import { paint } from '../paint.ts';
import { withFilesProgress } from '../progress.ts';
import { resolveRoot } from '../root.ts';
import { UsageError } from '../usage-error.ts';

export const FORMATS = ['text', 'json', 'markdown', 'sarif', 'junit', 'github'] as const;
type Format = (typeof FORMATS)[number];

interface CheckOptions {
  format: Format;
  output?: string;
  quiet?: boolean;
  root?: string;
  asOf?: string;
  base?: string;
  all?: boolean;
  teams?: string;
}

export function checkCommand(io: CommandIO): Command {
  return new Command('check')
    .summary('validate the manifests and evaluate the policies, exactly as CI does')
    .description(
      'Validate use-case manifests (YAML, the manifest schema, ids and file locations), then evaluate ' +
        'every rule in policies/ on each valid one. Problems in files (a rule whose own condition fails as it ' +
        'runs included) are listed as file:line:column  path  message; policy findings as ' +
        'file:line:column  level  rule  message, with the fix. Every problem comes in one run, and an invalid ' +
        'manifest hides no finding of the valid ones (the exit is 2 all the same). Likely duplicate use cases ' +
        '(the same title, or a very similar title and goal, in one domain or two) are advisories naming both ' +
        'files; they never change the exit code.\n\n' +
        'With --base REF, judge a change as the pull-request gate does: only the manifests changed since ' +
        'the merge base of REF and HEAD (all of them when policies changed), each compared with its base ' +
        'version, by the policies as they are at REF (never the working tree), and list the approvals the ' +
        "change needs from REF's RACI (the pull request's reviews confirm them; locally they never change the exit code), " +
        'with the lines to paste into each manifest that records them. Likely duplicates are then those with ' +
        'a changed use case in them, compared with every other. With --format markdown, the comment ' +
        'the gate will post, marked as a preview whose approvals are not yet verified.\n\n' +
        'Exit codes: 0 all valid and no rule blocks, 1 a rule blocks, 2 invalid input or usage.',
    )
    .argument('[paths...]', 'manifest files or folders under usecases/ (default: all of usecases/)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to this file instead of stdout (replaced once complete)')
    .option(
      '-q, --quiet',
      'failures only: no advisory or waived finding, table or counts (text and github formats)',
    )
    .option(
      '--all',
      'judge every manifest under usecases/, whatever paths are given (the daily compliance run: docs/compliance.md)',
    )
    .option('--base <ref>', 'judge the change since <ref> (branch, tag or commit) with the policies at <ref>')
    .option(
      '--teams <file>',
      "who is in the GitHub teams the roles name: the daily compliance run's membership file (docs/action.md#teams)",
    )
    .option(
      '--as-of <date>',
      'evaluate as on this date, YYYY-MM-DD (default: today); waivers expire against it',
    )
    .addOption(rootOption())
    .addHelpText(
      'after',
      '\nExamples:\n  coe check\n  coe check usecases/claims\n  coe check --all --as-of 2026-12-31   # everything, as time alone will leave it\n  coe check --base origin/main\n  coe check --base origin/main --format markdown   # the pull-request comment, before there is one\n  coe check --format json > report.json\n  coe check --format sarif --output coe.sarif   # for GitHub code scanning\n  coe check --format github   # annotations, when a workflow runs the CLI itself\n  coe check --format junit --output coe-junit.xml   # for Jenkins, GitLab and other CI test reports',
    )
    .action(async (paths: string[], opts: CheckOptions) => {
      if (opts.quiet && opts.format !== 'text' && opts.format !== 'github')
        throw new UsageError(`--quiet goes with --format text or github; ${opts.format} is always complete`);
      const { report, rules } = await runCheck(paths, opts);
      const chunks = render(report, opts.format, { quiet: opts.quiet ?? false, rules });
      if (opts.output !== undefined) await writeChunksToFile(opts.output, chunks);
      else await writeChunks(io, chunks);
      io.setExit(report.exitCode);
    });
}

async function runCheck(
  paths: string[],
  opts: CheckOptions,
): Promise<{ report: CheckReport; rules: readonly RuleDescription[] }> {
  const root = resolveRoot(opts.root);
  const asOf = parseDate(opts.asOf);
  const teams = opts.teams === undefined ? undefined : readTeams(opts.teams);
  if (opts.all) {
    if (opts.base !== undefined)
      throw new UsageError('--all judges every manifest as it is, --base judges a change: give one of them');
    paths = [];
  }
  if (opts.base === undefined) {
    return withFilesProgress('coe check', (onProgress) =>
      checkRepository(root, {
        paths,
        cwd: process.cwd(),
        asOf,
        ...(teams ? { teams } : {}),
        ...(onProgress ? { onProgress } : {}),
      }),
    );
  }
  // The working tree's policies, read once and loaded while git works (baseSources starts every
  // command of its first round before it returns): the policies at REF are judged by, and when
  // they are these same bytes, as they are unless the change edits them, this load is theirs.
  const working = { sources: readPolicySourcesOnce(root) };
  const pending = baseSources(root, opts.base, paths, undefined, working).catch((error: unknown) => {
    throw error instanceof GitError ? new UsageError(error.message) : error;
  });
  const preloaded = working.sources && loadPolicies(working.sources);
  const base = await pending;
  const out = judge({
    ...base,
    ...(preloaded && !base.info.policiesDiffer ? { loadedPolicies: preloaded } : {}),
    today: asOf,
    ...(teams ? { teams } : {}),
  });
  const report = buildReport(out, asOf, base.info);
  // What the pull request's reviewers will be asked for, from the base branch's RACI (the
  // policies at REF, as judge loaded them).
  const policies = out.policySet;
  if (policies && report.problems.length === 0) {
    report.approvals = recordedApprovals(
      changedUseCases(report, base.manifests, base.baseOf, policies),
      policies,
    ).map((u) => ({ ...u, toRecord: recordSnippet(u, asOf, null) }));
  }
  return { report, rules: out.rules };
}

/** The report in the format asked for, in pieces to write as they are made (text and JSON). */
export function render(
  report: CheckReport,
  format: Format,
  options: { quiet?: boolean; rules?: readonly RuleDescription[] } = {},
): Iterable<string> {
  if (format === 'json') return jsonDocument(report);
  // With --base, the comment as the gate will post it (its approvals not yet verified).
  if (format === 'markdown')
    return [report.base ? renderGateMarkdown(previewOf(report)) : renderMarkdown(report)];
  if (format === 'sarif') return [renderSarif(report, options.rules)];
  if (format === 'junit') return junitChunks(report, options.rules);
  if (format === 'github') return githubCommands(report, options);
  // On a terminal, prose wraps at its width; piped or redirected, lines stay whole.
  return textChunks(report, paint, {
    ...options,
    width: process.stdout.isTTY ? process.stdout.columns : undefined,
  });
}

/** --teams FILE: a file that cannot be read or is not a membership file is a usage error naming it. */
function readTeams(file: string): TeamDirectory {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new UsageError(
      `--teams ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
    );
  }
  const read = readMembership(file, bytes);
  if (read.ok) return read.teams;
  const [first] = read.problems as [Problem];
  throw new UsageError(
    `${first.file}:${first.line}:${first.column}: ${first.path ? `${first.path}: ` : ''}${first.message}`,
  );
}

/** --as-of, or today in UTC. */
export function parseDate(value: string | undefined): string {
  return value === undefined ? new Date().toISOString().slice(0, 10) : parseDay(value, '--as-of');
}

/** A date option's value: YYYY-MM-DD naming a day that exists, or a usage error that says which. */
export function parseDay(value: string, what: string): string {
  if (isCalendarDate(value)) return value;
  throw new UsageError(
    /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? `${what} ${value}: there is no such day; write a date that exists, e.g. 2026-03-31`
      : `${what} ${value}: write the date as YYYY-MM-DD, e.g. 2026-03-31`,
  );
}
