// npm run bench: how long does `coe` take, as a user runs it, against what any tool must spend?
// Every figure is whole processes started cold (processes.ts): `coe` from the npm package
// installed in a project, against plain Node processes that do only the unavoidable part: start
// (node -e 0), or list, read and YAML-parse the same files (floor.mjs). Generates portfolios of
// synthetic manifests (variations of the shipped samples) for it, and reports the ratios measured
// in the same run, with the peak memory of each process.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHANGED, generatePortfolio, retitle } from './portfolio.ts';
import {
  type Command,
  FLOOR,
  installPackage,
  interleaved,
  ms,
  outputOf,
  type Package,
  POLICIES_WARM,
  peakMB,
  REPLAY_LOGIC_HOOK,
  REPO_ROOT,
} from './processes.ts';

const SIZES = [1_000, 10_000];
/** The portfolio whose peak memory is measured once (not timed): `coe check` as a real process. */
const MEMORY_SIZE = 50_000;
/** Rounds of processes at each size of the check (a run at 10,000 takes seconds). */
const ROUNDS: Record<number, number> = { 1000: 11, 10000: 5 };
/** Starts and --base take tens to hundreds of milliseconds, where a busy machine's jitter shows. */
const STARTUP_ROUNDS = 21;
const BASE_ROUNDS = 11;
/** The Action's part: runs of each kind. */
const REPEATS = 5;
const AS_OF = '2026-11-24';
const GOAL = {
  versionMs: 100,
  ratio: 1.3,
  checkRatio: 1.5,
  baseRatio: 0.2,
  peakMB: 300,
  at: 10_000,
  cliPeakMB: 300,
};

function progress(text: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\u001b[K${text}`);
}

/** The parts of the bench, in the order they run; `--only audit,portfolio` runs some of them. */
const PARTS = [
  'install',
  'startup',
  'check',
  'memory',
  'base',
  'action',
  'portfolio',
  'audit',
  'inventory',
] as const;
/** The parts that run the installed package. */
const PACKAGED = new Set<string>([
  'install',
  'startup',
  'check',
  'memory',
  'base',
  'portfolio',
  'audit',
  'inventory',
]);

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
  console.log(
    `coe-gate bench: node ${process.version}, ${availableParallelism()} cpus; every time is the median of whole processes, started in turn with the others they are compared with`,
  );
  let pkg: Package | undefined;
  if ([...parts].some((p) => PACKAGED.has(p))) {
    progress('packing and installing the package…');
    pkg = installPackage();
    progress('');
  }
  try {
    if (pkg && parts.has('install')) console.log(benchInstall(pkg));
    if (pkg && parts.has('startup')) console.log(benchStartup(pkg));
    if (pkg && parts.has('check')) console.log(benchCheck(pkg));
    if (pkg && parts.has('memory')) console.log(benchMemory(pkg));
    if (pkg && parts.has('base')) console.log(benchBase(pkg));
    // The Action's part runs its own bundle (dist/index.mjs); loaded only as the parts run.
    if (parts.has('action')) {
      const { benchAction } = await import('./bench-action.ts');
      console.log(await benchAction(gitIn, REPEATS, progress));
    }
    if (pkg && parts.has('portfolio')) {
      const { benchPortfolio } = await import('./bench-portfolio.ts');
      console.log(benchPortfolio(pkg.coe, progress));
    }
    if (pkg && parts.has('audit')) {
      const { benchAudit } = await import('./bench-audit.ts');
      console.log(await benchAudit(pkg.coe, 50_000, 2_000, progress));
    }
    if (pkg && parts.has('inventory')) {
      const { benchInventory } = await import('./bench-inventory.ts');
      console.log(benchInventory(pkg.coe, progress));
    }
  } finally {
    pkg?.remove();
  }
}

/** What installing coe-gate costs an adopter (the package has no dependencies), and this repository's own install. */
function benchInstall(pkg: Package): string {
  const goalMB = 15;
  const dependencies = Object.keys(
    (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { dependencies?: object })
      .dependencies ?? {},
  ).length;
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  const repo = Number(
    execFileSync('du', ['-sb', join(REPO_ROOT, 'node_modules')], { encoding: 'utf8' }).split('\t')[0],
  );
  const { size, unpackedSize, files } = pkg.packed;
  return [
    `install: the coe-gate package is ${mb(size)} MB packed, ${mb(unpackedSize)} MB unpacked, ${files.length} files, ${dependencies} dependencies`,
    `install size of the package and its dependencies: < ${goalMB} MB → ${unpackedSize < goalMB * 1024 * 1024 ? 'met' : 'NOT met'} (${mb(unpackedSize)} MB)`,
    `this repository's node_modules (npm ci, development tools included): ${mb(repo)} MB`,
  ].join('\n');
}

/** `coe --version` and `coe --help` from the package against Node starting and doing nothing. */
function benchStartup(pkg: Package): string {
  progress('timing coe --version…');
  const t = interleaved(
    {
      node: { args: ['-e', '0'] },
      version: { args: [pkg.coe, '--version'] },
      help: { args: [pkg.coe, '--help'] },
      // From a clone, coe runs the TypeScript source (engine/cli/coe.js).
      source: { args: [join(REPO_ROOT, 'engine', 'cli', 'coe.js'), '--version'] },
    },
    STARTUP_ROUNDS,
    progress,
  );
  // npx starts npm first, which finds the project's bin link and starts coe.
  const npx = interleaved(
    { npx: { file: 'npx', args: ['--no', 'coe', '--version'], cwd: pkg.project } },
    5,
    progress,
  ).npx;
  return [
    `startup (median of ${STARTUP_ROUNDS}): node -e 0 ${ms(t.node)}; coe --version ${ms(t.version)} (${ms(t.version - t.node)} more); coe --help ${ms(t.help)}; ` +
      `for reference, from a clone (TypeScript source) coe --version ${ms(t.source)}, npx coe --version ${ms(npx)} (median of 5)`,
    `coe --version from the package: ≤ ${GOAL.versionMs} ms → ${t.version <= GOAL.versionMs ? 'met' : 'NOT met'} (${ms(t.version)}; ${(t.version / t.node).toFixed(2)} × node -e 0)`,
  ].join('\n');
}

/** A generated portfolio of `size` manifests with the shipped policies, in a new folder. */
function portfolioOf(size: number, prefix: string): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  progress(`generating ${size.toLocaleString('en')} manifests…`);
  generatePortfolio(root, size);
  cpSync(join(REPO_ROOT, 'policies'), join(root, 'policies'), { recursive: true });
  return root;
}

/** `coe check` of the portfolio at `root`, from the package, its output thrown away. */
function coeCheck(pkg: Package, root: string, ...args: string[]): Command {
  // 1: the shipped policies block some of the generated use cases.
  return { args: [pkg.coe, 'check', '--root', root, '--as-of', AS_OF, ...args], ok: [0, 1] };
}

interface CheckSummary {
  summary: { files: number; problems: number };
}

/**
 * At each of SIZES: the floor (floor.mjs), `coe check` with policies/ moved aside (validation
 * only) and `coe check` with the shipped policies, as processes taking turns; then the peak memory
 * of one more process of each.
 */
function benchCheck(pkg: Package): string {
  const header = [
    'manifests',
    'floor: list+read+parse',
    'validate',
    'ratio',
    'coe check',
    'ratio',
    'peak RSS floor',
    'validate',
    'coe check',
  ];
  const rows: string[][] = [];
  const verdicts: string[] = [];
  for (const size of SIZES) {
    const root = portfolioOf(size, 'coe-bench-');
    const policies = join(root, 'policies');
    const aside = join(root, '.policies-aside');
    const move = (from: string, to: string) => () => {
      if (existsSync(from)) renameSync(from, to);
    };
    try {
      const floor: Command = { args: [FLOOR, root] };
      const validate = { ...coeCheck(pkg, root), ok: [0], before: move(policies, aside) };
      const check = { ...coeCheck(pkg, root), before: move(aside, policies) };
      // Each does the work it is timed for: every file parsed, valid, and judged.
      if (Number(outputOf(floor)) !== size) throw new Error(`the floor did not parse ${size} files`);
      for (const [what, command] of [
        ['validate', validate],
        ['coe check', check],
      ] as const) {
        const { summary } = JSON.parse(
          outputOf({ ...command, args: [...command.args, '--format', 'json'] }),
        ) as CheckSummary;
        if (summary.files !== size || summary.problems)
          throw new Error(`${what} judged ${summary.files} files with ${summary.problems} problems`);
      }
      progress(`timing ${size.toLocaleString('en')} manifests…`);
      const t = interleaved({ floor, validate, check }, ROUNDS[size] ?? 5, progress);
      progress(`measuring memory at ${size.toLocaleString('en')} manifests…`);
      const peak = {
        floor: peakMB(floor, false),
        validate: peakMB(validate, true),
        check: peakMB(check, true),
      };
      progress('');
      const ratio = t.validate / t.floor;
      const checkRatio = t.check / t.floor;
      rows.push([
        size.toLocaleString('en'),
        ms(t.floor),
        ms(t.validate),
        ratio.toFixed(2),
        ms(t.check),
        checkRatio.toFixed(2),
        `${peak.floor.toFixed(0)} MB`,
        `${peak.validate.toFixed(0)} MB`,
        `${peak.check.toFixed(0)} MB`,
      ]);
      if (size === GOAL.at) {
        const at = size.toLocaleString('en');
        verdicts.push(goal(`validate at ${at} vs the floor`, ratio, GOAL.ratio));
        verdicts.push(goal(`coe check at ${at} vs the floor`, checkRatio, GOAL.checkRatio));
        verdicts.push(...policiesWarm(pkg, root, t.floor, ratio));
        verdicts.push(
          `peak memory of validate at ${at}: < ${GOAL.peakMB} MB → ${peak.validate < GOAL.peakMB ? 'met' : 'NOT met'} (${peak.validate.toFixed(0)} MB; coe check ${peak.check.toFixed(0)} MB)`,
        );
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i] as number)).join('   ');
  return [
    `coe check vs the floor (list, read and parse the same files in plain Node), median of ${Object.values(ROUNDS).join(' and ')} processes each; validate: coe check without policies/`,
    line(header),
    ...rows.map(line),
    ...verdicts,
  ].join('\n');
}

/**
 * What the policies add to a check at their fastest: judge() of the installed package, in one
 * process, over files already read, with and without the policies in turns, the fastest pass of
 * each after a first (policies-warm.mjs). A check is at least validation plus that, so the two say
 * how far the check can come down before evaluating the policies itself gets faster. Then the
 * same with the rules' logic replayed instead of evaluated (replay-logic-hook.mjs): what judging
 * costs beyond the logic, which no faster evaluator of the logic can take away.
 */
function policiesWarm(pkg: Package, root: string, floorMs: number, validateRatio: number): string[] {
  progress('timing the policies in one warm process…');
  const installed = join(pkg.project, 'node_modules', 'coe-gate');
  const args = [POLICIES_WARM, installed, root, AS_OF];
  const warm = JSON.parse(outputOf({ args })) as { with: number; without: number };
  progress('timing the policies with their logic replayed…');
  const replay = JSON.parse(outputOf({ args: ['--import', REPLAY_LOGIC_HOOK, ...args] })) as {
    with: number;
    without: number;
    replayed: number;
  };
  progress('');
  const added = warm.with - warm.without;
  const left = GOAL.checkRatio - validateRatio;
  const beyondLogic = replay.replayed - replay.without;
  const times = (v: number) => `${(v / floorMs).toFixed(2)} × the floor`;
  return [
    `  of which the policies, warm (judge() of the package in one process over the files already read, fastest of passes 2–4): ` +
      `${ms(warm.with)} with them, ${ms(warm.without)} without: they add ${ms(added)}, ${times(added)}, ` +
      (left > 0
        ? `where the goal leaves them ${left.toFixed(2)} × beside validation (${validateRatio.toFixed(2)})`
        : `where the goal leaves them nothing: validation alone takes ${validateRatio.toFixed(2)} ×`),
    `  with their logic taking no time (its outcomes replayed from an earlier pass, every use case judged the same): ` +
      `${ms(replay.replayed)} against ${ms(replay.without)} without: judging beyond the logic adds ${ms(beyondLogic)}, ${times(beyondLogic)}`,
    `  so with no time for the logic and none for a cold process to warm up, a check would take at least ` +
      `${(validateRatio + beyondLogic / floorMs).toFixed(2)} × the floor (validation ${validateRatio.toFixed(2)} + judging beyond the logic ${(beyondLogic / floorMs).toFixed(2)}); the goal is ${GOAL.checkRatio}`,
  ];
}

/**
 * `coe check` at MEMORY_SIZE manifests from the package, run once per format with its output
 * thrown away, beside the floor over the same files.
 */
function benchMemory(pkg: Package, count = MEMORY_SIZE): string {
  const root = portfolioOf(count, 'coe-bench-memory-');
  const size = count.toLocaleString('en');
  try {
    progress(`measuring memory at ${size} manifests…`);
    const floor = peakMB({ args: [FLOOR, root] }, false);
    const peaks = (['json', 'text'] as const).map((format) => ({
      format,
      peakMB: peakMB(coeCheck(pkg, root, '--format', format), true),
    }));
    progress('');
    const worst = Math.max(...peaks.map((p) => p.peakMB));
    return [
      `peak RSS at ${size} manifests: floor ${floor.toFixed(0)} MB; ${peaks
        .map((p) => `coe check --format ${p.format} ${p.peakMB.toFixed(0)} MB`)
        .join('; ')}`,
      `peak memory of coe check at ${size}: < ${GOAL.cliPeakMB} MB → ${worst < GOAL.cliPeakMB ? 'met' : 'NOT met'} (${worst.toFixed(0)} MB)`,
    ].join('\n');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
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

/** `coe check --base HEAD` of 2,000 manifests with 3 changed, against `coe check` of the same tree. */
function benchBase(pkg: Package): string {
  const root = portfolioOf(2_000, 'coe-bench-git-');
  try {
    const git = (...args: string[]) => gitIn(root, ...args);
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '-m', 'portfolio');
    // Files written in the same second as the index are "racily clean": git would re-read every
    // one on each diff. A working copy is older than its index; settle it as one would be.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1100);
    git('update-index', '--refresh', '-q');
    retitle(root, CHANGED);
    const full = coeCheck(pkg, root);
    const base = coeCheck(pkg, root, '--base', 'HEAD');
    const judged = (
      JSON.parse(outputOf({ ...base, args: [...base.args, '--format', 'json'] })) as CheckSummary
    ).summary.files;
    if (judged !== CHANGED.length) throw new Error(`--base judged ${judged} files, not ${CHANGED.length}`);
    progress('timing --base and the full check on 2,000 manifests…');
    const t = interleaved({ full, base }, BASE_ROUNDS, progress);
    const ratio = t.base / t.full;
    return [
      `coe check --base HEAD, 2,000 manifests with 3 changed: ${ms(t.base)} (${judged} judged); coe check: ${ms(t.full)} (median of ${BASE_ROUNDS}); ratio ${ratio.toFixed(2)}`,
      goal('--base vs coe check at 2,000', ratio, GOAL.baseRatio),
    ].join('\n');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function goal(what: string, ratio: number, limit: number): string {
  return `${what}: ratio ≤ ${limit} → ${ratio <= limit ? 'met' : 'NOT met'} (${ratio.toFixed(2)})`;
}

if (import.meta.main) await main();
