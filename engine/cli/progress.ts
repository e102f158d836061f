// How far a long command got, on a terminal only: one line on stderr, rewritten in place and
// cleared once the work is done, so that nothing of it reaches a pipe, a file or a CI log.
import { grouped } from '../core/words.ts';

export interface ProgressLine {
  /** Shows `text` in place of the line shown before. */
  show(text: string): void;
  /** Clears the line, if one was shown. */
  clear(): void;
}

/** Portfolios smaller than this are judged before a line could be read. */
const PROGRESS_FROM = 1000;

/** The line on stderr when it is a terminal; undefined otherwise. */
export function progressLine(stream: NodeJS.WriteStream = process.stderr): ProgressLine | undefined {
  if (!stream.isTTY) return undefined;
  let shown = false;
  return {
    show(text) {
      shown = true;
      stream.write(`\r${text}\u001b[K`);
    },
    clear() {
      if (shown) stream.write('\r\u001b[K');
      shown = false;
    },
  };
}

/**
 * Runs `work` with a count to report as it judges manifests one by one (counted.ts): on a terminal,
 * "coe check: 2,000 of 10,000 manifests" from PROGRESS_FROM manifests on, the line cleared once
 * `work` is done or has failed (a promise: once it settles); undefined elsewhere, when nothing is
 * shown.
 */
export function withFilesProgress<T>(
  command: string,
  work: (onProgress: ((done: number, total: number) => void) | undefined) => T,
): T {
  const line = progressLine();
  if (!line) return work(undefined);
  let result: T;
  try {
    result = work((done, total) => {
      if (total >= PROGRESS_FROM) line.show(`${command}: ${grouped(done)} of ${grouped(total)} manifests`);
    });
  } catch (error) {
    line.clear();
    throw error;
  }
  if (result instanceof Promise) return result.finally(() => line.clear()) as T;
  line.clear();
  return result;
}
