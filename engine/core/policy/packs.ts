// Policy packs: optional sets of policies for one framework, each in its own folder
// policies/packs/<name>/ with a pack.yaml (kind: Pack) that lists the framework's items. One
// registry, policies/registries/packs.yaml (kind: Packs), says which are switched on; a pack that
// is off is still loaded and checked, but its rules are not evaluated (see loadPolicies).
import type { Event } from 'js-yaml';
import type { Policy } from '../../schema/policy.gen.ts';
import type { Pack, Packs } from '../../schema/registries.gen.ts';
import { type Problem, problem } from '../problem.ts';
import { suggest } from '../schema/validator.ts';
import { Locator } from '../yaml/locate.ts';
import { formatPath, type PathSegment } from '../yaml/path.ts';
import { checkManifestField } from './check-logic.ts';

export const PACKS_DIR = 'policies/packs';
export const PACK_FILE = 'pack.yaml';

/** A pack as the policy set holds it: its description, and whether the Packs registry switches it on. */
export interface LoadedPack extends Omit<Pack, 'apiVersion' | 'kind'> {
  file: string;
  enabled: boolean;
  /** The ids of its items, for references to look up. */
  itemIds: ReadonlySet<string>;
}

interface Parsed {
  file: string;
  text: string;
  events: Event[];
}

/**
 * The pack a policy file belongs to: the folder under policies/packs/ it is in; '' for a file
 * directly in policies/packs/ (which belongs to none); undefined outside policies/packs/.
 */
export function packFolder(file: string): string | undefined {
  if (!file.startsWith(`${PACKS_DIR}/`)) return undefined;
  const rest = file.slice(PACKS_DIR.length + 1);
  const slash = rest.indexOf('/');
  return slash < 0 ? '' : rest.slice(0, slash);
}

/** A file in the wrong place for its kind, named at its kind (or `path`). */
export function misplaced(at: Parsed, message: string, path: PathSegment[] = ['kind']): Problem {
  return problem(at.file, 'policy-set-incomplete', message, {
    ...new Locator(at.text, at.events).span(path),
    path: formatPath(path),
  });
}

/**
 * The packs, checked: every pack folder with policies has a pack.yaml, item ids are unique, the
 * fields an item names exist in the manifest schema, and every pack the switch names exists.
 */
export function checkPacks(
  packs: readonly (Pack & Parsed)[],
  policies: readonly (Policy & Parsed & { pack?: string })[],
  switched: (Packs & Parsed) | undefined,
  problems: Problem[],
): LoadedPack[] {
  const names = new Set(packs.map((p) => p.name));
  for (const p of policies) {
    if (p.pack === undefined || names.has(p.pack)) continue;
    problems.push(
      misplaced(
        p,
        `${PACKS_DIR}/${p.pack}/ has no ${PACK_FILE}: a pack names its framework and items there (docs/crosswalk.md)`,
      ),
    );
  }
  const on = new Set<string>();
  if (switched) {
    const locator = new Locator(switched.text, switched.events);
    switched.enabled.forEach((name, i) => {
      if (names.has(name)) {
        on.add(name);
        return;
      }
      const hint = suggest(name, [...names]);
      const path = ['enabled', i];
      problems.push(
        problem(
          switched.file,
          'policy-reference',
          `no pack "${name}" under ${PACKS_DIR}/${hint ? `; did you mean "${hint}"?` : names.size ? `; the packs are ${[...names].join(', ')}` : ''}`,
          { ...locator.span(path), path: formatPath(path) },
        ),
      );
    });
  }
  return packs.map((p) => {
    const locator = new Locator(p.text, p.events);
    const report = (path: PathSegment[], message: string) =>
      problems.push(
        problem(p.file, 'policy-reference', message, { ...locator.span(path), path: formatPath(path) }),
      );
    const ids = new Set<string>();
    p.items.forEach((item, i) => {
      if (ids.has(item.id)) report(['items', i, 'id'], `item "${item.id}" appears twice in items`);
      ids.add(item.id);
      item.fields?.forEach((field, j) => {
        const unknown = checkManifestField(field, true);
        if (unknown) report(['items', i, 'fields', j], unknown);
      });
    });
    const { apiVersion: _v, kind: _k, text: _t, events: _e, ...rest } = p;
    return { ...rest, enabled: on.has(p.name), itemIds: ids };
  });
}
