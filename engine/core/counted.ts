// Work done one item at a time, counted as it goes: a long command's progress line follows the
// items its loop takes, without the loop knowing of any terminal.

/**
 * The items, in order, calling `onCount(taken, total)` each time another `every` of them has been
 * taken, and once more after the last (none for no items). 250 manifests take a tenth of a second or
 * so: often enough for a line to move, seldom enough to cost nothing.
 */
export function* counted<T>(
  items: readonly T[],
  onCount: (taken: number, total: number) => void,
  every = 250,
): Generator<T> {
  const total = items.length;
  for (let i = 0; i < total; i++) {
    if (i > 0 && i % every === 0) onCount(i, total);
    yield items[i] as T;
  }
  if (total > 0) onCount(total, total);
}
