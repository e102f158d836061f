// The use cases a change touches, as the approvals check needs them: each manifest as the change
// leaves it and at its base version, the tier at both ends, and where its records are; removed
// manifests too. Shared by the Action and `coe check --base`; pure over the sources it is given.
import { basename } from 'node:path';
import type { ChangedUseCase } from '../approvals/gate.ts';
import { higherTier } from '../approvals/raci.ts';
import { loadHistoricManifest, loadManifest, type SourceFile } from '../check/check-manifests.ts';
import type { CheckReport } from '../check/report.ts';
import { tierOf } from '../policy/evaluate.ts';
import type { PolicySet } from '../policy/load-policies.ts';
import { Locator } from '../yaml/locate.ts';

export function changedUseCases(
  check: CheckReport,
  sources: readonly SourceFile[],
  baseOf: (file: string) => Uint8Array | undefined,
  policies: PolicySet,
): ChangedUseCase[] {
  const changed = new Set(check.base?.changed ?? []);
  const byFile = new Map(sources.map((s) => [s.file, s]));
  const baseManifest = (file: string) => {
    const bytes = baseOf(file);
    return bytes ? (loadHistoricManifest(file, bytes, [])?.manifest ?? null) : null;
  };
  const out: ChangedUseCase[] = [];
  for (const u of check.useCases) {
    if (!changed.has(u.file) || !u.transition || !u.tier) continue;
    const source = byFile.get(u.file);
    const head = source && loadManifest(u.file, source.read(), []);
    if (!head) continue;
    const base = baseManifest(u.file);
    const locator = new Locator(head.text, head.events);
    const line = (list: string) => (i: number) => locator.locate(['spec', 'lifecycle', list, i]).line;
    out.push({
      id: u.id,
      file: u.file,
      from: u.transition.from,
      to: u.transition.to,
      // A change that lowers the tier is approved at the tier it leaves.
      tier: base
        ? higherTier(u.tier.effective, tierOf(base, policies, check.asOf).effective)
        : u.tier.effective,
      head: head.manifest,
      base,
      lineOfApproval: line('approvals'),
      lineOfWaiver: line('waivers'),
    });
  }
  // A file deleted here and added elsewhere under the same name moved (a new domain); the rest are removed.
  const moved = new Set([...changed].map((f) => basename(f)));
  for (const file of check.base?.deleted ?? []) {
    if (moved.has(basename(file))) continue;
    const base = baseManifest(file);
    out.push({
      id: base?.metadata.id ?? basename(file, '.yaml'),
      file,
      from: base?.spec.lifecycle.stage ?? null,
      to: null,
      // An unreadable base version is judged at the highest tier: removing it is never waved through.
      tier: base ? tierOf(base, policies, check.asOf).effective : 'high',
      head: null,
      base,
      lineOfApproval: () => 1,
      lineOfWaiver: () => 1,
    });
  }
  return out;
}
