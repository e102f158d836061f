import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Option } from 'commander';
import { fitWidth } from '../report/text.ts';
import { UsageError } from './usage-error.ts';

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

/**
 * Writes a report given in pieces (engine/report/json.ts, text.ts) in writes of about 64 KB,
 * waiting for stdout to take each: the whole text of a large report is never held at once.
 */
export async function writeChunks(io: CommandIO, chunks: Iterable<string>): Promise<void> {
  let pending = '';
  for (const chunk of chunks) {
    pending += chunk;
    if (pending.length >= 65_536) {
      io.out(pending);
      pending = '';
      await io.drained?.();
    }
  }
  if (pending) io.out(pending);
}

/**
 * Writes a report given in pieces to `file` (--output) instead of stdout: into a temporary file
 * beside it, renamed over it once complete, so a reader never sees half a report and a failed run
 * leaves what was there before.
 */
export async function writeChunksToFile(file: string, chunks: Iterable<string>): Promise<void> {
  const partial = join(dirname(file), `.${basename(file)}.${process.pid}.partial`);
  const cannot = (error: unknown) =>
    new UsageError(`--output ${file}: cannot write there (${(error as { code?: string }).code ?? error})`);
  let fd: number;
  try {
    fd = openSync(partial, 'wx');
  } catch (error) {
    throw cannot(error);
  }
  try {
    try {
      await writeChunks({ out: (s) => void writeSync(fd, s), setExit: () => {} }, chunks);
    } finally {
      closeSync(fd);
    }
    renameSync(partial, file);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error instanceof Error && 'code' in error ? cannot(error) : error;
  }
}

/** A text report as the terminal shows it: fitted to its width there, whole when piped. */
export function onTerminal(text: string): string {
  return fitWidth(text, process.stdout.isTTY ? process.stdout.columns : undefined);
}
