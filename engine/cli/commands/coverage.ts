import { Command, Option } from 'commander';
import { EXIT } from '../../core/check/report.ts';
import { computeCoverage, everyItemCovered } from '../../core/policy/coverage.ts';
import { loadPolicies } from '../../core/policy/load-policies.ts';
import { suggest } from '../../core/schema/validator.ts';
import { readPolicySources } from '../../fs/read-policies.ts';
import { type CoverageFormat, renderCoverage } from '../../report/coverage.ts';
import { renderProblems } from '../../report/text.ts';
import { type CommandIO, onTerminal, rootOption } from '../command-io.ts';
import { paint } from '../paint.ts';
import { resolveRoot } from '../root.ts';
import { UsageError } from '../usage-error.ts';

interface CoverageOptions {
  framework?: string;
  format: CoverageFormat;
  root?: string;
}

export function coverageCommand(io: CommandIO): Command {
  return new Command('coverage')
    .summary("show how each pack's framework items are covered: by a rule, a field or the organisation")
    .description(
      'For each policy pack (policies/packs/<name>/pack.yaml), or the one --framework names, switched on ' +
        'or not: every item of its framework (an article paragraph, a subcategory, a practice) with what ' +
        'covers it: the rules whose references name it, else the manifest fields that record it, else ' +
        '"organisation-level" with the reason the pack gives. Then the totals per status. An item with ' +
        'none of these has no entry, and fails the command. See docs/crosswalk.md.\n\n' +
        'Exit codes: 0 every item has an entry, 1 an item has no entry, 2 invalid input (a policy that ' +
        'does not load, an unknown framework) or usage.',
    )
    .option('--framework <name>', 'only this pack (e.g. eu-ai-act, nist-ai-rmf, us-omb)')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['text', 'json', 'markdown'])
        .default('text'),
    )
    .addOption(rootOption())
    .action((opts: CoverageOptions) => {
      const root = resolveRoot(opts.root);
      const sources = readPolicySources(root);
      if (!sources) throw new UsageError(`no policies/ folder in ${root}`);
      // Every pack's rules, switched on or not: coverage is a property of what the packs hold.
      const loaded = loadPolicies(sources, { packs: 'all' });
      if (!loaded.ok) {
        io.out(renderProblems(loaded.problems, paint, '; fix them and run coe coverage again'));
        io.setExit(EXIT.invalid);
        return;
      }
      const names = loaded.policies.packs.map((p) => p.name);
      if (opts.framework !== undefined && !names.includes(opts.framework)) {
        const hint = suggest(opts.framework, names);
        throw new UsageError(
          `no pack "${opts.framework}" under policies/packs/${hint ? `; did you mean "${hint}"?` : names.length ? `; the packs are ${names.join(', ')}` : ''}`,
        );
      }
      const report = computeCoverage(loaded.policies, opts.framework);
      const rendered = renderCoverage(report, opts.format, paint);
      io.out(opts.format === 'text' ? onTerminal(rendered) : rendered);
      io.setExit(everyItemCovered(report) ? EXIT.ok : EXIT.blocked);
    });
}
