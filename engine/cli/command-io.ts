import { Option } from 'commander';

/** What a command may do to the outside world: print, and set the exit code. */
export interface CommandIO {
  out: (s: string) => void;
  setExit: (code: number) => void;
}

/** --root, the same on every command. */
export function rootOption(): Option {
  return new Option(
    '--root <dir>',
    'repository root (default: the nearest folder at or above the current one with usecases/ or policies/)',
  );
}
