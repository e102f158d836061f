// The schema is the one source of truth: the TypeScript types and the docs' field reference are
// generated from it, and must be regenerated whenever it changes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatedFiles } from '../../scripts/generate.ts';
import { REPO_ROOT } from '../helpers/repo.ts';

describe('files generated from the schemas in engine/schema/', () => {
  it('are up to date (run npm run generate after editing the schema)', async () => {
    process.chdir(REPO_ROOT);
    const files = await generatedFiles();
    expect(Object.keys(files).sort()).toEqual([
      'docs/manifest.md',
      'engine/schema/audit-verify.gen.ts',
      'engine/schema/audit.gen.ts',
      'engine/schema/check-report.gen.ts',
      'engine/schema/gate-report.gen.ts',
      'engine/schema/policy-test.gen.ts',
      'engine/schema/policy.gen.ts',
      'engine/schema/portfolio.gen.ts',
      'engine/schema/registries.gen.ts',
      'engine/schema/team-membership.gen.ts',
      'engine/schema/usecase.gen.ts',
    ]);
    for (const [path, content] of Object.entries(files)) {
      expect(readFileSync(join(REPO_ROOT, path), 'utf8'), `${path} is stale`).toBe(content);
    }
  });

  it('document every field of the schema', () => {
    const doc = readFileSync(join(REPO_ROOT, 'docs/manifest.md'), 'utf8');
    for (const field of [
      'spec.data.sources[].classification',
      'spec.tools[].approvalStep',
      'spec.lifecycle.waivers[].expires',
      'spec.operations.incident.rollback.prompt',
    ]) {
      expect(doc).toContain(`| \`${field}\` |`);
    }
  });
});
