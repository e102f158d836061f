// Bundles the Action (engine/action/index.ts) into dist/index.mjs, the file action.yml runs.
// The bundle is committed; a test rebuilds it and fails when the committed one differs.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const ENTRY = 'engine/action/index.ts';
export const BUNDLE = 'dist/index.mjs';

export async function bundle(outfile: string = BUNDLE): Promise<void> {
  await build({
    entryPoints: [ENTRY],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    legalComments: 'none',
    logLevel: 'warning',
    // Some dependencies are CommonJS and call require(); an ES module has none of its own.
    banner: {
      js: "import { createRequire as __coeRequire } from 'node:module'; const require = __coeRequire(import.meta.url);",
    },
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await bundle();
