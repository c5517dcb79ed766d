import type { MiddlewareHandler } from 'hono';
import { replayKey, type AnswerReplay } from '../answer-replay.js';
import type { ResponseCache } from '../response-cache.js';
import { sentFromCache } from '../send-cached.js';

/**
 * Keeps each 200 that came from `cache` in `replay`, with the headers every other middleware gave it: registered
 * first, it sees the answer last. The runtime adapter sends it again for as long as the cache entry is current.
 */
export function recordReplays(replay: AnswerReplay, cache: ResponseCache): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const sent = c.req.method === 'GET' && c.res.status === 200 ? sentFromCache(c.req.raw) : undefined;
    if (!sent) return;
    const url = new URL(c.req.url);
    const key = replayKey(url.pathname + url.search, (name) => c.req.header(name));
    if (key === undefined) return;
    const headers: string[] = [];
    c.res.headers.forEach((value, name) => headers.push(name, value));
    if (!c.res.headers.has('content-length')) headers.push('content-length', String(sent.body.byteLength));
    replay.set(key, {
      status: 200,
      headers,
      body: sent.body,
      isCurrent: (now) => cache.isCurrent(sent.cached, now),
    });
  };
}
