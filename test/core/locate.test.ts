import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { Locator, positionIn } from '../../engine/core/yaml/locate.ts';
import { REPO_ROOT } from '../helpers/repo.ts';

const text = [
  'metadata:', //              1
  '  id: x', //                2
  '  "quoted key": 1', //      3
  'spec:', //                  4
  '  list:', //                5
  '    - a: 1', //             6
  '      b: [1, {c: 2}]', //   7
  '    - &anchor plain', //    8
  '    - *anchor', //          9
  '  flow: {k: v}', //         10
  '  block: |', //             11
  '    text', //               12
  '',
].join('\n');

describe('Locator', () => {
  const loc = new Locator(text);
  it('points at scalar values and at the keys of collections', () => {
    expect(loc.locate(['metadata', 'id'])).toEqual({ line: 2, column: 7 });
    expect(loc.locate(['metadata', 'id'], 'key')).toEqual({ line: 2, column: 3 });
    expect(loc.locate(['metadata'])).toEqual({ line: 1, column: 1 });
    expect(loc.locate(['spec', 'list'])).toEqual({ line: 5, column: 3 });
  });

  it('follows sequences, flow collections, quoted keys, anchors and aliases', () => {
    expect(loc.locate(['metadata', 'quoted key'], 'key')).toEqual({ line: 3, column: 4 });
    expect(loc.locate(['spec', 'list', 0, 'b', 1, 'c'])).toEqual({ line: 7, column: 18 });
    expect(loc.locate(['spec', 'list', 1])).toEqual({ line: 8, column: 15 });
    expect(loc.locate(['spec', 'list', 2])).toEqual({ line: 9, column: 7 });
    expect(loc.locate(['spec', 'flow', 'k'])).toEqual({ line: 10, column: 13 });
    expect(loc.locate(['spec', 'block'])).toEqual({ line: 11, column: 3 });
    expect(loc.firstAliasOffset()).toBe(text.indexOf('*anchor'));
  });

  it('falls back to the nearest ancestor for a path that does not exist', () => {
    expect(loc.locate(['spec', 'list', 0, 'missing'])).toEqual({ line: 6, column: 7 });
    expect(loc.locate(['nothing', 'here'])).toEqual({ line: 1, column: 1 });
  });

  it('survives text that does not parse', () => {
    expect(new Locator('a: [\n').locate(['a'])).toEqual({ line: 1, column: 1 });
  });
});

describe('Locator on empty values', () => {
  it('points at the key of a value left empty, not at the start of the file', () => {
    const loc = new Locator('spec:\n  approvals:\n  stage: intake\nlast:\n');
    expect(loc.locate(['spec', 'approvals'])).toEqual({ line: 2, column: 3 });
    expect(loc.locate(['last'])).toEqual({ line: 4, column: 1 });
  });
});

describe('Locator spans', () => {
  const loc = new Locator(
    'spec:\n  id: "quoted"\n  name: plain text\n  list: [a, *x]\n  nested:\n    k: 1\n',
  );
  it('end just past the token: a plain or quoted value, or the key of a collection', () => {
    expect(loc.span(['spec', 'name'])).toEqual({ line: 3, column: 9, endLine: 3, endColumn: 19 });
    expect(loc.span(['spec', 'id'])).toEqual({ line: 2, column: 7, endLine: 2, endColumn: 15 });
    expect(loc.span(['spec', 'id'], 'key')).toEqual({ line: 2, column: 3, endLine: 2, endColumn: 5 });
    expect(loc.span(['spec', 'nested'])).toEqual({ line: 5, column: 3, endLine: 5, endColumn: 9 });
    expect(loc.span(['spec', 'list', 0])).toEqual({ line: 4, column: 10, endLine: 4, endColumn: 11 });
    expect(loc.span(['nothing'])).toEqual({ line: 1, column: 1, endLine: 1, endColumn: 2 });
  });

  it('end where positionIn puts it, for a value that runs over lines too', () => {
    const text = 'a:\n  b: "one\n    two\n\n    three"\n  c: plain\n    folded on\n  d: x\n';
    const multi = new Locator(text);
    const start = text.indexOf('"one');
    const end = text.indexOf('three"') + 'three"'.length;
    expect(multi.span(['a', 'b'])).toEqual({
      ...positionIn(text, start),
      endLine: positionIn(text, end).line,
      endColumn: positionIn(text, end).column,
    });
    expect(multi.span(['a', 'b'])).toEqual({ line: 2, column: 6, endLine: 5, endColumn: 11 });
    expect(multi.span(['a', 'c'])).toEqual({ line: 6, column: 6, endLine: 7, endColumn: 14 });
  });
});

describe('Locator on a shipped policy file', () => {
  const file = 'policies/release-gates.yaml';
  const text = readFileSync(join(REPO_ROOT, file), 'utf8');
  const rules = (load(text) as { rules: { id: string }[] }).rules;

  it('puts each rule id on the line that writes it, whatever was asked before', () => {
    const lineOf = (id: string) => text.slice(0, text.indexOf(`- id: ${id}\n`)).split('\n').length;
    const expected = rules.map((r) => ({ line: lineOf(r.id), column: 9 }));
    expect(rules.length).toBeGreaterThan(20);
    // Forwards, backwards and each on a new locator: one locator asked many times answers alike.
    const forwards = new Locator(text);
    expect(rules.map((_, i) => forwards.locate(['rules', i, 'id']))).toEqual(expected);
    const backwards = new Locator(text);
    const reversed = rules.map((_, i) => rules.length - 1 - i);
    expect(reversed.map((i) => backwards.locate(['rules', i, 'id'])).reverse()).toEqual(expected);
    expect(rules.map((_, i) => new Locator(text).locate(['rules', i, 'id']))).toEqual(expected);
    // Past the last rule: the list itself.
    expect(forwards.locate(['rules', rules.length, 'id'])).toEqual(forwards.locate(['rules']));
  });

  it('gives every offset the line and column positionIn counts (a locator keeps where lines start)', () => {
    for (const sample of [text, 'a: 1', 'a: 1\n', '\n\nb:\r\n  c: d\n\n', '']) {
      const loc = new Locator(sample);
      for (let offset = 0; offset <= sample.length; offset++)
        expect(loc.position(offset)).toEqual(positionIn(sample, offset));
    }
  });
});
