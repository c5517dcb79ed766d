import type { Selectable } from 'kysely';
import type { CommentsTable } from './schema.js';
import type { StoredComment } from './store.js';

/** A row of the `comments` table as the store gives it. */
export function toStoredComment(row: Selectable<CommentsTable>): StoredComment {
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
    replyCount: row.reply_count,
  };
}

/** Most ids in one `in (…)` list: far below SQLite's and PostgreSQL's limits on bound parameters. */
export const idsPerStatement = 500;
