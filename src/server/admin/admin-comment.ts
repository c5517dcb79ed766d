import type { AdminComment, AdminReport, AdminThread } from '../../protocol/admin.js';
import type { StoredComment, StoredReport, StoredThread } from '../storage/store.js';

/**
 * The address of the page a thread is on: its key, a path, on the site's URL; the key alone (a path on the admin
 * page's own origin, right for the demo) when no site URL is known. A key that is an http(s) URL is its own
 * address; any other key that is not a plain path (`//host/…`, `javascript:…`) becomes one, so it can never link
 * to another site or run a script.
 */
export function pageUrlOf(thread: string, siteUrl: string | undefined): string {
  if (/^https?:\/\/[^/]/i.test(thread) && URL.canParse(thread)) return new URL(thread).href;
  const path = thread.startsWith('/') && !thread.startsWith('//') ? thread : `/${thread.replace(/^\/+/, '')}`;
  if (!siteUrl) return path;
  try {
    return new URL(path, new URL(siteUrl).origin).href;
  } catch {
    return path;
  }
}

/** A stored comment as moderators see it: e-mail and IP address included, the secret's hash never. */
export function toAdminComment(comment: StoredComment, siteUrl: string | undefined): AdminComment {
  return {
    id: comment.id,
    thread: comment.thread,
    pageUrl: pageUrlOf(comment.thread, siteUrl),
    parent: comment.parent,
    author: {
      name: comment.authorName,
      url: comment.authorUrl,
      email: comment.authorEmail,
      ip: comment.authorIp,
    },
    text: comment.text,
    status: comment.status,
    reason: comment.reason,
    reportCount: comment.reportCount,
    createdAt: comment.createdAt,
    editedAt: comment.editedAt,
    moderatedAt: comment.moderatedAt,
  };
}

/** A thread as moderators see it. */
export function toAdminThread(thread: StoredThread, siteUrl: string | undefined): AdminThread {
  return {
    key: thread.key,
    url: pageUrlOf(thread.key, siteUrl),
    count: thread.listedCount,
    locked: thread.isLocked,
    moderation: thread.moderation,
  };
}

/** A report without who made it (a rate-limit key, derived from an address). */
export function toAdminReport(report: StoredReport): AdminReport {
  return { id: report.id, reason: report.reason, createdAt: report.createdAt };
}
