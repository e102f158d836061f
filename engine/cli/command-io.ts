import { Option } from 'commander';

/** What a command may do to the outside world: print, and set the exit code. */
export interface CommandIO {
  out: (s: string) => void;
  /**
   * Resolves once stdout has taken what out() was given (a pipe read more slowly than a report is
   * made), so a long report waits for its reader instead of piling up in memory.
   */
  drained?: () => Promise<void>;
  setExit: (code: number) => void;
}

/** --root, the same on every command. */
export function rootOption(): Option {
  return new Option(
    '--root <dir>',
    'repository root (default: the nearest folder at or above the current one with usecases/ or policies/)',
  );
}
