import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { USECASES_DIR } from '../core/manifest/conventions.ts';

/** The nearest folder at or above `from` that holds usecases/ or policies/, or undefined. */
export function findRoot(from: string): string | undefined {
  let dir = resolve(from);
  for (;;) {
    for (const marker of [USECASES_DIR, 'policies']) {
      const p = join(dir, marker);
      if (existsSync(p) && statSync(p).isDirectory()) return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
