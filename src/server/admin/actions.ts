import type { AdminAction } from '../../protocol/admin.js';
import type { CommentEvents } from '../events.js';
import type { ResponseCache } from '../response-cache.js';
import type { CommentStore, StoredComment, StoredStatus } from '../storage/store.js';

/** The status each action gives a comment, and the reason moderators read for it afterwards. */
const outcomes: Record<AdminAction, { status: StoredStatus; reason: string | null }> = {
  approve: { status: 'published', reason: null },
  spam: { status: 'spam', reason: 'spam: marked by a moderator' },
  delete: { status: 'deleted', reason: 'deleted by a moderator' },
  restore: { status: 'pending', reason: 'restored by a moderator' },
};

/**
 * Whether `action` changes `comment`: restoring is for spam and deleted comments only, and approving a published one
 * that readers reported keeps it, clearing its reports.
 */
function changes(action: AdminAction, comment: StoredComment): boolean {
  if (action === 'restore') return comment.status === 'spam' || comment.status === 'deleted';
  if (action === 'approve' && comment.status === 'published') return comment.reportCount > 0;
  return outcomes[action].status !== comment.status;
}

/** What else a moderator's decision touches in a running server; the command line has neither. */
export interface ModerationEffects {
  /** Told `approved` or `moderated` (notifications listen). */
  events?: CommentEvents;
  /** The thread's cached pages are dropped, so readers see the change at once. */
  cache?: ResponseCache;
}

/**
 * Applies a moderator's `action` to comment `id`: its status and reason change, the thread's count follows (the
 * store keeps it), its cached pages go and listeners hear of it. An action that changes nothing (approving a
 * published comment no one reported) writes nothing and tells no one. Resolves with the comment as it is now, or `undefined` when
 * it does not exist.
 */
export async function moderateComment(
  store: CommentStore,
  id: string,
  action: AdminAction,
  now: number,
  effects: ModerationEffects = {},
): Promise<StoredComment | undefined> {
  const comment = await store.getComment(id);
  if (!comment || !changes(action, comment)) return comment;
  const changed = await store.setStatus(id, { ...outcomes[action], at: new Date(now).toISOString() });
  if (!changed) return undefined;
  effects.cache?.invalidate(changed.thread);
  effects.events?.emit({
    type: action === 'approve' ? 'approved' : 'moderated',
    comment: changed,
    reason: changed.reason,
    at: now,
  });
  return changed;
}
