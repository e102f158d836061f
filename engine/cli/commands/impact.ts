import { Command, Option } from 'commander';
import type { ImpactReport } from '../../core/policy/impact.ts';
import { GitError } from '../../git/git.ts';
import { policyImpact } from '../../git/policy-impact.ts';
import { markdownCode } from '../../report/escape.ts';
import { renderImpactMarkdown, renderImpactText } from '../../report/impact.ts';
import { renderProblems } from '../../report/text.ts';
import { type CommandIO, rootOption } from '../command-io.ts';
import { paint } from '../paint.ts';
import { resolveRoot } from '../root.ts';
import { UsageError } from '../usage-error.ts';
import { parseDate } from './check.ts';

type Format = 'text' | 'json' | 'markdown';

export function impactCommand(io: CommandIO): Command {
  return new Command('impact')
    .summary("show what the working tree's policy changes do to every use case")
    .description(
      'Evaluate every manifest with the policies at <ref> and with the policies in the working tree, and ' +
        'list each rule whose outcome changes (use case, rule, before → after), with totals. This is what a ' +
        'CoE maintainer reviews before a policy change merges.\n\n' +
        'Exit codes: 0 the impact was computed, 2 invalid input (a policy that does not load) or usage.',
    )
    .requiredOption('--base <ref>', 'the policies to compare with (branch, tag or commit)')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['text', 'json', 'markdown'])
        .default('text'),
    )
    .option('--as-of <date>', 'evaluate as on this date, YYYY-MM-DD (default: today)')
    .addOption(rootOption())
    .action(async (opts: { base: string; format: Format; asOf?: string; root?: string }) => {
      const root = resolveRoot(opts.root);
      const today = parseDate(opts.asOf);
      const result = await policyImpact(root, opts.base, today).catch((error: unknown) => {
        throw error instanceof GitError ? new UsageError(error.message) : error;
      });
      if (!result.ok) {
        if (result.stage === 'missing') throw new UsageError(result.message);
        const why =
          result.stage === 'policies'
            ? '; the policies must load before their impact can be shown'
            : '; fix the manifests first (coe check)';
        io.out(renderProblems(result.problems, paint, why));
        io.setExit(2);
        return;
      }
      const { report } = result;
      io.out(render(report, opts.base, opts.format));
      io.setExit(0);
    });
}

function render(r: ImpactReport, ref: string, format: Format): string {
  if (format === 'json') return `${JSON.stringify({ base: ref, ...r }, null, 2)}\n`;
  if (format === 'markdown') return renderImpactMarkdown(r, `Policy impact against ${markdownCode(ref)}`);
  return renderImpactText(r, ref, paint);
}
