// coe init refuses what would make it write somewhere else or write a bad CODEOWNERS, writing
// nothing. (test/cli/package.test.ts runs it from the installed package on a new folder.)
import { readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { coe, makeRepo } from '../helpers/repo.ts';

describe('coe init', () => {
  it('never writes through a linked folder, and writes nothing at all then', () => {
    const outside = makeRepo();
    const root = makeRepo();
    symlinkSync(join(outside, 'usecases'), join(root, 'policies'));
    const r = coe(['init', '.'], { cwd: root });
    expect(r.stderr).toMatch(/^coe: policies is a symbolic link \(to .+\); .+\n$/);
    expect(r.status).toBe(2);
    expect(readdirSync(join(outside, 'usecases'))).toEqual([]);
    expect(readdirSync(root).sort()).toEqual(['policies', 'usecases']);
  });

  it('refuses an owner that is not a GitHub user or team', () => {
    const root = makeRepo();
    const r = coe(['init', 'new-coe', '--owner', 'acme team'], { cwd: root });
    expect(r.stderr).toBe('coe: --owner "acme team" must be a GitHub user (@login) or team (@org/team)\n');
    expect(r.status).toBe(2);
    expect(readdirSync(root)).toEqual(['usecases']);
  });
});
