// npm run bench times whole processes, started cold as a user starts them: `coe` from the npm
// package installed in a project (packed from this checkout and unpacked where npm puts it, as
// test/cli/package.test.ts does), and the floors as plain Node processes. Only the compile cache
// that coe turns on (engine/cli/coe.js) and the operating system's file cache are warm, as from a
// user's second run on.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { V8_FLAGS } from '../../engine/cli/v8-flags.js';

const HERE = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = join(HERE, '..', '..');
/** Lists, reads and parses a portfolio's manifests, in a plain Node process (floor.mjs). */
export const FLOOR = join(HERE, 'floor.mjs');
/** What the policies add to judge() once warm, in one process (policies-warm.mjs). */
export const POLICIES_WARM = join(HERE, 'policies-warm.mjs');
/** Lets policies-warm.mjs replay the outcomes of the rules' logic (replay-logic-hook.mjs). */
export const REPLAY_LOGIC_HOOK = pathToFileURL(join(HERE, 'replay-logic-hook.mjs')).href;
const PEAK_RSS_HOOK = pathToFileURL(join(HERE, 'peak-rss.mjs')).href;

export interface Package {
  /** The installed package's launcher, node_modules/coe-gate/engine/cli/coe.js, which `coe` runs. */
  coe: string;
  /** The project it is installed in. */
  project: string;
  /** What npm pack said of it. */
  packed: { size: number; unpackedSize: number; files: unknown[] };
  remove: () => void;
}

/** `npm pack` of this checkout (prepack builds the CLI), unpacked into a new project's node_modules. */
export function installPackage(): Package {
  const scratch = mkdtempSync(join(tmpdir(), 'coe-bench-package-'));
  const json = execFileSync('npm', ['pack', '--pack-destination', scratch, '--json', '--silent'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const packed = (JSON.parse(json) as (Package['packed'] & { filename: string })[])[0];
  if (!packed) throw new Error('npm pack made no package');
  const project = join(scratch, 'project');
  const installed = join(project, 'node_modules', 'coe-gate');
  mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['-xzf', join(scratch, packed.filename), '-C', installed, '--strip-components=1']);
  // The bin link npm makes, which npx runs.
  mkdirSync(join(project, 'node_modules', '.bin'));
  symlinkSync(
    join('..', 'coe-gate', 'engine', 'cli', 'coe.js'),
    join(project, 'node_modules', '.bin', 'coe'),
  );
  return {
    coe: join(installed, 'engine', 'cli', 'coe.js'),
    project,
    packed,
    remove: () => rmSync(scratch, { recursive: true, force: true }),
  };
}

export interface Command {
  /** Arguments to this Node (process.execPath), which runs every process but `file`'s. */
  args: string[];
  /** Another program to run (npx). */
  file?: string;
  /** Done before each run, not timed. */
  before?: () => void;
  /** Exit codes that mean it did its work (coe check exits 1 when a rule blocks). */
  ok?: number[];
  cwd?: string;
}

/** Wall time of one process from its start to its exit, output thrown away. */
export function timeProcess({ args, file = process.execPath, before, ok = [0], cwd }: Command): number {
  before?.();
  const started = performance.now();
  const r = spawnSync(file, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - started;
  if (!ok.includes(r.status ?? -1)) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

/** What one process prints, for a check that it did the work it is timed for. */
export function outputOf({ args, file = process.execPath, before, ok = [0], cwd }: Command): string {
  before?.();
  const r = spawnSync(file, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (!ok.includes(r.status ?? -1)) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

/**
 * Peak resident memory of one process in MB, reported by a hook (peak-rss.mjs) on descriptor 3.
 * A coe command is given coe's V8 settings, so that it does not restart itself, which would close
 * that descriptor: the same settings it runs with.
 */
export function peakMB({ args, before, ok = [0], cwd }: Command, isCoe: boolean): number {
  before?.();
  const r = spawnSync(process.execPath, [...(isCoe ? V8_FLAGS : []), '--import', PEAK_RSS_HOOK, ...args], {
    cwd,
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  if (!ok.includes(r.status ?? -1)) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const kib = Number(r.output[3]);
  if (!kib) throw new Error(`node ${args.join(' ')} did not report its peak memory`);
  return kib / 1024;
}

/**
 * Times each command in `rounds` rounds, the commands taking turns within a round, after one run
 * of each that is not timed (it fills the compile cache and the file cache); returns each one's
 * median. A machine that slows down for a while slows every command alike.
 */
export function interleaved<K extends string>(
  commands: Record<K, Command>,
  rounds: number,
  progress: (s: string) => void = () => {},
): Record<K, number> {
  const kinds = Object.keys(commands) as K[];
  for (const kind of kinds) timeProcess(commands[kind]);
  const times = Object.fromEntries(kinds.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < rounds; round++) {
    progress(`round ${round + 1} of ${rounds}: ${kinds.join(', ')}…`);
    for (const kind of kinds) times[kind].push(timeProcess(commands[kind]));
  }
  progress('');
  return Object.fromEntries(kinds.map((k) => [k, median(times[k])])) as Record<K, number>;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

export function ms(v: number): string {
  return v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(0)} ms`;
}
