// The committed bundle is what GitHub runs: it must be exactly what the build makes of the source.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { BUNDLE, bundle, LICENSES } from '../../scripts/build-action.ts';
import { REPO_ROOT } from '../helpers/repo.ts';

test('dist/index.mjs is the build of the current source (run npm run build and commit it)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'coe-bundle-'));
  try {
    const fresh = join(dir, 'index.mjs');
    await bundle(fresh);
    const committed = readFileSync(join(REPO_ROOT, BUNDLE), 'utf8');
    expect(readFileSync(fresh, 'utf8') === committed, 'dist/index.mjs is stale: run `npm run build`').toBe(
      true,
    );
    // The licence notices of what it bundles, beside it, as the packages' licences require.
    const notices = readFileSync(join(dir, LICENSES), 'utf8');
    expect(notices).toBe(readFileSync(join(REPO_ROOT, 'dist', LICENSES), 'utf8'));
    for (const name of ['@actions/core', '@octokit/core', 'ajv', 'js-yaml', 'undici'])
      expect(notices).toMatch(new RegExp(`^${name}@\\d+\\.\\d+\\.\\d+\\nLicense: MIT\\n\\n\\S`, 'm'));
    expect(committed.split('\n', 2)[1]).toMatch(/^\/\*! coe-gate v\d+\.\d+\.\d+ \| MIT \*\/$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
