// npm run bench, the Action's part: the committed bundle end to end against the loopback GitHub,
// on a repository of 2,000 manifests with 3 changed. Reports the API requests one run makes and
// its wall time as a ratio to starting the same bundle with an empty event (the floor: Node's
// start and the bundle's load, nothing judged).
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pullRequestEvent } from '../github/events.ts';
import { startFakeGitHub } from '../github/fake-github.ts';
import { advance, CHANGED, generatePortfolio, retitle } from './portfolio.ts';

const GOAL = { requests: 8, ratio: 3, annotations: 50 };
const MANIFESTS = 2_000;

type Git = (root: string, ...args: string[]) => string;

export async function benchAction(git: Git, repeats: number, progress: (s: string) => void): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'coe-bench-action-'));
  const fake = await startFakeGitHub();
  try {
    progress(`generating a git repository of ${MANIFESTS.toLocaleString('en')} manifests…`);
    generatePortfolio(root, MANIFESTS);
    cpSync(join(process.cwd(), 'policies'), join(root, 'policies'), { recursive: true });
    git(root, 'init', '-q', '-b', 'main');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'portfolio');
    const baseSha = git(root, 'rev-parse', 'HEAD').trim();
    git(root, 'checkout', '-q', '-b', 'change');
    // A realistic pull request: three use cases retitled and moved on a stage, so the gate has
    // findings to annotate and approvals to ask for.
    retitle(root, CHANGED);
    advance(root, CHANGED);
    git(root, 'commit', '-q', '-am', 'advance three use cases');
    const headSha = git(root, 'rev-parse', 'HEAD').trim();
    fake.addPull({ number: 1, headSha, baseSha, author: 'jdelacroix' });
    const event = pullRequestEvent('synchronize', {
      owner: 'northwind',
      repo: 'ai-portfolio',
      number: 1,
      headSha,
      baseSha,
      baseRef: 'main',
      author: 'jdelacroix',
    });
    const eventFile = join(root, '..', `${root.split('/').pop()}-event.json`);
    const emptyFile = `${eventFile}.empty`;
    writeFileSync(eventFile, JSON.stringify(event));
    writeFileSync(emptyFile, '{}');

    progress('timing the Action against the loopback GitHub…');
    const run = (path: string) => runBundle(root, path, fake.url);
    await run(eventFile); // warm the file cache and git's index
    const gate: number[] = [];
    const requests: number[] = [];
    for (let i = 0; i < repeats; i++) {
      const before = fake.requests.length;
      gate.push(await run(eventFile));
      requests.push(fake.requests.length - before);
    }
    const empty: number[] = [];
    for (let i = 0; i < repeats; i++) empty.push(await run(emptyFile));
    progress('');
    rmSync(eventFile, { force: true });
    rmSync(emptyFile, { force: true });

    const last = fake.checkRuns().at(-1);
    const annotations = last ? fake.annotations(last.id).length : 0;
    const most = Math.max(...requests);
    const ratio = median(gate) / median(empty);
    if (fake.violations.length) throw new Error(`the Action broke GitHub's API: ${fake.violations[0]}`);
    return [
      `Action, ${MANIFESTS.toLocaleString('en')} manifests with ${CHANGED.length} changed: ${most} API requests, ${annotations} annotations, verdict ${last?.conclusion ?? 'none'}; ${ms(median(gate))} vs ${ms(median(empty))} to start the bundle with an empty event; ratio ${ratio.toFixed(2)}`,
      `Action API requests (≤ ${GOAL.annotations} annotations): ≤ ${GOAL.requests} → ${most <= GOAL.requests && annotations <= GOAL.annotations ? 'met' : 'NOT met'} (${most})`,
      `Action wall time vs empty start: ratio ≤ ${GOAL.ratio} → ${ratio <= GOAL.ratio ? 'met' : 'NOT met'} (${ratio.toFixed(2)})`,
    ].join('\n');
  } finally {
    await fake.close();
    rmSync(root, { recursive: true, force: true });
  }
}

/** Runs dist/index.mjs as the runner would; resolves with its wall time in milliseconds. */
function runBundle(root: string, eventPath: string, apiUrl: string): Promise<number> {
  const runner = mkdtempSync(join(tmpdir(), 'coe-bench-runner-'));
  const env = {
    PATH: process.env.PATH ?? '',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_API_URL: apiUrl,
    GITHUB_WORKSPACE: root,
    GITHUB_REPOSITORY: 'northwind/ai-portfolio',
    RUNNER_TEMP: runner,
    INPUT_TOKEN: 'ghs_bench',
    'INPUT_AS-OF': '2026-11-24',
  };
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(process.cwd(), 'dist', 'index.mjs')], {
      cwd: root,
      env,
      stdio: 'ignore',
    });
    child.on('error', reject);
    child.on('close', () => {
      const elapsed = performance.now() - started;
      rmSync(runner, { recursive: true, force: true });
      resolve(elapsed);
    });
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function ms(v: number): string {
  return v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(0)} ms`;
}
