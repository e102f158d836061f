// The audit trail of every use case, built one commit at a time, oldest first, from what a commit
// changed under usecases/ and the manifests' texts: each change (stage and effective tier before
// and after, records added, edited or removed, the policy commit in force) and what an auditor
// must see about it (flags.ts). Pure: the git adapter (engine/git/history.ts) supplies commits,
// texts and the policies in force; the date a current state is judged on comes in as an argument.

import type {
  AuditReport as AuditJson,
  Change as AuditJsonChange,
  UseCase as AuditJsonUseCase,
} from '../../schema/audit.gen.ts';
import type { UseCase } from '../../schema/usecase.gen.ts';
import { upgradeHistoricManifest } from '../approvals/identity.ts';
import { higherTier, stagesToApprove } from '../approvals/raci.ts';
import { type Approval, checkApprovals } from '../approvals/records.ts';
import { copyString, detach, loadHistoricManifest } from '../check/check-manifests.ts';
import { Keep } from '../check/keep.ts';
import type { StageTimeline, StageVisit } from '../history/flow.ts';
import { RISK_TIERS, STAGES, type Stage, type Tier } from '../manifest/vocabulary.ts';
import { tierOf } from '../policy/evaluate.ts';
import type { PolicySet } from '../policy/load-policies.ts';
import { read } from '../read-path.ts';
import { decodeText, parseYaml } from '../yaml/parse.ts';
import { AUDIT_FLAG_CODES, type AuditFlag, type AuditFlagCode, flag } from './flags.ts';
import { pullRequestOf } from './pull-request.ts';

export type { Approval };
export type Waiver = NonNullable<UseCase['spec']['lifecycle']['waivers']>[number];

/** A manifest a commit added, changed, deleted or moved (git's rename detection), by path. */
export interface ManifestChange {
  status: 'added' | 'modified' | 'deleted' | 'renamed';
  path: string;
  /** For a rename: where it was. */
  from?: string;
}

export interface CommitRecord {
  sha: string;
  /** YYYY-MM-DD, the committer date. */
  date: string;
  author: string;
  subject: string;
  /** The manifests it touched, in git's order. */
  changes: ManifestChange[];
}

/** The policies at a commit: the last commit touching policies/ at or before it, and its set. */
export interface PolicyInForce {
  commit: string;
  /** null: the policies at that commit did not load; tiers are then the declared ones. */
  policies: PolicySet | null;
}

type AuditJsonRecordChange = AuditJsonChange['recordsChanged'][number];

/**
 * An approval or waiver record edited or removed. The JSON shape (audit.schema.json) says only
 * "an object": a version that does not validate is read as it is.
 */
export interface RecordChange extends AuditJsonRecordChange {
  before: Approval | Waiver;
  after: Approval | Waiver | null;
}

/** One change to a use case, as engine/schema/audit.schema.json describes it, with its records typed. */
export interface AuditChange extends AuditJsonChange {
  approvalsAdded: Approval[];
  waiversAdded: Waiver[];
  recordsChanged: RecordChange[];
}

export interface AuditUseCase extends AuditJsonUseCase {
  changes: AuditChange[];
}

/** `coe audit --format json` without flagCodes (the reporter adds what each code means). */
export interface AuditReport extends Omit<AuditJson, 'flagCodes' | 'useCases'> {
  useCases: AuditUseCase[];
}

export interface TrailOptions {
  /** Keep only changes on or after this YYYY-MM-DD (the state before it is still followed). */
  since?: string | undefined;
  /** Keep only these use cases. */
  ids?: readonly string[] | undefined;
}

/** What the trail keeps of one version of a manifest. */
interface Version {
  id: string | null;
  domain: string | null;
  stage: Stage | null;
  tier: string | null;
  approvals: Approval[];
  waivers: Waiver[];
  /** null when this version does not validate (its fields are then read as they are). */
  manifest: UseCase | null;
}

interface Tracked {
  id: string;
  domain: string;
  file: string;
  current: Version | null;
  removed: boolean;
  changes: AuditChange[];
  visits: StageVisit[];
  lastChange: string;
}

export const SHORT_SHA = 7;
/** The empty list every row without records or flags shares (frozen: nobody adds to a kept row). */
const NONE = Object.freeze([]) as never[];

export class AuditTrail {
  private readonly tracked = new Map<string, Tracked>();
  private readonly byPath = new Map<string, string>();
  /** One for the whole history: rows share the dates, authors, files and stage pairs they repeat. */
  private readonly keep = new Keep();
  private readonly since: string | undefined;
  private readonly ids: Set<string> | undefined;

  constructor(options: TrailOptions = {}) {
    this.since = options.since;
    this.ids = options.ids?.length ? new Set(options.ids) : undefined;
  }

  /**
   * One commit, oldest first. `read` gives a manifest's bytes at this commit by path (for every
   * change but a deletion); `policy` is what was in force, null before policies/ existed.
   */
  apply(
    commit: CommitRecord,
    read: (path: string) => Uint8Array | undefined,
    policy: PolicyInForce | null,
  ): void {
    const pr = pullRequestOf(commit.subject);
    const touched = new Set<string>();
    const deleted: ManifestChange[] = [];
    const ended: { key: string; path: string }[] = [];
    for (const c of commit.changes) {
      if (c.status === 'deleted') {
        deleted.push(c);
        continue;
      }
      const bytes = read(c.path);
      if (!bytes) continue;
      const next = parseVersion(c.path, bytes, policy?.policies ?? null, commit.date);
      const oldKey = this.byPath.get(c.from ?? c.path);
      // A copy: the id is a slice of this version's text, which would stay alive with the key.
      const key = next.id === null ? (oldKey ?? c.path) : copyString(next.id);
      // The file now holds another use case (git paired two as a rename, or the id was changed):
      // the one it held ends here, unless it went on elsewhere in this commit.
      if (oldKey !== undefined && oldKey !== key) ended.push({ key: oldKey, path: c.from ?? c.path });
      if (c.from !== undefined) this.byPath.delete(c.from);
      this.byPath.set(c.path, key);
      touched.add(key);
      this.change(key, c.path, next, commit, pr, policy);
    }
    for (const d of deleted) {
      const key = this.byPath.get(d.path) ?? d.path;
      this.byPath.delete(d.path);
      ended.push({ key, path: d.path });
    }
    for (const e of ended) {
      // Deleted here and added elsewhere in the same commit: a move git did not pair up.
      if (!touched.has(e.key)) this.delete(e.key, e.path, commit, pr, policy);
    }
  }

  /** The ids seen anywhere in the history. */
  has(id: string): boolean {
    return this.tracked.has(id);
  }

  report(ref: string, asOf: string): AuditReport {
    const flags = Object.fromEntries(AUDIT_FLAG_CODES.map((c) => [c, 0])) as Record<AuditFlagCode, number>;
    const useCases: AuditUseCase[] = [];
    let changes = 0;
    for (const t of [...this.tracked.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
      if (!this.keeps(t.id)) continue;
      const current = t.current ? currentFlags(t.current, asOf) : [];
      if (t.changes.length === 0 && current.length === 0) continue;
      for (const f of [...current, ...t.changes.flatMap((c) => c.flags)]) flags[f.code]++;
      changes += t.changes.length;
      useCases.push({
        id: t.id,
        domain: t.domain,
        file: t.file,
        removed: t.removed,
        stage: t.current?.stage ?? null,
        tier: t.current?.tier ?? null,
        changes: t.changes,
        flags: current,
      });
    }
    return {
      ref,
      asOf,
      since: this.since ?? null,
      useCases,
      summary: { useCases: useCases.length, changes, flags },
    };
  }

  /** Every use case's stage visits (engine/core/history/flow.ts), whatever the filters. */
  timelines(): StageTimeline[] {
    return [...this.tracked.values()]
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((t) => ({
        id: t.id,
        domain: t.domain,
        visits: t.visits,
        lastChange: t.lastChange,
        removed: t.removed,
      }));
  }

  /**
   * What a row keeps until the report: copies, so that nothing pins a version's text or the log's,
   * with what many rows repeat (a date, an author, a file, a stage or tier pair, no records) held
   * once for all of them. 50,000 changes are 50,000 rows.
   */
  private keepRow(row: AuditChange): AuditChange {
    const k = this.keep;
    const list = <T>(xs: T[]): T[] => (xs.length ? k.copy(xs) : NONE);
    return {
      commit: row.commit,
      sha: copyString(row.sha),
      date: k.string(row.date),
      author: k.string(row.author),
      pullRequest: row.pullRequest,
      change: row.change,
      file: k.string(row.file),
      previousFile: row.previousFile === null ? null : k.string(row.previousFile),
      stage: k.shared(row.stage),
      tier: k.shared(row.tier),
      approvalsAdded: list(row.approvalsAdded),
      waiversAdded: list(row.waiversAdded),
      recordsChanged: list(row.recordsChanged),
      policyCommit: row.policyCommit,
      flags: list(row.flags),
    };
  }

  private keeps(id: string): boolean {
    return !this.ids || this.ids.has(id);
  }

  private kept(t: Tracked, date: string): boolean {
    return this.keeps(t.id) && (this.since === undefined || date >= this.since);
  }

  private change(
    key: string,
    path: string,
    next: Version,
    commit: CommitRecord,
    pr: number | null,
    policy: PolicyInForce | null,
  ): void {
    let t = this.tracked.get(key);
    if (!t) {
      t = {
        id: key,
        domain: '',
        file: path,
        current: null,
        removed: false,
        changes: [],
        visits: [],
        lastChange: commit.date,
      };
      this.tracked.set(key, t);
    }
    const prev = t.current;
    const moved = prev !== null && t.file !== path;
    const flags: AuditFlag[] = [];
    if (pr === null) flags.push(noPullRequest(commit));
    const approvals = diffRecords('approval', prev?.approvals ?? [], next.approvals, approvalKey);
    const waivers = diffRecords('waiver', prev?.waivers ?? [], next.waivers, waiverKey);
    const recordsChanged = [...approvals.changed, ...waivers.changed];
    for (const r of recordsChanged)
      flags.push(flag('record-edited-after-merge', `${describeRecord(r.kind, r.before)} was ${r.change}`));
    const stageChanged = next.stage !== null && next.stage !== (prev?.stage ?? null);
    if (stageChanged && policy?.policies && next.manifest)
      flags.push(
        ...missingApprovals(
          next.manifest,
          prev?.stage ?? null,
          prev?.tier ?? null,
          next,
          pr,
          policy.policies,
        ),
      );
    const last = t.visits.at(-1);
    if (next.stage !== null && next.stage !== last?.stage) {
      t.visits.push({ stage: next.stage, entered: commit.date, commit: commit.sha.slice(0, SHORT_SHA) });
    }
    // At every commit after the expiry while the use case is still at the waiver's stage.
    for (const w of next.waivers) {
      if (w.stage === next.stage && w.expires < commit.date) flags.push(expiredWaiver(w, commit.date));
    }
    const row: AuditChange = {
      ...changeOf(commit, pr),
      change: prev === null ? 'added' : moved ? 'renamed' : 'modified',
      file: path,
      previousFile: moved ? t.file : null,
      stage: { before: prev?.stage ?? null, after: next.stage },
      tier: { before: prev?.tier ?? null, after: next.tier },
      approvalsAdded: approvals.added as Approval[],
      waiversAdded: waivers.added as Waiver[],
      recordsChanged,
      policyCommit: policy ? policy.commit.slice(0, SHORT_SHA) : null,
      flags,
    };
    t.file = path;
    // What is kept until the next version: no parsed manifest, and records that are copies (or the
    // previous version's, when unchanged), so nothing pins this version's text.
    t.current = {
      ...next,
      id: next.id === null ? null : copyString(next.id),
      domain: next.domain === null ? null : copyString(next.domain),
      tier: next.tier === null ? null : copyString(next.tier),
      approvals: approvals.same && prev ? prev.approvals : detach(next.approvals),
      waivers: waivers.same && prev ? prev.waivers : detach(next.waivers),
      manifest: null,
    };
    t.removed = false;
    t.domain = next.domain === null ? domainOf(path) : copyString(next.domain);
    t.lastChange = commit.date;
    if (this.kept(t, commit.date)) t.changes.push(this.keepRow(row));
  }

  private delete(
    key: string,
    path: string,
    commit: CommitRecord,
    pr: number | null,
    policy: PolicyInForce | null,
  ): void {
    const t = this.tracked.get(key);
    if (!t || t.current === null) return;
    const flags: AuditFlag[] = [];
    if (pr === null) flags.push(noPullRequest(commit));
    flags.push(flag('manifest-deleted', `${path} was deleted at stage ${t.current.stage ?? 'unknown'}`));
    const row: AuditChange = {
      ...changeOf(commit, pr),
      change: 'deleted',
      file: path,
      previousFile: null,
      stage: { before: t.current.stage, after: null },
      tier: { before: t.current.tier, after: null },
      approvalsAdded: [],
      waiversAdded: [],
      recordsChanged: [],
      policyCommit: policy ? policy.commit.slice(0, SHORT_SHA) : null,
      flags,
    };
    t.current = null;
    t.removed = true;
    t.lastChange = commit.date;
    if (this.kept(t, commit.date)) t.changes.push(this.keepRow(row));
  }
}

function noPullRequest(commit: CommitRecord): AuditFlag {
  return flag(
    'no-pull-request',
    `commit ${commit.sha.slice(0, SHORT_SHA)} names no pull request in its message`,
  );
}

function expiredWaiver(w: Waiver, on: string): AuditFlag {
  return flag(
    'waiver-expired-in-stage',
    `waiver of ${w.rule} for ${w.stage} expired on ${w.expires} and the use case was still at ${w.stage} on ${on}`,
  );
}

/** The current state's flags as of `asOf`: waivers past their expiry for the stage it is still at. */
function currentFlags(v: Version, asOf: string): AuditFlag[] {
  return v.waivers.filter((w) => w.stage === v.stage && w.expires < asOf).map((w) => expiredWaiver(w, asOf));
}

/**
 * A stage change checked against the RACI in force: every stage it enters needs its roles' approval
 * records (for this commit's pull request, when it names one), counted as the lifecycle rules
 * count them (checkApprovals: role holders only, one role per person).
 */
function missingApprovals(
  manifest: UseCase,
  from: Stage | null,
  tierBefore: string | null,
  next: Version,
  pr: number | null,
  policies: PolicySet,
): AuditFlag[] {
  const raci = policies.registries.raci;
  const to = next.stage as Stage;
  const after = asTier(next.tier) ?? manifest.spec.classification.riskTier;
  const before = asTier(tierBefore);
  const tier = before ? higherTier(before, after) : after;
  const flags: AuditFlag[] = [];
  for (const stage of stagesToApprove(raci, from, to, manifest)) {
    const approvals = (manifest.spec.lifecycle.approvals ?? []).filter(
      (a) => a.stage === stage && (pr === null || a.pr === pr),
    );
    const asEntered: UseCase = {
      ...manifest,
      spec: { ...manifest.spec, lifecycle: { ...manifest.spec.lifecycle, stage, approvals } },
    };
    const verdict = checkApprovals(asEntered, policies, tier);
    if (verdict.missing.length === 0) continue;
    const where = pr === null ? '' : ` in pull request #${pr}`;
    const why = verdict.invalid.length ? ` (${verdict.invalid.join('; ')})` : '';
    flags.push(
      flag(
        'stage-change-without-approvals',
        `entering ${stage} at tier ${tier} needs approval by ${verdict.missing.join(', ')}${where}; none recorded${why}`,
      ),
    );
  }
  return flags;
}

function asTier(t: string | null): Tier | null {
  return t !== null && (RISK_TIERS as readonly string[]).includes(t) ? (t as Tier) : null;
}

/** One version of a manifest: validated when it can be, else its fields read as they are. */
function parseVersion(file: string, bytes: Uint8Array, policies: PolicySet | null, date: string): Version {
  const loaded = loadHistoricManifest(file, bytes, []);
  if (loaded) {
    const m = loaded.manifest;
    const declared = m.spec.classification.riskTier;
    let tier: string = declared;
    if (policies) tier = tierOf(m, policies, date).effective;
    return {
      id: m.metadata.id,
      domain: m.metadata.domain,
      stage: m.spec.lifecycle.stage,
      tier,
      approvals: m.spec.lifecycle.approvals ?? [],
      waivers: m.spec.lifecycle.waivers ?? [],
      manifest: m,
    };
  }
  const decoded = decodeText(file, bytes);
  const parsed = decoded.ok ? parseYaml(file, decoded.text) : undefined;
  const value: unknown = parsed?.ok ? parsed.value : undefined;
  upgradeHistoricManifest(value);
  const str = (path: string) => {
    const v = read(value, path);
    return typeof v === 'string' ? v : null;
  };
  const list = (path: string) => {
    const v = read(value, path);
    return Array.isArray(v) ? v.filter((x) => x !== null && typeof x === 'object') : [];
  };
  const stage = str('spec.lifecycle.stage');
  return {
    id: str('metadata.id'),
    domain: str('metadata.domain'),
    stage: stage !== null && (STAGES as readonly string[]).includes(stage) ? (stage as Stage) : null,
    tier: str('spec.classification.riskTier'),
    approvals: list('spec.lifecycle.approvals') as Approval[],
    waivers: list('spec.lifecycle.waivers') as Waiver[],
    manifest: null,
  };
}

function domainOf(path: string): string {
  const parts = path.split('/');
  return parts.length > 2 ? (parts[1] as string) : '';
}

const approvalKey = (a: Approval) => `${a.stage}|${a.role}`;
const waiverKey = (w: Waiver) => `${w.rule}|${w.stage}|${w.pr}`;

function describeRecord(kind: 'approval' | 'waiver', r: Approval | Waiver): string {
  if (kind === 'approval') {
    const a = r as Approval;
    return `approval of ${a.stage} by ${a.role} ${a.login} (pull request #${a.pr}, ${a.date})`;
  }
  const w = r as Waiver;
  return `waiver of ${w.rule} for ${w.stage} by ${w.approver} (pull request #${w.pr}, expires ${w.expires})`;
}

/** A record's content, whatever the order its fields were written in. */
function canonical(r: object): string {
  return JSON.stringify(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * Records added, and records edited or removed, between two versions. Records are append-only:
 * one that is gone is edited when a new one with the same key (stage and role; rule, stage and
 * pull request) took its place, removed otherwise.
 */
function diffRecords<T extends object>(
  kind: 'approval' | 'waiver',
  before: readonly T[],
  after: readonly T[],
  key: (r: T) => string,
): { added: T[]; changed: RecordChange[]; same: boolean } {
  // The usual case: the records are appended to (or left alone). Compared field by field.
  if (before.length <= after.length && before.every((r, i) => sameRecord(r, after[i] as T))) {
    return { added: after.slice(before.length), changed: [], same: before.length === after.length };
  }
  const remaining = new Map<string, number>();
  for (const r of before) remaining.set(canonical(r), (remaining.get(canonical(r)) ?? 0) + 1);
  const added: T[] = [];
  for (const r of after) {
    const c = canonical(r);
    const n = remaining.get(c) ?? 0;
    if (n > 0) remaining.set(c, n - 1);
    else added.push(r);
  }
  const changed: RecordChange[] = [];
  for (const r of before) {
    const c = canonical(r);
    const n = remaining.get(c) ?? 0;
    if (n === 0) continue;
    remaining.set(c, n - 1);
    const i = added.findIndex((a) => key(a) === key(r));
    const replacement = i >= 0 ? (added.splice(i, 1)[0] as T) : null;
    changed.push({
      kind,
      change: replacement ? 'edited' : 'removed',
      before: r as unknown as Approval,
      after: replacement as unknown as Approval | null,
    });
  }
  return { added, changed, same: false };
}

/** Records are flat: scalar fields only (a nested value compares by its text). */
function sameRecord(a: object, b: object): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    const x = (a as Record<string, unknown>)[k];
    const y = (b as Record<string, unknown>)[k];
    if (x !== y && (typeof x !== 'object' || JSON.stringify(x) !== JSON.stringify(y))) return false;
  }
  return true;
}

/** The columns every row of a commit shares: which commit, when, by whom, through which pull request. */
function changeOf(commit: CommitRecord, pr: number | null) {
  return {
    commit: commit.sha.slice(0, SHORT_SHA),
    sha: commit.sha,
    date: commit.date,
    author: commit.author,
    pullRequest: pr,
  };
}
