// Work done one item at a time, counted as it goes: a long command's progress line follows the
// items its loop takes, without the loop knowing of any terminal.

/**
 * The items, in order, calling `onCount(taken, total)` each time another `every` of them has been
 * taken, and once more after the last (none for no items). 250 manifests take a tenth of a second or
 * so: often enough for a line to move, seldom enough to cost nothing. Without `onCount` (nothing
 * shows progress), the items themselves.
 */
export function counted<T>(
  items: readonly T[],
  onCount: ((taken: number, total: number) => void) | undefined,
  every = 250,
): Iterable<T> {
  return onCount ? countedItems(items, onCount, every) : items;
}

function* countedItems<T>(
  items: readonly T[],
  onCount: (taken: number, total: number) => void,
  every: number,
): Generator<T> {
  const total = items.length;
  for (let i = 0; i < total; i++) {
    if (i > 0 && i % every === 0) onCount(i, total);
    yield items[i] as T;
  }
  if (total > 0) onCount(total, total);
}
