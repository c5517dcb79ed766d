import type { CommentStatus, SortOrder } from '../../protocol/types.js';

/** A comment as stored: the public comment plus what never leaves the server. */
export interface StoredComment {
  id: string;
  thread: string;
  parent: string | null;
  authorName: string;
  authorEmail: string | null;
  authorUrl: string | null;
  text: string;
  status: CommentStatus;
  createdAt: string;
  editedAt: string | null;
  secretHash: string;
  editableUntil: string;
}

/** What the store knows of a thread; an unknown thread reads as empty and open. */
export interface StoredThread {
  key: string;
  publishedCount: number;
  isLocked: boolean;
}

/**
 * Where a page starts: just after a comment, named by its top-level comment's order key, its own order key
 * (`createdAt|id`) and its parent. Small whatever the reply depth, and still exact when that comment has been
 * deleted since (the store rebuilds its place from the parent).
 */
export interface PagePosition {
  rootKey: string;
  commentKey: string;
  parentId: string | null;
}

export interface PageQuery {
  thread: string;
  sort: SortOrder;
  limit: number;
  after?: PagePosition;
}

export interface Page {
  comments: StoredComment[];
  /** Where the next page starts, or `undefined` when this one is the last. */
  next?: PagePosition;
}

/** A new comment; the store derives its place in the thread order. */
export type NewStoredComment = Omit<StoredComment, 'editedAt'>;

/**
 * The one storage contract; SQLite and PostgreSQL implement it and pass the same behavioural suite.
 * Every write is one transaction, committed durably before the promise resolves.
 */
export interface CommentStore {
  getThread(key: string): Promise<StoredThread>;
  /** Published comments of a thread, in thread order (docs/protocol.md#get-apiv1comments). */
  listPage(query: PageQuery): Promise<Page>;
  /** Published comments per thread; unknown threads count 0. */
  countPublished(threads: readonly string[]): Promise<Record<string, number>>;
  getComment(id: string): Promise<StoredComment | undefined>;
  insertComment(comment: NewStoredComment): Promise<void>;
  updateText(id: string, text: string, editedAt: string): Promise<StoredComment | undefined>;
  /** Deletes a comment that has no replies; false when it has some (or does not exist). */
  deleteComment(id: string): Promise<boolean>;
  setThreadLocked(key: string, isLocked: boolean): Promise<void>;
  /** Whether any published comment carries this e-mail address (for first-time moderation). */
  hasPublishedByEmail(email: string): Promise<boolean>;
  close(): Promise<void>;
}
