/**
 * Where focus goes when the item at `index` of `before` (ids, top to bottom) has left the list: the first one after
 * it that is still `shown`, else the nearest one above it; `undefined` when none is left.
 */
export function successorOf(
  before: readonly string[],
  index: number,
  shown: ReadonlySet<string>,
): string | undefined {
  const candidates = [...before.slice(index + 1), ...before.slice(0, Math.max(0, index)).reverse()];
  return candidates.find((id) => shown.has(id));
}
