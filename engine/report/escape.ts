// The one place where text the gate did not write is made safe to show. Manifest fields, file
// paths, rule messages that quote manifest values, problems that quote YAML, logins: a pull
// request writes them, so they are shown as text, never obeyed as markup, a mention, a link or a
// terminal command. One function per kind of sink; renderers pass every such value through one.

/**
 * Zero-width space. GitHub turns `@login`, `#123`, `GH-123`, `www.…` and `https://…` into
 * mentions and links after rendering, from the text itself, so a backslash does not stop them;
 * a character between their parts does (Dependabot and Renovate sanitise this way).
 */
const ZWSP = '\u200b';

// C0 controls but TAB, LF and CR (line breaks are handled by each sink), DEL, C1; the bidi
// controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) and the line and paragraph
// separators. Shown as `\u{1b}`, so a reader sees that they are there and nothing obeys them.
const INVISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

const LINE_BREAK = /\r\n|\r|\n/g;

// ECMA-48 sequences a terminal obeys: CSI (colours, cursor, clearing), the strings OSC (titles,
// OSC 8 hyperlinks), DCS, SOS, PM and APC up to their terminator (or the end, unterminated), and
// the other ESC sequences; in their 7-bit and C1 forms.
const ESCAPE_SEQUENCE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: escape sequences are what it finds
  /\u001b\[[0-?]*[ -/]*[@-~]|\u009b[0-?]*[ -/]*[@-~]|(?:\u001b[\]PX^_]|[\u0090\u0098\u009d\u009e\u009f])[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c|$)|\u001b[ -/]*[0-~]/g;

/** Every ASCII punctuation character CommonMark or GitHub gives a meaning to, but `& < >`. */
const MARKDOWN_PUNCTUATION = /[\\`*_{}[\]()#+!|~$^=]/g;
const HTML_ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

function showInvisible(text: string): string {
  return text.replace(INVISIBLE, (c) => `\\u{${(c.codePointAt(0) as number).toString(16)}}`);
}

/** For plain-text sinks kept to one line: check run and annotation titles, log lines. */
export function plainLine(value: string): string {
  return showInvisible(value.replace(LINE_BREAK, ' '));
}

/** For plain-text sinks that may hold lines (annotation messages): every line break is `\n`. */
export function plainText(value: string): string {
  return showInvisible(value.replace(/\r\n?/g, '\n'));
}

// What terminalLine changes always holds one of these: escape sequences start with a C0 or C1
// control, line breaks are controls or separators, and INVISIBLE is a subset. Most text holds
// none, and is returned after one test instead of three replacements (a report of 10,000 use
// cases has some 400,000 strings).
const TERMINAL_UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

/** One line for a terminal: escape sequences removed, other controls shown, line breaks as spaces. */
export function terminalLine(value: string): string {
  if (!TERMINAL_UNSAFE.test(value)) return value;
  return plainLine(value.replace(ESCAPE_SEQUENCE, ''));
}

/**
 * `value` with every string in it made a terminal line, for renderers that lay out a whole report;
 * parts with nothing to change are returned as they are.
 */
export function terminalSafe<T>(value: T): T {
  if (typeof value === 'string') return terminalLine(value) as T;
  if (value === null || typeof value !== 'object') return value;
  // A copy is made only at the first part that changes.
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const safe = terminalSafe(value[i]);
      if (safe === value[i]) continue;
      out ??= [...value];
      out[i] = safe;
    }
    return (out ?? value) as T;
  }
  let out: Record<string, unknown> | undefined;
  for (const [key, part] of Object.entries(value)) {
    const safe = terminalSafe(part);
    if (safe === part) continue;
    out ??= { ...(value as Record<string, unknown>) };
    out[key] = safe;
  }
  return (out ?? value) as T;
}

/**
 * Text inside GitHub-flavoured markdown (a paragraph, a heading, a table cell), shown as written
 * (but for spaces at either end, which markdown does not show): HTML as entities, markdown punctuation backslash-escaped, line breaks as spaces (a lone
 * CR ends a line too), mentions, issue references and bare URLs broken by a zero-width space.
 */
export function markdownText(value: string): string {
  const escaped = plainLine(value)
    // Spaces around inline text show as nothing; at the start of a line, four make a code block.
    .replace(/^[ \t]+|[ \t]+$/g, '')
    .replace(MARKDOWN_PUNCTUATION, '\\$&')
    .replace(/[&<>]/g, (c) => HTML_ENTITY[c] as string)
    // What would start a list if the layout put the value at the start of a line.
    .replace(/^-/, '\\-')
    .replace(/^(\d+)\./, '$1\\.');
  return breakAutolinks(escaped);
}

function breakAutolinks(text: string): string {
  return text
    .replace(/@/g, `@${ZWSP}`)
    .replace(/#(?=\d)/g, `#${ZWSP}`)
    .replace(/\b(GH)-(?=\d)/gi, `$1${ZWSP}-`)
    .replace(/:\/\//g, `${ZWSP}://`)
    .replace(/\b(www)\./gi, `$1${ZWSP}.`);
}

/**
 * A value shown as code (an id, a file path). A backtick span shows every character as it is, so
 * it holds only a value that needs no escaping; anything else (a backtick, `|` in a table, `<`,
 * a line break) goes in a `<code>` element, whose text markdown reads and so is escaped.
 */
export function markdownCode(value: string): string {
  const text = markdownText(value);
  const plain = text === value && value !== '' && value.trim() === value;
  return plain ? `\`${value}\`` : `<code>${text}</code>`;
}

/**
 * SARIF message text: plain text in which `[text](target)` is an embedded link (SARIF 2.1.0,
 * §3.11.6), so a literal bracket, and a backslash before one, is escaped with a backslash.
 */
export function sarifText(value: string): string {
  return plainText(value).replace(/\\(?=[[\]])|[[\]]/g, '\\$&');
}

/** A repository path as a relative URI reference (SARIF artifact locations): each segment encoded. */
export function relativeUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** What XML 1.0 cannot hold at all, even as a character reference: lone surrogates, U+FFFE, U+FFFF. */
const NOT_XML = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|[\ufffe\uffff]/g;

/**
 * Text in an XML element (JUnit reports): controls shown as in every other sink, what XML cannot
 * hold shown the same way, and the five characters XML gives a meaning to as entities; `line`
 * keeps it to one line, for an attribute (whose line breaks a parser would turn into spaces).
 */
export function xmlText(value: string, shape: 'text' | 'line' = 'text'): string {
  const shown = (shape === 'line' ? plainLine(value) : plainText(value)).replace(
    NOT_XML,
    (c) => `\\u{${(c.codePointAt(0) as number).toString(16)}}`,
  );
  return shown.replace(/[&<>"']/g, (c) => HTML_ESCAPE[c] as string);
}

const HTML_ESCAPE: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Text inside HTML or SVG, in an element or a quoted attribute: the five characters HTML gives a
 * meaning to as entities, controls and direction marks shown (as in every other sink), line breaks
 * as spaces. Never markup, never the end of an attribute.
 */
export function htmlText(value: string): string {
  return plainLine(value).replace(/[&<>"']/g, (c) => HTML_ESCAPE[c] as string);
}
