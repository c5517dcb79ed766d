import type { CommentStatus, NewComment } from '../protocol/types.js';
import type { CommentStore } from './storage/store.js';

/**
 * `open` publishes every comment; `all` holds every comment for a moderator; `first-time` holds a comment
 * unless its author's e-mail address (compared case-insensitively) already has a published comment, so a
 * comment without an e-mail address is always held.
 */
export type ModerationMode = 'open' | 'first-time' | 'all';

/** The status a new comment starts with under `mode`. */
export async function decideStatus(
  mode: ModerationMode,
  store: CommentStore,
  comment: NewComment,
): Promise<CommentStatus> {
  if (mode === 'open') return 'published';
  if (mode === 'all' || !comment.email) return 'pending';
  return (await store.hasPublishedByEmail(comment.email)) ? 'published' : 'pending';
}

/**
 * The status a comment has after its author edited its text: under `all` an edit is held again (an approved text
 * must not be replaced by one nobody approved); otherwise it keeps the status it had.
 */
export function decideEditStatus(mode: ModerationMode, current: CommentStatus): CommentStatus {
  return mode === 'all' ? 'pending' : current;
}
