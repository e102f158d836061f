// npm run bench, the federal inventory's part: `coe import omb` of the 3,611-row 2025 inventory
// (read from ../shared/data, skipped when absent) into a fresh repository, and `coe check` of what
// it wrote, each as a ratio to the floor (list, read and YAML-parse the written manifests in plain
// Node), with the peak memory of each. Whole processes of the installed package (processes.ts).
//
//   node test/bench/bench-inventory.ts
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Command,
  FLOOR,
  installPackage,
  interleaved,
  ms,
  outputOf,
  peakMB,
  REPO_ROOT,
} from './processes.ts';

const AS_OF = '2030-01-02';
const ROUNDS = 5;
/** Plain Node writing the files under argv[1] afresh under argv[2], one folder per agency. */
const WRITE_FLOOR = `const fs = require('node:fs'), path = require('node:path');
const [from, to] = process.argv.slice(1);
for (const f of fs.readdirSync(from, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml'))) {
  fs.mkdirSync(path.join(to, path.dirname(f)), { recursive: true });
  fs.writeFileSync(path.join(to, f), fs.readFileSync(path.join(from, f)));
}`;
export const INVENTORY = join(REPO_ROOT, '..', 'shared', 'data', 'omb-2025-ai-use-cases.csv');

export function benchInventory(coe: string, progress: (s: string) => void = () => {}): string {
  if (!existsSync(INVENTORY)) return `federal inventory: skipped (${INVENTORY} is absent)`;
  const root = mkdtempSync(join(tmpdir(), 'coe-bench-omb-'));
  try {
    cpSync(join(REPO_ROOT, 'policies'), join(root, 'policies'), { recursive: true });
    const usecases = join(root, 'usecases');
    const fresh = () => {
      rmSync(usecases, { recursive: true, force: true });
      mkdirSync(usecases);
    };
    const importing: Command = {
      args: [coe, 'import', 'omb', INVENTORY, '--as-of', AS_OF, '--root', root],
      before: fresh,
    };
    // Once, to check it does its work, and to leave the manifests the others read.
    const summary = outputOf(importing);
    if (!summary.includes('3,611 rows of the 2025 inventory: 3,611 created'))
      throw new Error(`coe import omb did not create the 3,611 manifests: ${summary}`);
    const floor: Command = { args: [FLOOR, root] };
    if (Number(outputOf(floor)) !== 3611) throw new Error('the floor did not parse 3,611 files');
    // 1: the shipped policies block the imported use cases (their TODOs are not answered yet).
    const check: Command = {
      args: [coe, 'check', '--format', 'json', '--as-of', AS_OF, '--root', root],
      ok: [1],
    };
    const reimport: Command = { args: importing.args };
    // What writing them costs any tool on this disk: the same files written afresh by plain Node.
    const copy = join(root, 'copy');
    const write: Command = {
      args: ['-e', WRITE_FLOOR, usecases, copy],
      before: () => rmSync(copy, { recursive: true, force: true }),
    };
    progress('timing coe import omb and coe check of the federal inventory…');
    const t = interleaved({ floor, write, reimport, check }, ROUNDS, progress);
    const first = interleaved({ importing }, ROUNDS, progress).importing;
    progress('measuring the peak memory of coe import omb and coe check…');
    const peak = {
      floor: peakMB(floor, false),
      importing: peakMB(importing, true),
      check: peakMB(check, true),
    };
    progress('');
    const ratio = (v: number) => (v / t.floor).toFixed(2);
    return [
      `federal inventory, 3,611 rows (median of ${ROUNDS} processes each): floor (list+read+parse the written manifests) ${ms(t.floor)}`,
      `  coe import omb into an empty usecases/ ${ms(first)} (ratio to the floor ${ratio(first)}; to writing the same files in plain Node, ${ms(t.write)} on this disk, ${(first / t.write).toFixed(2)}); again over its own files (all unchanged) ${ms(t.reimport)} (${ratio(t.reimport)})`,
      `  coe check of the imported inventory ${ms(t.check)} (${ratio(t.check)}); import and check ${ms(first + t.check)} (${ratio(first + t.check)})`,
      `  peak RSS: floor ${peak.floor.toFixed(0)} MB, coe import omb ${peak.importing.toFixed(0)} MB, coe check ${peak.check.toFixed(0)} MB`,
    ].join('\n');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const progress = (s: string) => {
    if (process.stderr.isTTY) process.stderr.write(`\r\u001b[K${s}`);
  };
  const pkg = installPackage();
  try {
    console.log(benchInventory(pkg.coe, progress));
  } finally {
    pkg.remove();
  }
}
