import type { Context } from 'hono';
import type { CachedBody } from './response-cache.js';

/**
 * Whether an `If-None-Match` header matches `etag` as RFC 9110 §13.1.2 says: `*`, or any tag of its list by
 * weak comparison (a proxy that compresses, nginx's gzip for one, hands clients `W/"…"` for our `"…"`).
 */
function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => opaque(tag) === opaque(etag));
}

/** Sends a cached JSON answer, or 304 when the client already holds it (`If-None-Match`). */
export function sendCached(c: Context, cached: CachedBody): Response {
  const headers = { 'Cache-Control': 'no-cache', ETag: cached.etag };
  if (matchesIfNoneMatch(c.req.header('if-none-match'), cached.etag)) return c.body(null, 304, headers);
  return c.body(cached.body, 200, { ...headers, 'Content-Type': 'application/json; charset=utf-8' });
}
