import { Hono } from 'hono';
import type { SiteResponse, ThreadResponse } from '../../protocol/admin.js';
import { queryOf, singleValues } from '../query.js';
import { readJson } from '../read-json.js';
import { parseShape } from '../schemas.js';
import type { ResponseCache } from '../response-cache.js';
import type { SiteState } from '../site-state.js';
import type { CommentStore, ModerationMode } from '../storage/store.js';
import { toAdminThread } from './admin-comment.js';
import { siteChangeBody, threadChangeBody, threadQuery } from './admin-schemas.js';
import type { AdminEnv } from './auth.js';

export interface AdminThreadRoutesOptions {
  store: CommentStore;
  site: SiteState;
  cache: ResponseCache;
  /** The server's moderation mode, which threads without their own follow. */
  moderation: ModerationMode;
  siteUrl: string | undefined;
  now: () => number;
}

/** `/admin/api/threads` (lock, unlock, a thread's moderation mode) and `/admin/api/site` (read-only). */
export function adminThreadRoutes(options: AdminThreadRoutesOptions): Hono<AdminEnv> {
  const { store, site, cache } = options;
  const app = new Hono<AdminEnv>();

  const threadAnswer = async (key: string): Promise<ThreadResponse> => ({
    thread: toAdminThread(await store.getThread(key), options.siteUrl),
  });
  const siteAnswer = async (): Promise<SiteResponse> => ({
    readOnly: await site.isReadOnly(options.now()),
    moderation: options.moderation,
    siteUrl: options.siteUrl ?? null,
  });

  app.get('/threads', async (c) => {
    const { key } = parseShape(threadQuery, singleValues(queryOf(c.req.raw), ['key']), 'Query');
    return c.json(await threadAnswer(key));
  });

  app.patch('/threads', async (c) => {
    const change = parseShape(threadChangeBody, await readJson(c.req.raw, 4096), 'Body');
    if (change.locked !== undefined) await store.setThreadLocked(change.key, change.locked);
    if (change.moderation !== undefined) await store.setThreadModeration(change.key, change.moderation);
    cache.invalidate(change.key);
    return c.json(await threadAnswer(change.key));
  });

  app.get('/site', async (c) => c.json(await siteAnswer()));

  app.patch('/site', async (c) => {
    const { readOnly } = parseShape(siteChangeBody, await readJson(c.req.raw, 4096), 'Body');
    await site.setReadOnly(readOnly);
    // Every thread's page says whether it takes comments: none cached before the switch may be sent again.
    cache.clear();
    return c.json(await siteAnswer());
  });

  return app;
}
