// Builds the CLI for the npm package: engine/cli/main.ts and everything it imports as one compiled
// ES module (dist/cli/main.mjs, with the licence notices of what it contains), which Node 22 and
// later run from node_modules; engine/cli/coe.js loads it where the TypeScript source is absent.
// Not committed: `npm pack` and `npm publish` build it first (the prepack script).
import { fileURLToPath } from 'node:url';
import { bundleModule } from './build-action.ts';

export const CLI_ENTRY = 'engine/cli/main.ts';
export const CLI_BUNDLE = 'dist/cli/main.mjs';

export async function bundleCli(outfile: string = CLI_BUNDLE): Promise<void> {
  // Minified: a CLI starts by reading and compiling this file, and half the bytes start faster.
  await bundleModule(CLI_ENTRY, outfile, 'node22', { minify: true });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await bundleCli();
