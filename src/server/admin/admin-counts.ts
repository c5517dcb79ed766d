import type { AdminCounts } from '../../protocol/admin.js';
import type { MentionStore } from '../storage/mentions.js';
import type { CommentStore } from '../storage/store.js';

/**
 * The verified references awaiting a moderator. The mention store counts only its queue of verification, so they
 * are read `pageSize` at a time: the moderators' queue, which they keep short, is all that is read.
 */
export async function countPendingReferences(mentions: MentionStore, pageSize = 200): Promise<number> {
  let count = 0;
  let before: string | undefined;
  for (;;) {
    const page = await mentions.find({
      statuses: ['pending'],
      states: ['verified'],
      before,
      limit: pageSize,
    });
    count += page.length;
    const last = page.at(-1);
    if (page.length < pageSize || !last) return count;
    before = `${last.createdAt}|${last.id}`;
  }
}

/** The numbers on the admin page's badges: each list of comments, and the references awaiting approval. */
export async function adminCounts(store: CommentStore): Promise<AdminCounts> {
  const [queues, references] = await Promise.all([
    store.countQueues(),
    countPendingReferences(store.mentions),
  ]);
  return { ...queues, references };
}
