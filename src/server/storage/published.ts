import type { StoredComment } from './store.js';

/**
 * Where a comment stands in the order of publication: when it became public (`moderatedAt` for one a moderator
 * published, else `createdAt`) and its id, which breaks ties.
 */
export interface PublishedPosition {
  publishedAt: string;
  id: string;
}

/** Listed comments in the orders that live streams and feeds read them in. */
export interface PublishedComments {
  /**
   * Listed comments of `thread` published after `after`, in the order they were published; at most `limit`. What
   * a reconnecting stream replays.
   */
  since(query: { thread: string; after: PublishedPosition; limit: number }): Promise<StoredComment[]>;
  /** The newest listed comments of `thread`, or of every thread, newest first; at most `limit`. */
  newest(query: { thread?: string; limit: number }): Promise<StoredComment[]>;
}

/** When `comment` became public, as `PublishedPosition.publishedAt` counts it. */
export function publishedAtOf(comment: StoredComment): string {
  return comment.moderatedAt ?? comment.createdAt;
}
