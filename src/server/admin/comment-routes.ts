import { Hono, type Context } from 'hono';
import {
  adminActions,
  adminLimits,
  type AdminAction,
  type AdminCounts,
  type AdminQueue,
  type BulkActionResponse,
  type CommentActionResponse,
  type CommentDetailResponse,
  type CommentListResponse,
} from '../../protocol/admin.js';
import { normalizeText } from '../../protocol/input-rules.js';
import { HttpError } from '../http-error.js';
import { queryOf, singleValues } from '../query.js';
import { readJson } from '../read-json.js';
import { checkTextRules, parseShape } from '../schemas.js';
import type { CommentEvents } from '../events.js';
import type { ResponseCache } from '../response-cache.js';
import type { CommentQuery, CommentStore, StoredComment } from '../storage/store.js';
import { moderateComment } from './actions.js';
import { adminCounts } from './admin-counts.js';
import { toAdminComment, toAdminReport, toAdminThread } from './admin-comment.js';
import { bulkBody, commentId, editBody, listParameters, listQuery } from './admin-schemas.js';
import type { AdminEnv } from './auth.js';
import { pageOf, positionOf } from './list-page.js';

export interface AdminCommentRoutesOptions {
  store: CommentStore;
  events: CommentEvents;
  cache: ResponseCache;
  /** The site thread keys are paths of, for links to the pages; `undefined`: links on the admin's own origin. */
  siteUrl: string | undefined;
  maxBodyBytes: number;
  maxTextLength: number;
  now: () => number;
}

/** Which comments each list holds. */
const queueFilters: Record<AdminQueue, Pick<CommentQuery, 'statuses' | 'isReported'>> = {
  pending: { statuses: ['pending'] },
  reported: { statuses: ['published', 'pending'], isReported: true },
  recent: {},
  spam: { statuses: ['spam'] },
  deleted: { statuses: ['deleted'] },
};

const isAction = (name: string): name is AdminAction => (adminActions as readonly string[]).includes(name);

/** `/admin/api/comments`: the lists, search, one comment in detail, the actions one by one and in bulk, edits. */
export function adminCommentRoutes(options: AdminCommentRoutesOptions): Hono<AdminEnv> {
  const { store, siteUrl } = options;
  const app = new Hono<AdminEnv>();
  const toAdmin = (comment: StoredComment) => toAdminComment(comment, siteUrl);
  const counts = (): Promise<AdminCounts> => adminCounts(store);

  /** The comment the path names, or 404. */
  async function named(c: Context): Promise<StoredComment> {
    const id = c.req.param('id') ?? '';
    const comment = commentId.safeParse(id).success ? await store.getComment(id) : undefined;
    if (!comment) throw new HttpError('not_found', 'No such comment');
    return comment;
  }

  const act = (id: string, action: AdminAction) =>
    moderateComment(store, id, action, options.now(), { events: options.events, cache: options.cache });

  app.get('/', async (c) => {
    const query = parseShape(listQuery, singleValues(queryOf(c.req.raw), listParameters), 'Query');
    const found = await store.findComments({
      ...queueFilters[query.queue],
      ...(query.q !== undefined && { search: query.q }),
      ...(query.email !== undefined && { authorEmail: query.email }),
      ...(query.thread !== undefined && { thread: query.thread }),
      ...(query.before !== undefined && { before: query.before }),
      limit: query.limit + 1,
    });
    const { rows, next } = pageOf(found, query.limit);
    const body: CommentListResponse = { comments: rows.map(toAdmin), next, counts: await counts() };
    return c.json(body);
  });

  app.post('/bulk', async (c) => {
    const { action, ids } = parseShape(bulkBody, await readJson(c.req.raw, options.maxBodyBytes), 'Body');
    const done: string[] = [];
    const notFound: string[] = [];
    // One at a time: each is its own transaction, and the events come in the order asked for.
    for (const id of new Set(ids)) {
      if (await act(id, action)) done.push(id);
      else notFound.push(id);
    }
    const body: BulkActionResponse = { done, notFound, counts: await counts() };
    return c.json(body);
  });

  app.get('/:id', async (c) => {
    const comment = await named(c);
    const [thread, earlier, reports] = await Promise.all([
      store.getThread(comment.thread),
      comment.authorEmail
        ? store.findComments({
            authorEmail: comment.authorEmail,
            before: positionOf(comment),
            limit: adminLimits.earlierComments,
          })
        : [],
      store.reportsOf(comment.id),
    ]);
    const body: CommentDetailResponse = {
      comment: toAdmin(comment),
      thread: toAdminThread(thread, siteUrl),
      earlier: earlier.map(toAdmin),
      reports: reports.map(toAdminReport),
    };
    return c.json(body);
  });

  app.post('/:id/:action', async (c) => {
    const action = c.req.param('action') ?? '';
    if (!isAction(action)) throw new HttpError('not_found', 'No such action');
    const comment = await named(c);
    const changed = await act(comment.id, action);
    if (!changed) throw new HttpError('not_found', 'No such comment');
    const body: CommentActionResponse = { comment: toAdmin(changed), counts: await counts() };
    return c.json(body);
  });

  app.patch('/:id', async (c) => {
    const { text } = parseShape(editBody, await readJson(c.req.raw, options.maxBodyBytes), 'Body');
    const comment = await named(c);
    const normalized = normalizeText(text);
    checkTextRules(normalized, { textLength: options.maxTextLength });
    // A moderator's correction keeps the comment where it stands; readers see that it was edited.
    const edited =
      normalized === comment.text
        ? comment
        : await store.editComment(comment.id, {
            text: normalized,
            editedAt: new Date(options.now()).toISOString(),
            status: comment.status,
          });
    if (!edited) throw new HttpError('not_found', 'No such comment');
    options.cache.invalidate(edited.thread);
    const body: CommentActionResponse = { comment: toAdmin(edited), counts: await counts() };
    return c.json(body);
  });

  return app;
}
