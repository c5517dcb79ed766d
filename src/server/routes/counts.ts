import { Hono } from 'hono';
import type { CountsResponse } from '../../protocol/types.js';
import { countsQuery, parseShape } from '../schemas.js';
import type { CommentStore } from '../storage/store.js';

/** `GET /api/v1/counts?thread=A&thread=B`: published comments per thread, for index pages. */
export function countRoutes({ store }: { store: CommentStore }): Hono {
  const app = new Hono();
  app.get('/', async (c) => {
    const threads = parseShape(countsQuery, c.req.queries('thread') ?? [], 'Query `thread`');
    const counts = await store.countPublished([...new Set(threads)]);
    // A null-prototype object: a thread may well be called `__proto__`.
    const body: CountsResponse = { counts: Object.assign(Object.create(null), counts) };
    c.header('Cache-Control', 'no-cache');
    return c.json(body);
  });
  return app;
}
