/**
 * Whether an `If-None-Match` header matches `etag` as RFC 9110 §13.1.2 says: `*`, or any tag of its list by weak
 * comparison (a proxy that compresses, nginx's gzip for one, hands clients `W/"…"` for our `"…"`). Used for API
 * answers and static files alike.
 */
export function matchesIfNoneMatch(header: string | undefined | null, etag: string): boolean {
  if (header === undefined || header === null) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => opaque(tag) === opaque(etag));
}
