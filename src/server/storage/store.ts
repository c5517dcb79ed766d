import type { CommentStatus, SortOrder } from '../../protocol/types.js';
import type { ArchiveStore } from './archive.js';
import type { DeliveryQueue } from './deliveries.js';
import type { ImportStore } from './imports.js';
import type { MentionStore } from './mentions.js';
import type { PostKey, PostKeyStore } from './post-keys.js';
import type { PublishedComments } from './published.js';
import type { RateCounter } from './rate-counts.js';
import type { RuleStore } from './rules.js';
import type { SessionStore } from './sessions.js';
import type { SettingStore } from './settings.js';
import type { SubscriptionStore } from './subscriptions.js';

/**
 * Where a comment stands: the protocol's `published` and `pending`, and two that no public answer ever shows,
 * `spam` and `deleted` (by a moderator, and so restorable; an author's own deletion removes the comment).
 */
export type StoredStatus = CommentStatus | 'spam' | 'deleted';

/** How a thread is moderated, when it is not the server's way: see moderation.ts. */
export type ModerationMode = 'open' | 'first-time' | 'all';

/** A comment as stored: the public comment plus what never leaves the server. */
export interface StoredComment {
  id: string;
  thread: string;
  parent: string | null;
  authorName: string;
  authorEmail: string | null;
  authorUrl: string | null;
  text: string;
  status: StoredStatus;
  createdAt: string;
  editedAt: string | null;
  secretHash: string;
  editableUntil: string;
  /** Why the comment has its status, for moderators: "held: 4 links", "spam: honeypot"; `null` when none. */
  reason: string | null;
  /** The address it was posted from, for moderators only; `null` when not known (imports, seeds). */
  authorIp: string | null;
  /** Readers' reports of it so far. */
  reportCount: number;
  /** When its status last changed by a moderator's or a rule's hand after it was posted, or `null`. */
  moderatedAt: string | null;
  /**
   * A placeholder: its author deleted it while listed replies answered it. Its text, name, e-mail, URL and address
   * are wiped; it stays listed with its replies but counts nowhere, and takes no likes, replies, edits or reports.
   */
  isDeleted: boolean;
  /** Readers' likes. */
  likes: number;
  /** On a top-level comment: the listed replies of its conversation at every depth, placeholders not counted. */
  replyCount: number;
}

/** What the store knows of a thread; an unknown thread reads as empty and open. */
export interface StoredThread {
  key: string;
  /** Listed comments at every depth (docs/protocol.md#visibility): what the public count says. */
  listedCount: number;
  isLocked: boolean;
  /** The thread's own moderation mode, or `null` for the server's. */
  moderation: ModerationMode | null;
  /** Published references (Webmentions and Pingbacks) to the thread's page. */
  referenceCount: number;
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
  /** For `liked` and `replied`: the top-level comment's likes or replies when the position was taken. */
  rootValue?: number;
}

export interface PageQuery {
  thread: string;
  sort: SortOrder;
  limit: number;
  /** The page of the comments just after this position. */
  after?: PagePosition;
  /** The page of the `limit` comments just before this position (the page before a page). */
  before?: PagePosition;
  /** The page that starts with the top-level comment of this comment's conversation. */
  around?: string;
}

export interface Page {
  comments: StoredComment[];
  /** Where the next page starts, or `undefined` when this one is the last. */
  next?: PagePosition;
  /**
   * With `before` or `around`: the position the page before this one ends just before, or `undefined` when this page
   * is the first.
   */
  previous?: PagePosition;
  /** With `around`: `true` when that comment is not listed in the thread (the page is then empty). */
  isUnknown?: boolean;
}

/** A new comment; the store derives its place in the thread order. */
export type NewStoredComment = Omit<
  StoredComment,
  'editedAt' | 'reportCount' | 'moderatedAt' | 'reason' | 'authorIp' | 'isDeleted' | 'likes' | 'replyCount'
> &
  Partial<Pick<StoredComment, 'reason' | 'authorIp'>>;

/**
 * What became of an insert: stored; refused because its parent is not a listed comment of the same thread (never
 * was, or was deleted or held in the meantime); or refused because a live post already holds its idempotency key
 * (`PostKeyStore.find` names it).
 */
export type InsertOutcome = 'inserted' | 'parent_not_listed' | 'duplicate_key';

/**
 * What became of an author's deletion: `deleted` (gone, with any unlisted replies, and any placeholder above it left
 * without listed replies), `placeholder` (listed replies answer it: it stays as a placeholder so that the
 * conversation stays readable), or `not_found` (no such comment, or already a placeholder).
 */
export type DeleteOutcome = 'deleted' | 'placeholder' | 'not_found';

/** A new text for a comment, with the status it has from then on (an edit may be held for moderation again). */
export interface CommentEdit {
  text: string;
  editedAt: string;
  status: StoredStatus;
  /** Why it has that status now; left as it was when omitted. */
  reason?: string | null;
}

/** A moderator's (or a rule's) decision about a comment. */
export interface StatusChange {
  status: StoredStatus;
  reason: string | null;
  /** When the decision was made. */
  at: string;
}

/** Which comments a moderator looks at, newest first. Every filter is optional; together they all apply. */
export interface CommentQuery {
  statuses?: readonly StoredStatus[];
  /** Only comments that readers reported. */
  isReported?: boolean;
  thread?: string;
  /** Comments by this e-mail address (case-insensitive). */
  authorEmail?: string;
  /** A word or phrase in the text, the author's name, e-mail address or URL, or the thread key (case-insensitive). */
  search?: string;
  /** Only comments posted before this one (`createdAt|id`), for the next page. */
  before?: string;
  limit: number;
}

/** How many comments each queue of the admin page holds. */
export type QueueCounts = Record<StoredStatus, number> & { reported: number };

/** A reader's report. */
export interface NewReport {
  id: string;
  commentId: string;
  reason: 'spam' | 'abuse' | 'off_topic';
  /** Who reported (a rate-limit key): each client counts once per comment. */
  clientKey: string;
  createdAt: string;
}

/** What became of a report, and how many the comment has now. */
export type ReportOutcome =
  { outcome: 'added' | 'duplicate'; reportCount: number } | { outcome: 'not_found' };

/** A stored report. */
export type StoredReport = NewReport;

/**
 * The one storage contract; SQLite and PostgreSQL implement it and pass the same behavioural suite.
 * Every write is one transaction (concurrent inserts may share one, each in a savepoint of its own: group commit),
 * committed durably before the promise resolves. A busy or unreachable storage
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
  /** Stores a new comment, and with `postKey` its post's idempotency key, in the same transaction. */
  insertComment(comment: NewStoredComment, postKey?: PostKey): Promise<InsertOutcome>;
  /**
   * Replaces a comment's text and sets its status, taking it and its replies out of the listing (or back in) as
   * the status says; `undefined` when the comment no longer exists.
   */
  editComment(id: string, edit: CommentEdit): Promise<StoredComment | undefined>;
  deleteComment(id: string): Promise<DeleteOutcome>;
  /**
   * Adds (`1`) or takes back (`-1`) a like of a listed comment that is not a placeholder, never below 0; resolves
   * with its likes afterwards and its thread, or `undefined` when there is no such comment.
   */
  addLike(id: string, change: 1 | -1): Promise<{ likes: number; thread: string } | undefined>;
  setThreadLocked(key: string, isLocked: boolean): Promise<void>;
  /** Gives a thread its own moderation mode, or (`null`) the server's again. */
  setThreadModeration(key: string, mode: ModerationMode | null): Promise<void>;
  /** Whether any published comment carries this e-mail address, compared case-insensitively. */
  hasPublishedByEmail(email: string): Promise<boolean>;

  /**
   * Sets a comment's status and the reason for it, taking it and its replies out of the listing and the count (or
   * back in) as the status says; publishing clears its report count. `undefined` when the comment does not exist.
   */
  setStatus(id: string, change: StatusChange): Promise<StoredComment | undefined>;
  /** Comments across all threads for moderators, newest first, with every status. */
  findComments(query: CommentQuery): Promise<StoredComment[]>;
  /** How many comments each status has, and how many published or pending ones were reported. */
  countQueues(): Promise<QueueCounts>;
  /** Records a reader's report once per client; the comment's count rises with each new one. A placeholder takes none. */
  addReport(report: NewReport): Promise<ReportOutcome>;
  /** The reports of a comment, oldest first. */
  reportsOf(commentId: string): Promise<StoredReport[]>;

  /** The server's shared state (the admin password's hash, signing keys, read-only mode). */
  readonly settings: SettingStore;
  /** The site owner's block- and allow-list. */
  readonly rules: RuleStore;
  /** Moderators' sessions. */
  readonly sessions: SessionStore;
  /** Notifications waiting to be sent. */
  readonly deliveries: DeliveryQueue;
  /** Rate-limit counts every instance shares. */
  readonly rates: RateCounter;
  /** Listed comments by publication and by age, for live streams and feeds. */
  readonly published: PublishedComments;
  /** Received Webmentions and Pingbacks: their verification queue and the references they became. */
  readonly mentions: MentionStore;
  /** The whole store out and back in: `natter export` and `natter import natter`. */
  readonly archive: ArchiveStore;
  /** Comments and references brought in from other systems by `natter import`. */
  readonly imports: ImportStore;
  /** Guests' reply subscriptions, and the slots that cap what each address is sent. */
  readonly subscriptions: SubscriptionStore;
  /** The idempotency keys of recent posts. */
  readonly postKeys: PostKeyStore;

  close(): Promise<void>;
}
