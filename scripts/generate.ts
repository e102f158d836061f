// Regenerates the files derived from the schemas in engine/schema/: the TypeScript types of the
// manifests, policies and registries, and of the reports the CLI and the Action print, and the
// manifest reference in docs/manifest.md.
// `npm run generate` writes them; `--check` (run by the test suite) fails when they are stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { compile } from 'json-schema-to-typescript';
import { renderManifestReference } from './manifest-reference.ts';

const schemaPath = 'engine/schema/usecase.schema.json';
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

async function typesFrom(
  schema: object,
  name: string,
  source: string,
  everyDefinition = false,
): Promise<string> {
  return compile(schema as Parameters<typeof compile>[0], name, {
    bannerComment: `// Generated from ${source} by \`npm run generate\`. Do not edit.`,
    additionalProperties: false,
    unreachableDefinitions: everyDefinition,
    // A reference to another schema's file (a policy test's roles are the registry's) resolves here.
    cwd: 'engine/schema',
    style: { singleQuote: true, printWidth: 110 },
  });
}

/** Copies the manifest schema's definitions in, so a schema that refers to them compiles alone. */
function withManifestDefs(schema: Record<string, unknown>): Record<string, unknown> {
  return withDefsOf(schema, 'usecase.schema.json');
}

const SCHEMA_BASE = 'https://coe-gate.github.io/coe-gate/schema/v1/';

/**
 * Copies the definitions of other schemas in (by file name), and points the references to them,
 * relative or by their $id, at the copies: the schema then compiles alone.
 */
function withDefsOf(schema: Record<string, unknown>, ...files: string[]): Record<string, unknown> {
  const defs = Object.assign({}, ...files.map((file) => readJson(`engine/schema/${file}`).$defs));
  let text = JSON.stringify({ ...schema, $defs: { ...defs, ...(schema.$defs as object) } });
  for (const file of files)
    for (const prefix of [`"${SCHEMA_BASE}${file}#/$defs/`, `"${file}#/$defs/`])
      text = text.replaceAll(prefix, '"#/$defs/');
  // A copied definition may refer back to this schema (the gate report's impact to the check's problems).
  const own = String(schema.$id ?? '').slice(SCHEMA_BASE.length);
  if (own)
    for (const prefix of [`"${SCHEMA_BASE}${own}#/`, `"${own}#/`]) text = text.replaceAll(prefix, '"#/');
  return JSON.parse(text);
}

/**
 * The types another generated file already declares, imported rather than declared again: each
 * reference to one of `names` (a definition here, or the whole of another schema, `whole`)
 * becomes that type, and the definitions themselves are dropped.
 */
async function typesImporting(
  schema: Record<string, unknown>,
  name: string,
  source: string,
  from: { module: string; names: readonly string[]; whole?: Record<string, string> },
): Promise<string> {
  const whole = from.whole ?? {};
  const replace = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(replace);
    if (!node || typeof node !== 'object') return node;
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref === 'string') {
      if (ref in whole) return { tsType: whole[ref] };
      const def = ref.startsWith('#/$defs/') ? ref.slice('#/$defs/'.length) : undefined;
      if (def !== undefined && from.names.includes(def)) return { tsType: def };
    }
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, replace(v)]));
  };
  const replaced = replace(schema) as Record<string, unknown>;
  const defs = Object.fromEntries(
    Object.entries((replaced.$defs ?? {}) as Record<string, unknown>).filter(
      ([k]) => !from.names.includes(k),
    ),
  );
  const types = await typesFrom({ ...replaced, $defs: defs }, name, source);
  const wholeNames = Object.values(whole).map((t) => /^\w+/.exec(t)?.[0] ?? t);
  const imported = [...new Set([...from.names, ...wholeNames])].filter((t) =>
    new RegExp(`\\b${t}\\b`).test(types.slice(types.indexOf('\n'))),
  );
  const [banner, ...rest] = types.split('\n');
  return [banner, `import type { ${imported.sort().join(', ')} } from '${from.module}';`, ...rest].join('\n');
}

/** The names of the types a generated file declares. */
const declared = (types: string) =>
  [...types.matchAll(/^export (?:interface|type) (\w+)/gm)].map((m) => m[1] as string);

export async function generatedFiles(): Promise<Record<string, string>> {
  const schema = readJson(schemaPath);
  const types = await typesFrom(schema, 'UseCase', schemaPath);
  const policyPath = 'engine/schema/policy.schema.json';
  const policyTypes = await typesFrom(withManifestDefs(readJson(policyPath)), 'Policy', policyPath);
  // The registries schema selects a kind with if/then; for types, the same kinds as a union.
  const testsPath = 'engine/schema/policy-test.schema.json';
  // Its expectations are chosen by type with if/then/else, which types do not follow: every definition.
  const testTypes = await typesFrom(readJson(testsPath), 'PolicyTest', testsPath, true);
  const registriesPath = 'engine/schema/registries.schema.json';
  const registries = withManifestDefs(readJson(registriesPath));
  const kinds = [
    'ModelRegistry',
    'VendorRegistry',
    'RoleRegistry',
    'Raci',
    'Rubric',
    'AssetRegistry',
    'PortfolioSettings',
    'Packs',
    'Pack',
  ];
  const registryTypes = await typesFrom(
    {
      title: 'Registry',
      $defs: registries.$defs,
      oneOf: kinds.map((k) => ({ $ref: `#/$defs/${k}` })),
    },
    'Registry',
    registriesPath,
  );
  const teamsPath = 'engine/schema/team-membership.schema.json';
  const teamTypes = await typesFrom(withManifestDefs(readJson(teamsPath)), 'TeamMembership', teamsPath);
  // The reports' schemas: what the JSON output is, and so what the code that builds it must build.
  const checkPath = 'engine/schema/check-report.schema.json';
  const checkTypes = await typesFrom(
    withDefsOf(readJson(checkPath), 'usecase.schema.json', 'gate-report.schema.json'),
    'CheckReport',
    checkPath,
  );
  const gatePath = 'engine/schema/gate-report.schema.json';
  const gateTypes = await typesImporting(withManifestDefs(readJson(gatePath)), 'GateReport', gatePath, {
    module: './check-report.gen.ts',
    names: declared(checkTypes),
    whole: {
      'check-report.schema.json': 'CheckReport',
      'check-report.schema.json#/$defs/Problem': 'Problem',
    },
  });
  const reports: Record<string, string> = {};
  const verifyPath = 'engine/schema/audit-verify.schema.json';
  // Its problems are the check report's.
  reports['engine/schema/audit-verify.gen.ts'] = await typesImporting(
    readJson(verifyPath),
    'AuditVerifyReport',
    verifyPath,
    {
      module: './check-report.gen.ts',
      names: [],
      whole: { 'check-report.schema.json#/$defs/Problem': 'Problem' },
    },
  );
  for (const [file, title] of [
    ['portfolio', 'PortfolioReport'],
    ['audit', 'AuditReport'],
  ] as const) {
    const path = `engine/schema/${file}.schema.json`;
    reports[`engine/schema/${file}.gen.ts`] = await typesFrom(
      withManifestDefs({ ...readJson(path), title }),
      title,
      path,
    );
  }
  const reference = renderManifestReference(schema);
  const docPath = 'docs/manifest.md';
  const doc = readFileSync(docPath, 'utf8');
  const begin = '<!-- reference:begin -->';
  const end = '<!-- reference:end -->';
  const from = doc.indexOf(begin);
  const to = doc.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${docPath} lacks the ${begin} … ${end} markers`);
  return {
    'engine/schema/usecase.gen.ts': types,
    'engine/schema/policy.gen.ts': policyTypes,
    'engine/schema/registries.gen.ts': registryTypes,
    'engine/schema/policy-test.gen.ts': testTypes,
    'engine/schema/team-membership.gen.ts': teamTypes,
    'engine/schema/check-report.gen.ts': checkTypes,
    'engine/schema/gate-report.gen.ts': gateTypes,
    ...reports,
    [docPath]: `${doc.slice(0, from + begin.length)}\n${reference}\n${doc.slice(to)}`,
  };
}

if (import.meta.main) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [path, content] of Object.entries(await generatedFiles())) {
    let current = '';
    try {
      current = readFileSync(path, 'utf8');
    } catch {}
    if (current === content) continue;
    if (check) {
      stale++;
      console.error(`${path} is out of date with its schema: run npm run generate`);
    } else {
      writeFileSync(path, content);
      console.log(`wrote ${path}`);
    }
  }
  process.exitCode = stale ? 1 : 0;
}
