// Cuts a release of both products (docs/releasing.md):
//
//   node scripts/release.ts patch|minor|major|X.Y.Z
//
// On a clean main: sets the version in package.json and package-lock.json (npm version), puts the
// commits since the last release at the top of CHANGELOG.md, rebuilds the Action's bundle (which
// carries the version), commits "Release vX.Y.Z", tags it vX.Y.Z and moves the major tag vX to it.
// It pushes nothing: it prints the push that publishes (.github/workflows/release.yml runs on the tag).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const BUMPS = ['patch', 'minor', 'major'] as const;

function run(command: string, args: string[]): string {
  return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
}

function fail(message: string): never {
  process.stderr.write(`release: ${message}\n`);
  process.exit(2);
}

const wanted = process.argv[2] ?? '';
if (!(BUMPS as readonly string[]).includes(wanted) && !/^\d+\.\d+\.\d+$/.test(wanted))
  fail('give patch, minor, major or a version X.Y.Z, e.g. node scripts/release.ts minor');
if (run('git', ['rev-parse', '--abbrev-ref', 'HEAD']) !== 'main') fail('release from main');
if (run('git', ['status', '--porcelain'])) fail('the working tree has changes: commit or stash them first');

const previous = run('git', ['tag', '--list', 'v*.*.*', '--sort=-v:refname']).split('\n')[0] || null;
run('npm', ['version', wanted, '--no-git-tag-version']);
const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
const tag = `v${version}`;
if (run('git', ['tag', '--list', tag])) fail(`${tag} exists already`);

// The changelog: one line per commit on main since the last release, newest first.
const range = previous ? [`${previous}..HEAD`] : ['HEAD'];
const subjects = run('git', ['log', '--first-parent', '--format=%s', ...range])
  .split('\n')
  .filter(Boolean);
const today = new Date().toISOString().slice(0, 10);
const section = `## ${tag} (${today})\n\n${subjects.map((s) => `- ${s}`).join('\n')}\n`;
const heading = '# Changelog\n';
const before = existsSync('CHANGELOG.md') ? readFileSync('CHANGELOG.md', 'utf8').replace(heading, '') : '';
writeFileSync('CHANGELOG.md', `${heading}\n${section}${before ? `\n${before.trimStart()}` : ''}`);

// The Action runs the committed bundle, which carries the version: rebuild it.
run('npm', ['run', '--silent', 'build']);
run('git', ['add', 'package.json', 'package-lock.json', 'CHANGELOG.md', 'dist/']);
run('git', ['commit', '--quiet', '-m', `Release ${tag}`]);
run('git', ['tag', '--annotate', tag, '-m', `coe-gate ${tag}`]);
const major = `v${version.split('.')[0]}`;
run('git', ['tag', '--force', '--annotate', major, '-m', `coe-gate ${tag}`]);
process.stdout.write(
  `released ${tag}${previous ? ` (${subjects.length} commit${subjects.length === 1 ? '' : 's'} since ${previous})` : ''}; ${major} moved to it\n` +
    `publish: git push origin main ${tag} && git push --force origin ${major}\n`,
);
