// What an editor shows of a schema while someone writes a file against it: each field's
// description on hover and in completion, each allowed value's own description (enumDescriptions,
// yaml-language-server's and VS Code's keyword), examples, and default snippets. These helpers walk
// the schemas to find where that help is missing, and list what the schemas offer as examples.

/** A JSON Schema as read from its file: an object, or true/false. */
export type Schema = boolean | { [keyword: string]: unknown };
type SchemaObject = { [keyword: string]: unknown };

const isObject = (value: unknown): value is SchemaObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `name` as one token of a JSON pointer (RFC 6901). */
const token = (name: string) => name.replaceAll('~', '~0').replaceAll('/', '~1');

/** The schemas by their $id, and how to follow a $ref from one of them to what it names. */
class Resolver {
  private readonly byId = new Map<string, SchemaObject>();

  constructor(schemas: readonly SchemaObject[]) {
    for (const schema of schemas) this.byId.set(String(schema.$id), schema);
  }

  /** What `ref`, written in the schema whose $id is `base`, names; with the $id it is in. */
  resolve(ref: string, base: string): { schema: Schema; id: string } {
    const url = new URL(ref, base);
    const pointer = decodeURIComponent(url.hash.slice(1));
    url.hash = '';
    const id = url.href;
    let node: unknown = this.byId.get(id);
    if (node === undefined) throw new Error(`${ref} (from ${base}) names no schema here`);
    for (const part of pointer.split('/').slice(1)) {
      const key = part.replaceAll('~1', '/').replaceAll('~0', '~');
      node = isObject(node) ? node[key] : undefined;
      if (node === undefined) throw new Error(`${ref} (from ${base}) names nothing`);
    }
    return { schema: node as Schema, id };
  }

  /** Whether an editor shows a description for `schema`: its own, or that of what its $ref names. */
  described(schema: SchemaObject, id: string, seen = new Set<string>()): boolean {
    if (typeof schema.description === 'string' && schema.description.trim() !== '') return true;
    if (typeof schema.$ref !== 'string') return false;
    const key = new URL(schema.$ref, id).href;
    if (seen.has(key)) return false;
    seen.add(key);
    const target = this.resolve(schema.$ref, id);
    return isObject(target.schema) && this.described(target.schema, target.id, seen);
  }
}

/** The file name at the end of a schema's $id, to name where a pointer is. */
const fileOf = (id: string) => id.slice(id.lastIndexOf('/') + 1);

/**
 * Where the schemas leave an editor without help, one line each: `file#pointer: what is missing`.
 * Every property (under `properties` or `patternProperties`) and every `additionalProperties` schema
 * needs a description, its own or through its $ref; every `enum` needs an `enumDescriptions` of the
 * same length, each entry a sentence. It walks $defs, items, oneOf/anyOf/allOf branches,
 * then/else, and everything nested in them. Not `if` nor `not`: they are conditions on a
 * value, not where a field is declared. A property whose schema is `true` is a branch repeating
 * a field declared beside it (a oneOf saying which of two fields is present), not a declaration.
 */
export function missingAnnotations(schemas: readonly SchemaObject[]): string[] {
  const resolver = new Resolver(schemas);
  const missing: string[] = [];
  for (const root of schemas) {
    const id = String(root.$id);
    const at = (pointer: string) => `${fileOf(id)}#${pointer}`;
    const walk = (schema: Schema, pointer: string): void => {
      if (!isObject(schema)) return;
      const values: unknown = schema.enum;
      if (Array.isArray(values)) {
        const descriptions = schema.enumDescriptions;
        if (!Array.isArray(descriptions)) missing.push(`${at(pointer)}: enum without enumDescriptions`);
        else if (descriptions.length !== values.length)
          missing.push(
            `${at(pointer)}: ${values.length} enum values, ${descriptions.length} enumDescriptions`,
          );
        else
          descriptions.forEach((d, i) => {
            if (typeof d !== 'string' || d.trim() === '')
              missing.push(`${at(pointer)}: no description of enum value ${JSON.stringify(values[i])}`);
          });
      }
      for (const keyword of ['properties', 'patternProperties', '$defs']) {
        const children = schema[keyword];
        if (!isObject(children)) continue;
        for (const [name, child] of Object.entries(children)) {
          const here = `${pointer}/${keyword}/${token(name)}`;
          if (keyword !== '$defs' && isObject(child) && !resolver.described(child, id))
            missing.push(`${at(here)}: no description`);
          walk(child as Schema, here);
        }
      }
      if (isObject(schema.additionalProperties)) {
        const here = `${pointer}/additionalProperties`;
        if (!resolver.described(schema.additionalProperties, id)) missing.push(`${at(here)}: no description`);
        walk(schema.additionalProperties, here);
      }
      for (const keyword of ['items', 'contains', 'propertyNames', 'then', 'else']) {
        if (keyword in schema) walk(schema[keyword] as Schema, `${pointer}/${keyword}`);
      }
      for (const keyword of ['oneOf', 'anyOf', 'allOf', 'prefixItems']) {
        const branches = schema[keyword];
        if (Array.isArray(branches))
          for (const [i, branch] of branches.entries()) walk(branch as Schema, `${pointer}/${keyword}/${i}`);
      }
    };
    walk(root, '');
  }
  return missing;
}

/** Every `keyword` annotation in the schemas (examples, defaultSnippets): where it is and its value. */
export function annotations(
  schemas: readonly SchemaObject[],
  keyword: string,
): { id: string; pointer: string; value: unknown }[] {
  const found: { id: string; pointer: string; value: unknown }[] = [];
  for (const root of schemas) {
    const id = String(root.$id);
    const walk = (node: unknown, pointer: string): void => {
      if (Array.isArray(node)) for (const [i, item] of node.entries()) walk(item, `${pointer}/${i}`);
      if (!isObject(node)) return;
      for (const [key, value] of Object.entries(node)) {
        // An example or a snippet is a value, not a schema: what it holds is not looked in.
        if (key === keyword) found.push({ id, pointer, value });
        else if (!['examples', 'defaultSnippets', 'const', 'default', 'enum'].includes(key))
          walk(value, `${pointer}/${token(key)}`);
      }
    };
    walk(root, '');
  }
  return found;
}
