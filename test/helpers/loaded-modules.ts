// What a Node process loads, as Node itself tells it: a module hook, given to the process with
// `--import`, lists every file it resolves and the built-in modules it loaded, on stderr as it exits.

/** The hook: `node --import LOADED_MODULES_HOOK …`. */
export const LOADED_MODULES_HOOK = `data:text/javascript,${encodeURIComponent(
  `import { registerHooks } from 'node:module';
   const files = [];
   registerHooks({ resolve(specifier, context, next) {
     const r = next(specifier, context);
     if (r.url.startsWith('file:')) files.push(r.url);
     return r;
   } });
   process.on('exit', () => process.getBuiltinModule('node:fs').writeSync(2,
     '\\n' + JSON.stringify({ files, builtins: process.moduleLoadList })));`,
)}`;

export interface LoadedModules {
  /** file: URLs, in the order they were resolved. */
  files: string[];
  /** Node's own list (process.moduleLoadList), e.g. "NativeModule child_process". */
  builtins: string[];
}

/** What the hook wrote: the last line of the process's stderr. */
export function loadedModules(stderr: string): LoadedModules {
  return JSON.parse(stderr.trim().split('\n').at(-1) as string) as LoadedModules;
}
