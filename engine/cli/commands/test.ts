import { Command, Option } from 'commander';
import { EXIT } from '../../core/check/report.ts';
import { loadPolicies } from '../../core/policy/load-policies.ts';
import { fullyCovered, runPolicyTests } from '../../core/policy/policy-tests.ts';
import { readPolicySources } from '../../fs/read-policies.ts';
import { readPolicyTests, repoFileReader } from '../../fs/read-policy-tests.ts';
import { renderTestRun } from '../../report/policy-tests.ts';
import { renderProblems } from '../../report/text.ts';
import { type CommandIO, onTerminal, rootOption } from '../command-io.ts';
import { paint } from '../paint.ts';
import { resolveRoot } from '../root.ts';
import { UsageError } from '../usage-error.ts';

export function testCommand(io: CommandIO): Command {
  return new Command('test')
    .summary('run the policy tests and check every rule is covered')
    .description(
      "Run the policy tests in policies/tests/ and each pack's policies/packs/<name>/tests/ (or the files " +
        "named), with every pack's rules loaded whether or not it is switched on: each case builds a manifest, evaluates " +
        "every rule and compares the outcomes it names, and where it says, the rule's level and whether it " +
        'blocks; each RACI case compares the roles entering a stage needs at a tier with what the RACI asks ' +
        'for. On a full run, every rule needs a case where it passes and one where it fails that names its ' +
        'level, and every stage × tier of the RACI needs a case; anything uncovered fails the run. See ' +
        'docs/policies.md.\n\n' +
        'Prints the cases that fail, the coverage and the counts; --verbose prints every case.\n\n' +
        'Exit codes: 0 every case passes (and, on a full run, every rule is covered), 1 a case fails or a rule ' +
        'is not covered, 2 invalid files (a policy, or a test file: an unknown rule, a fixture that is missing ' +
        'or does not load) or usage.',
    )
    .argument(
      '[files...]',
      'test files (default: policies/tests/*.yaml and policies/packs/*/tests/*.yaml, with coverage enforced)',
    )
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--verbose', 'list every case, passing ones too')
    .addOption(rootOption())
    .action((files: string[], opts: { format: 'text' | 'json'; root?: string; verbose?: boolean }) => {
      const root = resolveRoot(opts.root);
      const sources = readPolicySources(root);
      if (!sources) throw new UsageError(`no policies/ folder in ${root}`);
      // Every pack's rules, switched on or not: each pack's tests run with its rules loaded.
      const loaded = loadPolicies(sources, { packs: 'all' });
      if (!loaded.ok) {
        io.out(renderProblems(loaded.problems, paint, '; fix them and run coe test again'));
        io.setExit(EXIT.invalid);
        return;
      }
      const tests = readPolicyTests(root, files);
      if (tests.length === 0)
        throw new UsageError('no policy tests found in policies/tests/ or policies/packs/*/tests/');
      const run = runPolicyTests(tests, loaded.policies, repoFileReader(root));
      // Coverage is a property of the whole suite: a run of chosen files only reports it.
      const enforceCoverage = files.length === 0;
      io.out(
        opts.format === 'json'
          ? `${JSON.stringify(run, null, 2)}\n`
          : onTerminal(renderTestRun(run, enforceCoverage, paint, { verbose: opts.verbose ?? false })),
      );
      const failed = run.cases.some((c) => !c.passed);
      const uncovered = enforceCoverage && !fullyCovered(run.coverage);
      // A case that cannot run is a mistake in its file, invalid input like a file that does not parse.
      const invalid = run.problems.length > 0 || run.cases.some((c) => c.error);
      io.setExit(invalid ? EXIT.invalid : failed || uncovered ? EXIT.blocked : EXIT.ok);
    });
}
