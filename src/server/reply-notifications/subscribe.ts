import type { Logger } from '../logger.js';
import { randomBase64Url } from '../secrets.js';
import type { CommentStore, StoredComment } from '../storage/store.js';
import { createAddressKey } from './address-key.js';

/** Records that the author of a new comment asked to hear of replies; resolves once it is stored (or failed). */
export type SubscribeToReplies = (comment: StoredComment) => Promise<void>;

/**
 * Stores the subscription of a comment's author, unconfirmed: its address hashed and sealed. The confirmation is
 * the notifier's to send, once the comment is published or held (reply-notifier.ts). A failure is logged and the
 * post goes on: the comment matters more than its notifications.
 */
export function replySubscriber(store: CommentStore, logger: Logger, now: () => number): SubscribeToReplies {
  const addresses = createAddressKey(store.settings);
  return async (comment) => {
    if (!comment.authorEmail) return;
    try {
      await store.subscriptions.add({
        id: `s_${randomBase64Url(16)}`,
        commentId: comment.id,
        addressHash: await addresses.hash(comment.authorEmail),
        sealedAddress: await addresses.seal(comment.authorEmail),
        createdAt: new Date(now()).toISOString(),
      });
    } catch (error) {
      logger.log('error', 'reply subscription not stored', { comment: comment.id, error: String(error) });
    }
  };
}
