// This repository's Pages site (scripts/site.ts, .github/workflows/site.yml) serves each JSON
// Schema at exactly the URL its $id names, byte for byte, so an $id and the site cannot drift apart;
// and the schemas' $ids follow the one rule docs/schemas.md states.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { ACTION_REPOSITORY } from '../../engine/cli/commands/init.ts';
import pkg from '../../package.json' with { type: 'json' };
import { SCHEMA_MAJOR, SCHEMA_URL, SITE_URL, writeSite } from '../../scripts/site.ts';
import { makeRepo, REPO_ROOT, tempDir } from '../helpers/repo.ts';

/** Every JSON Schema of this repository, by its path, read from the folders without the script's help. */
const schemas = ['engine/schema'].flatMap((folder) =>
  readdirSync(join(REPO_ROOT, folder))
    .filter((name) => name.endsWith('.json'))
    .map((name) => `${folder}/${name}`),
);
const idOf = (path: string) =>
  (JSON.parse(readFileSync(join(REPO_ROOT, path), 'utf8')) as { $id: string }).$id;

/** Every file under `dir`, as paths from it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

describe('the site of this repository', () => {
  it('serves every schema at the path its $id names, byte for byte, and nothing else under schema/', () => {
    const site = join(tempDir('coe-site-'), 'site');
    // As the workflow runs it.
    const r = spawnSync(process.execPath, ['scripts/site.ts', site], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    // GitHub Pages serves a project site's files under /<repository name>/.
    const base = new URL(SITE_URL).pathname;
    expect(base).toBe(`/${ACTION_REPOSITORY.split('/')[1]}/`);
    const served: string[] = [];
    for (const path of schemas) {
      const url = new URL(idOf(path));
      expect(url.origin, path).toBe(new URL(SITE_URL).origin);
      expect(url.pathname.startsWith(base), path).toBe(true);
      expect(url.hash + url.search, path).toBe('');
      const at = url.pathname.slice(base.length);
      served.push(at);
      expect(readFileSync(join(site, at)).equals(readFileSync(join(REPO_ROOT, path))), path).toBe(true);
    }
    expect(filesUnder(site)).toEqual(served.sort());
    // The schemas the package ships are among them.
    expect(pkg.files).toContain('engine/schema/*.schema.json');
    expect(served).toEqual(
      expect.arrayContaining(
        ['usecase', 'policy', 'registries', 'policy-test'].map(
          (n) => `schema/${SCHEMA_MAJOR}/${n}.schema.json`,
        ),
      ),
    );
  });

  it('every $id is the versioned folder plus the file name, and the folder is the formats’ apiVersion', () => {
    expect(SCHEMA_URL).toBe(`https://coe-gate.github.io/coe-gate/schema/${SCHEMA_MAJOR}/`);
    for (const path of schemas) {
      expect(idOf(path), path).toBe(`${SCHEMA_URL}${path.split('/').pop()}`);
      const schema = JSON.parse(readFileSync(join(REPO_ROOT, path), 'utf8'));
      const apiVersion = schema.properties?.apiVersion?.const;
      if (apiVersion !== undefined) expect(apiVersion, path).toBe(`coe-gate/${SCHEMA_MAJOR}`);
    }
  });

  it('every absolute $ref names a schema the site serves', () => {
    const ids = new Set(schemas.map(idOf));
    for (const path of schemas) {
      const text = readFileSync(join(REPO_ROOT, path), 'utf8');
      for (const [, ref] of text.matchAll(/"\$ref": "(https?:[^"#]*)/g))
        expect(ids.has(ref as string), `${path}: ${ref}`).toBe(true);
    }
  });

  it('refuses a schema whose $id breaks the rule, and writes nothing', () => {
    const root = makeRepo({
      'engine/schema/usecase.schema.json': JSON.stringify({ $id: `${SCHEMA_URL}usecase.schema.json` }),
      'engine/schema/extra.schema.json': JSON.stringify({
        $id: 'https://example.com/schema/extra.schema.json',
      }),
      'engine/schema/report.schema.json': JSON.stringify({ $id: `${SCHEMA_URL}report.schema.json` }),
    });
    const out = join(root, 'site');
    expect(() => writeSite(out, root)).toThrow(
      `engine/schema/extra.schema.json: its $id is "https://example.com/schema/extra.schema.json", not "${SCHEMA_URL}extra.schema.json"`,
    );
    expect(existsSync(out)).toBe(false);
  });
});

describe('.github/workflows/site.yml', () => {
  type Job = {
    if?: string;
    needs?: string;
    permissions?: Record<string, string>;
    steps: { uses?: string; run?: string; with?: Record<string, unknown> }[];
  };
  type Workflow = { on: unknown; permissions: Record<string, string>; jobs: Record<string, Job> };
  const read = (name: string) =>
    load(readFileSync(join(REPO_ROOT, '.github/workflows', name), 'utf8')) as Workflow;
  const site = read('site.yml');
  const pages = read('coe-pages.yml');

  it('builds the dashboard and the schemas into one Pages artifact, on pushes to main and on demand', () => {
    expect(site.on).toEqual({ push: { branches: ['main'] }, workflow_dispatch: null });
    const runs = (site.jobs.build?.steps ?? []).map((s) => s.run).filter(Boolean);
    expect(runs).toEqual([
      'npm ci --no-audit --no-fund',
      'mkdir -p site && npx coe portfolio --html site/index.html',
      'node scripts/site.ts site',
    ]);
    const upload = site.jobs.build?.steps.find((s) => s.uses?.startsWith('actions/upload-pages-artifact@'));
    expect(upload?.with).toEqual({ path: 'site' });
  });

  it('is the Pages site of this repository only; coe-pages.yml is everywhere else’s', () => {
    // One Pages site per repository: were both to deploy here, the last would erase the other.
    expect(site.jobs.build?.if).toBe(`github.repository == '${ACTION_REPOSITORY}'`);
    expect(pages.jobs.build?.if).toBe(`github.repository != '${ACTION_REPOSITORY}'`);
    expect(site.jobs.deploy?.needs).toBe('build');
  });

  it('least privilege, and only GitHub’s own actions, at the majors coe-pages.yml uses', () => {
    expect(site.permissions).toEqual({ contents: 'read' });
    expect(site.jobs.build?.permissions).toBeUndefined();
    expect(site.jobs.deploy?.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
    const uses = (wf: Workflow) =>
      Object.values(wf.jobs)
        .flatMap((j) => j.steps)
        .map((s) => s.uses)
        .filter(Boolean);
    expect(uses(site)).toEqual(uses(pages));
    for (const action of uses(site)) expect(action).toMatch(/^actions\/[a-z-]+@v\d+$/);
  });
});
