// npm run bench, the portfolio's part: `coe portfolio --format json` and `--html` at 10,000 use
// cases as a ratio to `coe check --format json` over the same files in the same run (goal ≤ 1.2),
// and the peak memory of each at 50,000 (goal < 300 MB). Each measurement is a whole `coe` process
// from the npm package (processes.ts), its output thrown away; the kinds take turns so a machine
// that slows down for a while slows every kind alike.
//
//   node test/bench/bench-portfolio.ts [--time N] [--memory N]   (defaults 10000 and 50000)
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePortfolio } from './portfolio.ts';
import { type Command, installPackage, interleaved, ms, peakMB } from './processes.ts';

const AS_OF = '2026-11-24';
const ROUNDS = 5;
export const PORTFOLIO_GOAL = { ratio: 1.2, peakMB: 300, timeAt: 10_000, memoryAt: 50_000 };

type Kind = 'check' | 'portfolio-json' | 'portfolio-html';
const KINDS: Kind[] = ['check', 'portfolio-json', 'portfolio-html'];

/** The command of each kind, `coe` being the installed package's launcher. */
function commandOf(coe: string, kind: Kind, root: string, scratch: string): Command {
  const common = ['--as-of', AS_OF, '--root', root];
  const args =
    kind === 'check'
      ? ['check', '--format', 'json', ...common]
      : kind === 'portfolio-json'
        ? ['portfolio', '--format', 'json', ...common]
        : ['portfolio', '--html', join(scratch, 'index.html'), ...common];
  // 1: a rule blocks some of the generated use cases.
  return { args: [coe, ...args], ok: [0, 1] };
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

export function benchPortfolio(
  coe: string,
  progress: (s: string) => void = () => {},
  sizes = { time: PORTFOLIO_GOAL.timeAt, memory: PORTFOLIO_GOAL.memoryAt },
): string {
  const lines: string[] = [];
  const scratch = mkdtempSync(join(tmpdir(), 'coe-bench-html-'));
  try {
    withPortfolio(sizes.time, progress, (root) => {
      const commands = Object.fromEntries(
        KINDS.map((kind) => [kind, commandOf(coe, kind, root, scratch)]),
      ) as Record<Kind, Command>;
      progress('timing coe check and coe portfolio…');
      const t = interleaved(commands, ROUNDS, progress);
      lines.push(
        `coe portfolio at ${sizes.time.toLocaleString('en')} use cases (median of ${ROUNDS} processes each): coe check --format json ${ms(t.check)}`,
      );
      for (const kind of ['portfolio-json', 'portfolio-html'] as const) {
        const ratio = t[kind] / t.check;
        const what = kind === 'portfolio-json' ? '--format json' : '--html';
        lines.push(
          `  coe portfolio ${what}: ${ms(t[kind])}, ratio to coe check ≤ ${PORTFOLIO_GOAL.ratio} → ${ratio <= PORTFOLIO_GOAL.ratio ? 'met' : 'NOT met'} (${ratio.toFixed(2)})`,
        );
      }
    });
    withPortfolio(sizes.memory, progress, (root) => {
      const peaks = KINDS.map((kind) => {
        progress(`measuring the peak memory of ${kind} at ${sizes.memory.toLocaleString('en')}…`);
        return [kind, peakMB(commandOf(coe, kind, root, scratch), true)] as const;
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
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return lines.join('\n');
}

if (import.meta.main) {
  const size = (flag: string, fallback: number) => {
    const i = process.argv.indexOf(flag);
    return i < 0 ? fallback : Number(process.argv[i + 1]);
  };
  const progress = (s: string) => {
    if (process.stderr.isTTY) process.stderr.write(`\r\u001b[K${s}`);
  };
  const pkg = installPackage();
  try {
    console.log(
      benchPortfolio(pkg.coe, progress, {
        time: size('--time', PORTFOLIO_GOAL.timeAt),
        memory: size('--memory', PORTFOLIO_GOAL.memoryAt),
      }),
    );
  } finally {
    pkg.remove();
  }
}
