import type { SortOrder } from '../../protocol/types.js';

/**
 * The order the reader chose for threads from one server, kept in this site's localStorage (so per site, and per
 * server, whose offer it was chosen from). In the first paint, small, so that the first page loads in that order.
 */
const key = (endpoint: string) => `natter:sort:${endpoint}`;

/** The order the reader chose for threads from `endpoint`, if any. */
export function rememberedSort(endpoint: string): SortOrder | undefined {
  try {
    const sort = localStorage.getItem(key(endpoint));
    return sort === 'oldest' || sort === 'newest' || sort === 'liked' || sort === 'replied'
      ? sort
      : undefined;
  } catch {
    return undefined;
  }
}

/** Remembers the order the reader chose for threads from `endpoint`. */
export function rememberSort(endpoint: string, sort: SortOrder): void {
  try {
    localStorage.setItem(key(endpoint), sort);
  } catch {
    // Storage that is full or forbidden: the order holds until the page is left.
  }
}
