// Counts in messages and reports: written as toLocaleString('en') writes them, without its cost.
import { describe, expect, it } from 'vitest';
import { grouped, plural } from '../../engine/core/words.ts';

describe('grouped', () => {
  it('writes every number as toLocaleString("en") does', () => {
    const numbers = [0, -0, 1, 7, 12, 999, 1_000, 1_001, 9_999, 10_000, 123_456, 999_999, 1_000_000];
    for (let n = 1; n < Number.MAX_SAFE_INTEGER / 7; n = n * 7 + 3) numbers.push(n, n + 1, -n);
    numbers.push(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, 1.5, 1234.5678, -0.25, Number.NaN);
    for (const n of numbers) expect(grouped(n), String(n)).toBe(n.toLocaleString('en'));
  });
});

describe('plural', () => {
  it('counts a noun', () => {
    expect(plural(1, 'use case')).toBe('1 use case');
    expect(plural(0, 'use case')).toBe('0 use cases');
    expect(plural(12_000, 'file')).toBe('12,000 files');
    expect(plural(2, 'policy', 'policies')).toBe('2 policies');
  });
});
