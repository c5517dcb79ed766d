import { Hono } from 'hono';
import type { CommentStore } from '../storage/store.js';

/** `GET /healthz`: 200 while the server can read its store, 503 when it cannot. */
export function healthRoutes({ store }: { store: CommentStore }): Hono {
  const app = new Hono();
  app.get('/healthz', async (c) => {
    c.header('Cache-Control', 'no-store');
    try {
      await store.getThread('/healthz');
      return c.json({ status: 'ok' });
    } catch {
      return c.json({ status: 'unavailable' }, 503);
    }
  });
  return app;
}
