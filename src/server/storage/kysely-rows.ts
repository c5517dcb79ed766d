import type { Insertable, Selectable } from 'kysely';
import type { CommentsTable, ReportsTable } from './schema.js';
import type { StoredComment, StoredReport } from './store.js';
import { childPath, orderKey } from './thread-order.js';

/** Where a comment stands, as its row stores it: its thread, its conversation, its stored path, whether listed. */
export interface Place {
  thread: string;
  rootKey: string;
  path: string;
  isListed: boolean;
}

/** The place a row of the `comments` table stores. */
export function placeOfRow(row: Pick<CommentsTable, 'thread_key' | 'root_key' | 'path' | 'listed'>): Place {
  return { thread: row.thread_key, rootKey: row.root_key, path: row.path, isListed: row.listed === 1 };
}

/**
 * The place of a new comment: a conversation of its own, or in its parent's (whose place is `parent`) below it; listed
 * when it is published and its parent, if any, is listed.
 */
export function placeUnder(
  parent: Place | undefined,
  comment: Pick<StoredComment, 'id' | 'thread' | 'createdAt' | 'status'>,
): Place {
  const own = orderKey(comment.createdAt, comment.id);
  const isPublished = comment.status === 'published';
  if (!parent) return { thread: comment.thread, rootKey: own, path: own, isListed: isPublished };
  return {
    thread: comment.thread,
    rootKey: parent.rootKey,
    path: childPath(parent.path, own),
    isListed: isPublished && parent.isListed,
  };
}

/** The row of the `comments` table that stores `comment` at `place`; its reply count is counted afterwards. */
export function commentRow(
  comment: Omit<StoredComment, 'replyCount'>,
  place: Place,
): Insertable<CommentsTable> {
  return {
    id: comment.id,
    thread_key: comment.thread,
    parent_id: comment.parent,
    root_key: place.rootKey,
    path: place.path,
    author_name: comment.authorName,
    author_email: comment.authorEmail,
    author_url: comment.authorUrl,
    text: comment.text,
    status: comment.status,
    listed: place.isListed ? 1 : 0,
    created_at: comment.createdAt,
    edited_at: comment.editedAt,
    secret_hash: comment.secretHash,
    editable_until: comment.editableUntil,
    reason: comment.reason,
    author_ip: comment.authorIp,
    report_count: comment.reportCount,
    moderated_at: comment.moderatedAt,
    deleted: comment.isDeleted ? 1 : 0,
    likes: comment.likes,
    reply_count: 0,
  };
}

/** A row of the `comments` table as the store gives it. */
export function toStoredComment(row: Selectable<CommentsTable>): StoredComment {
  return { ...commentFacts(row), replyCount: row.reply_count };
}

/** What a row of the `comments` table records of its comment: all the store gives but the derived reply count. */
export function commentFacts(row: Selectable<CommentsTable>): Omit<StoredComment, 'replyCount'> {
  return {
    id: row.id,
    thread: row.thread_key,
    parent: row.parent_id,
    authorName: row.author_name,
    authorEmail: row.author_email,
    authorUrl: row.author_url,
    text: row.text,
    status: row.status,
    createdAt: row.created_at,
    editedAt: row.edited_at,
    secretHash: row.secret_hash,
    editableUntil: row.editable_until,
    reason: row.reason,
    authorIp: row.author_ip,
    reportCount: row.report_count,
    moderatedAt: row.moderated_at,
    isDeleted: row.deleted === 1,
    likes: row.likes,
  };
}

/** A row of the `reports` table as the store gives it. */
export function toStoredReport(row: Selectable<ReportsTable>): StoredReport {
  return {
    id: row.id,
    commentId: row.comment_id,
    reason: row.reason as StoredReport['reason'],
    clientKey: row.client_key,
    createdAt: row.created_at,
  };
}

/** The row of the `reports` table that stores `report`. */
export function reportRow(report: StoredReport): Insertable<ReportsTable> {
  return {
    id: report.id,
    comment_id: report.commentId,
    reason: report.reason,
    client_key: report.clientKey,
    created_at: report.createdAt,
  };
}

/** Most ids in one `in (…)` list: far below SQLite's and PostgreSQL's limits on bound parameters. */
export const idsPerStatement = 500;
