// The history of usecases/ and policies/ along the first-parent line of a ref, read once for every
// use case: ONE streaming `git log` (oldest first, raw changes with rename detection, parsed as its
// output arrives, never held whole) and ONE long-lived `git cat-file --batch` for the contents
// (asked by object id, answered in order). The policies are read only at the commits that touch
// policies/, and loaded once per version of the policy files. `coe audit` (engine/core/audit) and
// the flow report (readStageTimelines, engine/core/history/flow.ts) are both built on this pass.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import {
  AuditTrail,
  type CommitRecord,
  type ManifestChange,
  type PolicyInForce,
} from '../core/audit/trail.ts';
import { copyString } from '../core/check/check-manifests.ts';
import type { StageTimeline } from '../core/history/flow.ts';
import { USECASES_DIR } from '../core/manifest/conventions.ts';
import { loadPolicies, type PolicySet } from '../core/policy/load-policies.ts';
import { POLICIES_DIR } from '../fs/read-policies.ts';
import { isManifestPath } from '../fs/read-sources.ts';
import { policyEntries, policySources } from './commit-sources.ts';
import { checkRevision, execFileAsync, GitError, kindOfMode, type TreeEntry } from './git.ts';

/** Commits whose contents are being fetched while the next ones are parsed. */
const WINDOW = 8;

interface GitObject {
  id: string;
  type: string;
  data: Buffer;
}

/** One `git cat-file --batch` for the whole pass: ask by name, answers come back in order. */
export class ObjectReader {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting: { resolve: (o: GitObject | null) => void; reject: (e: Error) => void }[] = [];
  private buffer: Buffer = Buffer.alloc(0);
  private failed: Error | undefined;

  constructor(root: string) {
    this.child = spawn('git', ['cat-file', '--batch'], { cwd: root });
    this.child.stdout.on('data', (chunk: Buffer) => this.take(chunk));
    let stderr = '';
    this.child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString('utf8');
    });
    this.child.on('error', (e) => this.fail(new GitError(`git cat-file: ${e.message}`)));
    this.child.on('close', () =>
      this.fail(new GitError(`git cat-file stopped: ${stderr.trim() || 'no reason given'}`)),
    );
    this.child.stdin.on('error', () => {}); // reported by close
  }

  /** An object by id, or `commit:path`; null when git has none. */
  get(name: string): Promise<GitObject | null> {
    if (this.failed) return Promise.reject(this.failed);
    if (/[\r\n]/.test(name)) return Promise.resolve(null);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.child.stdin.write(`${name}\n`);
    });
  }

  close(): void {
    this.failed ??= new GitError('git cat-file closed');
    this.child.stdin.end();
  }

  private fail(error: Error): void {
    this.failed ??= error;
    for (const w of this.waiting.splice(0)) w.reject(error);
  }

  private take(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      const eol = this.buffer.indexOf(10);
      if (eol < 0) return;
      const header = this.buffer.subarray(0, eol).toString('utf8');
      if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
        this.buffer = this.buffer.subarray(eol + 1);
        this.waiting.shift()?.resolve(null);
        continue;
      }
      const [id, type, size] = header.split(' ');
      const n = Number(size);
      if (this.buffer.length < eol + 1 + n + 1) return;
      // A view, not a copy: whoever asked holds it only until its commit is applied, and a copy
      // per version doubles the bytes V8 must collect (an audit reads every changed version).
      const data = this.buffer.subarray(eol + 1, eol + 1 + n);
      this.buffer = this.buffer.subarray(eol + 1 + n + 1);
      this.waiting.shift()?.resolve({ id: id as string, type: type as string, data });
    }
  }
}

/** A commit as `git log --raw` gives it: the manifests it touched, and whether it touched policies/. */
interface LoggedCommit extends CommitRecord {
  /** Object id of each manifest's new content, by path. */
  blobs: Map<string, string>;
  policies: boolean;
}

export interface HistoryOptions {
  /** Read the policies at each version (for tiers and the RACI); timelines need none. */
  policies?: boolean;
  /** Called every so many commits with the number read so far. */
  onProgress?: (commits: number) => void;
  /** YYYY-MM-DD: read only commits made on or before this day (committer date). */
  until?: string;
}

/** Resolves `ref` to a commit, or throws a GitError a user can act on. */
export async function resolveCommit(root: string, ref: string): Promise<string> {
  checkRevision(ref, '--ref');
  try {
    const { stdout } = await execFileAsync()(
      'git',
      ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`],
      { cwd: root },
    );
    return stdout.trim();
  } catch (error) {
    const message = (error as { stderr?: string }).stderr ?? '';
    if (/not a git repository/i.test(message))
      throw new GitError(`${root} is not a git repository; coe audit reads its history`);
    throw new GitError(`--ref ${ref}: no such branch, tag or commit`);
  }
}

/** Feeds every first-parent commit of `ref` touching usecases/ or policies/ to `trail`, oldest first. */
export async function readHistory(
  root: string,
  ref: string,
  trail: AuditTrail,
  options: HistoryOptions = {},
): Promise<{ commits: number }> {
  const commit = await resolveCommit(root, ref);
  const objects = new ObjectReader(root);
  const policyCache = new PolicyCache(objects);
  const paths = options.policies === false ? [USECASES_DIR] : [USECASES_DIR, POLICIES_DIR];
  const log = spawn(
    'git',
    [
      '-c',
      'core.quotePath=false',
      'log',
      '--first-parent',
      '--reverse',
      '--diff-merges=first-parent',
      '--raw',
      '--no-abbrev',
      '-M',
      '-z',
      '--format=%x1e%H%x1f%cs%x1f%an%x1f%s',
      // History as it stood at the end of a day (flow as of a date): later commits are not read.
      ...(options.until ? [`--until=${options.until}T23:59:59Z`] : []),
      '--end-of-options',
      commit,
      '--',
      ...paths,
    ],
    { cwd: root },
  );
  let stderr = '';
  log.stderr.on('data', (d: Buffer) => {
    stderr += d.toString('utf8');
  });
  const exited = new Promise<number>((resolve, reject) => {
    log.on('error', reject);
    log.on('close', (code) => resolve(code ?? 1));
  });
  let policy: Promise<PolicyInForce | null> = Promise.resolve(null);
  const queue: Promise<() => void>[] = [];
  let commits = 0;
  let reported = 0;
  const submit = (c: LoggedCommit) => {
    commits++;
    if (c.policies && options.policies !== false) {
      const sha = c.sha;
      policy = policyCache.at(sha).then((policies) => ({ commit: sha, policies }));
    }
    const inForce = policy;
    const contents = [...c.blobs].map(([path, id]) => objects.get(id).then((o) => [path, o?.data] as const));
    queue.push(
      Promise.all([inForce, Promise.all(contents)]).then(([p, read]) => {
        const bytes = new Map(read);
        return () => trail.apply(c, (path) => bytes.get(path), p);
      }),
    );
  };
  try {
    const parser = new LogParser(submit);
    for await (const chunk of log.stdout as AsyncIterable<Buffer>) {
      parser.push(chunk);
      while (queue.length > WINDOW) (await (queue.shift() as Promise<() => void>))();
      if (options.onProgress && commits - reported >= 1000) {
        reported = commits;
        options.onProgress(commits);
      }
    }
    parser.end();
    while (queue.length) (await (queue.shift() as Promise<() => void>))();
    const code = await exited;
    if (code !== 0) throw new GitError(`git log failed: ${stderr.trim() || `exit code ${code}`}`);
  } finally {
    objects.close();
    if (log.exitCode === null) log.kill();
  }
  return { commits };
}

/** Every use case's stage visits along the first-parent line of `ref`, from the same pass as `coe audit`. */
export async function readStageTimelines(
  root: string,
  ref: string,
  until?: string,
): Promise<StageTimeline[]> {
  const trail = new AuditTrail();
  await readHistory(root, ref, trail, { policies: false, ...(until ? { until } : {}) });
  return trail.timelines();
}

/**
 * `git log -z --raw` output, in chunks: a header per commit ("\x1e" sha, date, author, subject),
 * then one ":modes ids status" token per path, followed by its path (two for a rename or copy).
 */
class LogParser {
  private rest = '';
  private current: LoggedCommit | undefined;
  private entry:
    | { status: string; dstMode: string; dstId: string; paths: string[]; need: number }
    | undefined;
  private readonly decoder = new TextDecoder('utf-8');

  private readonly emit: (c: LoggedCommit) => void;

  constructor(emit: (c: LoggedCommit) => void) {
    this.emit = emit;
  }

  push(chunk: Buffer): void {
    const text = this.rest + this.decoder.decode(chunk, { stream: true });
    const tokens = text.split('\0');
    this.rest = tokens.pop() as string;
    for (const t of tokens) this.token(t);
  }

  end(): void {
    const last = this.rest + this.decoder.decode();
    if (last) this.token(last);
    this.flush();
  }

  private token(raw: string): void {
    if (this.entry) {
      this.entry.paths.push(raw);
      if (this.entry.paths.length === this.entry.need) this.finishEntry();
      return;
    }
    const t = raw.startsWith('\n') ? raw.slice(1) : raw;
    if (t.startsWith('\x1e')) {
      this.flush();
      const [sha, date, author, ...subject] = t.slice(1).split('\x1f');
      // Copies: a slice of the log's text would keep the whole chunk it came in alive.
      this.current = {
        sha: copyString(sha as string),
        date: copyString(date as string),
        author: copyString(author as string),
        subject: copyString(subject.join('\x1f')),
        changes: [],
        blobs: new Map(),
        policies: false,
      };
    } else if (t.startsWith(':')) {
      const [, dstMode, , dstId, status] = t.slice(1).split(' ') as [string, string, string, string, string];
      this.entry = { status, dstMode, dstId, paths: [], need: /^[RC]/.test(status) ? 2 : 1 };
    }
  }

  private finishEntry(): void {
    const e = this.entry as NonNullable<LogParser['entry']>;
    this.entry = undefined;
    const c = this.current;
    if (!c) return;
    const [first, second] = e.paths.map(copyString) as [string, string | undefined];
    const path = second ?? first;
    const from = second !== undefined ? first : undefined;
    if (under(path, POLICIES_DIR) || (from !== undefined && under(from, POLICIES_DIR))) c.policies = true;
    const letter = e.status[0];
    const isFile = kindOfMode(e.dstMode) === 'file';
    const wasManifest = from !== undefined && isManifestPath(from);
    const isManifest = isManifestPath(path) && isFile;
    const change = (m: ManifestChange) => {
      c.changes.push(m);
      if (m.status !== 'deleted') c.blobs.set(m.path, e.dstId);
    };
    if (letter === 'D' || (letter === 'T' && !isFile)) {
      if (isManifestPath(path)) change({ status: 'deleted', path });
    } else if (letter === 'R' || letter === 'C') {
      if (isManifest && wasManifest && letter === 'R')
        change({ status: 'renamed', path, from: from as string });
      else if (isManifest) change({ status: 'added', path });
      if (letter === 'R' && wasManifest && !isManifest) change({ status: 'deleted', path: from as string });
    } else if (isManifest) {
      change({ status: letter === 'A' ? 'added' : 'modified', path });
    }
  }

  private flush(): void {
    if (this.current) this.emit(this.current);
    this.current = undefined;
  }
}

function under(path: string, dir: string): boolean {
  return path === dir || path.startsWith(`${dir}/`);
}

/**
 * The policy set at a commit, loaded once per version: a commit's policies/ tree id leads to the
 * policy files' (path, blob) list, and a set is loaded once per distinct list.
 */
class PolicyCache {
  private readonly byTree = new Map<string, Promise<PolicySet | null>>();
  private readonly byFiles = new Map<string, Promise<PolicySet | null>>();

  private readonly objects: ObjectReader;

  constructor(objects: ObjectReader) {
    this.objects = objects;
  }

  async at(commit: string): Promise<PolicySet | null> {
    const tree = await this.objects.get(`${commit}:${POLICIES_DIR}`);
    if (tree?.type !== 'tree') return null;
    const id = tree.id;
    let set = this.byTree.get(id);
    if (!set) {
      set = this.load(tree);
      this.byTree.set(id, set);
    }
    return set;
  }

  private async load(tree: GitObject): Promise<PolicySet | null> {
    const entries = policyEntries(await this.walk(tree, POLICIES_DIR));
    const key = entries.map((e) => `${e.mode} ${e.object} ${e.path}`).join('\n');
    let set = this.byFiles.get(key);
    if (!set) {
      set = this.read(entries);
      this.byFiles.set(key, set);
    }
    return set;
  }

  private async read(entries: TreeEntry[]): Promise<PolicySet | null> {
    const blobs = new Map<string, Uint8Array>();
    await Promise.all(
      entries
        .filter((e) => e.kind === 'file')
        .map((e) =>
          this.objects.get(e.object).then((o) => {
            if (o) blobs.set(e.object, o.data);
          }),
        ),
    );
    const sources = policySources(entries, blobs);
    if (!sources) return null;
    const loaded = loadPolicies(sources);
    return loaded.ok ? loaded.policies : null;
  }

  /** Every entry below a tree object, recursively, as paths from the repository root. */
  private async walk(tree: GitObject, prefix: string): Promise<TreeEntry[]> {
    const out: TreeEntry[] = [];
    const subtrees: Promise<TreeEntry[]>[] = [];
    for (const e of treeObjectEntries(tree, prefix)) {
      if (e.mode === '40000') {
        subtrees.push(
          this.objects
            .get(e.object)
            .then((sub) => (sub && sub.type === 'tree' ? this.walk(sub, e.path) : [])),
        );
      } else out.push(e);
    }
    for (const s of await Promise.all(subtrees)) out.push(...s);
    return out.sort((a, b) => (a.path < b.path ? -1 : 1));
  }
}

/** A binary tree object: "mode name\0" followed by the raw object id, per entry. */
function treeObjectEntries(tree: GitObject, prefix: string): TreeEntry[] {
  const data = tree.data;
  // SHA-1 repositories have 20-byte ids (40 hex digits), SHA-256 ones 32.
  const idBytes = tree.id.length / 2;
  const out: TreeEntry[] = [];
  let at = 0;
  while (at < data.length) {
    const space = data.indexOf(32, at);
    const nul = data.indexOf(0, space);
    const mode = data.subarray(at, space).toString('ascii');
    const name = data.subarray(space + 1, nul).toString('utf8');
    const object = data.subarray(nul + 1, nul + 1 + idBytes).toString('hex');
    at = nul + 1 + idBytes;
    const padded = mode.padStart(6, '0');
    out.push({
      path: `${prefix}/${name}`,
      kind: kindOfMode(padded),
      mode: padded === '040000' ? '40000' : padded,
      object,
    });
  }
  return out;
}
