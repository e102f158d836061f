// Reading a value at a dotted path (spec.data.sources) from plain data: the one way the engine
// looks up manifest fields by name, for policies, the RACI and the roles registry alike.

/** Reads a dotted path from `data`, own properties only (no prototype walking). */
export function read(data: unknown, path: string): unknown {
  if (path === '') return data;
  const { keys, inherited } = splitPath(path);
  return walk(data, keys, inherited);
}

/** `read` of one path, split once: for a path read many times (a policy's var). */
export function pathReader(path: string): (data: unknown) => unknown {
  if (path === '') return (data) => data;
  const { keys, inherited } = splitPath(path);
  return (data) => walk(data, keys, inherited);
}

function walk(data: unknown, keys: readonly string[], inherited: boolean): unknown {
  let value: unknown = data;
  for (const key of keys) {
    if (value === null || typeof value !== 'object') return undefined;
    // One lookup per key; the own-property test is needed only for names a prototype also has.
    if (inherited && !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Names that plain objects and lists inherit (constructor, map, length…). */
const INHERITED = (key: string) => key in Object.prototype || key in Array.prototype;

// Policies use a few hundred distinct paths, each read thousands of times: split each once.
const splitPaths = new Map<string, { keys: string[]; inherited: boolean }>();
function splitPath(path: string): { keys: string[]; inherited: boolean } {
  let split = splitPaths.get(path);
  if (!split) {
    const keys = path.split('.');
    split = { keys, inherited: keys.some(INHERITED) };
    if (splitPaths.size < 10_000) splitPaths.set(path, split);
  }
  return split;
}

/**
 * The values at a dotted path, stepping into every item of a list on the way:
 * spec.evaluation.suites.threshold is the threshold of each suite, in order. Undefined when
 * nothing is there.
 */
export function readThroughLists(data: unknown, path: string): unknown {
  const step = (value: unknown, keys: readonly string[]): unknown => {
    if (keys.length === 0) return value;
    if (Array.isArray(value)) return value.map((item) => step(item, keys)).filter((v) => v !== undefined);
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, keys[0] as string))
      return undefined;
    return step((value as Record<string, unknown>)[keys[0] as string], keys.slice(1));
  };
  return step(data, path.split('.'));
}
