// What coe new leaves for a team to fill: found with their paths, and left out of what rules read.
import { describe, expect, test } from 'vitest';
import {
  findPlaceholders,
  hasPlaceholder,
  isPlaceholder,
  withoutPlaceholders,
} from '../../engine/core/manifest/placeholders.ts';

describe('placeholders', () => {
  test('are text starting with TODO, and @OWNER; nothing else is', () => {
    for (const v of ['TODO', 'TODO: the goal', '  TODO later', '@OWNER', ' @OWNER '])
      expect(isPlaceholder(v), v).toBe(true);
    for (const v of ['Todo list app', 'See TODO.md', '@OWNERS', '@owner', 'x @OWNER', '', 0, null, ['TODO']])
      expect(isPlaceholder(v), String(v)).toBe(false);
  });

  test('whatever comes before the marker: a placeholder exactly when trimming leaves one (every BMP character)', () => {
    const reference = (v: string) => v.trimStart().startsWith('TODO') || v.trim() === '@OWNER';
    let placeholders = 0;
    for (let code = 0; code <= 0xffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const c = String.fromCharCode(code);
      for (const v of [`${c}TODO: the goal`, `${c}@OWNER`, `${c}${c}TODO`, `${c}`, `${c}x TODO`]) {
        expect(isPlaceholder(v), `U+${code.toString(16)}: ${JSON.stringify(v)}`).toBe(reference(v));
        if (reference(v)) placeholders++;
      }
    }
    // The white space trimming knows (some 25 characters) and the marker's own first letters.
    expect(placeholders).toBeGreaterThan(50);
  });

  test('are seen anywhere in a manifest, at any depth, exactly when there is one to list', () => {
    const values: unknown[] = [
      {},
      { a: 'TODO' },
      { a: { b: [1, { c: ' @OWNER' }] } },
      { a: { b: [1, { c: 'See TODO.md' }] }, d: null, e: true },
      [[['TODO x']]],
      ['TODO'],
      'TODO',
      'done',
      null,
      Object.create({ inherited: 'TODO' }),
    ];
    for (const v of values) expect(hasPlaceholder(v), JSON.stringify(v)).toBe(findPlaceholders(v).length > 0);
    expect(values.filter(hasPlaceholder)).toHaveLength(5);
  });

  test('are listed with the path a user reads, in document order', () => {
    const m = {
      metadata: { owner: '@OWNER', title: 'Triage' },
      spec: { roi: [{ metric: 'hours' }, { metric: 'TODO: metric' }], tags: ['a', 'TODO'] },
    };
    expect(findPlaceholders(m)).toEqual([
      { path: 'metadata.owner', value: '@OWNER' },
      { path: 'spec.roi[1].metric', value: 'TODO: metric' },
      { path: 'spec.tags[1]', value: 'TODO' },
    ]);
  });

  test('are left out of the manifest the rules read; list items keep their positions; nothing else changes', () => {
    const m = {
      metadata: { owner: '@OWNER', title: 'Triage' },
      spec: { roi: [{ metric: 'hours' }, { metric: 'TODO: metric' }], tags: ['a', 'TODO', 'b'] },
    };
    const read = withoutPlaceholders(m);
    expect(read).toEqual({
      metadata: { title: 'Triage' },
      spec: { roi: [{ metric: 'hours' }, {}], tags: ['a', null, 'b'] },
    });
    // The manifest itself is untouched, and what has no placeholder is shared, not copied.
    expect(m.metadata.owner).toBe('@OWNER');
    expect(read.spec.roi[0]).toBe(m.spec.roi[0]);
    const clean = { metadata: { title: 'Triage' }, spec: { tags: ['a'] } };
    expect(withoutPlaceholders(clean)).toBe(clean);
  });
});
