// The use cases a change touches, as the approvals check needs them: each manifest as the change
// leaves it and at its base version, with where its recorded approvals are. Shared by the Action
// and `coe check --base`; pure over the sources it is given.
import { loadManifest, type SourceFile } from '../check/check-manifests.ts';
import type { CheckReport } from '../check/report.ts';
import { Locator } from '../yaml/locate.ts';
import type { ChangedUseCase } from './verify-approvals.ts';

export function changedUseCases(
  check: CheckReport,
  sources: readonly SourceFile[],
  baseOf: (file: string) => Uint8Array | undefined,
): ChangedUseCase[] {
  const changed = new Set(check.base?.changed ?? []);
  const byFile = new Map(sources.map((s) => [s.file, s]));
  const out: ChangedUseCase[] = [];
  for (const u of check.useCases) {
    if (!changed.has(u.file) || !u.transition || !u.tier) continue;
    const source = byFile.get(u.file);
    const head = source && loadManifest(u.file, source.read(), []);
    if (!head) continue;
    const baseBytes = baseOf(u.file);
    const base = baseBytes ? (loadManifest(u.file, baseBytes, [])?.manifest ?? null) : null;
    const locator = new Locator(head.text, head.events);
    out.push({
      id: u.id,
      file: u.file,
      from: u.transition.from,
      to: u.transition.to,
      tier: u.tier.effective,
      head: head.manifest,
      base,
      lineOfApproval: (i) => locator.locate(['spec', 'lifecycle', 'approvals', i]).line,
    });
  }
  return out;
}
