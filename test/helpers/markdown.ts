// What GitHub would make of a markdown text the gate posts: rendered by a CommonMark + GFM
// renderer (micromark), with raw HTML let through as GitHub lets some through, then what GitHub
// links in the rendered text by itself (mentions, issue references, bare URLs).
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';

export function renderMarkdown(markdown: string): string {
  return micromark(markdown, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });
}

/** The text of every heading, in order. */
export function headings(markdown: string): string[] {
  return [...renderMarkdown(markdown).matchAll(/<h([1-6])>(.*?)<\/h\1>/g)].map((m) => decode(m[2] as string));
}

/** Every element the markdown makes, by name, with how many. */
export function elements(markdown: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of renderMarkdown(markdown).matchAll(/<([a-z][a-z0-9]*)\b/g))
    out[m[1] as string] = (out[m[1] as string] ?? 0) + 1;
  return out;
}

/** Where links and images point. */
export function targets(markdown: string): string[] {
  return [...renderMarkdown(markdown).matchAll(/<(?:a|img)\b[^>]*?(?:href|src)="([^"]*)"/g)].map((m) =>
    decode(m[1] as string),
  );
}

/**
 * What GitHub turns into a mention or a link after rendering: `@login` (a user or team),
 * `#123`, `GH-123` and bare URLs in the rendered text, outside code and links.
 */
export function githubAutolinks(markdown: string): string[] {
  const text = renderMarkdown(markdown)
    .replace(/<(code|a)\b[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]*>/g, ' ');
  return [
    ...decode(text).matchAll(
      /(?<![\w.])@[A-Za-z0-9][\w-]*(?:\/[\w.-]+)?|#\d+|\bGH-\d+|\bhttps?:\/\/\S+|\bwww\.\S+/gi,
    ),
  ].map((m) => m[0]);
}

/** What a reader sees: the rendered text, entities decoded, the zero-width spaces left out. */
export function renderedText(markdown: string): string {
  return decode(renderMarkdown(markdown).replace(/<[^>]*>/g, '')).replace(/\u200b/g, '');
}

/**
 * The markdown source as a reviewer reads it, layout kept (tables keep their pipes): backslash
 * escapes undone, entities decoded, zero-width spaces left out. For asserting on what it says.
 */
export function readable(markdown: string): string {
  return decode(markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1')).replace(/\u200b/g, '');
}

function decode(html: string): string {
  return html
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
