// The schema in an editor, as an adopting team has it: a repository `coe init` started, the
// package installed, and yaml-language-server (the server of VS Code's YAML extension and of most
// editors' YAML support) spoken to over LSP as an editor does. From the modeline coe init wrote it
// finds the manifest schema in node_modules, with no network; it completes fields and values from
// it; and it reports the schema problems `coe check` reports, on the same lines and fields.
//
// The package is the real tarball of `npm pack`, unpacked where npm installs it, so the schemas are
// exactly the files the published package holds, at the paths it holds them (test/helpers/package.ts).
// It is packed without npm's prepack build of the CLI bundle, which the editor does not use: that
// saves the build and leaves dist/cli/ to test/cli/package.test.ts, which may be building it now.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMap, isPair, isScalar, isSeq, type Node, parseDocument } from 'yaml';
import {
  ProblemType,
  ProblemTypeMessages,
} from 'yaml-language-server/out/src/languageservice/parser/schemaValidation/baseValidator.js';
import { formatPath, type PathSegment } from '../../engine/core/yaml/path.ts';
import { SCHEMA_URL } from '../../scripts/site.ts';
import { COMPLETION_KIND, type Diagnostic, type Position, YamlEditor } from '../helpers/editor.ts';
import { installPackage, packPackage } from '../helpers/package.ts';
import { coe } from '../helpers/repo.ts';

const scratch = mkdtempSync(join(tmpdir(), 'coe-editor-'));
const repo = join(scratch, 'acme-coe');
const EXAMPLE = 'usecases/example/faq-assistant.yaml';
/** The example as coe init wrote it, its dates pinned so that nothing depends on today. */
let example: string;
/** The manifest schema as the installed package holds it. */
let schema: {
  $id: string;
  properties: Record<string, unknown>;
  $defs: Record<
    string,
    {
      properties: Record<
        string,
        {
          description?: string;
          enum?: string[];
          enumDescriptions?: string[];
          items?: { defaultSnippets?: { label: string; description: string }[] };
        }
      >;
      enum?: string[];
    }
  >;
};
let editor: YamlEditor;
/** A proxy that answers nothing and notes every request: the network, as far as the server knows. */
let network: Server;
const requests: string[] = [];

beforeAll(async () => {
  const init = coe(['init', 'acme-coe', '--owner', '@acme/ai-coe'], { cwd: scratch });
  expect(init.status, init.stderr).toBe(0);
  example = readFileSync(join(repo, EXAMPLE), 'utf8').replace(/\b\d{4}-\d{2}-\d{2}\b/g, '2026-11-20');
  writeFileSync(join(repo, EXAMPLE), example);
  const tarballs = join(scratch, 'tarball');
  mkdirSync(tarballs);
  const packed = packPackage(tarballs, { build: false });
  installPackage(join(tarballs, packed.filename), repo);
  schema = JSON.parse(
    readFileSync(join(repo, 'node_modules/coe-gate/engine/schema/usecase.schema.json'), 'utf8'),
  );

  network = createServer((socket) => {
    socket.once('data', (data) => {
      requests.push(data.toString('latin1').split('\r\n')[0] as string);
      socket.destroy();
    });
  });
  await new Promise<void>((resolve) => network.listen(0, '127.0.0.1', resolve));
  const { port } = network.address() as { port: number };
  // As a team that prefers globs to modelines would set it (docs/schemas.md), for one folder here.
  editor = await YamlEditor.start(repo, `http://127.0.0.1:${port}`, {
    schemas: { './node_modules/coe-gate/engine/schema/usecase.schema.json': ['usecases/globbed/*.yaml'] },
  });
}, 60_000);

afterAll(async () => {
  await editor?.stop();
  await new Promise((resolve) => network?.close(resolve));
  rmSync(scratch, { recursive: true, force: true });
}, 30_000);

/** Writes `text` to `path` in the repository; the schema problems `coe check --format json` finds in it. */
function checkSchemaProblems(path: string, text: string): string[] {
  mkdirSync(dirname(join(repo, path)), { recursive: true });
  writeFileSync(join(repo, path), text);
  // coe check takes paths under usecases/ only; a policy file is checked with the whole repository.
  const only = path.startsWith('usecases/') ? [path] : [];
  const r = coe(['check', ...only, '--format', 'json', '--as-of', '2026-11-24'], { cwd: repo });
  const report = JSON.parse(r.stdout) as {
    problems: { file: string; code: string; line: number; path: string }[];
  };
  return report.problems
    .filter((p) => p.file === path && p.code.startsWith('schema-'))
    .map((p) => `${p.line} ${p.path}`)
    .sort(byLine);
}

/**
 * What the server's diagnostics concern, as `coe check` says it: the line (from 1) and the field's
 * path. The server names no path, so it is read from the document at the diagnostic's range, as a
 * person reads the squiggle: a range that is exactly a key is that key (an unknown field); one that
 * starts a value is that value's field (a wrong type, a value not allowed, a pattern, a range). A
 * missing property is reported on the mapping that lacks it (on its key, or on the mapping's first
 * character where it has none), and names the property in the server's own message template.
 */
function editorProblems(text: string, diagnostics: Diagnostic[]): string[] {
  const doc = parseDocument(text);
  const lineStarts = [0, ...[...text.matchAll(/\n/g)].map((m) => (m.index as number) + 1)];
  const offsetOf = (p: Position) => (lineStarts[p.line] as number) + p.character;
  const keys = new Map<number, { path: PathSegment[]; end: number }>();
  const values = new Map<number, PathSegment[]>();
  const walk = (node: Node | null, path: PathSegment[]) => {
    if (!node?.range) return;
    if (!values.has(node.range[0])) values.set(node.range[0], path);
    if (isMap(node))
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key) || !pair.key.range) continue;
        const at = [...path, String(pair.key.value)];
        keys.set(pair.key.range[0], { path: at, end: pair.key.range[1] });
        walk(pair.value as Node | null, at);
      }
    if (isSeq(node)) for (const [i, item] of node.items.entries()) walk(item as Node, [...path, i]);
  };
  walk(doc.contents as Node, []);
  // The server's message for a missing property, with its name where the template has {0}.
  const [head, tail] = ProblemTypeMessages[ProblemType.missingRequiredPropWarning].split('{0}').map(literal);
  const missing = new RegExp(`^${head}(.+)${tail}$`);
  return diagnostics
    .filter((d) => d.source?.startsWith('yaml-schema'))
    .map((d) => {
      const start = offsetOf(d.range.start);
      const end = offsetOf(d.range.end);
      const key = keys.get(start);
      const onKey = key && key.end === end;
      const at = onKey ? key?.path : values.get(start);
      const absent = missing.exec(d.message)?.[1];
      const path = absent === undefined ? at : at && [...at, absent];
      return `${d.range.start.line + 1} ${path ? formatPath(path) : `? (${d.message})`}`;
    })
    .sort(byLine);
}

/** `s` as a regular expression that matches it literally. */
const literal = (s = '') => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `line path` strings in the order of their lines, then of their paths. */
function byLine(a: string, b: string): number {
  return Number.parseInt(a, 10) - Number.parseInt(b, 10) || a.localeCompare(b);
}

/** The position just after the first `needle` in `text`. */
function positionAfter(text: string, needle: string): Position {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`no ${JSON.stringify(needle)} in the document`);
  const before = text.slice(0, at + needle.length).split('\n');
  return { line: before.length - 1, character: (before.at(-1) as string).length };
}

/** `text` with each [from, to] replaced, every one of them required to be there. */
function edited(text: string, ...edits: [string | RegExp, string][]): string {
  return edits.reduce((t, [from, to]) => {
    const next = t.replace(from, to);
    if (next === t) throw new Error(`the example has no ${String(from)}`);
    return next;
  }, text);
}

describe('the manifest schema in an editor, in a repository coe init started', () => {
  it('is found through the modeline in the installed package, offline, and the example has no problem', async () => {
    const modeline = example.split('\n')[0];
    expect(modeline).toBe(
      '# yaml-language-server: $schema=../../node_modules/coe-gate/engine/schema/usecase.schema.json',
    );
    expect(schema.$id).toBe(`${SCHEMA_URL}usecase.schema.json`);
    expect(checkSchemaProblems(EXAMPLE, example)).toEqual([]);
    expect(await editor.diagnose(EXAMPLE, example)).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('completes the fields the schema defines, and the values it allows', async () => {
    const properties = (items: { label: string; kind?: number }[], kind: number) =>
      items
        .filter((i) => i.kind === kind)
        .map((i) => i.label)
        .sort();
    // A new file: the top level.
    const fresh = `${example.split('\n')[0]}\n\n`;
    const top = await editor.complete('usecases/example/new-use-case.yaml', fresh, { line: 1, character: 0 });
    expect(properties(top, COMPLETION_KIND.property)).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    expect(Object.keys(schema.properties).sort()).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);

    // Under spec: in the example, every section it does not have yet.
    const open = edited(example, [/^spec:\n/m, 'spec:\n  \n']);
    const inSpec = await editor.complete(
      'usecases/example/in-spec.yaml',
      open,
      positionAfter(open, 'spec:\n  '),
    );
    const present = ['intake', 'classification', 'data', 'lifecycle'];
    expect(properties(inSpec, COMPLETION_KIND.property)).toEqual(
      Object.keys(schema.$defs.Spec?.properties ?? {})
        .filter((p) => !present.includes(p))
        .sort(),
    );
    expect(properties(inSpec, COMPLETION_KIND.property)).toEqual(
      expect.arrayContaining(['design', 'models', 'tools', 'evaluation', 'operations', 'responsibleAI']),
    );

    // A value: the enum's values, directly (goalType) and through a $ref (riskTier → RiskTier).
    for (const [field, values] of [
      ['goalType', schema.$defs.Intake?.properties.goalType?.enum],
      ['riskTier', schema.$defs.RiskTier?.enum],
    ] as const) {
      const blank = edited(example, [new RegExp(`(${field}:) .*`), '$1 ']);
      const items = await editor.complete(
        `usecases/example/${field}.yaml`,
        blank,
        positionAfter(blank, `${field}: `),
      );
      expect(properties(items, COMPLETION_KIND.value), field).toEqual([...(values ?? ['?'])].sort());
    }
    expect(schema.$defs.Intake?.properties.goalType?.enum).toEqual([
      'revenue',
      'cost',
      'risk',
      'customer-experience',
    ]);
    expect(schema.$defs.RiskTier?.enum).toEqual(['low', 'medium', 'high']);
    expect(requests).toEqual([]);
  });

  it('explains a field and its value on hover, and offers a snippet for a new approval', async () => {
    // Hovering over a key: the field's description, and what each allowed value means, its own first.
    const goalType = schema.$defs.Intake?.properties.goalType;
    const value = /goalType: (\S+)/.exec(example)?.[1] as string;
    const shown = await editor.hover(
      'usecases/example/hover.yaml',
      example,
      positionAfter(example, 'goalTyp'),
    );
    expect(goalType?.description).toMatch(/\S/);
    expect(shown).toContain(goalType?.description);
    const meaning = goalType?.enumDescriptions?.[goalType.enum?.indexOf(value) ?? -1];
    expect(meaning).toMatch(/\S/);
    expect(shown).toContain(`\`${value}\`: ${meaning}`);

    // A new item in the approvals list: the schema's snippet, with a tab stop for each field.
    const approvals = schema.$defs.Lifecycle?.properties.approvals;
    const snippet = approvals?.items?.defaultSnippets?.[0];
    expect(snippet?.label).toBe('approval');
    const entry = edited(example, [/(\n( +)- \{ stage: intake.*\n)/, '$1$2- \n']);
    const at = positionAfter(entry, 'pr: 1 }\n      - ');
    const items = await editor.complete('usecases/example/new-approval.yaml', entry, at);
    const offered = items.find((i) => i.label === snippet?.label);
    expect(offered?.insertText).toMatch(
      /^stage: \$\{1\|intake,discovery,.*\|\}\n\s+role: \$\{2:[^}]+\}\n\s+login: .*\n\s+date: .*\n\s+pr: \$\{5:1\}/,
    );
    expect(requests).toEqual([]);
  });

  // Compared: each problem's line and the path of the field it concerns, as a set. Not compared:
  // the wording (the server's and coe check's messages differ, and change between versions of
  // either, or of ajv), and the column: the server puts a list's problem on the list and a missing
  // value's after its colon, coe check on the key; both are on the same line.
  it('reports the schema problems coe check reports, on the same lines and fields', async () => {
    const path = 'usecases/example/broken-assistant.yaml';
    const broken = edited(
      example,
      ['id: faq-assistant', 'id: broken-assistant'],
      [/\n {2}owner: .*\n/, '\n'], // a missing required field
      ['  # champion: "@login"', '  champion: rsingh'], // not a GitHub user: a pattern
      ['  created: 2026-11-20\n', '  created: 2026-11-20\n  updatd: 2026-11-21\n'], // a misspelt key
      [/goal: .*/, 'goal: "  "'], // blank text
      ['      frequency:', '      count: many\n      frequency:'], // a wrong type
      ['    # scores: { value: 3,', '    scores: { value: 6,'], // out of range
      [/(riskTier:) \w+/, '$1 meduim'], // a value not allowed
      ['pr: 1 }', 'pr: one, note: x }'], // a wrong type and an unknown field in a list's item
    );
    const expected = checkSchemaProblems(path, broken);
    expect(expected.map((p) => p.split(' ')[1])).toEqual([
      'metadata.owner',
      'metadata.champion',
      'metadata.updatd',
      'spec.intake.goal',
      'spec.intake.users.count',
      'spec.intake.scores.value',
      'spec.classification.riskTier',
      'spec.lifecycle.approvals[0].note',
      'spec.lifecycle.approvals[0].pr',
    ]);
    const diagnostics = await editor.diagnose(path, broken);
    expect(editorProblems(broken, diagnostics)).toEqual(expected);
    // From the schema in the installed package, the file the modeline names.
    const installed = pathToFileURL(
      join(repo, 'node_modules/coe-gate/engine/schema/usecase.schema.json'),
    ).href;
    expect(new Set(diagnostics.flatMap((d) => d.data?.schemaUri ?? []))).toEqual(new Set([installed]));

    // Without the modeline, in a folder the yaml.schemas setting's glob matches: the same.
    const globbed = 'usecases/globbed/broken-assistant.yaml';
    const bare = broken.slice(broken.indexOf('\n') + 1);
    const fromGlob = checkSchemaProblems(globbed, bare);
    expect(fromGlob).toEqual(expected.map((p) => p.replace(/^\d+/, (n) => String(Number(n) - 1))));
    expect(editorProblems(bare, await editor.diagnose(globbed, bare))).toEqual(fromGlob);
    expect(requests).toEqual([]);
  });

  it('differs where coe check folds a misspelt required field into its hint, and on impossible dates', async () => {
    // A misspelt required field: coe check reports the unknown field with "did you mean" and leaves
    // out the missing one it means; the server reports both.
    const typo = 'usecases/example/typo-assistant.yaml';
    const misspelt = edited(example, ['id: faq-assistant', 'id: typo-assistant'], ['  title:', '  titel:']);
    const checked = checkSchemaProblems(typo, misspelt);
    const metadataLine = positionAfter(misspelt, '\nmetadata:').line + 1;
    expect(checked).toEqual([`${positionAfter(misspelt, 'titel').line + 1} metadata.titel`]);
    expect(editorProblems(misspelt, await editor.diagnose(typo, misspelt))).toEqual(
      [...checked, `${metadataLine} metadata.title`].sort(byLine),
    );

    // A date of the right shape that is not a day: the server's "date" format is a pattern for the
    // shape only (formats.date in yaml-language-server's
    // out/src/languageservice/parser/schemaValidation/baseValidator.js), where coe check's is a
    // calendar (ajv-formats' full date). docs/schemas.md says so.
    const day = 'usecases/example/date-assistant.yaml';
    const impossible = edited(
      example,
      ['id: faq-assistant', 'id: date-assistant'],
      ['created: 2026-11-20', 'created: 2026-02-30'],
    );
    expect(checkSchemaProblems(day, impossible)).toEqual([
      `${positionAfter(impossible, 'created').line + 1} metadata.created`,
    ]);
    expect(editorProblems(impossible, await editor.diagnose(day, impossible))).toEqual([]);
    // The shape it does check.
    const shape = 'usecases/example/shape-assistant.yaml';
    const misshapen = edited(
      example,
      ['id: faq-assistant', 'id: shape-assistant'],
      ['created: 2026-11-20', 'created: 2026-13-01'],
    );
    expect(editorProblems(misshapen, await editor.diagnose(shape, misshapen))).toEqual(
      checkSchemaProblems(shape, misshapen),
    );
    expect(requests).toEqual([]);
  });

  it('finds the policy, registry and policy-test schemas offline too, and follows their $refs into the manifest schema', async () => {
    const models = 'policies/registries/models.yaml';
    const written = readdirSync(join(repo, 'policies'), { recursive: true })
      .map((f) => `policies/${f}`)
      .filter((f) => f.endsWith('.yaml') && f !== models)
      .sort();
    const found = Object.fromEntries(
      await Promise.all(
        written
          .map((file) => [file, readFileSync(join(repo, file), 'utf8')] as const)
          .filter(([, text]) => text.startsWith('# yaml-language-server: $schema=../'))
          .map(
            async ([file, text]) => [file, editorProblems(text, await editor.diagnose(file, text))] as const,
          ),
      ),
    );
    // Every kind of file coe init writes a modeline into, each with no schema problem.
    expect(Object.keys(found)).toEqual(
      expect.arrayContaining([
        'policies/lifecycle.yaml',
        'policies/registries/raci.yaml',
        'policies/tests/lifecycle.yaml',
        'policies/tests/fixtures/broker-call-summary.yaml',
      ]),
    );
    expect(Object.entries(found).filter(([, problems]) => problems.length)).toEqual([]);

    // A registry's risk tier and data class are the manifest schema's ($ref usecase.schema.json#/$defs/…).
    const original = readFileSync(join(repo, models), 'utf8');
    const broken = edited(
      original,
      [/(maxTier:) high/, '$1 hihg'],
      [/(dataClasses: \[public), internal/, '$1, secret'],
    );
    try {
      const expected = checkSchemaProblems(models, broken);
      expect(expected.map((p) => p.split(' ')[1])).toEqual(['models[0].dataClasses[1]', 'models[0].maxTier']);
      expect(editorProblems(broken, await editor.diagnose(models, broken))).toEqual(expected);
    } finally {
      writeFileSync(join(repo, models), original);
    }
    expect(requests).toEqual([]);
  });

  // Last: the server keeps retrying the URL it could not fetch.
  it('goes to the network for the served URL only: the proxy above sees what an offline editor would miss', async () => {
    const remote = edited(example, [/\$schema=\S+/, `$schema=${SCHEMA_URL}usecase.schema.json`]);
    await editor.open('usecases/example/remote.yaml', remote);
    const host = new URL(SCHEMA_URL).host;
    await expect
      .poll(() => requests, { timeout: 20_000, interval: 100 })
      .toContainEqual(`CONNECT ${host}:443 HTTP/1.1`);
  });
});
