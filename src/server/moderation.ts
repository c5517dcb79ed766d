import type { CommentStatus, NewComment } from '../protocol/types.js';
import type { CommentStore } from './storage/store.js';

/**
 * `open` publishes every comment; `all` holds every comment for a moderator; `first-time` holds a comment
 * unless its author's e-mail address already has a published comment.
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
