// This repository's GitHub Pages site serves every JSON Schema at the URL its `$id` names, so an
// `$id` is a link that works: for an editor given the URL, for SchemaStore, for a reader
// (docs/schemas.md). .github/workflows/site.yml writes the sample portfolio's dashboard into the
// folder, then runs:
//
//   node scripts/site.ts [DIR]      (default: site)
//
// It copies each schema byte for byte to DIR/<its $id's path under the site>. A schema whose `$id`
// is not SCHEMA_URL followed by its own file name stops it with exit 2, before it writes anything.
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ACTION_REPOSITORY } from '../engine/cli/commands/init.ts';

const [OWNER, NAME] = ACTION_REPOSITORY.split('/') as [string, string];
/** Where GitHub Pages serves this repository's site (a project site: the repository's name is the first segment). */
export const SITE_URL = `https://${OWNER}.github.io/${NAME}/`;
/**
 * The major version of the formats. It changes only with a breaking change: one after which a
 * document the schema accepted is refused, or a field means something else. For the manifest, policy
 * and registry schemas that is the change that needs a new `apiVersion` (`coe-gate/v1` → `coe-gate/v2`).
 */
export const SCHEMA_MAJOR = 'v1';
/** Every schema's `$id` is this followed by its file name. */
export const SCHEMA_URL = `${SITE_URL}schema/${SCHEMA_MAJOR}/`;
/** The schemas: those the package ships (manifest, policy, registries, policy tests), then the reports'. */
export const SCHEMA_FOLDERS = ['engine/schema'];

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface SiteFile {
  /** The schema in this repository. */
  source: string;
  /** Where the site serves it: its `$id` after SITE_URL. */
  path: string;
}

/** Each schema and where the site serves it; throws on an `$id` that breaks the rule above. */
export function siteFiles(root = ROOT): SiteFile[] {
  const files: SiteFile[] = [];
  for (const folder of SCHEMA_FOLDERS) {
    for (const name of readdirSync(join(root, folder))
      .filter((n) => n.endsWith('.schema.json'))
      .sort()) {
      const source = `${folder}/${name}`;
      const { $id } = JSON.parse(readFileSync(join(root, source), 'utf8')) as { $id?: unknown };
      if ($id !== `${SCHEMA_URL}${name}`)
        throw new Error(`${source}: its $id is ${JSON.stringify($id)}, not "${SCHEMA_URL}${name}"`);
      const path = $id.slice(SITE_URL.length);
      const twin = files.find((f) => f.path === path);
      if (twin) throw new Error(`${source} and ${twin.source} have the same $id`);
      files.push({ source, path });
    }
  }
  return files;
}

/** Copies every schema into `out` at its path; returns what it wrote. */
export function writeSite(out: string, root = ROOT): SiteFile[] {
  const files = siteFiles(root);
  for (const { source, path } of files) {
    mkdirSync(dirname(join(out, path)), { recursive: true });
    copyFileSync(join(root, source), join(out, path));
  }
  return files;
}

if (import.meta.main) {
  const out = resolve(process.argv[2] ?? 'site');
  try {
    const files = writeSite(out);
    process.stdout.write(
      `site: ${files.length} schemas under ${out}/schema/${SCHEMA_MAJOR}/, served at ${SCHEMA_URL}\n`,
    );
  } catch (e) {
    process.stderr.write(`site: ${(e as Error).message}\n`);
    process.exit(2);
  }
}
