import { Hono } from 'hono';
import type { CountsResponse } from '../../protocol/types.js';
import { countsQuery, parseShape } from '../schemas.js';
import type { ResponseCache } from '../response-cache.js';
import { queryOf } from '../query.js';
import { sendCached } from '../send-cached.js';
import type { CommentStore } from '../storage/store.js';

/** `GET /api/v1/counts?thread=A&thread=B`: listed comments per thread, for index pages. */
export function countRoutes({
  store,
  cache,
  now,
}: {
  store: CommentStore;
  cache: ResponseCache;
  now: () => number;
}): Hono {
  const app = new Hono();
  app.get('/', async (c) => {
    const requested = queryOf(c.req.raw).getAll('thread');
    // Only the threads make the key: junk parameters cannot multiply the entries.
    const cacheKey = JSON.stringify(['counts', ...requested]);
    const cached = cache.get(cacheKey, now());
    if (cached) return sendCached(c, cache, cached);
    return sendCached(
      c,
      cache,
      await cache.fill(cacheKey, now, async () => {
        const query = parseShape(countsQuery, { thread: requested }, 'Query');
        const threads = [...new Set(query.thread)];
        const counts = await store.countListed(threads);
        // A null-prototype object: a thread may well be called `__proto__`.
        const body: CountsResponse = { counts: Object.assign(Object.create(null), counts) };
        return { threads, body: JSON.stringify(body) };
      }),
    );
  });
  return app;
}
