// Reusable assets a manifest names (spec.reuses, spec.provides) must be in the asset registry
// (policies/registries/assets.yaml): an unknown id is a problem at its line, with the nearest id.
import type { LoadedManifest } from '../check/check-manifests.ts';
import { type Problem, problem } from '../problem.ts';
import { suggest } from '../schema/validator.ts';
import { Locator } from '../yaml/locate.ts';
import { formatPath, type PathSegment } from '../yaml/path.ts';

export const ASSET_REGISTRY_FILE = 'policies/registries/assets.yaml';

/** A problem for each asset id the manifest names that the registry does not list. */
export function checkAssets(m: LoadedManifest, known: ReadonlySet<string>): Problem[] {
  const unknown: { path: PathSegment[]; id: string }[] = [];
  for (const field of ['reuses', 'provides'] as const) {
    m.manifest.spec[field]?.forEach((id, i) => {
      if (!known.has(id)) unknown.push({ path: ['spec', field, i], id });
    });
  }
  if (unknown.length === 0) return [];
  const locator = new Locator(m.text, m.events);
  return unknown.map(({ path, id }) => {
    const hint = suggest(id, [...known]);
    const where = known.size
      ? `is not in ${ASSET_REGISTRY_FILE}`
      : `cannot be checked: ${ASSET_REGISTRY_FILE} lists no assets`;
    return problem(
      m.file,
      'asset-unknown',
      `asset "${id}" ${where}${hint ? `; did you mean "${hint}"?` : '; add it there first'}`,
      { ...locator.span(path), path: formatPath(path) },
    );
  });
}
