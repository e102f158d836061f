import { styleText } from 'node:util';
import { Command, Option } from 'commander';
import { checkManifests } from '../../core/check/check-manifests.ts';
import { buildReport, type CheckReport } from '../../core/check/report.ts';
import { readSources } from '../../fs/read-sources.ts';
import { renderMarkdown } from '../../report/markdown.ts';
import { renderText } from '../../report/text.ts';
import { resolveRoot } from '../root.ts';

export const FORMATS = ['text', 'json', 'markdown'] as const;
type Format = (typeof FORMATS)[number];

export function checkCommand(io: { out: (s: string) => void; setExit: (code: number) => void }): Command {
  return new Command('check')
    .summary('validate use-case manifests exactly as CI does')
    .description(
      'Validate use-case manifests exactly as the CI gate does: YAML, the manifest schema, ids and file locations.\n' +
        'Every problem in every file is listed as file:line:column  path  message.\n\n' +
        'Exit codes: 0 all valid, 1 a policy blocks, 2 invalid input or usage.',
    )
    .argument('[paths...]', 'manifest files or folders under usecases/ (default: all of usecases/)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('text'))
    .option(
      '--root <dir>',
      'repository root (default: the nearest folder at or above the current one with usecases/)',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  coe check\n  coe check usecases/claims\n  coe check --format json > report.json',
    )
    .action((paths: string[], opts: { format: Format; root?: string }) => {
      const root = resolveRoot(opts.root);
      const sources = readSources(root, paths);
      const report = buildReport(checkManifests(sources.sources, { inputProblems: sources.problems }));
      io.out(render(report, opts.format));
      io.setExit(report.exitCode);
    });
}

export function render(report: CheckReport, format: Format): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  if (format === 'markdown') return renderMarkdown(report);
  return renderText(report, (style, text) => styleText(style, text, { stream: process.stdout }));
}
