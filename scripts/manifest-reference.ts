// Renders the field reference of docs/manifest.md from the JSON Schema: one row per field,
// so the docs cannot drift from what the loader accepts.
type Schema = {
  $ref?: string;
  $defs?: Record<string, Schema>;
  type?: string;
  const?: unknown;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minimum?: number;
  maximum?: number;
};

export function renderManifestReference(root: Schema): string {
  const rows: string[] = ['| field | type | required | meaning |', '| --- | --- | --- | --- |'];
  const resolve = (s: Schema): Schema => {
    if (!s.$ref) return s;
    const name = s.$ref.replace('#/$defs/', '');
    const target = root.$defs?.[name];
    if (!target) throw new Error(`unresolved ${s.$ref}`);
    // A $ref's own description overrides the target's.
    return { ...resolve(target), ...(s.description ? { description: s.description } : {}) };
  };
  const typeOf = (s: Schema): string => {
    if (s.const !== undefined) return `\`${JSON.stringify(s.const)}\``;
    if (s.enum) return s.enum.map((v) => `\`${v}\``).join(' \\| ');
    if (s.type === 'array') return `list of ${typeOf(resolve(s.items ?? {}))}`;
    if (s.format === 'date') return 'date';
    if (s.type === 'integer' && s.minimum !== undefined && s.maximum !== undefined)
      return `integer ${s.minimum}–${s.maximum}`;
    return s.type ?? 'any';
  };
  const walk = (s: Schema, path: string, required: boolean) => {
    const node = resolve(s);
    if (path) {
      const desc = (node.description ?? '').replace(/\|/g, '\\|');
      rows.push(`| \`${path}\` | ${typeOf(node)} | ${required ? 'yes' : ''} | ${desc} |`);
    }
    const objectOf = node.type === 'array' ? resolve(node.items ?? {}) : node;
    if (!objectOf.properties) return;
    const prefix = node.type === 'array' ? `${path}[]` : path;
    for (const [key, child] of Object.entries(objectOf.properties)) {
      walk(child, prefix ? `${prefix}.${key}` : key, objectOf.required?.includes(key) ?? false);
    }
  };
  walk(root, '', true);
  return rows.join('\n');
}
