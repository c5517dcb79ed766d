import type { Generated } from 'kysely';

/**
 * Tables as both backends store them. Timestamps are ISO 8601 UTC strings of fixed width, so they sort as text;
 * booleans are 0/1 integers, which SQLite and PostgreSQL read alike.
 */
export interface Database {
  threads: ThreadsTable;
  comments: CommentsTable;
  reports: ReportsTable;
  rules: RulesTable;
  settings: SettingsTable;
  admin_sessions: AdminSessionsTable;
  deliveries: DeliveriesTable;
  rate_counts: RateCountsTable;
  mentions: MentionsTable;
  reply_subscriptions: ReplySubscriptionsTable;
  reply_send_slots: ReplySendSlotsTable;
  post_keys: PostKeysTable;
}

export interface ThreadsTable {
  key: string;
  /** Listed comments, kept in the same transaction as every change to them: counts cost one row read. */
  published_count: Generated<number>;
  locked: Generated<number>;
  created_at: string;
  /** The moderation mode of this thread when it differs from the server's (`open`, `first-time`, `all`). */
  moderation: string | null;
  /** Published references, kept in the same transaction as every change to them, like `published_count`. */
  reference_count: Generated<number>;
}

export interface CommentsTable {
  id: string;
  thread_key: string;
  parent_id: string | null;
  /** Order key of the top-level comment this one belongs to: `createdAt|id`. */
  root_key: string;
  /**
   * Order key within its top-level comment: the chain of `createdAt|id` from the top-level comment down, at most
   * `maxStoredDepth` keys long (thread-order.ts).
   */
  path: string;
  author_name: string;
  author_email: string | null;
  author_url: string | null;
  text: string;
  /** `published` and `pending` as the protocol says; `spam` and `deleted` (by a moderator) are never public. */
  status: 'published' | 'pending' | 'spam' | 'deleted';
  /**
   * 1 when the comment is public: it and every comment above it are published (docs/protocol.md#visibility).
   * Kept in the same transaction as every change of status; listings and counts read only this.
   */
  listed: number;
  created_at: string;
  edited_at: string | null;
  /** SHA-256 of the author's secret, base64url; the secret itself is never stored. */
  secret_hash: string;
  editable_until: string;
  /** Why the comment has its status, for moderators: "held: 4 links", "spam: honeypot". */
  reason: string | null;
  /** The address the comment was posted from, for moderators (block-lists, abuse) and never anyone else. */
  author_ip: string | null;
  /** Readers' reports so far; enough of them hold the comment. */
  report_count: Generated<number>;
  /** When a moderator (or a rule) last changed the status. */
  moderated_at: string | null;
  /**
   * 1 for a comment its author deleted while listed replies answered it: a placeholder, listed with them, its text,
   * name, addresses and URL wiped, counted nowhere.
   */
  deleted: Generated<number>;
  /** Readers' likes; who liked is not stored. */
  likes: Generated<number>;
  /**
   * On a top-level comment: the listed replies of its conversation at every depth, placeholders not counted (sorting
   * by replies reads it); 0 on replies. Kept in the same transaction as every change to them.
   */
  reply_count: Generated<number>;
}

/** A reader's report of a comment: one per comment and client. */
export interface ReportsTable {
  id: string;
  comment_id: string;
  /** `spam`, `abuse` or `off_topic`. */
  reason: string;
  /** Who reported, as the rate limiter counts clients (an address or network); one report each. */
  client_key: string;
  created_at: string;
}

/** The site owner's block- and allow-list: what a new comment is matched against. */
export interface RulesTable {
  id: string;
  /** What is matched: `word`, `domain`, `email`, `name` or `ip` (an address or a CIDR range). */
  kind: string;
  pattern: string;
  /** What a match does: `spam`, `pending`, or `publish` (an allow-list entry). */
  action: string;
  note: string | null;
  created_at: string;
}

/** The server's own state that all instances share: the admin password's hash, signing keys, read-only. */
export interface SettingsTable {
  key: string;
  value: string;
}

/** A moderator's signed-in session; the cookie holds the id, the table only its hash. */
export interface AdminSessionsTable {
  id_hash: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

/** A notification to send (e-mail or webhook), kept until delivered so that a crash or an outage loses none. */
export interface DeliveriesTable {
  id: string;
  /** `email` or `webhook` (the site owner's), or `reply` (a guest's reply notification). */
  channel: string;
  /** The message, as JSON. */
  payload: string;
  attempts: Generated<number>;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

/** Writes per client (or thread) and minute, counted in the database so that every instance sees them. */
export interface RateCountsTable {
  key: string;
  /** The minute since the epoch the count belongs to. */
  window: number;
  count: number;
}

/**
 * A Webmention or Pingback received: a durable queue entry while `queued`, then the reference it became (or why
 * not). One row per source and target: a mention sent again updates it.
 */
export interface MentionsTable {
  id: string;
  /** SHA-256 of `source` and `target`, base64url: unique, and short enough for any index. */
  pair_hash: string;
  source: string;
  /** The target without its fragment. */
  target: string;
  thread_key: string;
  /** `webmention` or `pingback`. */
  via: string;
  /** `queued`, `verified`, `refused` or `removed`. */
  state: string;
  /** With `verified`: the moderation status (`published`, `pending`, `spam`, `deleted`). */
  status: string | null;
  /** Why it is refused or removed (a MentionReason), or why it has its moderation status ("held: …"). */
  reason: string | null;
  /** What went wrong when fetching the source, for moderators. */
  detail: string | null;
  /** The source's host name: the rate limit's key and, under `first-time`, what a moderator's approval trusts. */
  source_host: string;
  /** The address the mention was sent from, for moderators and address rules. */
  sender_ip: string | null;
  /** 1 when verified and published: listings and counts read only this. */
  listed: Generated<number>;
  kind: string | null;
  url: string | null;
  title: string | null;
  author_name: string | null;
  author_url: string | null;
  author_photo: string | null;
  excerpt: string | null;
  published_at: string | null;
  attempts: Generated<number>;
  /** While queued: when to verify it (a worker's lease pushes it on). */
  next_attempt_at: string | null;
  created_at: string;
  updated_at: string;
  verified_at: string | null;
  moderated_at: string | null;
}

/** A guest's wish to be e-mailed about replies to their comment (docs/notifications.md); one per comment. */
export interface ReplySubscriptionsTable {
  id: string;
  comment_id: string;
  /** HMAC-SHA256 of the normalized address under the server's address key, base64url: never the address. */
  address_hash: string;
  /** The address, sealed with AES-GCM under the same key, which a notification opens to send. */
  sealed_address: string;
  created_at: string;
  /** When the guest clicked the confirmation link; `null` until then, and nothing but that link is sent. */
  confirmed_at: string | null;
}

/**
 * One of the messages an address may get per hour: `limit` slots per address, each free once it was last used an
 * hour ago. Taking one is a conditional update of one row, so that instances sharing a database never go over.
 */
export interface ReplySendSlotsTable {
  address_hash: string;
  slot: number;
  used_at: string;
}

/**
 * A post's idempotency key (docs/protocol.md#idempotency-keys), kept until `expires_at`: a repeat of the post finds
 * its comment by it. Never exported: a key outlives its post by a day at most.
 */
export interface PostKeysTable {
  /** SHA-256 of the key, base64url: never the key, which derives the post's secret. */
  key_hash: string;
  comment_id: string;
  /** SHA-256 of the post's content as normalised, base64url: a repeat must carry the same. */
  fingerprint: string;
  expires_at: string;
}
