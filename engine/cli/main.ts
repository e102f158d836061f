// The `coe` command line: parses arguments, runs one command, maps every outcome to an exit code.
import { once } from 'node:events';
import { Command, CommanderError } from 'commander';
import pkg from '../../package.json' with { type: 'json' };
import { EXIT } from '../core/check/report.ts';
import { terminalLine } from '../report/escape.ts';
import { auditCommand } from './commands/audit.ts';
import { checkCommand } from './commands/check.ts';
import { explainCommand } from './commands/explain.ts';
import { impactCommand } from './commands/impact.ts';
import { initCommand } from './commands/init.ts';
import { newCommand } from './commands/new.ts';
import { portfolioCommand } from './commands/portfolio.ts';
import { testCommand } from './commands/test.ts';
import { UsageError } from './usage-error.ts';

export async function main(argv: readonly string[]): Promise<number> {
  let exit: number = EXIT.ok;
  const io = {
    out: (s: string) => process.stdout.write(s),
    drained: async () => {
      if (process.stdout.writableNeedDrain) await once(process.stdout, 'drain');
    },
    setExit: (code: number) => {
      exit = code;
    },
  };
  const program = new Command('coe')
    .description(
      'CoE Gate: AI use cases as reviewed YAML manifests, judged by policies-as-data.\n' +
        'The same engine runs locally and as the GitHub Action on every pull request.',
    )
    .version(pkg.version, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .addHelpText(
      'after',
      '\nExit codes: 0 all policies hold, 1 a policy blocks, 2 invalid input or usage.\nDocs: README.md and docs/ in this repository.',
    );
  program.addCommand(checkCommand(io));
  program.addCommand(initCommand(io));
  program.addCommand(newCommand(io));
  program.addCommand(testCommand(io));
  program.addCommand(explainCommand(io));
  program.addCommand(impactCommand(io));
  program.addCommand(auditCommand(io));
  program.addCommand(portfolioCommand(io));
  for (const c of program.commands)
    c.exitOverride().configureOutput({ writeErr: (s) => process.stderr.write(s) });
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT.invalid;
    }
    await program.parseAsync(argv, { from: 'user' });
    return exit;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.invalid; // commander printed it
    if (error instanceof UsageError) {
      process.stderr.write(`coe: ${terminalLine(error.message)}\n`);
      return EXIT.invalid;
    }
    // An engine fault: fail closed, say what broke, keep the stack for whoever asks for it.
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`coe: internal error: ${terminalLine(message)}\n`);
    if (process.env.COE_DEBUG) process.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
    else process.stderr.write('coe: set COE_DEBUG=1 to see the stack trace, and report it\n');
    return EXIT.invalid;
  }
}
