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
  /** Listed comments at every depth (docs/protocol.md#visibility): what the public count says. */
  listedCount: number;
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
 * What became of an insert: stored, or refused because its parent is not a listed comment of the same thread
 * (never was, or was deleted or held in the meantime).
 */
export type InsertOutcome = 'inserted' | 'parent_not_listed';

/** What became of a deletion. A comment with replies stays: its author may not take the conversation with it. */
export type DeleteOutcome = 'deleted' | 'not_found' | 'has_replies';

/** A new text for a comment, with the status it has from then on (an edit may be held for moderation again). */
export interface CommentEdit {
  text: string;
  editedAt: string;
  status: CommentStatus;
}

/**
 * The one storage contract; SQLite and PostgreSQL implement it and pass the same behavioural suite.
 * Every write is one transaction, committed durably before the promise resolves. A busy or unreachable storage
 * rejects with `StoreUnavailableError` (storage/errors.ts), never with a driver's own error.
 */
export interface CommentStore {
  getThread(key: string): Promise<StoredThread>;
  /** Listed comments of a thread, in thread order (docs/protocol.md#get-apiv1comments). */
  listPage(query: PageQuery): Promise<Page>;
  /** Listed comments per thread; unknown threads count 0. */
  countListed(threads: readonly string[]): Promise<Record<string, number>>;
  getComment(id: string): Promise<StoredComment | undefined>;
  /**
   * Whether the comment is listed: it and every comment above it are published (docs/protocol.md#visibility).
   * False for an unknown id.
   */
  isListed(id: string): Promise<boolean>;
  insertComment(comment: NewStoredComment): Promise<InsertOutcome>;
  /**
   * Replaces a comment's text and sets its status, taking it and its replies out of the listing (or back in) as
   * the status says; `undefined` when the comment no longer exists.
   */
  editComment(id: string, edit: CommentEdit): Promise<StoredComment | undefined>;
  deleteComment(id: string): Promise<DeleteOutcome>;
  setThreadLocked(key: string, isLocked: boolean): Promise<void>;
  /** Whether any published comment carries this e-mail address, compared case-insensitively. */
  hasPublishedByEmail(email: string): Promise<boolean>;
  close(): Promise<void>;
}
