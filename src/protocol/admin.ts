/**
 * Wire types of the admin API (`/admin/api/`, docs/moderation.md#the-admin-page): what `natter serve` and the admin
 * page (`src/admin/`) say to each other. Not part of protocol v1: no widget or third-party client uses it, and
 * only moderators ever see what it carries (e-mail and IP addresses among it).
 */
import type { ErrorCode, MentionState, ReferenceKind } from './types.js';

/** Where a comment or a reference stands, as moderators see it: the public two, and spam and deleted (restorable). */
export const adminStatuses = ['published', 'pending', 'spam', 'deleted'] as const;
export type AdminStatus = (typeof adminStatuses)[number];

/** The lists of the admin page: the moderation queue's two parts, everything recent, spam and deleted. */
export const adminQueues = ['pending', 'reported', 'recent', 'spam', 'deleted'] as const;
export type AdminQueue = (typeof adminQueues)[number];

/** How a thread (or, by default, the server) moderates new comments. */
export type AdminModerationMode = 'open' | 'first-time' | 'all';

/**
 * What a moderator does to a comment: `approve` publishes it, `spam` and `delete` take it out of the thread (both
 * restorable), `restore` puts a spam or deleted comment back in the queue as pending.
 */
export const adminActions = ['approve', 'spam', 'delete', 'restore'] as const;
export type AdminAction = (typeof adminActions)[number];

/** Limits of the admin API. */
export const adminLimits = {
  /** Comments in one bulk action. */
  maxBulkIds: 100,
  /** Comments per page of a list when none is asked for, and the most. */
  defaultPageSize: 50,
  maxPageSize: 100,
  /** The author's earlier comments shown with a comment. */
  earlierComments: 10,
  /** Longest search text, and the longest pattern or note of a rule. */
  searchLength: 200,
  rulePatternLength: 200,
  ruleNoteLength: 500,
  /** Longest password the server hashes (scrypt takes any length; a megabyte of it would only cost time). */
  passwordLength: 1024,
} as const;

/** A comment as the admin page shows it: everything the public sees, and what only moderators may. */
export interface AdminComment {
  id: string;
  /** The thread key: the path of the page the comment is on. */
  thread: string;
  /** The page's address: the thread key on the site's URL (`--site-url`), or the key itself when none is known. */
  pageUrl: string;
  parent: string | null;
  author: {
    name: string;
    url: string | null;
    /** Never in any public answer. */
    email: string | null;
    /** The address it was posted from, `null` when not known. Never in any public answer. */
    ip: string | null;
  };
  text: string;
  status: AdminStatus;
  /** Why it has its status: "held: first-time author", "spam: honeypot"; `null` when there is nothing to say. */
  reason: string | null;
  reportCount: number;
  createdAt: string;
  editedAt: string | null;
  /** When a moderator or a rule last changed its status, or `null`. */
  moderatedAt: string | null;
}

/**
 * How many comments each list holds, the badges of the admin page: `reported` counts published and pending ones;
 * `references`, the verified references awaiting approval.
 */
export type AdminCounts = Record<AdminStatus, number> & { reported: number; references: number };

/** A reader's report of a comment. */
export interface AdminReport {
  id: string;
  reason: 'spam' | 'abuse' | 'off_topic';
  createdAt: string;
}

/** A thread as moderators see it. */
export interface AdminThread {
  key: string;
  /** The page's address, as `AdminComment.pageUrl`. */
  url: string;
  /** Listed comments: what the public count says. */
  count: number;
  locked: boolean;
  /** The thread's own moderation mode, or `null` when it follows the server's. */
  moderation: AdminModerationMode | null;
}

/** `POST /admin/api/login` body. */
export interface LoginRequest {
  password: string;
}

/** `POST /admin/api/login` and `GET /admin/api/session` answer: send `csrfToken` as `X-Natter-CSRF` with every change. */
export interface SessionResponse {
  csrfToken: string;
  /** When the session ends unless it is used before (ISO 8601). */
  expiresAt: string;
}

/** The header that carries the session's CSRF token on every state-changing request. */
export const csrfHeader = 'X-Natter-CSRF';

/** `GET /admin/api/comments` answer: a page of a list, newest first. */
export interface CommentListResponse {
  comments: AdminComment[];
  /** Pass as `before` for the next page; `null` on the last. */
  next: string | null;
  counts: AdminCounts;
}

/** `GET /admin/api/comments/{id}` answer: a comment with what a moderator weighs it by. */
export interface CommentDetailResponse {
  comment: AdminComment;
  thread: AdminThread;
  /** The author's earlier comments (same e-mail address), newest first; empty when they gave none. */
  earlier: AdminComment[];
  /** Readers' reports, oldest first. */
  reports: AdminReport[];
}

/** The answer to an action on one comment or to an edit. */
export interface CommentActionResponse {
  comment: AdminComment;
  counts: AdminCounts;
}

/** `POST /admin/api/comments/bulk` body: one action for many comments. */
export interface BulkActionRequest {
  action: AdminAction;
  ids: string[];
}

/** `POST /admin/api/comments/bulk` answer: which comments the action reached, and which no longer exist. */
export interface BulkActionResponse {
  done: string[];
  notFound: string[];
  counts: AdminCounts;
}

/** `PATCH /admin/api/comments/{id}` body: a moderator's correction of the text. */
export interface EditTextRequest {
  text: string;
}

/**
 * A reference from another website (a received Webmention or Pingback) as moderators see it: what its source says
 * once verified, where it stands in the queue of verification, who sent it, and why it has its status.
 */
export interface AdminReference {
  id: string;
  /** The thread key of the page it answers. */
  thread: string;
  /** The page it links to, as the sender named it (without fragment). */
  target: string;
  /** The page that links to it: what was verified. */
  source: string;
  via: 'webmention' | 'pingback';
  /** Where it stands: waiting to be verified, verified (then it has a status), refused, or removed since. */
  state: MentionState;
  /** Once verified: whether it is shown (`published`), awaits a moderator, or was filed as spam or deleted. */
  status: AdminStatus | null;
  /**
   * Why it has its state or status: a refusal's reason (`no_link`, `source_gone`…), or the moderation's ("held:
   * first reference from other.example", "spam: marked by a moderator"); `null` when there is nothing to say.
   */
  reason: string | null;
  /** What went wrong reading its source (an HTTP status, a network error), for moderators; else `null`. */
  detail: string | null;
  /** The source's host, which `first-time` moderation trusts once one of its references is published. */
  sourceHost: string;
  /** The address the mention was sent from, `null` when not known. Never in any public answer. */
  senderIp: string | null;
  /** What it is to the page, as its source says; `null` before it was verified. */
  kind: ReferenceKind | null;
  /** The response's own address (its h-entry's `url`), else `null`: then `source` is its address. */
  url: string | null;
  title: string | null;
  author: { name: string | null; url: string | null; photo: string | null };
  /** Plain text, at most 300 characters. */
  excerpt: string | null;
  /** When the source says it was published, else when it was first verified; `null` before. */
  publishedAt: string | null;
  /** Tries at fetching its source that failed so far (a queued mention is retried with a growing pause). */
  attempts: number;
  /** When it was first received; a mention sent again keeps it. */
  createdAt: string;
  /** When its state last changed. */
  updatedAt: string;
  verifiedAt: string | null;
  /** When a moderator last changed its status, or `null`. */
  moderatedAt: string | null;
}

/** `GET /admin/api/references` answer: a page of references, newest first. */
export interface ReferenceListResponse {
  references: AdminReference[];
  /** Pass as `before` for the next page; `null` on the last. */
  next: string | null;
  counts: AdminCounts;
}

/**
 * `PATCH /admin/api/references/{id}` body: a moderator's decision on a verified reference. `published` shows it on
 * its page, `pending` holds it (back in the queue), `spam` and `deleted` take it down (both can be undone).
 */
export interface ReferenceChangeRequest {
  status: AdminStatus;
}

/** `PATCH /admin/api/references/{id}` answer: the reference as it is now. */
export interface ReferenceActionResponse {
  reference: AdminReference;
  counts: AdminCounts;
}

/** `PATCH /admin/api/threads` body: what to change of one thread. */
export interface ThreadChangeRequest {
  key: string;
  locked?: boolean;
  /** `null`: follow the server's mode again. */
  moderation?: AdminModerationMode | null;
}

/** `GET` and `PATCH /admin/api/threads` answer. */
export interface ThreadResponse {
  thread: AdminThread;
}

/** `GET` and `PATCH /admin/api/site` answer: the switches of the whole site. */
export interface SiteResponse {
  /** Whether the site takes no new comments, edits or reports. */
  readOnly: boolean;
  /** The server's moderation mode (`--moderation`). */
  moderation: AdminModerationMode;
  /** The site's URL that thread keys are paths of (`--site-url`), or `null`. */
  siteUrl: string | null;
}

/** `PATCH /admin/api/site` body. */
export interface SiteChangeRequest {
  readOnly: boolean;
}

/** What a rule matches in a new comment: a word or phrase, a link's domain, the e-mail, the name, the IP. */
export const ruleKinds = ['word', 'domain', 'email', 'name', 'ip'] as const;
export type AdminRuleKind = (typeof ruleKinds)[number];

/** What a match does: spam, hold for a moderator, or publish at once (the allow-list). */
export const ruleActions = ['spam', 'pending', 'publish'] as const;
export type AdminRuleAction = (typeof ruleActions)[number];

/** One entry of the block- and allow-list. */
export interface AdminRule {
  id: string;
  kind: AdminRuleKind;
  pattern: string;
  action: AdminRuleAction;
  note: string | null;
  createdAt: string;
}

/** `POST /admin/api/rules` body. */
export interface NewRuleRequest {
  kind: AdminRuleKind;
  pattern: string;
  action: AdminRuleAction;
  note?: string | null;
}

/** `GET /admin/api/rules` answer, oldest first. */
export interface RuleListResponse {
  rules: AdminRule[];
}

/** `POST /admin/api/rules` answer. */
export interface RuleResponse {
  rule: AdminRule;
}

/**
 * The admin API's error codes: protocol v1's, and `unauthorized` (401: no valid session, or a wrong password).
 * A state-changing request without the session's CSRF token is 403 `forbidden`.
 */
export type AdminErrorCode = ErrorCode | 'unauthorized';

/** The statuses of the codes only the admin API uses. */
export const adminErrorStatus = { unauthorized: 401 } as const satisfies Partial<
  Record<AdminErrorCode, number>
>;

/** The error shape of the admin API: protocol v1's, with its codes. */
export interface AdminErrorResponse {
  error: { code: AdminErrorCode; message: string; field?: string };
}
