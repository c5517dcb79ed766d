import { Hono } from 'hono';
import { isCommentId } from '../../protocol/ids.js';
import type { LikeResponse } from '../../protocol/types.js';
import { HttpError } from '../http-error.js';
import type { ResponseCache } from '../response-cache.js';
import type { SiteState } from '../site-state.js';
import type { CommentStore } from '../storage/store.js';

export interface LikeRoutesOptions {
  store: CommentStore;
  site: SiteState;
  /** Thread pages, which show each comment's likes. */
  cache: ResponseCache;
  now: () => number;
}

/**
 * `/api/v1/comments/{id}/likes`: `POST` adds a like to a listed comment, `DELETE` takes one back (never below 0).
 * Nobody is recorded: one like per browser is the client's to keep. Each counts against its client's write limit
 * (the app's rate limit on every `POST` and `DELETE`), and a read-only site takes none, as it takes no reports.
 */
export function likeRoutes({ store, site, cache, now }: LikeRoutesOptions): Hono {
  const app = new Hono();
  app.on(['POST', 'DELETE'], '/:id/likes', async (c) => {
    const id = c.req.param('id');
    const notFound = () => new HttpError('not_found', 'No such comment');
    if (!isCommentId(id)) throw notFound();
    if (await site.isReadOnly(now()))
      throw new HttpError('thread_locked', 'This site takes no likes at the moment');
    // Only a listed comment that is not a placeholder: any other does not exist to the public, or is gone.
    const liked = await store.addLike(id, c.req.method === 'POST' ? 1 : -1);
    if (!liked) throw notFound();
    cache.invalidate(liked.thread);
    const body: LikeResponse = { likes: liked.likes };
    c.header('Cache-Control', 'no-store');
    return c.json(body);
  });
  return app;
}
