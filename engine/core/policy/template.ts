// Rule messages show the actual values: "{{tier.computed}}" is replaced by that value from the
// evaluation context. Only paths are allowed in braces; nothing is evaluated.
const PLACEHOLDER = /\{\{\s*([A-Za-z][\w.]*)\s*\}\}/g;

export function templatePaths(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1] as string);
}

export function renderTemplate(template: string, read: (path: string) => unknown): string {
  const parts = partsOf(template);
  if (parts.length === 1) return parts[0] as string;
  let out = parts[0] as string;
  for (let i = 1; i < parts.length; i += 2) out += show(read(parts[i] as string)) + (parts[i + 1] as string);
  return out;
}

// A policy has a few hundred templates, each rendered for every use case its rule fails on:
// each is split once, into its text and the paths between (odd places). The paths are then the
// same strings at every render, which the path reader finds at once (read-path.ts).
const split = new Map<string, string[]>();
function partsOf(template: string): string[] {
  let parts = split.get(template);
  if (!parts) {
    parts = [];
    let at = 0;
    for (const m of template.matchAll(PLACEHOLDER)) {
      parts.push(template.slice(at, m.index), m[1] as string);
      at = m.index + m[0].length;
    }
    parts.push(template.slice(at));
    if (split.size < 10_000) split.set(template, parts);
  }
  return parts;
}

function show(value: unknown): string {
  if (value === undefined || value === null) return '(none)';
  if (Array.isArray(value)) return value.length ? value.map(show).join(', ') : '(none)';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
