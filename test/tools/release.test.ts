// scripts/release.ts on a clone of this repository: a real git history, the real npm version and
// build. It must bump both products' version, write the changelog, rebuild the bundle, commit and
// tag, move the major tag, and refuse what would make a bad release.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitAll, git } from '../helpers/git.ts';
import { REPO_ROOT, tempDir } from '../helpers/repo.ts';

/** A clone of the current HEAD, with this repository's node_modules, as a maintainer has it. */
function clone(): string {
  const dir = join(tempDir('coe-release-'), 'coe-gate');
  execFileSync('git', ['clone', '--quiet', '--no-hardlinks', REPO_ROOT, dir]);
  git(dir, 'checkout', '-q', '-B', 'main');
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'));
  git(dir, 'config', 'user.name', 'Release Bot');
  git(dir, 'config', 'user.email', 'release@example.com');
  return dir;
}

function release(dir: string, ...args: string[]) {
  return spawnSync(process.execPath, ['scripts/release.ts', ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
}

const versionOf = (dir: string) =>
  (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;

describe('scripts/release.ts', () => {
  it('bumps, writes the changelog, rebuilds the bundle, commits, tags and moves the major tag', () => {
    const dir = clone();
    const [major, minor] = versionOf(dir).split('.').map(Number) as [number, number];
    const next = `${major}.${minor + 1}.0`;
    const first = release(dir, 'minor');
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain(`released v${next}`);
    expect(first.stdout).toContain(
      `publish: git push origin main v${next} && git push --force origin v${major}`,
    );
    expect(versionOf(dir)).toBe(next);
    const lock = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8'));
    expect([lock.version, lock.packages[''].version]).toEqual([next, next]);
    // The bundle GitHub runs carries the version it reports.
    expect(readFileSync(join(dir, 'dist/index.mjs'), 'utf8')).toContain(`version: "${next}"`);
    expect(git(dir, 'status', '--porcelain')).toBe('');
    expect(git(dir, 'log', '-1', '--format=%s').trim()).toBe(`Release v${next}`);
    const head = git(dir, 'rev-parse', 'HEAD').trim();
    expect(git(dir, 'rev-parse', `v${next}^{commit}`).trim()).toBe(head);
    expect(git(dir, 'rev-parse', `v${major}^{commit}`).trim()).toBe(head);
    const changelog = readFileSync(join(dir, 'CHANGELOG.md'), 'utf8');
    expect(changelog).toMatch(new RegExp(`^# Changelog\\n\\n## v${next} \\(\\d{4}-\\d{2}-\\d{2}\\)\\n\\n- `));

    // The next release lists only what came after the last one, above it.
    writeFileSync(
      join(dir, 'docs/releasing.md'),
      `${readFileSync(join(dir, 'docs/releasing.md'), 'utf8')}\nA note.\n`,
    );
    commitAll(dir, 'Document a note');
    const second = release(dir, 'patch');
    expect(second.status, second.stderr).toBe(0);
    const patch = `${major}.${minor + 1}.1`;
    expect(second.stdout).toContain(`released v${patch} (1 commit since v${next})`);
    const again = readFileSync(join(dir, 'CHANGELOG.md'), 'utf8');
    expect(again).toMatch(
      new RegExp(`^# Changelog\\n\\n## v${patch} \\([\\d-]+\\)\\n\\n- Document a note\\n\\n## v${next} `),
    );
    expect(git(dir, 'rev-parse', `v${major}^{commit}`).trim()).toBe(git(dir, 'rev-parse', 'HEAD').trim());
  });

  it('refuses a dirty tree, another branch and a version it cannot read, changing nothing', () => {
    const dir = clone();
    const version = versionOf(dir);
    writeFileSync(join(dir, 'README.md'), 'edited\n');
    expect(release(dir, 'minor')).toMatchObject({
      status: 2,
      stderr: 'release: the working tree has changes: commit or stash them first\n',
    });
    git(dir, 'checkout', '-q', '--', 'README.md');
    expect(release(dir, 'sideways')).toMatchObject({
      status: 2,
      stderr: 'release: give patch, minor, major or a version X.Y.Z, e.g. node scripts/release.ts minor\n',
    });
    git(dir, 'checkout', '-q', '-b', 'topic');
    expect(release(dir, 'minor')).toMatchObject({ status: 2, stderr: 'release: release from main\n' });
    expect(versionOf(dir)).toBe(version);
    expect(git(dir, 'tag', '--list')).toBe('');
  });
});
