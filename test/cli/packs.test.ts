// Policy packs (policies/packs/<name>/), switched on in one place (policies/registries/packs.yaml),
// and the crosswalk coe coverage prints: the real CLI on the shipped policies and on temporary
// repositories with the demo pack (test/fixtures/packs/demo/). The framework lists are checked
// against the extracts in ../shared/data (never copied here), skipped where that folder is absent.
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import usecaseSchema from '../../engine/schema/usecase.schema.json' with { type: 'json' };
import { commitAll, git } from '../helpers/git.ts';
import { coe, copyPolicies, makeRepo, REPO_ROOT } from '../helpers/repo.ts';

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const DATA = join(REPO_ROOT, '..', 'shared', 'data');
const EU_EXTRACT = join(DATA, 'eu-ai-act-2024-1689-extract.json');
const NIST_EXTRACT = join(DATA, 'nist-ai-rmf-1.0-subcategories.json');
const DEMO = join(REPO_ROOT, 'test', 'fixtures', 'packs', 'demo');
const SWITCH = 'policies/registries/packs.yaml';

interface PackItem {
  id: string;
  title: string;
  source: string;
  fields?: string[];
  organisationLevel?: string;
}
interface PackFile {
  name: string;
  items: PackItem[];
}
interface Rule {
  id: string;
  references?: { framework: string; id: string }[];
}

const readYaml = <T>(path: string) => load(readFileSync(path, 'utf8')) as T;
const shippedPack = (name: string) =>
  readYaml<PackFile>(join(REPO_ROOT, 'policies', 'packs', name, 'pack.yaml'));

/** The shipped policies and sample use cases, with the demo pack beside the shipped ones. */
function repoWithDemo(enabled: string[]): string {
  const root = makeRepo();
  copyPolicies(root);
  cpSync(join(REPO_ROOT, 'usecases'), join(root, 'usecases'), { recursive: true });
  cpSync(DEMO, join(root, 'policies', 'packs', 'demo'), { recursive: true });
  writeSwitch(root, enabled);
  return root;
}

function writeSwitch(root: string, enabled: string[]): void {
  writeFileSync(
    join(root, SWITCH),
    `apiVersion: coe-gate/v1\nkind: Packs\nenabled: [${enabled.join(', ')}]\n`,
  );
}

/** `line:column` (1-based) of the first place in `file` that holds `needle`. */
function at(root: string, file: string, needle: string): string {
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  return `${line + 1}:${(lines[line] as string).indexOf(needle) + 1}`;
}

const AS_OF = ['--as-of', '2026-11-24'];

describe('switching a pack on and off', () => {
  it('a pack switched off is not evaluated; switched on in packs.yaml, its rule judges like a core rule', () => {
    const root = repoWithDemo([]);
    const off = coe(['check', ...AS_OF], { cwd: root });
    expect(off.status, off.stdout).toBe(0);
    expect(off.stdout).not.toContain('demo.always-fails');

    writeSwitch(root, ['demo']);
    const on = coe(['check', ...AS_OF, '--format', 'json'], { cwd: root });
    expect(on.status).toBe(1);
    const report = JSON.parse(on.stdout) as {
      useCases: { findings: { rule: string; blocking: boolean }[] }[];
    };
    // Every sample fails the demo rule, blocking, and nothing else changes.
    expect(report.useCases.length).toBeGreaterThan(1);
    for (const u of report.useCases)
      expect(u.findings.filter((f) => f.rule === 'demo.always-fails' && f.blocking)).toHaveLength(1);
  });

  it("coe check --base reads the packs and the switch from the base, and never reads a pack's tests as policies", () => {
    const root = repoWithDemo(['demo']);
    git(root, 'init', '-q', '-b', 'main');
    commitAll(root, 'base: the demo pack switched on');
    git(root, 'checkout', '-q', '-b', 'change');
    // The change switches the pack off; the policies it is judged by are the base's.
    writeSwitch(root, []);
    const path = 'usecases/claims/fnol-triage-assistant.yaml';
    writeFileSync(join(root, path), `${readFileSync(join(root, path), 'utf8')}\n# touched\n`);
    commitAll(root, 'change');
    const r = coe(['check', '--base', 'main', ...AS_OF, '--format', 'json'], { cwd: root });
    expect(r.status, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toContain('demo.always-fails');
  });

  it('an unknown pack in the switch is a problem at its file and line, exit 2', () => {
    const root = repoWithDemo(['demo', 'nist-rmf']);
    const r = coe(['check', ...AS_OF], { cwd: root });
    expect(r.status).toBe(2);
    expect(r.stdout).toContain(
      `${SWITCH}:${at(root, SWITCH, 'nist-rmf')}  enabled[1]  no pack "nist-rmf" under policies/packs/; the packs are demo, eu-ai-act, nist-ai-rmf, us-omb`,
    );
    expect(r.stderr).toBe('');
  });

  it('a reference to an item the pack does not list, or to a pack that does not exist, is a problem at its line, exit 2', () => {
    const root = repoWithDemo([]);
    const file = 'policies/packs/demo/demo.yaml';
    const text = readFileSync(join(root, file), 'utf8');
    writeFileSync(
      join(root, file),
      text.replace(
        '      - { framework: demo, id: DEMO 1 }',
        '      - { framework: demo, id: DEMO 3 }\n      - { framework: dmeo, id: DEMO 1 }',
      ),
    );
    for (const command of ['check', 'test', 'coverage']) {
      const r = coe([command], { cwd: root });
      expect(r.status, command).toBe(2);
      expect(r.stdout).toContain(
        `${file}:${at(root, file, 'DEMO 3')}  rules[0].references[0].id  policies/packs/demo/pack.yaml lists no item "DEMO 3"; did you mean "DEMO 1"?`,
      );
      expect(r.stdout).toContain(
        `${file}:${at(root, file, 'dmeo')}  rules[0].references[1].framework  no pack "dmeo" under policies/packs/; did you mean "demo"?`,
      );
    }
  });

  it('a pack item naming a manifest field that does not exist is a problem at its line, exit 2', () => {
    const root = repoWithDemo([]);
    const file = 'policies/packs/demo/pack.yaml';
    const text = readFileSync(join(root, file), 'utf8');
    writeFileSync(
      join(root, file),
      text.replace(
        '    source: Demo framework, item 1\n',
        '    source: Demo framework, item 1\n    fields: [spec.responsibleAI.apeal]\n',
      ),
    );
    const r = coe(['coverage'], { cwd: root });
    expect(r.status).toBe(2);
    expect(r.stdout).toContain(`${file}:${at(root, file, 'spec.responsibleAI.apeal')}  items[0].fields[0]`);
    expect(r.stdout).toContain('did you mean "appeal"?');
  });
});

describe('coe test and the packs', () => {
  it("runs each pack's tests with its rules loaded though it is switched off, and covers its rules", () => {
    const root = repoWithDemo([]);
    const shipped = coe(['test'], { cwd: REPO_ROOT });
    const rules = Number(/coverage: (\d+) of \1 rules/.exec(shipped.stdout)?.[1]);
    expect(rules).toBeGreaterThan(0);

    const r = coe(['test', '--verbose'], { cwd: root });
    expect(r.status, r.stdout).toBe(0);
    expect(r.stdout).toContain(`coverage: ${rules + 1} of ${rules + 1} rules`);
    expect(r.stdout).toContain('the use case it names passes');

    // Without its tests, the pack's rule is uncovered and the run fails.
    rmSync(join(root, 'policies', 'packs', 'demo', 'tests'), { recursive: true });
    const uncovered = coe(['test'], { cwd: root });
    expect(uncovered.status).toBe(1);
    expect(uncovered.stdout).toContain('demo.always-fails');
  });
});

describe('coe coverage', () => {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(
    JSON.parse(readFileSync(join(REPO_ROOT, 'engine/schema/coverage-report.schema.json'), 'utf8')),
  );

  /** Every rule of the shipped policies and packs, read from the files. */
  function shippedRules(): Rule[] {
    const files = [
      ...readdirSync(join(REPO_ROOT, 'policies'))
        .filter((f) => f.endsWith('.yaml'))
        .map((f) => join(REPO_ROOT, 'policies', f)),
      ...readdirSync(join(REPO_ROOT, 'policies', 'packs')).flatMap((pack) =>
        readdirSync(join(REPO_ROOT, 'policies', 'packs', pack))
          .filter((f) => f.endsWith('.yaml') && f !== 'pack.yaml')
          .map((f) => join(REPO_ROOT, 'policies', 'packs', pack, f)),
      ),
    ];
    return files.flatMap((f) => readYaml<{ rules?: Rule[] }>(f).rules ?? []);
  }

  it('prints every item of every shipped pack with its status, and totals that the pack files add up to', () => {
    const r = coe(['coverage', '--format', 'json'], { cwd: REPO_ROOT });
    expect(r.status, r.stdout).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.frameworks.map((f: { name: string }) => f.name)).toEqual([
      'eu-ai-act',
      'nist-ai-rmf',
      'us-omb',
    ]);

    const referenced = new Set(
      shippedRules().flatMap((rule) => (rule.references ?? []).map((ref) => `${ref.framework}\0${ref.id}`)),
    );
    for (const f of report.frameworks) {
      const pack = shippedPack(f.name);
      const expected = { items: 0, rule: 0, field: 0, 'organisation-level': 0, none: 0 };
      for (const item of pack.items) {
        expected.items++;
        if (referenced.has(`${f.name}\0${item.id}`)) expected.rule++;
        else if (item.fields?.length) expected.field++;
        else if (item.organisationLevel) expected['organisation-level']++;
        else expected.none++;
      }
      expect(f.totals, f.name).toEqual(expected);
      expect(f.items.map((i: PackItem) => i.id)).toEqual(pack.items.map((i) => i.id));
    }
  });

  it('gives every item of every shipped pack an entry: a rule, a field or the organisation', () => {
    const referenced = new Set(
      shippedRules().flatMap((rule) => (rule.references ?? []).map((ref) => `${ref.framework}\0${ref.id}`)),
    );
    for (const name of ['eu-ai-act', 'nist-ai-rmf', 'us-omb']) {
      const without = shippedPack(name).items.filter(
        (i) => !referenced.has(`${name}\0${i.id}`) && !i.fields?.length && !i.organisationLevel,
      );
      expect(
        without.map((i) => i.id),
        name,
      ).toEqual([]);
    }
  });

  it('fails, exit 1, when an item has no entry, and names it', () => {
    const root = repoWithDemo([]);
    const file = join(root, 'policies', 'packs', 'demo', 'pack.yaml');
    writeFileSync(
      file,
      `${readFileSync(file, 'utf8')}  - id: DEMO 3\n    title: Nobody covers this\n    source: Demo framework, item 3\n`,
    );
    const r = coe(['coverage', '--framework', 'demo'], { cwd: root });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^ {2}DEMO 3 {2}Nobody covers this — no entry$/m);
    expect(r.stdout).toContain(
      '  3 items: 1 by a rule, 0 by a field, 1 organisation-level, 1 without an entry',
    );
    expect(r.stdout).toContain('1 item has no entry');
    const json = JSON.parse(
      coe(['coverage', '--framework', 'demo', '--format', 'json'], { cwd: root }).stdout,
    );
    expect(json.frameworks[0].items[2]).toMatchObject({
      id: 'DEMO 3',
      status: 'none',
      rules: [],
      fields: [],
    });
  });

  it('--framework shows one pack, switched on or off, as text or markdown; an unknown one is a usage error', () => {
    const root = repoWithDemo([]);
    const text = coe(['coverage', '--framework', 'demo'], { cwd: root });
    expect(text.status).toBe(0);
    expect(text.stdout).toBe(
      [
        'demo: A pack for the tests (switched off; policies/packs/demo/pack.yaml)',
        'The demo framework, 1.0 (the tests)',
        '  DEMO 1  Every use case is looked at — rule: demo.always-fails',
        '  DEMO 2  Someone owns the framework — organisation-level: The organisation owns it',
        '  2 items: 1 by a rule, 0 by a field, 1 organisation-level, 0 without an entry',
        '',
      ].join('\n'),
    );
    writeSwitch(root, ['demo']);
    const md = coe(['coverage', '--framework', 'demo', '--format', 'markdown'], { cwd: root });
    expect(md.status).toBe(0);
    expect(md.stdout).toContain('## demo: A pack for the tests');
    expect(md.stdout).toContain('Pack switched on');
    expect(md.stdout).toContain(
      '| `DEMO 1` | Every use case is looked at | Demo framework, item 1 | rule: `demo.always-fails` |',
    );

    const unknown = coe(['coverage', '--framework', 'eu-ai-ac'], { cwd: root });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe('coe: no pack "eu-ai-ac" under policies/packs/; did you mean "eu-ai-act"?\n');
  });

  it('every manifest field a shipped pack names exists in the manifest schema', () => {
    type Node = { $ref?: string; properties?: Record<string, Node>; items?: Node };
    const defs = (usecaseSchema as unknown as { $defs: Record<string, Node> }).$defs;
    const resolve = (n: Node): Node =>
      n.$ref ? resolve(defs[n.$ref.split('/').pop() as string] as Node) : n;
    const exists = (path: string) => {
      let node: Node | undefined = usecaseSchema as unknown as Node;
      for (const part of path.split('.')) {
        node = resolve(node as Node);
        while (node.items) node = resolve(node.items);
        node = node.properties?.[part];
        if (!node) return false;
      }
      return true;
    };
    const fields = ['eu-ai-act', 'nist-ai-rmf', 'us-omb'].flatMap((name) =>
      shippedPack(name).items.flatMap((i) => (i.fields ?? []).map((f) => `${name} ${i.id}: ${f}`)),
    );
    expect(fields.length).toBeGreaterThan(10);
    expect(fields.filter((f) => !exists(f.split(': ')[1] as string))).toEqual([]);
  });
});

describe('the shipped packs against the frameworks', () => {
  const ORDINAL = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth'];

  it.skipIf(!existsSync(EU_EXTRACT))(
    'eu-ai-act lists every assessable paragraph of the extract (cited from its ref_id) and every Annex III point, and nothing else',
    () => {
      const extract = JSON.parse(readFileSync(EU_EXTRACT, 'utf8')) as {
        articles: Record<string, { paragraphs: { ref_id: string | null; assessable: boolean }[] }>;
        annex_iii: { area: number; points: { point: string }[] }[];
      };
      const expected: string[] = [];
      for (const [article, { paragraphs }] of Object.entries(extract.articles)) {
        // An entry without ref_id is a further subparagraph of the numbered paragraph before it.
        let paragraph: string | undefined;
        let unnumbered = 0;
        for (const p of paragraphs) {
          let cite: string;
          if (p.ref_id) {
            const [art, ...parts] = p.ref_id.split('.');
            cite = `Art. ${art}${parts.map((x) => `(${x})`).join('')}`;
            if (parts.length === 1) {
              paragraph = parts[0];
              unnumbered = 0;
            }
          } else if (paragraph === undefined) cite = `Art. ${article}`;
          else cite = `Art. ${article}(${paragraph}), ${ORDINAL[++unnumbered]} subparagraph`;
          if (p.assessable) expected.push(cite);
        }
      }
      const assessable = Object.values(extract.articles).flatMap((a) =>
        a.paragraphs.filter((p) => p.assessable),
      );
      expect(expected).toHaveLength(assessable.length);
      for (const area of extract.annex_iii)
        for (const point of area.points) expected.push(`Annex III ${area.area}(${point.point})`);
      const listed = shippedPack('eu-ai-act').items.map((i) => i.id);
      expect([...listed].sort()).toEqual([...expected].sort());
      expect(new Set(listed).size).toBe(listed.length);
    },
  );

  it.skipIf(!existsSync(NIST_EXTRACT))(
    'nist-ai-rmf lists all 72 subcategories of the extract, and nothing else',
    () => {
      const extract = JSON.parse(readFileSync(NIST_EXTRACT, 'utf8')) as { subcategories: { id: string }[] };
      const ids = extract.subcategories.map((s) => s.id);
      expect(ids).toHaveLength(72);
      const pack = shippedPack('nist-ai-rmf');
      expect(pack.items.map((i) => i.id)).toEqual(ids);
      for (const item of pack.items) expect(item.source).toBe(`NIST AI RMF 1.0, ${item.id}`);
    },
  );

  it.skipIf(!existsSync(EU_EXTRACT) || !existsSync(NIST_EXTRACT))(
    "titles are the packs' own words: none holds a run of six words of the framework's text",
    () => {
      const words = (s: string) =>
        s
          .toLowerCase()
          .replace(/[^a-z0-9 ]+/g, ' ')
          .split(/\s+/)
          .filter(Boolean);
      const texts = [readFileSync(EU_EXTRACT, 'utf8'), readFileSync(NIST_EXTRACT, 'utf8')].map(
        (t) => ` ${words(t).join(' ')} `,
      );
      const copied = ['eu-ai-act', 'nist-ai-rmf'].flatMap((name) =>
        shippedPack(name).items.filter((item) => {
          const w = words(item.title);
          for (let i = 0; i + 6 <= w.length; i++)
            if (texts.some((t) => t.includes(` ${w.slice(i, i + 6).join(' ')} `))) return true;
          return false;
        }),
      );
      expect(copied.map((i) => `${i.id}: ${i.title}`)).toEqual([]);
    },
  );

  it('us-omb lists the nine minimum practices for high-impact AI', () => {
    expect(shippedPack('us-omb').items.map((i) => i.id)).toEqual([
      'omb.pre-deployment-testing',
      'omb.impact-assessment',
      'omb.independent-review',
      'omb.ongoing-monitoring',
      'omb.operator-training',
      'omb.human-oversight-fail-safe',
      'omb.notice-and-appeal',
      'omb.public-feedback',
      'omb.waivers',
    ]);
  });
});

if (!existsSync(EU_EXTRACT) || !existsSync(NIST_EXTRACT))
  console.warn(
    `packs.test.ts: ${DATA} is absent; the checks of the pack lists against the framework extracts are skipped`,
  );
