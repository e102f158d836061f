// Bundles the Action (engine/action/index.ts) into dist/index.mjs, the file action.yml runs.
// The bundle is committed; a test rebuilds it and fails when the committed one differs.
// Beside it, dist/licenses.txt: the licence of every package the bundle contains, as their
// licences ask of whoever redistributes them (the bundle drops their files and comments).
import { basename, dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import licenses, { type Dependency } from 'esbuild-plugin-license';

export const ENTRY = 'engine/action/index.ts';
export const BUNDLE = 'dist/index.mjs';
/** Named after the bundle's folder: `dist/licenses.txt` beside `dist/index.mjs`. */
export const LICENSES = 'licenses.txt';

/** One entry per package, sorted by name: name and version, licence, then its licence text. */
export function licenseNotice(dependencies: Dependency[]): string {
  return [...dependencies]
    .sort((a, b) => (a.packageJson.name < b.packageJson.name ? -1 : 1))
    .map(({ packageJson: p, licenseText }) =>
      [`${p.name}@${p.version}`, `License: ${p.license ?? 'not stated'}`, '', licenseText.trim()].join('\n'),
    )
    .join('\n\n-----\n\n')
    .concat('\n');
}

export async function bundle(outfile: string = BUNDLE): Promise<void> {
  await bundleModule(ENTRY, outfile, 'node24');
}

/**
 * One ES module holding `entry` and everything it imports, and the licence notices beside it. Also
 * the CLI's build (build-cli.ts), for the Node versions the package supports; with `split`, what
 * `entry` imports dynamically (import()) goes into chunks beside it, under chunks/, loaded when
 * that import() runs, and code both need into chunks of their own.
 */
export async function bundleModule(
  entry: string,
  outfile: string,
  target: string,
  options: { minify?: boolean; split?: boolean; plugins?: Plugin[] } = {},
): Promise<void> {
  const where = options.split
    ? {
        splitting: true,
        outdir: dirname(outfile),
        entryNames: basename(outfile, extname(outfile)),
        chunkNames: 'chunks/[name]-[hash]',
        outExtension: { '.js': extname(outfile) },
      }
    : { outfile };
  await build({
    entryPoints: [entry],
    ...where,
    // Whitespace and syntax only: names stay, so a stack trace (COE_DEBUG=1) still reads.
    minifyWhitespace: options.minify ?? false,
    minifySyntax: options.minify ?? false,
    bundle: true,
    platform: 'node',
    target,
    format: 'esm',
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
    plugins: [
      ...(options.plugins ?? []),
      licenses({
        // Relative to outdir where there is one (split), else to the working folder.
        thirdParty: {
          output: {
            file: options.split ? LICENSES : join(dirname(outfile), LICENSES),
            template: licenseNotice,
          },
        },
      }),
    ],
    // Some dependencies are CommonJS and call require(); an ES module has none of its own.
    banner: {
      js: "import { createRequire as __coeRequire } from 'node:module'; const require = __coeRequire(import.meta.url);",
    },
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await bundle();
