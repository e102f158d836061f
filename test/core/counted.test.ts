// A long loop's count, for its progress line: every so many items taken, and after the last.
import { describe, expect, test } from 'vitest';
import { counted } from '../../engine/core/counted.ts';

describe('counted', () => {
  test('yields the items in order and counts each time another `every` has been taken, then at the end', () => {
    const items = Array.from({ length: 7 }, (_, i) => `item ${i}`);
    const events: string[] = [];
    for (const item of counted(items, (taken, total) => events.push(`${taken}/${total}`), 3))
      events.push(item);
    expect(events).toEqual([
      'item 0',
      'item 1',
      'item 2',
      '3/7',
      'item 3',
      'item 4',
      'item 5',
      '6/7',
      'item 6',
      '7/7',
    ]);
  });

  test('counts the last once when it falls on `every`, none for no items, and 250 at a time by default', () => {
    const counts = (length: number, every?: number) => {
      const seen: number[] = [];
      for (const _ of counted(Array.from({ length }), (taken) => seen.push(taken), every));
      return seen;
    };
    expect(counts(6, 3)).toEqual([3, 6]);
    expect(counts(0, 3)).toEqual([]);
    expect(counts(1, 3)).toEqual([1]);
    expect(counts(600)).toEqual([250, 500, 600]);
  });

  test('counts only what the loop has taken: one that stops early is not counted to the end', () => {
    const seen: number[] = [];
    for (const item of counted([1, 2, 3, 4, 5], (taken) => seen.push(taken), 2)) if (item === 3) break;
    expect(seen).toEqual([2]);
  });

  test('without a count to report, is the items themselves, not a copy or a generator over them', () => {
    const items = ['a', 'b'];
    expect(counted(items, undefined)).toBe(items);
  });
});
