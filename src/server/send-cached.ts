import type { Context } from 'hono';
import { chooseCoding } from './accept-encoding.js';
import type { TaggedBody } from './compression.js';
import { matchesIfNoneMatch } from './etag.js';
import type { CachedBody, ResponseCache } from './response-cache.js';

/** What `sendCached` sent for a request: the cached answer, and the form of it chosen. */
export interface SentFromCache {
  cached: CachedBody;
  body: Uint8Array;
}

const sent = new WeakMap<Request, SentFromCache>();

/** The cached answer `sendCached` sent with its 200 for `request`, if it did (for replaying it: answer-replay.ts). */
export function sentFromCache(request: Request): SentFromCache | undefined {
  return sent.get(request);
}

/**
 * Sends a cached answer of `cache` (JSON unless `contentType` says otherwise) in the coding the client prefers among
 * those it offers, compressed now if no client asked for that coding before, or 304 when the client already holds
 * that form (`If-None-Match`, matched against the chosen form's ETag). Every such answer says that it varies by
 * `Accept-Encoding`, also when it is small: the next answer for the same URL may be compressed.
 */
export function sendCached(
  c: Context,
  cache: ResponseCache,
  cached: CachedBody,
  contentType = 'application/json; charset=utf-8',
): Response | Promise<Response> {
  c.header('Vary', 'Accept-Encoding', { append: true });
  const coding = chooseCoding(c.req.header('accept-encoding'), cached.offered);
  if (coding === 'identity') return send(c, cached, cached, undefined, contentType);
  const form = cache.form(cached, coding);
  return form instanceof Promise
    ? form.then((made) => send(c, cached, made ?? cached, made && coding, contentType))
    : send(c, cached, form ?? cached, form && coding, contentType);
}

function send(
  c: Context,
  cached: CachedBody,
  chosen: TaggedBody,
  coding: string | undefined,
  contentType: string,
): Response {
  const headers: Record<string, string> = { 'Cache-Control': 'no-cache', ETag: chosen.etag };
  if (matchesIfNoneMatch(c.req.header('if-none-match'), chosen.etag)) return c.body(null, 304, headers);
  headers['Content-Type'] = contentType;
  if (coding) headers['Content-Encoding'] = coding;
  sent.set(c.req.raw, { cached, body: chosen.body });
  return c.body(chosen.body, 200, headers);
}
