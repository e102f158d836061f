// The committed bundle is what GitHub runs: it must be exactly what the build makes of the source.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { REPO_ROOT } from '../helpers/repo.ts';
import { BUNDLE, bundle } from '../tools/build-action.ts';

test('dist/index.mjs is the build of the current source (run npm run build and commit it)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'coe-bundle-'));
  try {
    const fresh = join(dir, 'index.mjs');
    await bundle(fresh);
    const committed = readFileSync(join(REPO_ROOT, BUNDLE), 'utf8');
    expect(readFileSync(fresh, 'utf8') === committed, 'dist/index.mjs is stale: run `npm run build`').toBe(
      true,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
