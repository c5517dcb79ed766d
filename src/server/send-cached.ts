import type { Context } from 'hono';
import { selectEncoding } from './compression.js';
import { matchesIfNoneMatch } from './etag.js';
import type { CachedBody } from './response-cache.js';

/**
 * Sends a cached answer (JSON unless `contentType` says otherwise) in the coding the client prefers among those made
 * when it was cached, or 304 when the client already holds that form (`If-None-Match`, matched against the chosen
 * form's ETag). Every such answer says that it varies by `Accept-Encoding`, also when it is small: the next answer
 * for the same URL may be compressed.
 */
export function sendCached(
  c: Context,
  cached: CachedBody,
  contentType = 'application/json; charset=utf-8',
): Response {
  c.header('Vary', 'Accept-Encoding', { append: true });
  const { coding, chosen } = selectEncoding(c.req.header('accept-encoding'), cached);
  const headers: Record<string, string> = { 'Cache-Control': 'no-cache', ETag: chosen.etag };
  if (matchesIfNoneMatch(c.req.header('if-none-match'), chosen.etag)) return c.body(null, 304, headers);
  headers['Content-Type'] = contentType;
  if (coding !== 'identity') headers['Content-Encoding'] = coding;
  return c.body(chosen.body, 200, headers);
}
