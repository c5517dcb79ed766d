import { Hono, type Context } from 'hono';
import type { AdminStatus, ReferenceActionResponse, ReferenceListResponse } from '../../protocol/admin.js';
import { isCommentId } from '../../protocol/ids.js';
import { HttpError } from '../http-error.js';
import { queryOf, singleValues } from '../query.js';
import { readJson } from '../read-json.js';
import type { ResponseCache } from '../response-cache.js';
import { parseShape } from '../schemas.js';
import type { StoredMention } from '../storage/mentions.js';
import type { CommentStore } from '../storage/store.js';
import { adminCounts } from './admin-counts.js';
import { toAdminReference } from './admin-reference.js';
import { referenceChangeBody, referenceListParameters, referenceListQuery } from './admin-schemas.js';
import type { AdminEnv } from './auth.js';
import { pageOf } from './list-page.js';

export interface AdminReferenceRoutesOptions {
  store: CommentStore;
  /** The app's cache: a thread's list of references is dropped when one of them changes. */
  cache: ResponseCache;
  maxBodyBytes: number;
  now: () => number;
}

/** The reason moderators read for a status a moderator gave (a published reference needs none). */
const reasons: Record<AdminStatus, string | null> = {
  published: null,
  pending: 'held by a moderator',
  spam: 'spam: marked by a moderator',
  deleted: 'deleted by a moderator',
};

/**
 * `/admin/api/references`: the references other websites sent (Webmention and Pingback), by status or by their
 * state in the queue of verification, and a moderator's decision on one.
 */
export function adminReferenceRoutes(options: AdminReferenceRoutesOptions): Hono<AdminEnv> {
  const { store, cache } = options;
  const app = new Hono<AdminEnv>();

  /** The mention the path names, or 404. */
  async function named(c: Context): Promise<StoredMention> {
    const id = c.req.param('id') ?? '';
    // Mentions take their ids from the comments' generator.
    const mention = isCommentId(id) ? await store.mentions.get(id) : undefined;
    if (!mention) throw new HttpError('not_found', 'No such reference');
    return mention;
  }

  app.get('/', async (c) => {
    const query = parseShape(
      referenceListQuery,
      singleValues(queryOf(c.req.raw), referenceListParameters),
      'Query',
    );
    const found = await store.mentions.find({
      ...(query.status !== undefined && { statuses: [query.status] }),
      ...(query.state !== undefined && { states: [query.state] }),
      ...(query.thread !== undefined && { thread: query.thread }),
      ...(query.before !== undefined && { before: query.before }),
      limit: query.limit + 1,
    });
    const { rows, next } = pageOf(found, query.limit);
    const body: ReferenceListResponse = {
      references: rows.map(toAdminReference),
      next,
      counts: await adminCounts(store),
    };
    return c.json(body);
  });

  app.patch('/:id', async (c) => {
    const { status } = parseShape(
      referenceChangeBody,
      await readJson(c.req.raw, options.maxBodyBytes),
      'Body',
    );
    const mention = await named(c);
    // Only what was verified (and is still linked) is a reference a moderator can show or hide.
    if (mention.state !== 'verified') {
      throw new HttpError(
        'conflict',
        `The reference is ${mention.state}, not verified: it has no status to change`,
      );
    }
    let changed: StoredMention | undefined = mention;
    if (mention.status !== status) {
      changed = await store.mentions.setStatus(mention.id, {
        status,
        reason: reasons[status],
        at: new Date(options.now()).toISOString(),
      });
      if (!changed) throw new HttpError('not_found', 'No such reference');
      cache.invalidate(changed.thread);
    }
    const body: ReferenceActionResponse = {
      reference: toAdminReference(changed),
      counts: await adminCounts(store),
    };
    return c.json(body);
  });

  return app;
}
