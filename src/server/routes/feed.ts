import { Hono } from 'hono';
import { pageUrlOf } from '../admin/admin-comment.js';
import { renderAtom, uuidIri, type AtomEntry } from '../feeds/atom.js';
import { queryOf, singleValues } from '../query.js';
import type { ResponseCache } from '../response-cache.js';
import { feedQuery, parseShape } from '../schemas.js';
import { sendCached } from '../send-cached.js';
import type { CommentStore, StoredComment } from '../storage/store.js';

/** Entries of a feed: the newest listed comments. */
const feedLength = 50;

export interface FeedRoutesOptions {
  store: CommentStore;
  cache: ResponseCache;
  /** The site whose pages hold the threads (thread keys are their paths), as for the admin page's links. */
  siteUrl: string | undefined;
  /** The URL clients reach this server at, ending in `/` (with any path prefix). */
  baseUrl: (request: Request) => string;
  now: () => number;
}

/** The latest of ISO 8601 timestamps of one width, which compare as text. */
const latest = (times: readonly (string | null)[]) =>
  times.reduce<string>((max, time) => (time && time > max ? time : max), '');

/** The URL of a thread's page: absolute, on the site when it is known, else on this server's origin. */
function pageOf(thread: string, siteUrl: string | undefined, baseUrl: string): string {
  return new URL(pageUrlOf(thread, siteUrl), baseUrl).href;
}

/** `GET /api/v1/feed.atom`: the site's newest comments, or with `thread`, one thread's (docs/protocol.md). */
export function feedRoutes(options: FeedRoutesOptions): Hono {
  const { store, cache, siteUrl, now } = options;
  const app = new Hono();

  async function entryOf(comment: StoredComment, baseUrl: string, isSiteFeed: boolean): Promise<AtomEntry> {
    return {
      id: await uuidIri(`natter comment ${comment.id}`),
      title: isSiteFeed
        ? `Comment by ${comment.authorName} on ${comment.thread}`
        : `Comment by ${comment.authorName}`,
      authorName: comment.authorName,
      authorUrl: comment.authorUrl,
      published: comment.createdAt,
      updated: latest([comment.createdAt, comment.editedAt]),
      text: comment.text,
      link: `${pageOf(comment.thread, siteUrl, baseUrl)}#comment-${comment.id}`,
    };
  }

  app.get('/', async (c) => {
    const values = singleValues(queryOf(c.req.raw), ['thread']);
    const baseUrl = options.baseUrl(c.req.raw);
    const cacheKey = JSON.stringify(['feed', values.thread ?? null, baseUrl]);
    const cached = cache.get(cacheKey, now());
    const contentType = 'application/atom+xml; charset=utf-8';
    if (cached) return sendCached(c, cache, cached, contentType);
    const made = await cache.fill(cacheKey, now, async () => {
      const { thread } = parseShape(feedQuery, values, 'Query');
      const comments = await store.published.newest({ thread, limit: feedLength });
      const self = new URL('api/v1/feed.atom', baseUrl);
      if (thread !== undefined) self.searchParams.set('thread', thread);
      const isSiteFeed = thread === undefined;
      const body = renderAtom({
        id: await uuidIri(`natter feed ${baseUrl}\n${thread ?? ''}`),
        title: isSiteFeed ? 'Recent comments' : `Comments on ${thread}`,
        // An empty feed was last changed at no particular moment: the epoch keeps its ETag stable.
        updated:
          latest(comments.flatMap((comment) => [comment.createdAt, comment.editedAt, comment.moderatedAt])) ||
          new Date(0).toISOString(),
        self: self.href,
        alternate: isSiteFeed ? new URL(siteUrl ?? baseUrl).origin + '/' : pageOf(thread, siteUrl, baseUrl),
        entries: await Promise.all(comments.map((comment) => entryOf(comment, baseUrl, isSiteFeed))),
      });
      // The site's feed is about every thread: no write drops it, and it lives the cache's two seconds.
      return { threads: thread === undefined ? [] : [thread], body };
    });
    return sendCached(c, cache, made, contentType);
  });
  return app;
}
