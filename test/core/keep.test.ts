// What a judged manifest leaves behind (engine/core/check/keep.ts): copies that share one string
// per text and one frozen object per repeated value, and JSON's view of what a copy holds.
import { describe, expect, it } from 'vitest';
import { Keep } from '../../engine/core/check/keep.ts';

describe('Keep', () => {
  // JavaScript cannot tell two strings with the same text apart, so that the copy is shared and
  // not a view into the file is seen only in a heap snapshot (docs/cli.md#performance).
  it('keeps the text of a string taken from a file', () => {
    const keep = new Keep();
    const text = 'title: The roles the RACI names have approved the current stage\n';
    const kept = keep.string(text.slice(7, 63));
    expect(kept).toBe('The roles the RACI names have approved the current stage');
    expect(keep.string(`The roles the RACI names have approved ${'the current stage'}`)).toBe(kept);
    expect(keep.copy({ t: text.slice(7, 63) })).toEqual({ t: kept });
  });

  it('copies as JSON would: keys in order, undefined members left out, NaN as null', () => {
    const keep = new Keep();
    const value = { b: 1, a: undefined, c: [undefined, Number.NaN, 'x'], d: { e: null } };
    const copy = keep.copy(value);
    expect(copy).not.toBe(value);
    expect(Object.keys(copy)).toEqual(['b', 'c', 'd']);
    expect(JSON.stringify(copy)).toBe(JSON.stringify(value));
  });

  it('shares one frozen copy of each distinct value', () => {
    const keep = new Keep();
    const tier = keep.shared({ computed: 'high', declared: 'medium', reasons: ['regulated'] });
    const same = keep.shared({ computed: 'high', declared: 'medium', reasons: ['regulated'] });
    const other = keep.shared({ computed: 'low', declared: 'medium', reasons: [] });
    expect(same).toBe(tier);
    expect(other).not.toBe(tier);
    expect(Object.isFrozen(tier) && Object.isFrozen(tier.reasons)).toBe(true);
    expect(() => tier.reasons.push('x')).toThrow(TypeError);
  });
});
