import { Command, Option } from 'commander';
import { loadPolicies } from '../../core/policy/load-policies.ts';
import { runPolicyTests, type TestRun } from '../../core/policy/policy-tests.ts';
import { readPolicySources } from '../../fs/read-policies.ts';
import { readPolicyTests, repoFileReader } from '../../fs/read-policy-tests.ts';
import { plural, renderProblems } from '../../report/text.ts';
import { type CommandIO, rootOption } from '../command-io.ts';
import { paint } from '../paint.ts';
import { resolveRoot } from '../root.ts';
import { UsageError } from '../usage-error.ts';

export function testCommand(io: CommandIO): Command {
  return new Command('test')
    .summary('run the policy tests and check every rule is covered')
    .description(
      'Run the policy tests in policies/tests/ (or the files named): each case builds a manifest, evaluates ' +
        'every rule and compares the outcomes it names. On a full run, every rule needs a case where it ' +
        'passes and one where it fails; a rule without both fails the run. See docs/policies.md.\n\n' +
        'Exit codes: 0 every case passes (and, on a full run, every rule is covered), 1 otherwise, ' +
        '2 invalid files or usage.',
    )
    .argument('[files...]', 'test files (default: policies/tests/*.yaml, with coverage enforced)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(rootOption())
    .action((files: string[], opts: { format: 'text' | 'json'; root?: string }) => {
      const root = resolveRoot(opts.root);
      const sources = readPolicySources(root);
      if (!sources) throw new UsageError(`no policies/ folder in ${root}`);
      const loaded = loadPolicies(sources);
      if (!loaded.ok) {
        io.out(renderProblems(loaded.problems, paint, '; fix them and run coe test again'));
        io.setExit(2);
        return;
      }
      const tests = readPolicyTests(root, files);
      if (tests.length === 0) throw new UsageError('no policy tests found in policies/tests/');
      const run = runPolicyTests(tests, loaded.policies, repoFileReader(root));
      // Coverage is a property of the whole suite: a run of chosen files only reports it.
      const enforceCoverage = files.length === 0;
      io.out(opts.format === 'json' ? `${JSON.stringify(run, null, 2)}\n` : renderRun(run, enforceCoverage));
      const failed = run.cases.some((c) => !c.passed);
      const uncovered = enforceCoverage && run.coverage.covered < run.coverage.rules;
      io.setExit(run.problems.length ? 2 : failed || uncovered ? 1 : 0);
    });
}

function renderRun(run: TestRun, enforceCoverage: boolean): string {
  if (run.problems.length) return renderProblems(run.problems, paint, '; fix them and run coe test again');
  const out: string[] = [];
  let file = '';
  for (const c of run.cases) {
    if (c.file !== file) {
      file = c.file;
      out.push(paint('bold', file));
    }
    if (c.passed) {
      out.push(`  ${paint('green', '✔')} ${c.name}`);
      continue;
    }
    out.push(`  ${paint('red', '✖')} ${c.name}  ${paint('dim', `(${c.file}:${c.line})`)}`);
    if (c.error) out.push(`      ${c.error}`);
    for (const m of c.mismatches) {
      out.push(
        `      ${m.rule}: expected ${m.expected}, got ${m.actual}${m.message ? ` — ${m.message}` : ''}`,
      );
    }
  }
  const { coverage } = run;
  const pct = coverage.rules ? Math.round((100 * coverage.covered) / coverage.rules) : 100;
  const note = enforceCoverage ? '' : ' (enforced only when every test file runs)';
  out.push('');
  out.push(
    `coverage: ${coverage.covered} of ${plural(coverage.rules, 'rule')} have a passing and a failing case (${pct}%)${note}`,
  );
  const gaps = [...new Set([...coverage.missingPass, ...coverage.missingFail])].map((rule) => {
    const lacks = [
      coverage.missingPass.includes(rule) && 'passing',
      coverage.missingFail.includes(rule) && 'failing',
    ];
    return `${rule} (no ${lacks.filter(Boolean).join(' or ')} case)`;
  });
  if (gaps.length && enforceCoverage) out.push(paint('yellow', `  not covered: ${gaps.join(', ')}`));
  const failed = run.cases.filter((c) => !c.passed).length;
  const passed = run.cases.length - failed;
  const ok = failed === 0 && (gaps.length === 0 || !enforceCoverage);
  out.push(paint(ok ? 'green' : 'red', `${passed} passed, ${failed} failed`));
  return `${out.join('\n')}\n`;
}
