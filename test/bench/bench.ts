// npm run bench: how much more than reading and parsing the YAML does `coe check` cost?
// Generates portfolios of synthetic manifests (variations of the shipped samples), then, in a
// fresh process each, times the floor (list, read and YAML-parse the files) and the full check
// (the engine's load → validate → conventions), and reports their ratio and peak memory.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { load } from 'js-yaml';
import { V8_FLAGS } from '../../engine/cli/v8-flags.js';
import type { SourceFile } from '../../engine/core/check/check-manifests.ts';
import { judge } from '../../engine/core/check/judge.ts';
import { buildReport } from '../../engine/core/check/report.ts';
import { readPolicySources } from '../../engine/fs/read-policies.ts';
import { readSources, repoPathExists } from '../../engine/fs/read-sources.ts';
import { baseSources } from '../../engine/git/base-sources.ts';
import { CHANGED, generatePortfolio, retitle } from './portfolio.ts';

const SIZES = [1_000, 10_000];
/** The portfolio whose peak memory is measured once (not timed): `coe check` as a real process. */
const MEMORY_SIZE = 50_000;
const REPEATS = 5;
/** Rounds of fresh processes per kind at each size (see interleaved). */
const ROUNDS = 3;
/** The --base check takes tens of milliseconds, where a busy machine's jitter shows: time it more. */
const BASE_REPEATS = 21;
const AS_OF = '2026-11-24';
const GOAL = { ratio: 1.3, policyRatio: 1.5, baseRatio: 0.1, peakMB: 300, at: 10_000, cliPeakMB: 300 };
const self = fileURLToPath(import.meta.url);

type Kind = 'floor' | 'full' | 'policies' | 'base';
type Measure = { medianMs: number; peakMB: number; files: number };

async function timeMedian(
  run: () => number | Promise<number>,
  repeats: number,
): Promise<{ medianMs: number; files: number }> {
  let files = 0;
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t = performance.now();
    files = await run();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)] as number, files };
}

const runs: Record<Kind, (root: string) => number | Promise<number>> = {
  floor: (root) => {
    const dir = join(root, 'usecases');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml'));
    for (const f of files) load(readFileSync(join(dir, f), 'utf8'));
    return files.length;
  },
  full: (root) => checkOnce(root, undefined),
  policies: (root) => checkOnce(root, readPolicySources(process.cwd())),
  // coe check --base HEAD on a repository whose working tree changes a few manifests.
  base: async (root) => {
    const base = await baseSources(root, 'HEAD', []);
    const report = buildReport(judge({ ...base, today: AS_OF }), AS_OF, base.info);
    if (report.summary.problems) throw new Error(`invalid: ${JSON.stringify(report.problems[0])}`);
    return report.summary.files;
  },
};

/** One `coe check` of the generated portfolio, with or without the shipped policies. */
function checkOnce(root: string, policies: SourceFile[] | undefined): number {
  const { sources, problems } = readSources(root);
  const report = buildReport(
    judge({
      manifests: sources,
      policies,
      inputProblems: problems,
      today: AS_OF,
      linkExists: repoPathExists(root),
    }),
    AS_OF,
  );
  if (report.summary.problems)
    throw new Error(`generated portfolio is invalid: ${JSON.stringify(report.problems[0])}`);
  if (policies && report.policies === null) throw new Error('the shipped policies did not load');
  return report.summary.files;
}

/**
 * In a child process: `time` runs once to warm up (JIT, file cache, schema compilation) and then
 * REPEATS times; `memory` runs once, so its peak is what one `coe check` needs.
 */
async function measure(kind: Kind, mode: 'time' | 'memory', root: string): Promise<Measure> {
  const run = () => runs[kind](root);
  if (mode === 'time') await run();
  const repeats = kind === 'base' ? BASE_REPEATS : REPEATS;
  const result = await timeMedian(run, mode === 'time' ? repeats : 1);
  return { ...result, peakMB: process.resourceUsage().maxRSS / 1024 };
}

function inChild(kind: Kind, mode: 'time' | 'memory', root: string): Measure {
  // The check with coe's V8 settings, as coe runs it; the floor as plain Node runs it.
  const flags = kind === 'floor' ? [] : V8_FLAGS;
  const r = spawnSync(process.execPath, [...flags, self, '--measure', kind, mode, root], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`${kind} ${mode} measurement failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Measure;
}

/**
 * Times each kind in ROUNDS rounds of fresh processes, the kinds taking turns within a round, and
 * keeps each kind's median round: a machine that slows down for a while slows every kind alike,
 * instead of whichever happened to run then.
 */
function interleaved(root: string): Record<'floor' | 'full' | 'policies', Measure> {
  const rounds = { floor: [] as Measure[], full: [] as Measure[], policies: [] as Measure[] };
  for (let r = 0; r < ROUNDS; r++) {
    for (const kind of ['floor', 'full', 'policies'] as const) rounds[kind].push(inChild(kind, 'time', root));
  }
  const median = (measures: Measure[]) =>
    measures.sort((a, b) => a.medianMs - b.medianMs)[Math.floor(measures.length / 2)] as Measure;
  return { floor: median(rounds.floor), full: median(rounds.full), policies: median(rounds.policies) };
}

function progress(text: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\u001b[K${text}`);
}

/** The parts of the bench, in the order they run; `--only audit,portfolio` runs some of them. */
const PARTS = ['install', 'check', 'memory', 'base', 'action', 'portfolio', 'audit'] as const;

function partsWanted(): Set<string> {
  const i = process.argv.indexOf('--only');
  if (i < 0) return new Set(PARTS);
  const wanted = (process.argv[i + 1] ?? '').split(',');
  const unknown = wanted.filter((p) => !(PARTS as readonly string[]).includes(p));
  if (unknown.length || wanted.length === 0)
    throw new Error(`--only takes some of ${PARTS.join(', ')}, separated by commas`);
  return new Set(wanted);
}

async function main(): Promise<void> {
  const parts = partsWanted();
  if (parts.has('install')) console.log(benchInstall());
  if (parts.has('check')) await benchCheck();
  if (parts.has('memory')) console.log(benchMemory());
  if (parts.has('base')) console.log(benchBase());
  // Loaded only here: the measuring children stay as small as `coe check` itself (a larger
  // process forks git more slowly, which --base would pay for).
  if (parts.has('action')) {
    const { benchAction } = await import('./bench-action.ts');
    console.log(await benchAction(gitIn, REPEATS, progress));
  }
  if (parts.has('portfolio')) {
    const { benchPortfolio } = await import('./bench-portfolio.ts');
    console.log(benchPortfolio(progress));
  }
  if (parts.has('audit')) {
    const { benchAudit } = await import('./bench-audit.ts');
    console.log(await benchAudit(50_000, 2_000, progress));
  }
}

/** What installing coe-gate costs an adopter (the package has no dependencies), and this repository's own install. */
function benchInstall(): string {
  const goalMB = 15;
  // npm pack runs prepack (the CLI bundle), so the size is the package's as published.
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--dry-run', '--json', '--silent'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }),
  ) as { size: number; unpackedSize: number; files: unknown[] }[];
  const pkg = packed[0] as { size: number; unpackedSize: number; files: unknown[] };
  const dependencies = Object.keys(
    (JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies?: object }).dependencies ?? {},
  ).length;
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  const repo = Number(execFileSync('du', ['-sb', 'node_modules'], { encoding: 'utf8' }).split('\t')[0]);
  const unpacked = pkg.unpackedSize;
  return [
    `install: the coe-gate package is ${mb(pkg.size)} MB packed, ${mb(unpacked)} MB unpacked, ${pkg.files.length} files, ${dependencies} dependencies`,
    `install size of the package and its dependencies: < ${goalMB} MB → ${unpacked < goalMB * 1024 * 1024 ? 'met' : 'NOT met'} (${mb(unpacked)} MB)`,
    `this repository's node_modules (npm ci, development tools included): ${mb(repo)} MB`,
  ].join('\n');
}

/** coe check at each of SIZES against the parse floor, with the peak memory of each kind. */
async function benchCheck(): Promise<void> {
  console.log(
    `coe-gate bench: coe check vs. reading and parsing the same files (node ${process.version}, ${availableParallelism()} cpus, median of ${REPEATS} runs in each of ${ROUNDS} interleaved processes)`,
  );
  const header = [
    'manifests',
    'floor: read+parse',
    'validate',
    'ratio',
    'validate+policies',
    'ratio',
    'peak RSS floor',
    'peak RSS validate',
    'peak RSS validate+policies',
  ];
  const rows: string[][] = [];
  const verdicts: string[] = [];
  for (const size of SIZES) {
    const root = mkdtempSync(join(tmpdir(), 'coe-bench-'));
    try {
      progress(`generating ${size.toLocaleString('en')} manifests…`);
      generatePortfolio(root, size);
      progress(`timing ${size.toLocaleString('en')} manifests…`);
      const { floor, full, policies: withPolicies } = interleaved(root);
      progress(`measuring memory at ${size.toLocaleString('en')} manifests…`);
      const floorMemory = inChild('floor', 'memory', root);
      const validateMemory = inChild('full', 'memory', root);
      const memory = inChild('policies', 'memory', root);
      progress('');
      for (const m of [floor, full, withPolicies]) {
        if (m.files !== size) throw new Error(`expected ${size} files, read ${m.files}`);
      }
      const ratio = full.medianMs / floor.medianMs;
      const policyRatio = withPolicies.medianMs / floor.medianMs;
      rows.push([
        size.toLocaleString('en'),
        ms(floor.medianMs),
        ms(full.medianMs),
        ratio.toFixed(2),
        ms(withPolicies.medianMs),
        policyRatio.toFixed(2),
        `${floorMemory.peakMB.toFixed(0)} MB`,
        `${validateMemory.peakMB.toFixed(0)} MB`,
        `${memory.peakMB.toFixed(0)} MB`,
      ]);
      if (size === GOAL.at) {
        verdicts.push(goal(`validate at ${size.toLocaleString('en')}`, ratio, GOAL.ratio));
        verdicts.push(
          goal(`validate+policies at ${size.toLocaleString('en')}`, policyRatio, GOAL.policyRatio),
        );
        // The memory goal is load-and-validate's; the policies' peak is reported beside it.
        const okMemory = validateMemory.peakMB < GOAL.peakMB;
        verdicts.push(
          `peak memory of validate at ${size.toLocaleString('en')}: < ${GOAL.peakMB} MB → ${okMemory ? 'met' : 'NOT met'} (${validateMemory.peakMB.toFixed(0)} MB; with policies ${memory.peakMB.toFixed(0)} MB)`,
        );
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i] as number)).join('   ');
  console.log(`${line(header)}\n${rows.map(line).join('\n')}\n${verdicts.join('\n')}`);
}

/**
 * `coe check` at MEMORY_SIZE manifests as the real command, run once per format with its output
 * thrown away, beside reading and parsing the same files (the floor) in a fresh process.
 */
export function benchMemory(count = MEMORY_SIZE): string {
  const root = mkdtempSync(join(tmpdir(), 'coe-bench-memory-'));
  const size = count.toLocaleString('en');
  try {
    progress(`generating ${size} manifests…`);
    generatePortfolio(root, count);
    cpSync(join(process.cwd(), 'policies'), join(root, 'policies'), { recursive: true });
    progress(`measuring memory at ${size} manifests…`);
    const floor = inChild('floor', 'memory', root);
    if (floor.files !== count) throw new Error(`expected ${count} files, read ${floor.files}`);
    const peaks = (['json', 'text'] as const).map((format) => ({ format, peakMB: cliPeakMB(root, format) }));
    progress('');
    const worst = Math.max(...peaks.map((p) => p.peakMB));
    return [
      `peak RSS at ${size} manifests: floor (read+parse) ${floor.peakMB.toFixed(0)} MB; ${peaks
        .map((p) => `coe check --format ${p.format} ${p.peakMB.toFixed(0)} MB`)
        .join('; ')}`,
      `peak memory of coe check at ${size}: < ${GOAL.cliPeakMB} MB → ${worst < GOAL.cliPeakMB ? 'met' : 'NOT met'} (${worst.toFixed(0)} MB)`,
    ].join('\n');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Peak resident memory of one `coe check` process (with the shipped policies), output discarded. */
function cliPeakMB(root: string, format: 'json' | 'text'): number {
  const cli = join(process.cwd(), 'engine', 'cli', 'coe.js');
  const hook = join(dirname(self), 'peak-rss.mjs');
  // With coe's V8 settings given, coe does not restart itself, which would close descriptor 3.
  const r = spawnSync(
    process.execPath,
    [
      ...V8_FLAGS,
      '--import',
      pathToFileURL(hook).href,
      cli,
      'check',
      '--root',
      root,
      '--as-of',
      AS_OF,
      '--format',
      format,
    ],
    { stdio: ['ignore', 'ignore', 'pipe', 'pipe'], encoding: 'utf8' },
  );
  // 1: the generated portfolio has use cases the shipped policies block.
  if (r.status !== 0 && r.status !== 1) throw new Error(`coe check --format ${format} failed: ${r.stderr}`);
  const kib = Number(r.output[3]);
  if (!kib) throw new Error(`coe check --format ${format} did not report its peak memory`);
  return kib / 1024;
}

function gitIn(root: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd: root,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'b',
      GIT_AUTHOR_EMAIL: 'b@b',
      GIT_COMMITTER_NAME: 'b',
      GIT_COMMITTER_EMAIL: 'b@b',
    },
  });
}

/** A --base check of 2,000 manifests with 3 changed, against the full check of the same tree. */
function benchBase(): string {
  const root = mkdtempSync(join(tmpdir(), 'coe-bench-git-'));
  try {
    progress('generating a git repository of 2,000 manifests…');
    generatePortfolio(root, 2_000);
    cpSync(join(process.cwd(), 'policies'), join(root, 'policies'), { recursive: true });
    const git = (...args: string[]) => gitIn(root, ...args);
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '-m', 'portfolio');
    // Files written in the same second as the index are "racily clean": git would re-read every
    // one on each diff. A working copy is older than its index; settle it as one would be.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1100);
    git('update-index', '--refresh', '-q');
    retitle(root, CHANGED);
    progress('timing --base and the full check on 2,000 manifests…');
    const full = inChild('policies', 'time', root);
    const base = inChild('base', 'time', root);
    progress('');
    const ratio = base.medianMs / full.medianMs;
    return [
      `--base HEAD, 2,000 manifests with 3 changed: ${ms(base.medianMs)} (${base.files} judged, median of ${BASE_REPEATS}); full check: ${ms(full.medianMs)}; ratio ${ratio.toFixed(2)}`,
      goal('--base vs full check at 2,000', ratio, GOAL.baseRatio),
    ].join('\n');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function goal(what: string, ratio: number, limit: number): string {
  return `${what}: ratio ≤ ${limit} → ${ratio <= limit ? 'met' : 'NOT met'} (${ratio.toFixed(2)})`;
}

function ms(v: number): string {
  return v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(0)} ms`;
}

if (process.argv[2] === '--measure') {
  const [kind, mode, root] = process.argv.slice(3) as [Kind, 'time' | 'memory', string];
  process.stdout.write(JSON.stringify(await measure(kind, mode, root)));
} else if (import.meta.main) {
  await main();
}
