// Whether a reviewed commit's manifest holds an approval or waiver record: what `coe audit
// --verify` asks git for each review it rests on. Read as the review-content check reads (object
// ids, then the blobs in one batch), by the use case's path, or by its id when it has moved since.

import { recordKey } from '../core/approvals/gate.ts';
import type { Approval } from '../core/approvals/records.ts';
import type { Waiver } from '../core/approvals/waivers.ts';
import { loadHistoricManifest } from '../core/check/check-manifests.ts';
import { MANIFEST_EXTENSION, USECASES_DIR } from '../core/manifest/conventions.ts';
import { objectIds, readObjects, treeEntries } from './git.ts';

export interface HoldingAsk {
  /** The manifest's path at the commit judged, and its use case's id. */
  file: string;
  id: string;
  commit: string;
}

export type HoldingAnswer = (ask: HoldingAsk, record: Approval | Waiver) => 'holds' | 'lacks' | 'absent';

export async function recordHolding(root: string, asks: readonly HoldingAsk[]): Promise<HoldingAnswer> {
  const commits = [...new Set(asks.map((a) => a.commit))].filter((c) => /^[0-9a-f]{40}$/.test(c));
  const present = objectIds(
    root,
    commits.map((c) => `${c}^{commit}`),
  );
  const known = new Set(commits.filter((c) => present.has(`${c}^{commit}`)));
  const wanted = asks.filter((a) => known.has(a.commit));
  const byPath = objectIds(
    root,
    wanted.map((a) => `${a.commit}:${a.file}`),
  );
  // A use case that moved (a new domain) since: found by its id at that commit (one ls-tree a commit).
  const trees = new Map<string, ReturnType<typeof treeEntries>>();
  const blobOf = new Map<string, { file: string; blob: string }>();
  for (const a of wanted) {
    const at = byPath.get(`${a.commit}:${a.file}`);
    if (at) {
      blobOf.set(askKey(a), { file: a.file, blob: at });
      continue;
    }
    if (!trees.has(a.commit)) trees.set(a.commit, treeEntries(root, a.commit, [USECASES_DIR]));
    const entry = (await trees.get(a.commit))?.find(
      (e) => e.kind === 'file' && e.path.endsWith(`/${a.id}${MANIFEST_EXTENSION}`),
    );
    if (entry) blobOf.set(askKey(a), { file: entry.path, blob: entry.object });
  }
  const blobs = readObjects(root, [...new Set([...blobOf.values()].map((b) => b.blob))]);
  const keys = new Map<string, Set<string>>();
  for (const [k, { file, blob }] of blobOf) {
    const bytes = blobs.get(blob);
    const loaded = bytes ? loadHistoricManifest(file, bytes, []) : undefined;
    const lifecycle = loaded?.manifest.spec.lifecycle;
    keys.set(
      k,
      new Set([...(lifecycle?.approvals ?? []), ...(lifecycle?.waivers ?? [])].map((r) => recordKey(r))),
    );
  }
  return (ask, record) => {
    if (!known.has(ask.commit)) return 'absent';
    return keys.get(askKey(ask))?.has(recordKey(record)) ? 'holds' : 'lacks';
  };
}

function askKey(a: HoldingAsk): string {
  return `${a.commit}\n${a.file}`;
}
