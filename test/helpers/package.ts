// The npm package as an adopter gets it: `npm pack` of this checkout, and the tarball unpacked where
// `npm install` puts a dependency (node_modules/coe-gate), with the bin link npm makes.
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import pkg from '../../package.json' with { type: 'json' };
import { REPO_ROOT } from './repo.ts';

export interface PackResult {
  filename: string;
  unpackedSize: number;
  files: { path: string }[];
}

/**
 * `npm pack` of this checkout into the folder `dest`; returns npm's account of the tarball.
 * `build: false` skips npm's lifecycle scripts, so prepack does not rebuild the CLI bundle: every
 * other file is packed exactly as published (the `files` of package.json, README and LICENSE), for a
 * test that needs those only (the schemas, the policies). It takes a second instead of the bundle's
 * build, and writes nothing into the checkout, so it cannot race another test that builds dist/cli/.
 */
export function packPackage(dest: string, { build = true }: { build?: boolean } = {}): PackResult {
  const json = execFileSync(
    'npm',
    ['pack', '--pack-destination', dest, '--json', '--silent', ...(build ? [] : ['--ignore-scripts'])],
    { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return (JSON.parse(json) as PackResult[])[0] as PackResult;
}

/** Unpacks a tarball into `project` as npm installs it; returns the package's folder there. */
export function installPackage(tarball: string, project: string): string {
  const installed = join(project, 'node_modules', 'coe-gate');
  mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1']);
  mkdirSync(join(project, 'node_modules', '.bin'), { recursive: true });
  symlinkSync(join('..', 'coe-gate', pkg.bin.coe), join(project, 'node_modules', '.bin', 'coe'));
  return installed;
}
