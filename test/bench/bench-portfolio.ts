// npm run bench, the portfolio's part: `coe portfolio --format json` and `--html` at 10,000 use
// cases as a ratio to `coe check --format json` over the same files in the same run (goal ≤ 1.2),
// and the peak memory of each at 50,000 (goal < 300 MB). Each measurement is a fresh process
// running the real command line (engine/cli/main.ts), its output thrown away; the kinds take turns
// so a machine that slows down for a while slows every kind alike.
//
//   node test/bench/bench-portfolio.ts [--time N] [--memory N]   (defaults 10000 and 50000)
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { V8_FLAGS } from '../../engine/cli/v8-flags.js';
import { generatePortfolio } from './portfolio.ts';

const AS_OF = '2026-11-24';
const ROUNDS = 5;
export const PORTFOLIO_GOAL = { ratio: 1.2, peakMB: 300, timeAt: 10_000, memoryAt: 50_000 };
const self = fileURLToPath(import.meta.url);

type Kind = 'check' | 'portfolio-json' | 'portfolio-html';
const KINDS: Kind[] = ['check', 'portfolio-json', 'portfolio-html'];
interface Measure {
  ms: number;
  peakMB: number;
}

function argsOf(kind: Kind, root: string, scratch: string): string[] {
  const common = ['--as-of', AS_OF, '--root', root];
  if (kind === 'check') return ['check', '--format', 'json', ...common];
  if (kind === 'portfolio-json') return ['portfolio', '--format', 'json', ...common];
  return ['portfolio', '--html', join(scratch, 'index.html'), ...common];
}

/** In a child: one run of the command, its own stdout discarded; the time and peak to `out`. */
async function measureHere(kind: Kind, root: string, out: string): Promise<void> {
  const { main } = await import('../../engine/cli/main.ts');
  const { writeFileSync } = await import('node:fs');
  const scratch = mkdtempSync(join(tmpdir(), 'coe-bench-html-'));
  const t = performance.now();
  const code = await main(argsOf(kind, root, scratch));
  const ms = performance.now() - t;
  rmSync(scratch, { recursive: true, force: true });
  if (code === 2) throw new Error(`${kind} refused the generated portfolio`);
  writeFileSync(out, JSON.stringify({ ms, peakMB: process.resourceUsage().maxRSS / 1024 }));
}

function inChild(kind: Kind, root: string): Measure {
  const dir = mkdtempSync(join(tmpdir(), 'coe-bench-result-'));
  try {
    const out = join(dir, 'result.json');
    // The V8 settings engine/cli/coe.js runs with, so the child measures what coe runs.
    const r = spawnSync(process.execPath, [...V8_FLAGS, self, '--measure', kind, root, out], {
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`${kind} measurement failed: ${r.stderr}`);
    return JSON.parse(readFileSync(out, 'utf8')) as Measure;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function withPortfolio<T>(size: number, progress: (s: string) => void, run: (root: string) => T): T {
  const root = mkdtempSync(join(tmpdir(), 'coe-bench-portfolio-'));
  try {
    progress(`generating ${size.toLocaleString('en')} manifests for coe portfolio…`);
    generatePortfolio(root, size);
    cpSync(join(process.cwd(), 'policies'), join(root, 'policies'), { recursive: true });
    return run(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const ms = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(0)} ms`);

export function benchPortfolio(
  progress: (s: string) => void = () => {},
  sizes = { time: PORTFOLIO_GOAL.timeAt, memory: PORTFOLIO_GOAL.memoryAt },
): string {
  const lines: string[] = [];
  withPortfolio(sizes.time, progress, (root) => {
    const times: Record<Kind, number[]> = { check: [], 'portfolio-json': [], 'portfolio-html': [] };
    for (let round = 0; round < ROUNDS; round++) {
      progress(`timing coe check and coe portfolio, round ${round + 1} of ${ROUNDS}…`);
      for (const kind of KINDS) times[kind].push(inChild(kind, root).ms);
    }
    progress('');
    const check = median(times.check);
    lines.push(
      `coe portfolio at ${sizes.time.toLocaleString('en')} use cases (median of ${ROUNDS} processes each): coe check --format json ${ms(check)}`,
    );
    for (const kind of ['portfolio-json', 'portfolio-html'] as const) {
      const ratio = median(times[kind]) / check;
      const what = kind === 'portfolio-json' ? '--format json' : '--html';
      lines.push(
        `  coe portfolio ${what}: ${ms(median(times[kind]))}, ratio to coe check ≤ ${PORTFOLIO_GOAL.ratio} → ${ratio <= PORTFOLIO_GOAL.ratio ? 'met' : 'NOT met'} (${ratio.toFixed(2)})`,
      );
    }
  });
  withPortfolio(sizes.memory, progress, (root) => {
    const peaks = KINDS.map((kind) => {
      progress(`measuring the peak memory of ${kind} at ${sizes.memory.toLocaleString('en')}…`);
      return [kind, inChild(kind, root).peakMB] as const;
    });
    progress('');
    lines.push(
      `peak RSS at ${sizes.memory.toLocaleString('en')} use cases (goal < ${PORTFOLIO_GOAL.peakMB} MB): ${peaks
        .map(
          ([kind, mb]) => `${kind} ${mb.toFixed(0)} MB → ${mb < PORTFOLIO_GOAL.peakMB ? 'met' : 'NOT met'}`,
        )
        .join(', ')}`,
    );
  });
  return lines.join('\n');
}

if (process.argv[2] === '--measure') {
  const [kind, root, out] = process.argv.slice(3) as [Kind, string, string];
  await measureHere(kind, root, out);
} else if (import.meta.main) {
  const size = (flag: string, fallback: number) => {
    const i = process.argv.indexOf(flag);
    return i < 0 ? fallback : Number(process.argv[i + 1]);
  };
  const progress = (s: string) => {
    if (process.stderr.isTTY) process.stderr.write(`\r\u001b[K${s}`);
  };
  console.log(
    benchPortfolio(progress, {
      time: size('--time', PORTFOLIO_GOAL.timeAt),
      memory: size('--memory', PORTFOLIO_GOAL.memoryAt),
    }),
  );
}
