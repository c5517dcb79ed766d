import type { MiddlewareHandler } from 'hono';
import { chooseCoding } from '../accept-encoding.js';
import { compressionThresholdBytes, type Compression } from '../compression.js';

/**
 * Compresses the JSON answers made per request (not cached) of at least `compressionThresholdBytes` in the coding
 * the client prefers: for natter, the answers to posts and edits, which echo a comment of up to 8,000 characters.
 * Cached answers come in their coding already (send-cached.ts) and are left alone. Compressing a post's answer leaks
 * nothing of its secret to an observer of lengths (BREACH): each secret is sent once, in the answer that made it.
 */
export function compressAnswers(compression: Compression): MiddlewareHandler {
  const available = Object.fromEntries(compression.codings.map((coding) => [coding, true]));
  return async (c, next) => {
    await next();
    const response = c.res;
    const isJson = /^application\/json\b/i.test(response.headers.get('content-type') ?? '');
    if (!isJson || !response.body || response.headers.has('content-encoding')) return;
    response.headers.append('Vary', 'Accept-Encoding');
    const coding = chooseCoding(c.req.header('accept-encoding'), available);
    if (coding === 'identity') return;
    const bytes = new Uint8Array(await response.arrayBuffer());
    const compressed =
      bytes.byteLength >= compressionThresholdBytes ? await compression.compress(bytes, coding) : undefined;
    const isSmaller = compressed !== undefined && compressed.byteLength < bytes.byteLength;
    const headers = new Headers(response.headers);
    if (isSmaller) headers.set('Content-Encoding', coding);
    c.res = new Response(isSmaller ? compressed : bytes, { status: response.status, headers });
  };
}
