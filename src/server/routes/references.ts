import { Hono } from 'hono';
import type { ListReferencesResponse } from '../../protocol/types.js';
import type { ResponseCache } from '../response-cache.js';
import { queryOf, singleValues } from '../query.js';
import { parseShape, referencesQuery } from '../schemas.js';
import { sendCached } from '../send-cached.js';
import type { CommentStore } from '../storage/store.js';
import { toReference } from '../webmention/public-reference.js';
import { maxReferencesPerThread } from '../webmention/receive-mention.js';

/** `GET /api/v1/references?thread=…`: a thread's published references, oldest first. */
export function referenceRoutes({
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
    const { thread } = parseShape(referencesQuery, singleValues(queryOf(c.req.raw), ['thread']), 'Query');
    const cacheKey = JSON.stringify(['references', thread]);
    const cached = cache.get(cacheKey, now());
    if (cached) return sendCached(c, cache, cached);
    return sendCached(
      c,
      cache,
      await cache.fill(cacheKey, now, async () => {
        const mentions = await store.mentions.listPublished(thread, maxReferencesPerThread);
        const body: ListReferencesResponse = { thread, references: mentions.map(toReference) };
        return { threads: [thread], body: JSON.stringify(body) };
      }),
    );
  });
  return app;
}
