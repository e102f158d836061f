// The use cases a change touches, as the approvals check needs them: each manifest as it is in
// the working tree and at its base version, with where its recorded approvals are. Shared by the
// Action and `coe check --base`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadManifest } from '../core/check/check-manifests.ts';
import type { CheckReport } from '../core/check/report.ts';
import type { ChangedUseCase } from '../core/gate/verify-approvals.ts';
import { Locator } from '../core/yaml/locate.ts';

export function changedUseCases(
  root: string,
  check: CheckReport,
  baseOf: (file: string) => Uint8Array | undefined,
): ChangedUseCase[] {
  const changed = new Set(check.base?.changed ?? []);
  const out: ChangedUseCase[] = [];
  for (const u of check.useCases) {
    if (!changed.has(u.file) || !u.transition || !u.tier) continue;
    const head = loadManifest(u.file, readFileSync(join(root, u.file)), []);
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
