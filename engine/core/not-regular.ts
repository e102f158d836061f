// Only regular files are read under usecases/ and policies/. A symbolic link can point out of the
// repository, or at another folder of it so that its manifests are read under other names and a
// change to them goes unjudged; a submodule's files are not in this repository at all. Each is
// refused by name, in git trees and in the working tree alike, and never followed.

import { type Problem, problem } from './problem.ts';
import type { SourceFile } from './source.ts';

export type NotRegular = 'symlink' | 'submodule' | 'nested-repository' | 'special';

const WHAT: Record<NotRegular, string> = {
  symlink: 'a symbolic link',
  submodule: 'a submodule',
  'nested-repository': 'a git repository inside this one',
  special: 'not a regular file',
};

/** `detail`: where the link points, or the git mode. */
export function notRegularMessage(kind: NotRegular, detail?: string): string {
  return `is ${WHAT[kind]}${detail ? ` (${detail})` : ''}; only regular files are read under usecases/ and policies/, and links are never followed: commit the file itself here`;
}

export function notRegularProblem(file: string, kind: NotRegular, detail?: string): Problem {
  return problem(file, 'file-not-regular', notRegularMessage(kind, detail));
}

/** What a SourceFile's read() throws for a path that is not a regular file, instead of reading it. */
export class NotRegularFileError extends Error {
  override name = 'NotRegularFileError';
  readonly kind: NotRegular;
  constructor(kind: NotRegular, detail?: string) {
    super(notRegularMessage(kind, detail));
    this.kind = kind;
  }
}

/** A path the gate refuses to read, repository-relative. */
export interface Refusal {
  path: string;
  kind: NotRegular;
  /** Where a link points, or the git mode. */
  detail?: string;
}

/** A source for a refused path: reading it throws, so every loader reports it by name. */
export function refusedSource(r: Refusal): SourceFile & { refused: Refusal } {
  return {
    file: r.path,
    refused: r,
    read: () => {
      throw new NotRegularFileError(r.kind, r.detail);
    },
  };
}

/** The problems of the refused sources among `sources` (found without reading any). */
export function refusals(sources: readonly SourceFile[] | undefined): Problem[] {
  return (sources ?? []).flatMap((s) => {
    const r = (s as { refused?: Refusal }).refused;
    return r ? [notRegularProblem(r.path, r.kind, r.detail)] : [];
  });
}

/** A source's bytes; undefined, with a problem naming it, when it is refused rather than read. */
export function readSource(source: SourceFile, problems: Problem[]): Uint8Array | undefined {
  try {
    return source.read();
  } catch (error) {
    if (!(error instanceof NotRegularFileError)) throw error;
    problems.push(problem(source.file, 'file-not-regular', error.message));
    return undefined;
  }
}
