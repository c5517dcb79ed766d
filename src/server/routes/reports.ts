import { Hono, type Context } from 'hono';
import { isCommentId } from '../../protocol/ids.js';
import type { ReportReason } from '../../protocol/types.js';
import type { CommentEvents } from '../events.js';
import { HttpError } from '../http-error.js';
import { readJson } from '../read-json.js';
import type { ResponseCache } from '../response-cache.js';
import { parseShape, reportBody } from '../schemas.js';
import { newCommentId } from '../secrets.js';
import type { SiteState } from '../site-state.js';
import type { CommentStore, StoredComment } from '../storage/store.js';

export interface ReportRoutesOptions {
  store: CommentStore;
  events: CommentEvents;
  site: SiteState;
  /** Who reports, as the rate limiter counts clients: each counts once per comment. */
  clientKey: (c: Context) => string;
  /** Reports that hold a published comment for a moderator; `false`: reports never hold one. */
  threshold: number | false;
  maxBodyBytes: number;
  /** Thread pages; a comment held by its reports leaves its thread's. */
  cache: ResponseCache;
  now: () => number;
}

const reportReasons: ReadonlySet<string> = new Set<ReportReason>(['spam', 'abuse', 'off_topic']);

function isReportReason(reason: string): reason is ReportReason {
  return reportReasons.has(reason);
}

/**
 * `/api/v1/comments/{id}/reports`: a reader reports a listed comment, once per client. When reports made since a
 * moderator last decided on the comment (or since it was posted) reach the threshold, a published comment is held
 * ("held: 3 reports"): a moderator's approval starts the count again, so reports cannot take back what a moderator
 * kept, and a report raced by another is never lost.
 */
export function reportRoutes(options: ReportRoutesOptions): Hono {
  const { store } = options;
  const app = new Hono();

  /** Holds `comment` when enough reports came in since a moderator last looked; the comment as it is then. */
  async function holdIfReported(comment: StoredComment, threshold: number): Promise<StoredComment> {
    if (comment.status !== 'published') return comment;
    const since = comment.moderatedAt;
    const reports = await store.reportsOf(comment.id);
    const count =
      since === null ? reports.length : reports.filter((report) => report.createdAt > since).length;
    if (count < threshold) return comment;
    const at = new Date(options.now()).toISOString();
    const held = await store.setStatus(comment.id, {
      status: 'pending',
      reason: `held: ${count} reports`,
      at,
    });
    if (!held) return comment;
    options.cache.invalidate(comment.thread);
    return held;
  }

  app.post('/:id/reports', async (c) => {
    const { reason } = parseShape(reportBody, await readJson(c.req.raw, options.maxBodyBytes), 'Body');
    if (!isReportReason(reason)) {
      throw new HttpError('validation_failed', '`reason` must be spam, abuse or off_topic', 'reason');
    }
    const id = c.req.param('id');
    // Only a listed comment can be reported: one that is not does not exist to the public.
    const notFound = () => new HttpError('not_found', 'No such comment');
    if (!isCommentId(id) || !(await store.isListed(id))) throw notFound();
    if (await options.site.isReadOnly(options.now())) {
      throw new HttpError('thread_locked', 'This site takes no reports at the moment');
    }
    const outcome = await store.addReport({
      id: newCommentId(),
      commentId: id,
      reason,
      clientKey: options.clientKey(c),
      createdAt: new Date(options.now()).toISOString(),
    });
    if (outcome.outcome === 'not_found') throw notFound();
    if (outcome.outcome === 'added') {
      let comment = await store.getComment(id);
      if (comment && options.threshold !== false) comment = await holdIfReported(comment, options.threshold);
      if (comment) {
        options.events.emit({ type: 'reported', comment, reason: `reported: ${reason}`, at: options.now() });
      }
    }
    // A second report from the same client is answered alike: it learns nothing, and counts nothing.
    c.header('Cache-Control', 'no-store');
    return c.json({}, 202);
  });

  return app;
}
