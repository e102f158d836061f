// Regenerates the files derived from engine/schema/usecase.schema.json.
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
  const usecase = readJson(schemaPath);
  const text = JSON.stringify(schema).replaceAll('"usecase.schema.json#/$defs/', '"#/$defs/');
  const local = JSON.parse(text);
  return { ...local, $defs: { ...usecase.$defs, ...local.$defs } };
}

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
      console.error(`${path} is out of date with ${schemaPath}: run npm run generate`);
    } else {
      writeFileSync(path, content);
      console.log(`wrote ${path}`);
    }
  }
  process.exitCode = stale ? 1 : 0;
}
