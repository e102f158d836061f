// How far a long command got, on a terminal only: one line on stderr, rewritten in place and
// cleared once the work is done, so that nothing of it reaches a pipe, a file or a CI log.
import { grouped } from '../core/words.ts';

export interface ProgressLine {
  /** Shows `text` in place of the line shown before. */
  show(text: string): void;
  /** Clears the line, if one was shown. */
  clear(): void;
}

/** Portfolios and histories smaller than this are done before a line would be read. */
export const PROGRESS_FROM = 1000;

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

/** "coe check: 2,000 of 10,000 manifests", for a loop that counts files (counted.ts). */
export function filesProgress(
  line: ProgressLine | undefined,
  command: string,
): ((done: number, total: number) => void) | undefined {
  if (!line) return undefined;
  return (done, total) => {
    if (total >= PROGRESS_FROM) line.show(`${command}: ${grouped(done)} of ${grouped(total)} manifests`);
  };
}
