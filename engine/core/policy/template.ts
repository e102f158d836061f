// Rule messages show the actual values: "{{tier.computed}}" is replaced by that value from the
// evaluation context. Only paths are allowed in braces; nothing is evaluated.
const PLACEHOLDER = /\{\{\s*([A-Za-z][\w.]*)\s*\}\}/g;

export function templatePaths(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1] as string);
}

export function renderTemplate(template: string, read: (path: string) => unknown): string {
  return template.replace(PLACEHOLDER, (_all, path: string) => show(read(path)));
}

function show(value: unknown): string {
  if (value === undefined || value === null) return '(none)';
  if (Array.isArray(value)) return value.length ? value.map(show).join(', ') : '(none)';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
