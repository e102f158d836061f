// What an approval approves of a use case: its manifest with the approval records left out (writing
// down who approved changes nothing they approved) and the repository files it links to. A review
// of an earlier commit still counts when this is the same there as at the head.

import type { UseCase } from '../../schema/usecase.gen.ts';
import { repoLinks } from '../manifest/links.ts';

/** The manifest as one string, approval records left out, keys in order (formatting does not count). */
export function approvedContent(manifest: UseCase): string {
  const { approvals: _records, ...lifecycle } = manifest.spec.lifecycle;
  return canonical({ ...manifest, spec: { ...manifest.spec, lifecycle } });
}

/** The repository paths the manifest links to (evidence, runbooks), as git names them. */
export function linkedPaths(manifest: UseCase): string[] {
  return [...new Set(repoLinks(manifest).map((l) => l.target.replace(/\/+$/, '')))].sort();
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
