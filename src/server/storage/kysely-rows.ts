import type { Insertable, Selectable } from 'kysely';
import type { CommentsTable, ReportsTable } from './schema.js';
import type { StoredComment, StoredReport } from './store.js';

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
