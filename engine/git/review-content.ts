// Whether a reviewed commit held what the gate judges: the answer the approvals check asks git for
// each review of an earlier commit. Everything is read in a few batches (object ids, the
// manifests, the ids of what they link to), however many reviews and use cases there are.
import { approvedContent, linkedPaths } from '../core/approvals/content.ts';
import type { Concern } from '../core/approvals/gate.ts';
import { ENGINE_PATHS } from '../core/approvals/raci.ts';
import { loadHistoricManifest } from '../core/check/check-manifests.ts';
import { POLICIES_DIR } from '../fs/read-policies.ts';
import { objectIds, readObjects } from './git.ts';

export type SameContent = (concern: Concern, commit: string) => boolean;

/**
 * `head`: the commit judged; `files`: the changed manifests (removed ones included); `commits`:
 * the commits reviews were given on. A commit git does not have holds nothing the same.
 */
export function reviewedContent(
  root: string,
  head: string,
  files: readonly string[],
  commits: readonly string[],
): SameContent {
  const earlier = [...new Set(commits)].filter((c) => c !== head);
  if (earlier.length === 0) return (_concern, commit) => commit === head;
  const all = [head, ...earlier];
  const present = objectIds(
    root,
    all.map((c) => `${c}^{commit}`),
  );
  const known = all.filter((c) => present.has(`${c}^{commit}`));
  const fileIds = objectIds(
    root,
    known.flatMap((commit) => files.map((file) => `${commit}:${file}`)),
  );
  const blobs = readObjects(root, [...fileIds.values()]);
  // A manifest's approvable content, and the files it links to, at each commit.
  const manifests = new Map<string, { content: string; links: string[] } | null>();
  for (const commit of known) {
    for (const file of files) {
      const id = fileIds.get(`${commit}:${file}`);
      const bytes = id === undefined ? undefined : blobs.get(id);
      if (!bytes) continue;
      const loaded = loadHistoricManifest(file, bytes, []);
      manifests.set(
        `${commit}:${file}`,
        loaded ? { content: approvedContent(loaded.manifest), links: linkedPaths(loaded.manifest) } : null,
      );
    }
  }
  const trees = [POLICIES_DIR, ...ENGINE_PATHS];
  const linked = [...manifests.values()].flatMap((m) => m?.links ?? []);
  const ids = objectIds(
    root,
    known.flatMap((commit) => [...trees, ...linked].map((path) => `${commit}:${path}`)),
  );
  const idsAt = (commit: string, paths: readonly string[]) =>
    paths.map((p) => ids.get(`${commit}:${p}`) ?? '-').join(' ');
  const fingerprint = (concern: Concern, commit: string): string => {
    if (concern.kind === 'policies') return idsAt(commit, [POLICIES_DIR]);
    if (concern.kind === 'engine') return idsAt(commit, ENGINE_PATHS);
    const m = manifests.get(`${commit}:${concern.file}`);
    // A file that is absent (removed) at both ends is the same; one that does not load never is.
    if (m === undefined) return 'absent';
    return m === null ? `invalid ${commit}` : `${m.content}\n${idsAt(commit, m.links)}`;
  };
  return (concern, commit) => {
    if (commit === head) return true;
    if (!known.includes(commit) || !known.includes(head)) return false;
    return fingerprint(concern, commit) === fingerprint(concern, head);
  };
}
