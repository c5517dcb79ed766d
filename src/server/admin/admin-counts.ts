import type { AdminCounts } from '../../protocol/admin.js';
import type { CommentStore } from '../storage/store.js';

/** The numbers on the admin page's badges: each list of comments, and the references awaiting approval. */
export async function adminCounts(store: CommentStore): Promise<AdminCounts> {
  const [queues, references] = await Promise.all([store.countQueues(), store.mentions.countPending()]);
  return { ...queues, references };
}
