// Throwaway repositories and the real `coe` process, for tests that act as a user would.
import { spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';
import { afterEach } from 'vitest';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const COE_BIN = join(REPO_ROOT, 'engine', 'cli', 'coe.js');
export const MODELINE = '# yaml-language-server: $schema=../../engine/schema/usecase.schema.json';

const made: string[] = [];
afterEach(() => {
  while (made.length) rmSync(made.pop() as string, { recursive: true, force: true });
});

/** A new empty folder, removed after the test. */
export function tempDir(prefix = 'coe-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/**
 * The shipped policies into `root`, with the tests' own roles registry (test/fixtures/roles.yaml)
 * in place of the shipped one: the logins tests name never depend on an organisation's roles.
 */
export function copyPolicies(root: string): void {
  cpSync(join(REPO_ROOT, 'policies'), join(root, 'policies'), { recursive: true });
  copyFileSync(
    join(REPO_ROOT, 'test', 'fixtures', 'roles.yaml'),
    join(root, 'policies', 'registries', 'roles.yaml'),
  );
}

/** Who holds `role` in the roles registry of the repository at `root`, as it lists them. */
export function roleHolders(root: string, role: string): string[] {
  const registry = load(readFileSync(join(root, 'policies', 'registries', 'roles.yaml'), 'utf8')) as {
    roles: { id: string; members: (string | { login: string })[] }[];
  };
  const found = registry.roles.find((r) => r.id === role);
  if (!found) throw new Error(`${root} has no ${role} role`);
  return found.members.map((m) => (typeof m === 'string' ? m : m.login));
}

/** Creates a folder with the given files (path → text or bytes); removed after the test. */
export function makeRepo(files: Record<string, string | Uint8Array> = {}): string {
  const root = tempDir();
  mkdirSync(join(root, 'usecases'), { recursive: true });
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

interface RunOptions {
  cwd: string;
  env?: Record<string, string>;
  input?: string;
  /** Run as this user and group (a test run as root that needs a user who cannot read everything). */
  user?: { uid: number; gid: number };
}

/** Runs the real CLI as a separate process, without colour unless a test asks for it. */
export function coe(args: string[], opts: RunOptions): Run {
  return spawnClean(process.execPath, [COE_BIN, ...args], opts, { NO_COLOR: '1' });
}

/**
 * Runs the real CLI on a pseudo-terminal (util-linux `script`), typing `input` into it: a person's
 * terminal, so without CI's variables (Node turns colour off whenever CI is set).
 */
export function coeOnTerminal(args: string[], opts: RunOptions): Run {
  const command = [process.execPath, COE_BIN, ...args].map((a) => JSON.stringify(a)).join(' ');
  return spawnClean('script', ['-qec', command, '/dev/null'], opts, { TERM: 'xterm-256color' }, ['CI']);
}

/** What a terminal shows but a reader does not see: CSI sequences (cursor moves, clearing). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: escape sequences are what it removes
const CSI = /\u001b\[[0-?]*[ -/]*[@-~]/g;

/**
 * Runs the real CLI on a pseudo-terminal (util-linux `script`) and answers it as a person does:
 * each step waits until its pattern appears on the screen (after what the step before waited for),
 * then types its keys as a terminal sends them ("\r" for Enter, "\u0003" for Ctrl-C, "\u0004" for
 * Ctrl-D). stdout is the screen as a reader sees it: no control sequences, "\n" line ends, with the
 * echo of what was typed and whatever the command wrote to stderr.
 */
export async function coeDialogue(
  args: string[],
  opts: RunOptions,
  steps: readonly (readonly [wait: RegExp, keys: string])[],
): Promise<Run> {
  const command = [process.execPath, COE_BIN, ...args].map((a) => JSON.stringify(a)).join(' ');
  const { FORCE_COLOR: _force, NO_COLOR: _no, CI: _ci, ...env } = process.env;
  const child = spawn('script', ['-qec', command, '/dev/null'], {
    cwd: opts.cwd,
    env: { ...env, TERM: 'xterm-256color', ...opts.env },
  });
  let raw = '';
  const screen = () => raw.replace(CSI, '').replace(/\r\n?/g, '\n');
  let seen = 0;
  let step = 0;
  child.stdin.on('error', () => {}); // the command may end before the last keys are typed
  child.stdout.on('data', (chunk: Buffer) => {
    raw += chunk.toString('utf8');
    for (let text = screen(); step < steps.length; step++) {
      const [wait, keys] = steps[step] as readonly [RegExp, string];
      const found = wait.exec(text.slice(seen));
      if (!found) break;
      seen += found.index + found[0].length;
      child.stdin.write(keys);
    }
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const timer = setTimeout(() => child.kill(), 30_000);
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  child.stdin.end();
  if (step < steps.length)
    throw new Error(`waited for ${steps[step]?.[0]} (status ${status}); the screen shows:\n${screen()}`);
  return { status, stdout: screen(), stderr };
}

function spawnClean(
  command: string,
  args: string[],
  opts: RunOptions,
  defaults: Record<string, string>,
  drop: string[] = [],
): Run {
  // Drop the runner's colour settings: an empty FORCE_COLOR would still force colour.
  const { FORCE_COLOR: _force, NO_COLOR: _no, ...env } = process.env;
  for (const name of drop) delete env[name];
  const r = spawnSync(command, args, {
    cwd: opts.cwd,
    encoding: 'utf8',
    input: opts.input ?? '',
    env: { ...env, ...defaults, ...opts.env },
    ...opts.user,
    timeout: 60_000,
    // A portfolio's JSON report runs to megabytes; the default 1 MiB would cut it short.
    maxBuffer: 256 * 1024 * 1024,
  });
  // A run that timed out or overflowed has output cut short: fail on it, not on what is left.
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every file below root with its size and content, to prove a command wrote nothing. */
export function snapshotTree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile())
        out[relative(root, p)] = `${statSync(p).size}:${readFileSync(p).toString('base64')}`;
      else out[relative(root, p)] = 'link';
    }
  };
  walk(root);
  return out;
}

/** A small valid manifest, with overrides applied as text replacements when a test needs a variant. */
export function manifest(id = 'claims-intake-bot', domain = 'claims', extra = ''): string {
  return `${MODELINE}
apiVersion: coe-gate/v1
kind: UseCase
metadata:
  id: ${id}
  title: ${titleOf(id)}
  domain: ${domain}
  owner: "@acme/claims-ai"
  created: 2026-01-15
spec:
  intake:
    goal: Route first notice of loss emails to the right queue within minutes.
    goalType: cost
    users:
      who: Claims handlers
      frequency: daily
  classification:
    pattern: internal-copilot
    audience: internal
    decisionMode: assistive
    regulatedDomain: insurance
    riskTier: medium
  data:
    sources:
      - name: FNOL emails
        system: Exchange
        classification: confidential
        personalData: personal
  lifecycle:
    stage: intake
${extra}`;
}

/**
 * A manifest's title, from its id: use cases of one repository are told apart by their titles
 * (coe check flags two with the same title as likely duplicates).
 */
function titleOf(id: string): string {
  if (id === 'claims-intake-bot') return 'Claims intake bot';
  const words = id.replaceAll('-', ' ');
  const title = `${words.charAt(0).toUpperCase()}${words.slice(1)}`;
  return title.length >= 3 ? title : `Use case ${id}`;
}

/**
 * The date the shipped sample portfolio is written as of: the latest date it records. Tests judge
 * the sample on this date, never today's, so its waivers and evaluations do not age the suite.
 */
export function sampleAsOf(): string {
  const dates: string[] = [];
  for (const f of readdirSync(join(REPO_ROOT, 'usecases'), { recursive: true, encoding: 'utf8' })) {
    if (!f.endsWith('.yaml')) continue;
    const text = readFileSync(join(REPO_ROOT, 'usecases', f), 'utf8');
    for (const m of text.matchAll(/\b(?:date|granted|created|updated): (\d{4}-\d{2}-\d{2})\b/g))
      dates.push(m[1] as string);
  }
  return dates.sort().at(-1) as string;
}

/** The first day a waiver of the sample has expired, or undefined when it records none. */
export function sampleFirstExpiry(): { file: string; rule: string; expires: string } | undefined {
  const found: { file: string; rule: string; expires: string }[] = [];
  for (const f of readdirSync(join(REPO_ROOT, 'usecases'), { recursive: true, encoding: 'utf8' })) {
    if (!f.endsWith('.yaml')) continue;
    const text = readFileSync(join(REPO_ROOT, 'usecases', f), 'utf8');
    for (const m of text.matchAll(/- rule: (\S+)\n(?: {8}.*\n)*? {8}expires: (\d{4}-\d{2}-\d{2})/g))
      found.push({ file: `usecases/${f}`, rule: m[1] as string, expires: m[2] as string });
  }
  return found.sort((a, b) => (a.expires < b.expires ? -1 : 1))[0];
}

/**
 * The small manifest at discovery, declared low where it computes medium (a hard finding), with its
 * intake approval and a waiver of release-gates.rubric-scores (a waived soft finding): one of each
 * outcome a report shows, for the report formats' tests.
 */
export function underTieredWithWaiver(): string {
  return manifest(
    'claims-intake-bot',
    'claims',
    `    approvals:
      - { stage: intake, role: coe-maintainer, login: "@bchen", date: 2026-01-20, pr: 12 }
    waivers:
      - { rule: release-gates.rubric-scores, reason: Scored at the December review, stage: discovery, expires: 2026-12-31, approver: "@mtanaka", granted: 2026-11-20, pr: 14 }
`,
  )
    .replace('    stage: intake', '    stage: discovery')
    .replace('riskTier: medium', 'riskTier: low');
}

/** `coe new` for a claims-triage use case with every classification answer given by flag. */
export const NEW_CLAIMS_TRIAGE = [
  'new',
  'claims-triage',
  '--domain',
  'claims',
  '--title',
  'Claims triage',
  '--owner',
  '@acme/claims',
  '--audience',
  'internal',
  '--decision-mode',
  'assistive',
  '--regulated-domain',
  'none',
] as const;
