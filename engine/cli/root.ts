import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { findRoot } from '../fs/find-root.ts';
import { UsageError } from './usage-error.ts';

/** The repository root a command works in: --root, else the nearest folder with usecases/ or policies/. */
export function resolveRoot(option: string | undefined): string {
  if (option !== undefined) {
    const root = resolve(option);
    if (!existsSync(root)) throw new UsageError(`--root ${option}: no such folder`);
    return root;
  }
  const found = findRoot(process.cwd());
  if (!found) {
    throw new UsageError(
      'no usecases/ or policies/ folder here or above: run coe inside your CoE repository, or pass --root <dir>',
    );
  }
  return found;
}
