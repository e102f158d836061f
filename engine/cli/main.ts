// The `coe` command line: parses arguments, runs one command, maps every outcome to an exit code.
import { once } from 'node:events';
import { Command, CommanderError } from 'commander';
import pkg from '../../package.json' with { type: 'json' };
import { EXIT } from '../core/check/report.ts';
import { terminalLine } from '../report/escape.ts';
import type { CommandIO } from './command-io.ts';
import { UsageError } from './usage-error.ts';

/**
 * Every command, loaded only when the command line names it (or asks for the list of them in
 * help): `coe --version` reads and runs none of their code, `coe check` only check's. In the
 * package, each is a chunk of its own (scripts/build-cli.ts).
 */
const COMMANDS: Record<string, () => Promise<(io: CommandIO) => Command>> = {
  check: async () => (await import('./commands/check.ts')).checkCommand,
  init: async () => (await import('./commands/init.ts')).initCommand,
  new: async () => (await import('./commands/new.ts')).newCommand,
  test: async () => (await import('./commands/test.ts')).testCommand,
  explain: async () => (await import('./commands/explain.ts')).explainCommand,
  impact: async () => (await import('./commands/impact.ts')).impactCommand,
  audit: async () => (await import('./commands/audit.ts')).auditCommand,
  portfolio: async () => (await import('./commands/portfolio.ts')).portfolioCommand,
  coverage: async () => (await import('./commands/coverage.ts')).coverageCommand,
  import: async () => (await import('./commands/import.ts')).importCommand,
  export: async () => (await import('./commands/export.ts')).exportCommand,
};

/**
 * The commands argv names, or all of them when it asks for the help that lists them (no command,
 * `help` alone, or -h before any command): a command's own help and `coe help <command>` need
 * only that one.
 */
function commandsWanted(argv: readonly string[]): Set<string> {
  const isCommand = (arg: string) => Object.hasOwn(COMMANDS, arg);
  const first = argv.findIndex(isCommand);
  const listing =
    first < 0
      ? argv.length === 0 || argv.some((arg) => arg === '-h' || arg === '--help' || arg === 'help')
      : argv.slice(0, first).some((arg) => arg === '-h' || arg === '--help');
  return new Set(listing ? Object.keys(COMMANDS) : argv.filter(isCommand));
}

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
      `\nExit codes: 0 all policies hold, 1 a policy blocks, 2 invalid input or usage.\nDocs: ${pkg.homepage} (its README and docs/).`,
    );
  const wanted = commandsWanted(argv);
  const defined = await Promise.all(
    Object.entries(COMMANDS).map(async ([name, load]) =>
      // A command not loaded is there by name, for commander's "did you mean" on a typo.
      wanted.has(name) ? (await load())(io) : new Command(name),
    ),
  );
  for (const command of defined) program.addCommand(command);
  // Every command, and the subcommands of import and export (import omb), exits through here.
  const override = (c: Command): void => {
    c.exitOverride().configureOutput({ writeErr: (s) => process.stderr.write(s) });
    for (const sub of c.commands) override(sub);
  };
  for (const c of program.commands) override(c);
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
