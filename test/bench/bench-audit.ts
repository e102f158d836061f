// `coe audit` over a generated history, against `git log --name-status` over the same history in
// the same run: the audit reads the log once and each changed manifest once, so it should cost
// little more than the log itself (goal: ratio ≤ 1.5), and stream it (goal: peak RSS < 300 MB).
//
//   node test/bench/bench-audit.ts [--commits N] [--use-cases M]   (default 50,000 and 2,000)
//   npm run bench -- --only audit                                  (the same, as part of the bench)
//
// The history is written with `git fast-import`: the first commit adds every use case (variations
// of the shipped samples), each later one changes one of them (its title, and every fifth change of
// a use case its stage), with squash, merge and direct-push subjects; every 5,000th also changes
// policies/ so the policies are loaded more than once. coe audit runs as whole processes of the
// npm package (processes.ts), as users run it.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { STAGES } from '../../engine/core/manifest/vocabulary.ts';
import { type Command, installPackage, median, peakMB, timeProcess } from './processes.ts';

const GOAL = { ratio: 1.5, peakMB: 300 };
const REPO_ROOT = join(fileURLToPath(import.meta.url), '..', '..', '..');
const START = Date.parse('2024-01-01T09:00:00Z') / 1000;

/** Writes the history into a new repository at `root` through one `git fast-import`. */
export async function generateHistory(root: string, commits: number, useCases: number): Promise<void> {
  execFileSync('git', ['init', '-q', '-b', 'main', root]);
  const samplesDir = join(REPO_ROOT, 'usecases');
  const samples = readdirSync(samplesDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => readFileSync(join(samplesDir, f), 'utf8'));
  const policyFiles = readdirSync(join(REPO_ROOT, 'policies'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.md'))
    .sort();
  const git = spawn('git', ['fast-import', '--quiet', '--done'], {
    cwd: root,
    stdio: ['pipe', 'ignore', 'inherit'],
  });
  const done = new Promise<void>((resolve, reject) =>
    git.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`git fast-import exited ${code}`)))),
  );
  const chunks: string[] = [];
  let size = 0;
  const write = async (s: string) => {
    chunks.push(s);
    size += s.length;
    if (size > 1 << 20) {
      const ok = git.stdin.write(chunks.join(''));
      chunks.length = 0;
      size = 0;
      if (!ok) await new Promise((r) => git.stdin.once('drain', r));
    }
  };
  const data = (s: string) => `data ${Buffer.byteLength(s)}\n${s}\n`;
  const path = (i: number) =>
    `usecases/domain-${String(i % 25).padStart(2, '0')}/use-case-${String(i).padStart(6, '0')}.yaml`;
  const text = (i: number, rev: number) => {
    const stage = STAGES[Math.min(Math.floor(rev / 5), 5)] as string;
    return (samples[i % samples.length] as string)
      .replace(/^ {2}id: .*$/m, `  id: use-case-${String(i).padStart(6, '0')}`)
      .replace(/^ {2}domain: .*$/m, `  domain: domain-${String(i % 25).padStart(2, '0')}`)
      .replace(/^ {2}title: .*$/m, `  title: Synthetic use case ${i}, revision ${rev}`)
      .replace(/^ {4}stage: \w+$/m, `    stage: ${stage}`);
  };
  const revisions = new Array<number>(useCases).fill(0);
  for (let n = 0; n < commits; n++) {
    const when = START + n * 600;
    const subject =
      n === 0
        ? 'Import the portfolio (#1)'
        : n % 10 === 0
          ? `Direct fix ${n}`
          : n % 3 === 0
            ? `Merge pull request #${n + 1} from acme/change-${n}`
            : `Change ${n} (#${n + 1})`;
    let files = '';
    if (n === 0) {
      for (const f of policyFiles)
        files += `M 100644 inline policies/${f}\n${data(readFileSync(join(REPO_ROOT, 'policies', f), 'utf8'))}`;
      for (let i = 0; i < useCases; i++) files += `M 100644 inline ${path(i)}\n${data(text(i, 0))}`;
    } else {
      const i = (n * 7919) % useCases;
      revisions[i] = (revisions[i] as number) + 1;
      files += `M 100644 inline ${path(i)}\n${data(text(i, revisions[i] as number))}`;
      if (n % 5000 === 0)
        files += `M 100644 inline policies/README.md\n${data(`# Policies\n\nRevision ${n}.\n`)}`;
    }
    await write(
      `commit refs/heads/main\nmark :${n + 1}\nauthor Bench <b@example.com> ${when} +0000\ncommitter Bench <b@example.com> ${when} +0000\n${data(subject)}${n ? `from :${n}\n` : ''}${files}`,
    );
  }
  await write('done\n');
  git.stdin.end(chunks.join(''));
  await done;
  execFileSync('git', ['-C', root, 'reset', '-q', '--hard', 'main']);
}

interface Timed {
  ms: number;
  peakMB: number;
}

/** `git log --name-status` (or `-p`) over the whole history, output to /dev/null. */
function timeGitLog(root: string, what = '--name-status'): Timed {
  const t = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', 'git', 'log', what, 'HEAD'], {
    cwd: root,
    stdio: ['ignore', openSync('/dev/null', 'w'), 'pipe'],
    encoding: 'utf8',
  });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`git log failed: ${r.stderr}`);
  return { ms, peakMB: Number(r.stderr.trim().split('\n').at(-1)) / 1024 };
}

/**
 * What any audit must read at least: the log with each change's object ids, and every changed
 * version of a manifest, through one `git cat-file --batch` (what coe audit asks git for).
 */
function timeContentFloor(root: string): Timed {
  const t = performance.now();
  const r = spawnSync(
    '/usr/bin/time',
    [
      '-f',
      '%M',
      'sh',
      '-c',
      'git log --first-parent --format= --raw --no-abbrev HEAD -- usecases | awk \'$5 != "D" { print $4 }\' | git cat-file --batch',
    ],
    { cwd: root, stdio: ['ignore', openSync('/dev/null', 'w'), 'pipe'], encoding: 'utf8' },
  );
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`reading the changed versions failed: ${r.stderr}`);
  return { ms, peakMB: Number(r.stderr.trim().split('\n').at(-1)) / 1024 };
}

/** `coe audit --format json` from the package as a whole process, its output thrown away. */
function auditCommand(coe: string, root: string): Command {
  // 1: the audit raised a flag.
  return { args: [coe, 'audit', '--format', 'json', '--as-of', '2026-11-24', '--root', root], ok: [0, 1] };
}

export async function benchAudit(
  coe: string,
  commits: number,
  useCases: number,
  progress: (s: string) => void,
): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'coe-bench-audit-'));
  try {
    progress(
      `generating a history of ${commits.toLocaleString('en')} commits over ${useCases.toLocaleString('en')} use cases…`,
    );
    const t = performance.now();
    await generateHistory(root, commits, useCases);
    const generated = performance.now() - t;
    progress('timing git log --name-status and coe audit…');
    // Warm the object store's cache and coe's compile cache once, then interleave three rounds.
    timeGitLog(root);
    timeProcess(auditCommand(coe, root));
    const logs: Timed[] = [];
    const audits: number[] = [];
    for (let i = 0; i < 3; i++) {
      logs.push(timeGitLog(root));
      audits.push(timeProcess(auditCommand(coe, root)));
    }
    // For reference: git showing every change's patch, and the content floor (timeContentFloor).
    const patch = timeGitLog(root, '-p');
    const content = [timeContentFloor(root), timeContentFloor(root), timeContentFloor(root)];
    progress('measuring the peak memory of coe audit…');
    const peak = peakMB(auditCommand(coe, root), true);
    progress('');
    const middle = <T extends Timed>(xs: T[]) => xs.sort((a, b) => a.ms - b.ms)[1] as T;
    const log = middle(logs);
    const audit = { ms: median(audits) };
    const ratio = audit.ms / log.ms;
    const floor = middle(content);
    return [
      `coe audit over ${commits.toLocaleString('en')} commits touching ${useCases.toLocaleString('en')} use cases (generated in ${(generated / 1000).toFixed(1)} s): ` +
        `coe audit --format json ${(audit.ms / 1000).toFixed(2)} s, git log --name-status ${(log.ms / 1000).toFixed(2)} s (median of 3, interleaved); for reference git log -p ${(patch.ms / 1000).toFixed(2)} s`,
      `coe audit vs git log --name-status: ratio ≤ ${GOAL.ratio} → ${ratio <= GOAL.ratio ? 'met' : 'NOT met'} (${ratio.toFixed(2)})`,
      `git alone reading every changed version (log --raw | cat-file --batch): ${(floor.ms / 1000).toFixed(2)} s, ` +
        `${(floor.ms / log.ms).toFixed(2)} × git log --name-status; coe audit is ${(audit.ms / floor.ms).toFixed(2)} × that`,
      `peak RSS of coe audit: < ${GOAL.peakMB} MB → ${peak < GOAL.peakMB ? 'met' : 'NOT met'} (${peak.toFixed(0)} MB; git log ${log.peakMB.toFixed(0)} MB)`,
    ].join('\n');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isSafeInteger(v) || v < 1) throw new Error(`${name}: give a whole number`);
  return v;
}

if (import.meta.main) {
  const progress = (s: string) => {
    if (process.stderr.isTTY) process.stderr.write(`\r\u001b[K${s}`);
  };
  const pkg = installPackage();
  try {
    console.log(
      await benchAudit(pkg.coe, option('--commits', 50_000), option('--use-cases', 2_000), progress),
    );
  } finally {
    pkg.remove();
  }
}
