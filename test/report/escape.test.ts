// escape.ts over hostile text: each value is rendered by a CommonMark + GFM renderer (micromark,
// the markdown GitHub speaks) and must come out as text only, shown as it was written; GitHub's
// own links after rendering (mentions, issue references, bare URLs) must find nothing to link.

import { XMLParser } from 'fast-xml-parser';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { describe, expect, test } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import {
  markdownCode,
  markdownText,
  plainLine,
  plainText,
  relativeUri,
  sarifText,
  terminalLine,
  terminalSafe,
  xmlText,
} from '../../engine/report/escape.ts';

/** An XML schema that takes any <r a="…">text</r>: libxml2 then checks the document is well-formed. */
const ANY = `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="r"><xs:complexType><xs:simpleContent><xs:extension base="xs:string"><xs:attribute name="a" type="xs:string"/></xs:extension></xs:simpleContent></xs:complexType></xs:element></xs:schema>`;

const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '<details><summary>open me</summary>',
  '<!-- coe-gate:sticky-comment -->',
  '&lt;b&gt; and &#64;octocat and &amp;',
  '[x](https://evil.example)',
  '![x](https://evil.example/i.png)',
  '[x][1]\n\n[1]: https://evil.example',
  '<https://evil.example>',
  'see https://evil.example/a?b=c and http://evil.example',
  'www.evil.example',
  'mailto:a@evil.example and a@evil.example',
  '`code`',
  'a ` b',
  '``` break',
  '```js\nalert(1)\n```',
  '\r### ✅ Ready to merge',
  'Claims bot\r### ✅ Ready to merge',
  '\n# heading\n',
  'line\r\n---\r\nline',
  '**bold** _it_ ~~strike~~ *em*',
  '> quote',
  '- item',
  '1. item',
  '+ item',
  '* item',
  '- [ ] task',
  '| a | b |',
  'a|b',
  '@org/team',
  '@everyone',
  'ping @octocat, please',
  '#123 and org/repo#12 and GH-12',
  '$x^2$ and $$y$$',
  '[^1] footnote',
  ':+1: emoji',
  'back\\slash \\* and \\',
  'right-to-left \u202Eevil\u202C and \u2066isolate\u2069 \u200Emark\u200F \u061Calm',
  'clear \u001b[2J screen',
  'link \u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007 here',
  'nul \u0000 del \u007f c1 \u0085 csi \u009b31m',
  'bell \u0007 backspace \u0008 tab\tend',
  'line\u2028separator',
  '   four spaces',
  '',
];

function render(markdown: string): string {
  return micromark(markdown, {
    allowDangerousHtml: true, // GitHub keeps some raw HTML: let any through, and see it
    extensions: [gfm()],
    htmlExtensions: [gfmHtml()],
  }).trim();
}

/** What a reader sees of HTML text: entities decoded, the zero-width spaces that break links dropped. */
function shown(html: string): string {
  return html
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\u200b/g, '');
}

/** The one cell of a table whose only row holds `cell`. */
function inTable(cell: string): string {
  const html = render(`| a | b |\n| --- | --- |\n| ${cell} | z |`);
  const cells = [...html.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => m[1] as string);
  expect(cells, html).toHaveLength(2);
  expect(cells[1]).toBe('z');
  return cells[0] as string;
}

/** What GitHub links after rendering, from the text itself: a backslash does not stop these. */
function githubLinks(markdown: string): string[] {
  return [...markdown.matchAll(/@[A-Za-z0-9]|#\d|\bGH-\d|[A-Za-z]:\/\/|\bwww\./gi)].map((m) => m[0]);
}

describe('markdownText', () => {
  test.each(HOSTILE.filter(Boolean))('%j is text in a paragraph and in a table cell', (input) => {
    const md = markdownText(input);
    const html = render(`before ${md} after`);
    const inner = /^<p>([\s\S]*)<\/p>$/.exec(html)?.[1];
    expect(inner, html).toBeDefined();
    expect(inner).not.toContain('<');
    const written = plainLine(input).trim();
    expect(shown(inner as string)).toBe(`before ${written} after`);
    const cell = inTable(md);
    expect(cell).not.toContain('<');
    expect(shown(cell)).toBe(written);
    expect(githubLinks(md)).toEqual([]);
    expect(md).not.toMatch(/[\r\n]/);
  });

  test('a value at the start of a line starts nothing: no heading, list or quote', () => {
    for (const input of ['# h', '- item', '1. item', '> quote', '---', '===', '+ x', '    code']) {
      const html = render(`${markdownText(input)}\n`);
      expect(html, input).toMatch(/^<p>[^<]*<\/p>$/);
    }
  });

  test('the renderer would have shown the markup: negative control', () => {
    expect(render('a <img src=x> [x](https://e.example) `c`')).toMatch(
      /<img src=x>.*<a href.*<code>c<\/code>/,
    );
    expect(render('x\r### Ready')).toContain('<h3>Ready</h3>');
    expect(githubLinks('@octocat #12 https://e.example www.e.example')).toHaveLength(4);
  });

  test('plain words stay as they are', () => {
    expect(markdownText('Claims intake bot: route FNOL e-mails, 5/day; ok?')).toBe(
      'Claims intake bot: route FNOL e-mails, 5/day; ok?',
    );
  });
});

describe('markdownCode', () => {
  test.each(HOSTILE)('%j is one code element, in a paragraph and in a table cell', (input) => {
    const md = markdownCode(input);
    for (const html of [/^<p>([\s\S]*)<\/p>$/.exec(render(`see ${md} here`))?.[1], inTable(md)]) {
      const code = /^(?:see )?<code>([^<]*)<\/code>(?: here)?$/.exec(html ?? '');
      expect(code, html).not.toBeNull();
      expect(shown(code?.[1] as string)).toBe(plainLine(input).trim());
    }
  });

  test('an ordinary id or path is a backtick span, so the markdown reads as before', () => {
    expect(markdownCode('usecases/claims/fnol-triage.yaml:12')).toBe('`usecases/claims/fnol-triage.yaml:12`');
    expect(markdownCode('release-gates.offline-evaluation')).toBe('`release-gates.offline-evaluation`');
  });

  test('a git path with a backtick cannot close the span', () => {
    const html = render(`x ${markdownCode('usecases/a`<b>`.yaml')} y`);
    expect(html).toBe('<p>x <code>usecases/a`&lt;b&gt;`.yaml</code> y</p>');
  });
});

describe('plain and terminal text', () => {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for
  const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

  test.each(HOSTILE)('%j has no control or bidi character left', (input) => {
    for (const out of [plainLine(input), terminalLine(input)]) {
      expect(out).not.toMatch(CONTROL);
      expect(out).not.toMatch(/[\r\n\u2028\u2029]/);
    }
    expect(plainText(input)).not.toMatch(CONTROL);
    expect(plainText(input)).not.toContain('\r');
  });

  test('controls are shown, line breaks are spaces (plainText keeps them as \\n)', () => {
    expect(plainLine('a\rb\r\nc\nd')).toBe('a b c d');
    expect(plainText('a\rb\r\nc\nd')).toBe('a\nb\nc\nd');
    expect(plainLine('x\u202Ey \u0000 \u0085')).toBe('x\\u{202e}y \\u{0} \\u{85}');
    expect(plainLine('tab\tkept')).toBe('tab\tkept');
  });

  test('a terminal gets no escape sequence: CSI, OSC 8 links and titles are removed, a lone ESC is shown', () => {
    expect(terminalLine('clear \u001b[2J\u001b[31mred\u001b[0m')).toBe('clear red');
    expect(terminalLine('\u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007')).toBe('click');
    expect(terminalLine('\u001b]0;title\u001b\\x')).toBe('x');
    expect(terminalLine('\u009b2Jx')).toBe('x');
    expect(terminalLine('unterminated \u001b]8;;https://evil')).toBe('unterminated ');
    expect(terminalLine('esc \u001b')).toBe('esc \\u{1b}');
  });

  test('terminalSafe reaches every string of a report, and keeps clean parts as they are', () => {
    const clean = { id: 'a', n: 1, tags: ['x'] };
    const report = { clean, items: [{ title: 'T\u001b[2J\rx', ok: true }], none: null };
    const safe = terminalSafe(report);
    expect(safe).toEqual({ clean, items: [{ title: 'T x', ok: true }], none: null });
    expect(safe.clean).toBe(clean);
    expect(terminalSafe(clean)).toBe(clean);
  });

  test('every character of the Basic Multilingual Plane: what a terminal could obey never comes through, the rest as it is', () => {
    // What must not reach a terminal as it is: C0 controls but tab (escape sequences start with
    // one), DEL and C1 controls, the bidi controls and the line separators.
    const UNSAFE =
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for
      /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;
    let shown = 0;
    for (let code = 0; code <= 0xffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue; // surrogates: halves of other characters
      const c = String.fromCharCode(code);
      for (const input of [`a${c}b`, `${c}[31mred`, `${c}]8;;https://x${c}\\`]) {
        const out = terminalLine(input);
        if (UNSAFE.test(c)) {
          expect(out).not.toMatch(UNSAFE);
          shown++;
        } else expect(out).toBe(input);
      }
    }
    expect(shown).toBeGreaterThan(3 * 64);
  });

  test('terminalSafe copies only what changes: the first and the last item of a list, a key among others', () => {
    const items = Object.freeze(['clean', 'also clean', 'last\u001b[2J']);
    const safeItems = terminalSafe(items);
    expect(safeItems).toEqual(['clean', 'also clean', 'last']);
    expect(items[2]).toBe('last\u001b[2J');
    const first = ['\u202Efirst', 'clean'];
    expect(terminalSafe(first)).toEqual(['\\u{202e}first', 'clean']);
    const row = Object.freeze({ a: 1, b: 'x\ny', c: ['ok'], d: null });
    const safeRow = terminalSafe(row);
    expect(safeRow).toEqual({ a: 1, b: 'x y', c: ['ok'], d: null });
    expect(Object.keys(safeRow)).toEqual(['a', 'b', 'c', 'd']);
    expect(safeRow.c).toBe(row.c);
    expect(row.b).toBe('x\ny');
  });
});

describe('SARIF', () => {
  test('a message cannot hold an embedded link', () => {
    expect(sarifText('[x](https://evil.example) and [here](1)')).toBe(
      '\\[x\\](https://evil.example) and \\[here\\](1)',
    );
    expect(sarifText('a\\[b')).toBe('a\\\\\\[b');
    expect(sarifText('x\u001b[2Jy')).toBe('x\\u{1b}\\[2Jy');
  });

  test('an artifact location is a URI reference, with each path segment encoded', () => {
    expect(relativeUri('usecases/claims/a.yaml')).toBe('usecases/claims/a.yaml');
    expect(relativeUri('usecases/a b/x`#?.yaml')).toBe('usecases/a%20b/x%60%23%3F.yaml');
  });
});

describe('XML (JUnit reports)', () => {
  const decode = (xml: string) =>
    new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml) as {
      r: { a: string; '#text': string };
    };

  test.each(HOSTILE)('%j parses back as the text it was, in an element and an attribute', async (value) => {
    const xml = `<r a="${xmlText(value, 'line')}">${xmlText(value)}</r>`;
    const check = await validateXML({ xml: [{ fileName: 'x.xml', contents: xml }], schema: [ANY] });
    expect(check.errors.map((e) => e.message)).toEqual([]);
    expect(decode(xml).r['#text'] ?? '').toBe(plainText(value).trim());
    expect(decode(xml).r.a).toBe(plainLine(value).trim());
  });

  test('what XML cannot hold is shown, never written', () => {
    expect(xmlText('a\u0007b\ud800c\uffffd\ud83d\ude00')).toBe('a\\u{7}b\\u{d800}c\\u{ffff}d\ud83d\ude00');
    expect(xmlText(']]></x><y a="1">&amp;')).toBe(']]&gt;&lt;/x&gt;&lt;y a=&quot;1&quot;&gt;&amp;amp;');
    expect(xmlText('one\ntwo', 'line')).toBe('one two');
  });
});
