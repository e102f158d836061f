import { Command, Option } from 'commander';
import { EXIT } from '../../core/check/report.ts';
import { GitError } from '../../git/git.ts';
import { policyImpact } from '../../git/policy-impact.ts';
import { type ImpactFormat, renderImpact } from '../../report/impact.ts';
import { renderProblems } from '../../report/text.ts';
import { type CommandIO, rootOption } from '../command-io.ts';
import { paint } from '../paint.ts';
import { withFilesProgress } from '../progress.ts';
import { resolveRoot } from '../root.ts';
import { UsageError } from '../usage-error.ts';
import { parseDate } from './check.ts';

interface ImpactOptions {
  base: string;
  format: ImpactFormat;
  asOf?: string;
  root?: string;
  verbose?: boolean;
}

export function impactCommand(io: CommandIO): Command {
  return new Command('impact')
    .summary("show what the working tree's policy changes do to every use case")
    .description(
      'Evaluate every manifest with the policies at <ref> and with the policies in the working tree. ' +
        'Prints one line for each rule added, removed or changed, with how many use cases pass it, do not ' +
        'apply to it and fail it (new rule X (hard): passes 20, not applicable 1, fails 0); then each ' +
        'verdict that changes between failing and not failing, or the level it fails at (use case, rule, ' +
        'before → after, why); then the totals and the use cases newly blocked or no longer blocked. ' +
        '--verbose lists every verdict that changes, pass → not applicable and absent → pass too. This ' +
        'is what a CoE maintainer reviews before a policy change merges.\n\n' +
        'Exit codes: 0 the impact was computed, 2 invalid input (a policy that does not load) or usage.',
    )
    .requiredOption('--base <ref>', 'the policies to compare with (branch, tag or commit)')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['text', 'json', 'markdown'])
        .default('text'),
    )
    .option('--verbose', 'list every verdict that changes, not only those between failing and not failing')
    .option('--as-of <date>', 'evaluate as on this date, YYYY-MM-DD (default: today)')
    .addOption(rootOption())
    .action(async (opts: ImpactOptions) => {
      const root = resolveRoot(opts.root);
      const today = parseDate(opts.asOf);
      const result = await withFilesProgress('coe impact', (onProgress) =>
        policyImpact(root, opts.base, today, undefined, onProgress),
      ).catch((error: unknown) => {
        throw error instanceof GitError ? new UsageError(error.message) : error;
      });
      if (!result.ok) {
        if (result.stage === 'missing') throw new UsageError(result.message);
        const why =
          result.stage === 'policies'
            ? '; the policies must load before their impact can be shown'
            : '; fix the manifests first (coe check)';
        io.out(renderProblems(result.problems, paint, why));
        io.setExit(EXIT.invalid);
        return;
      }
      const { report } = result;
      io.out(renderImpact(report, opts.base, opts.format, paint, { verbose: opts.verbose ?? false }));
      io.setExit(EXIT.ok);
    });
}
