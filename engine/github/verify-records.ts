// `coe audit --verify` as an adapter: the approval and waiver records of every manifest at a
// commit (read through git), each pull request they name asked of GitHub once (its reviews and
// commits), git asked whether each reviewed commit held the record, and the pure verdicts of
// engine/core/audit/verify.ts.

import { sameIdentity } from '../core/approvals/identity.ts';
import {
  type AuditRecord,
  type PullLookup,
  recordsOf,
  summarise,
  type VerifyReport,
  verifyRecord,
} from '../core/audit/verify.ts';
import { loadHistoricManifest } from '../core/check/check-manifests.ts';
import { Locator } from '../core/yaml/locate.ts';
import { manifestsAt } from '../git/commit-sources.ts';
import { GitError, objectIds } from '../git/git.ts';
import { type HoldingAsk, recordHolding } from '../git/record-content.ts';
import { ApiUnreachableError, describeFailure, type GitHub, pullEvidence } from './github-api.ts';

export type { VerifyReport };

export interface VerifyOptions {
  root: string;
  /** The commit judged (a ref or sha; HEAD by default). */
  ref: string;
  owner: string;
  repo: string;
  /** null without a token: every record is unverifiable, saying so. */
  gh: GitHub | null;
}

/** Pull requests asked for at once. */
const CONCURRENCY = 4;

export async function verifyRecordsAt(o: VerifyOptions): Promise<VerifyReport> {
  const commit = objectIds(o.root, [`${o.ref}^{commit}`]).get(`${o.ref}^{commit}`);
  if (!commit) throw new GitError(`${o.ref} is not a commit in ${o.root}`);
  const { sources, problems } = await manifestsAt(o.root, commit);
  const records: AuditRecord[] = [];
  for (const source of sources) {
    const loaded = loadHistoricManifest(source.file, source.read(), problems);
    if (!loaded) continue;
    const locator = new Locator(loaded.text, loaded.events);
    const line = (list: string) => (i: number) => locator.locate(['spec', 'lifecycle', list, i]).line;
    const { approvals = [], waivers = [] } = loaded.manifest.spec.lifecycle;
    records.push(
      ...recordsOf(loaded.manifest.metadata.id, source.file, approvals, waivers, {
        approval: line('approvals'),
        waiver: line('waivers'),
      }),
    );
  }
  const lookups = await lookUpPulls(
    o,
    [...new Set(records.map((r) => r.pr))].sort((a, b) => a - b),
  );
  // The commits each record's reviewer reviewed, for git to read.
  const asks: HoldingAsk[] = records.flatMap((r) => {
    const lookup = lookups.get(r.pr);
    if (!lookup || !('found' in lookup)) return [];
    return lookup.found.reviews
      .filter((rv) => sameIdentity(rv.login, r.login))
      .map((rv) => ({ file: r.file, id: r.id, commit: rv.commitId }));
  });
  const holding = await recordHolding(o.root, asks);
  const verdicts = records.map((r) =>
    verifyRecord(r, lookups.get(r.pr) as PullLookup, (sha) =>
      holding({ file: r.file, id: r.id, commit: sha }, r.record),
    ),
  );
  const summary = summarise(verdicts);
  return {
    repository: `${o.owner}/${o.repo}`,
    commit,
    verdicts,
    summary: problems.length ? { ...summary, exitCode: 1 } : summary,
    problems,
  };
}

/** Each pull request once; after the API proves unreachable, the rest are not tried. */
async function lookUpPulls(o: VerifyOptions, numbers: number[]): Promise<Map<number, PullLookup>> {
  const out = new Map<number, PullLookup>();
  const gh = o.gh;
  if (!gh) {
    for (const n of numbers)
      out.set(n, { unverifiable: 'no token: set GITHUB_TOKEN (or GH_TOKEN) to read the reviews' });
    return out;
  }
  let unreachable: string | null = null;
  const queue = [...numbers];
  const worker = async () => {
    for (let n = queue.shift(); n !== undefined; n = queue.shift()) {
      if (unreachable) {
        out.set(n, { unverifiable: unreachable });
        continue;
      }
      try {
        out.set(n, { found: await pullEvidence(gh, o.owner, o.repo, n) });
      } catch (error) {
        if (error instanceof ApiUnreachableError) unreachable = error.message;
        const status = (error as { status?: number }).status;
        if (status === undefined && !(error instanceof ApiUnreachableError)) throw error;
        out.set(n, {
          unverifiable:
            status === 404
              ? `pull request #${n} was not found in ${o.owner}/${o.repo}`
              : describeFailure(error, `pull request #${n} could not be read`, 'pull-requests: read', false),
        });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, numbers.length) }, worker));
  return out;
}
