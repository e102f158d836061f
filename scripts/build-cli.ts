// Builds the CLI for the npm package: engine/cli/main.ts and everything it imports, compiled into
// ES modules that Node 22 and later run from node_modules (dist/cli/main.mjs, the code each command
// alone needs in dist/cli/chunks/, and the licence notices of what they contain); engine/cli/coe.js
// loads it where the TypeScript source is absent. Not committed: `npm pack` and `npm publish`
// build it first (the prepack script).
import { existsSync, renameSync, rmSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _ } from 'ajv/dist/2020.js';
import standaloneModule from 'ajv/dist/standalone/index.js';
import type { Plugin } from 'esbuild';
import { newAjv, SCHEMAS } from '../engine/core/schema/compile.ts';
import { bundleModule } from './build-action.ts';

// ajv's standalone module is CommonJS; its default export arrives as the module object under NodeNext typing.
const standaloneCode = standaloneModule as unknown as typeof standaloneModule.default;

export const CLI_ENTRY = 'engine/cli/main.ts';
export const CLI_BUNDLE = 'dist/cli/main.mjs';

/**
 * Node's built-in modules through require() (the bundle's, from createRequire), each loaded when
 * the code first uses it. Importing one as an ES module makes Node build its module facade, which
 * reads every export and so loads what each holds lazily (node:fs its promises API and streams):
 * about 7 ms for node:fs, 3 for node:process, 2 for node:util at every start. And a module that
 * imports node:child_process (commander does, for subcommands it would spawn) loads it with its
 * network and stream modules, about 10 ms more, though coe --version never starts a process.
 * A module that is a plain object stands in by getters that load it on first use; one that is a
 * function or an instance of a class (node:events, node:process) is required as it is.
 */
export const builtinsOnFirstUse: Plugin = {
  name: 'builtins-on-first-use',
  setup(build) {
    build.onResolve({ filter: /^[a-z][a-z0-9_/:]*$/ }, (args) => {
      if (!isBuiltin(args.path)) return undefined;
      // The stand-in's own require() is Node's.
      if (args.namespace === 'builtin') return { path: args.path, external: true };
      return { path: args.path, namespace: 'builtin' };
    });
    build.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => {
      const id = JSON.stringify(args.path);
      const actual = process.getBuiltinModule(args.path) as object;
      // A function (node:events is EventEmitter) or an object with methods of its own class
      // (node:process is an EventEmitter) is taken as it is: getters could not stand in for it.
      if (typeof actual === 'function' || Object.getPrototypeOf(actual) !== Object.prototype)
        return { contents: `module.exports = require(${id});`, loader: 'js' };
      // The names as this Node has them; one an older Node lacks reads as undefined, as it would.
      const names = Object.getOwnPropertyNames(actual).filter((name) => name !== 'default');
      return {
        contents: [
          'let loaded;',
          `const load = () => (loaded ??= require(${id}));`,
          'module.exports = Object.defineProperties({}, {',
          ...names.map(
            (n) => `  ${JSON.stringify(n)}: { enumerable: true, get: () => load()[${JSON.stringify(n)}] },`,
          ),
          '});',
        ].join('\n'),
        loader: 'js',
      };
    });
  },
};

/**
 * ajv's standalone code for every schema's validator, compiled by the same ajv with the same
 * options as at run time (newAjv): CommonJS that sets `exports[kind]`, and checks formats with the
 * functions of `FORMATS` (formats.ts), a name it expects in its scope.
 */
export function precompiledValidators(): string {
  const ids = Object.fromEntries(Object.entries(SCHEMAS).map(([kind, schema]) => [kind, schema.$id]));
  return standaloneCode(newAjv({ source: true, formats: _`FORMATS` }), ids);
}

/**
 * The schemas' validators compiled now rather than at every start: in the bundle, the module that
 * compiles them with ajv when first needed (engine/core/schema/compile.ts) is replaced by their
 * standalone code (precompiledValidators), evaluated once a command first validates something.
 * Ajv's compiler is left out of the package, and so is compiling the schemas, which takes longer
 * than validating a thousand manifests.
 */
export const precompiledSchemas: Plugin = {
  name: 'precompiled-schemas',
  setup(build) {
    const compile = fileURLToPath(new URL('../engine/core/schema/compile.ts', import.meta.url));
    build.onLoad({ filter: /[\\/]compile\.ts$/ }, (args) => {
      if (args.path !== compile) return undefined;
      return {
        contents: [
          "import { FORMATS } from './formats.ts';",
          'let validators;',
          'export function compiledValidator(kind) {',
          '  validators ??= ((exports) => {',
          precompiledValidators(),
          '    return exports;',
          '  })({});',
          '  return validators[kind];',
          '}',
        ].join('\n'),
        loader: 'js',
        resolveDir: dirname(args.path),
      };
    });
  },
};

export async function bundleCli(outfile: string = CLI_BUNDLE): Promise<void> {
  // Built beside the folder and put in its place once complete: chunks are named by their content,
  // so the old ones must go, and a pack running meanwhile (a test) never sees half a build.
  const dir = dirname(outfile);
  const building = `${dir}.building-${process.pid}`;
  const old = `${dir}.old-${process.pid}`;
  try {
    // Minified: a CLI starts by reading and compiling these files, and half the bytes start faster.
    // Split: `coe --version` loads the entry and commander, `coe check` what checking needs.
    await bundleModule(CLI_ENTRY, join(building, basename(outfile)), 'node22', {
      minify: true,
      split: true,
      plugins: [builtinsOnFirstUse, precompiledSchemas],
    });
    if (existsSync(dir)) renameSync(dir, old);
    renameSync(building, dir);
  } finally {
    rmSync(building, { recursive: true, force: true });
    rmSync(old, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await bundleCli();
