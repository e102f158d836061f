// Regenerates the files derived from engine/schema/usecase.schema.json.
// `npm run generate` writes them; `--check` (run by the test suite) fails when they are stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { compile } from 'json-schema-to-typescript';
import { renderManifestReference } from './manifest-reference.ts';

const schemaPath = 'engine/schema/usecase.schema.json';

export async function generatedFiles(): Promise<Record<string, string>> {
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
  const types = await compile(schema, 'UseCase', {
    bannerComment: `// Generated from ${schemaPath} by \`npm run generate\`. Do not edit.`,
    additionalProperties: false,
    unreachableDefinitions: false,
    style: { singleQuote: true, printWidth: 110 },
  });
  const reference = renderManifestReference(schema);
  const docPath = 'docs/manifest.md';
  const doc = readFileSync(docPath, 'utf8');
  const begin = '<!-- reference:begin -->';
  const end = '<!-- reference:end -->';
  const from = doc.indexOf(begin);
  const to = doc.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${docPath} lacks the ${begin} … ${end} markers`);
  return {
    'engine/core/manifest/usecase.gen.ts': types,
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
