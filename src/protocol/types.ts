/**
 * Wire types of natter's JSON protocol v1 (docs/protocol.md). Shared by the widget, the client and the
 * server; nothing here touches the DOM or Node.
 */

/** Where a comment stands in moderation. Only `published` comments are listed to the public. */
export type CommentStatus = 'published' | 'pending';

/**
 * Order of a thread's top-level comments (replies always follow their parent, oldest first). `liked` and
 * `replied` (most likes, most replies first; ties oldest first) are additions to v1 that servers announce in
 * `ThreadInfo.sorts`.
 */
export type SortOrder = 'oldest' | 'newest' | 'liked' | 'replied';

/** A comment as the public sees it: never an e-mail address. */
export interface Comment {
  id: string;
  thread: string;
  /** The id of the comment this one replies to, or `null` for a top-level comment. */
  parent: string | null;
  author: CommentAuthor;
  /** Plain text exactly as written; clients escape it and turn URLs into links. */
  text: string;
  /** ISO 8601 timestamp in UTC. */
  createdAt: string;
  /** ISO 8601 timestamp in UTC of the last edit, or `null`. */
  editedAt: string | null;
  status: CommentStatus;
  /**
   * Additive: `true` for a deleted comment kept as a placeholder because published replies answer it. Its `text`
   * is `""`, its author `{ name: "", url: null }`, and it cannot be liked, replied to, edited or reported.
   */
  deleted?: boolean;
  /** Additive: how many readers liked it. */
  likes?: number;
  /**
   * Additive: an opaque value to draw the author's identicon from, derived by the server from the e-mail address
   * with a secret salt (so no stranger can turn it back into the address); `null` when no address was given
   * (clients show initials). With Gravatar opted in by the site owner, `avatarUrl` is sent as well.
   */
  avatar?: string | null;
  /** Additive: an image URL for the author (Gravatar), only when the site owner opted in. */
  avatarUrl?: string;
}

export interface CommentAuthor {
  name: string;
  /** The author's website (http or https), or `null`. */
  url: string | null;
}

/** What the server says about a thread. */
export interface ThreadInfo {
  key: string;
  /** Number of published comments in the whole thread. */
  count: number;
  /** A locked thread is shown but takes no new comments. */
  locked: boolean;
  /** The site owner's comment policy as HTML; clients must sanitize it before showing it. */
  policy?: string;
  /** Limits this server sets below the protocol's own; a client applies them to its form. */
  limits?: ServerLimits;
  /** Additive: the orders this server can sort by; `oldest` and `newest` when absent. */
  sorts?: SortOrder[];
  /** Additive: the thread's Atom feed (absolute URL), for `<link rel="alternate">`. */
  feed?: string;
  /** Additive: the live stream of the thread's new comments (`GET /api/v1/stream`), when the server has one. */
  stream?: string;
  /**
   * Additive: how many published references (responses on other websites) the thread has; absent or 0 when none,
   * and then a client fetches nothing more for them.
   */
  references?: number;
  /**
   * Additive: the server's Webmention endpoint (absolute URL), when it receives Webmentions for this thread's page:
   * a client may offer readers to send one ("My response is on my own website").
   */
  webmention?: string;
  /**
   * Additive: `true` when the server can e-mail an author about replies to their comment (docs/notifications.md): a
   * client may then offer "Notify me of replies" to authors who give an e-mail address, and send `notify: true`.
   */
  replyNotifications?: boolean;
}

/** Limits a server may set lower than `limits` (src/protocol/limits.ts) for its own comments. */
export interface ServerLimits {
  /** Longest comment text this server takes, in UTF-16 code units; at most `limits.textLength`. */
  textLength: number;
}

/** `GET /api/v1/comments` */
export interface ListCommentsResponse {
  thread: ThreadInfo;
  comments: Comment[];
  /** Opaque cursor for the next page, or `null` when this page is the last. */
  next: string | null;
  /**
   * Additive, with `around=ID`: the cursor of the page before this one, or `null` when this is the first. Such a
   * page starts with the top-level comment whose conversation holds `ID`.
   */
  previous?: string | null;
}

/** `GET /api/v1/comments/{id}` answer: a listed comment, or one its author reads with its secret. */
export interface GetCommentResponse {
  comment: Comment;
  /**
   * To the author (by the secret) of a published comment that gave an e-mail address: the trust token that lets
   * later comments under that address skip first-time moderation. Clients keep it and send it as `trust`.
   */
  trust?: string;
}

/** `POST /api/v1/comments` body. */
export interface NewComment {
  thread: string;
  parent?: string | null;
  name: string;
  email?: string;
  url?: string;
  text: string;
  /** The form token the client fetched (docs/protocol.md#spam-defence); a stale or forged one is spam. */
  formToken?: string;
  /** The value of the form's hidden honeypot field; people leave it empty. */
  honeypot?: string;
  /** The trust token from an earlier approved comment of this author (see `GetCommentResponse.trust`). */
  trust?: string;
  /**
   * Additive: with `email`, on a server whose threads say `replyNotifications`, asks to be e-mailed about replies to
   * this comment once the author follows the link of a confirmation e-mail. Ignored without `email`, and by servers
   * that do not offer it.
   */
  notify?: boolean;
  /**
   * Additive: the client's idempotency key for this post (docs/protocol.md#idempotency-keys), made afresh for each
   * comment from at least 128 random bits, 22 to 128 characters of `A–Z a–z 0–9 _ -`. The same post sent again
   * with the same key, its first answer lost, is answered as the first was, and stored once.
   */
  idempotencyKey?: string;
}

/** `POST /api/v1/comments` answer: 201 when published, 202 when held for moderation. */
export interface PostCommentResponse {
  comment: Comment;
  /** Bearer secret that lets the author edit or delete this comment for a while; shown once. */
  secret: string;
  /** ISO 8601 timestamp in UTC after which the secret no longer edits or deletes (the edit window's end). */
  editableUntil: string;
  /** When the comment was published and gave an e-mail address: a trust token, as `GetCommentResponse.trust`. */
  trust?: string;
}

/** `PATCH /api/v1/comments/{id}` body. */
export interface EditComment {
  text: string;
}

/** `PATCH /api/v1/comments/{id}` answer. */
export interface EditCommentResponse {
  comment: Comment;
}

/** `GET /api/v1/counts` answer: published comments per requested thread (0 for unknown threads). */
export interface CountsResponse {
  counts: Record<string, number>;
}

/** `GET /api/v1/form-token` answer: the token a client sends as `formToken` with its post (docs/protocol.md). */
export interface FormTokenResponse {
  formToken: string;
  /**
   * How old the token must be when its post arrives, in milliseconds: a client holds its post back until then.
   * Added within v1; a client assumes 3,000 when it is missing.
   */
  minimumAgeMs?: number;
}

/** Why a reader reports a comment. */
export type ReportReason = 'spam' | 'abuse' | 'off_topic';

/** `POST /api/v1/comments/{id}/reports` body; the answer is 202 with `{}`. */
export interface ReportComment {
  reason: ReportReason;
}

/** Machine-readable error codes; `message` carries the human-readable text. */
export type ErrorCode =
  | 'bad_request'
  | 'invalid_json'
  | 'validation_failed'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'thread_locked'
  | 'edit_window_closed'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

/** The one error shape of every failed request. */
export interface ErrorResponse {
  error: {
    code: ErrorCode;
    message: string;
    /** The request field at fault, for validation errors (`name`, `email`, `url`, `text`, …). */
    field?: string;
  };
}

/** `POST /api/v1/comments/{id}/likes` and `DELETE …/likes` (additive to v1): the comment's count after the change. */
export interface LikeResponse {
  likes: number;
}

/**
 * One event of `GET /api/v1/stream?thread=…` (Server-Sent Events, additive to v1): `event: comment` carries a
 * newly published comment of the thread as `data`, its SSE `id` a cursor a client sends back as `Last-Event-ID`.
 */
export interface StreamCommentEvent {
  comment: Comment;
}

/** What a reference is to the page it answers, as its source's microformats say; `mention` when they say nothing. */
export type ReferenceKind = 'reply' | 'like' | 'repost' | 'bookmark' | 'mention';

/**
 * A response to a page from another website, received as a Webmention or a Pingback, verified (its source links
 * to the page) and published. Every text is plain text as the source gave it: clients escape it like comments.
 */
export interface Reference {
  id: string;
  thread: string;
  kind: ReferenceKind;
  /** The response's own URL: its h-entry's `url` on the source's site, else the source URL (http or https). */
  url: string;
  /** Its title: the h-entry's name, else the page's `<title>`; `null` when it has none (likes rarely do). */
  title: string | null;
  author: ReferenceAuthor;
  /** A short excerpt of its text (at most 300 characters), `null` for likes, reposts and pages without one. */
  excerpt: string | null;
  /** When the source says it was published, else when the server first verified it (ISO 8601 UTC). */
  publishedAt: string;
  /** How it came: a Webmention (`webmention`) or a Pingback (`pingback`). */
  via: 'webmention' | 'pingback';
}

export interface ReferenceAuthor {
  /** `null` when the source names no author. */
  name: string | null;
  /** The author's site (http or https), or `null`. */
  url: string | null;
  /** The author's photo (http or https), or `null`. */
  photo: string | null;
}

/** `GET /api/v1/references?thread=…` (additive to v1): the thread's published references, oldest first. */
export interface ListReferencesResponse {
  thread: string;
  references: Reference[];
}

/** Where a received mention stands: waiting to be verified, verified and stored, refused, or removed since. */
export type MentionState = 'queued' | 'verified' | 'refused' | 'removed';

/** Why a mention was refused or removed. */
export type MentionReason =
  | 'no_link'
  | 'source_gone'
  | 'source_unreachable'
  | 'source_error'
  | 'not_text'
  | 'too_large'
  | 'too_many_redirects'
  | 'forbidden_address'
  | 'too_many_references'
  | 'deleted';

/** The status URL of a received Webmention (`Location` of `POST /webmention`, `GET`): JSON. */
export interface MentionStatusResponse {
  state: MentionState;
  source: string;
  target: string;
  /** With `refused` and `removed`: why. */
  reason?: MentionReason;
  /**
   * With `verified`: `published` when the reference is shown on the page, `pending` while a moderator has yet to
   * look at it.
   */
  status?: CommentStatus;
  /** With `verified` and `published`: the reference as the page shows it. */
  reference?: Reference;
  /** When its state last changed. */
  updatedAt: string;
}
