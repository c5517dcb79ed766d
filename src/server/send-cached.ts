import type { Context } from 'hono';
import { matchesIfNoneMatch } from './etag.js';
import type { CachedBody } from './response-cache.js';

/** Sends a cached JSON answer, or 304 when the client already holds it (`If-None-Match`). */
export function sendCached(c: Context, cached: CachedBody): Response {
  const headers = { 'Cache-Control': 'no-cache', ETag: cached.etag };
  if (matchesIfNoneMatch(c.req.header('if-none-match'), cached.etag)) return c.body(null, 304, headers);
  return c.body(cached.body, 200, { ...headers, 'Content-Type': 'application/json; charset=utf-8' });
}
