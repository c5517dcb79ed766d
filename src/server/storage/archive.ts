import type { MentionVia } from './mentions.js';
import type { Rule } from './rules.js';
import type { SettingKey } from './settings.js';
import type { ModerationMode, StoredComment, StoredReport, StoredStatus } from './store.js';
import type { ReplySubscription } from './subscriptions.js';

/**
 * What a store holds that belongs to the site, one record per row, as `natter export` writes it and
 * `natter import natter` reads it back (docs/backup.md#the-export-format). Only facts: what the store derives from
 * them (a comment's place in the thread order and whether it is listed, the counts of threads and conversations,
 * a mention's pair hash) is derived again on restore. Sign-in sessions, rate counts (the sending slots of reply
 * notifications among them), queued notifications and the idempotency keys of the last day's posts (read only by a
 * client sending a post again whose answer it lost, minutes later) are the running server's, not the site's, and are
 * not archived.
 */
export type ArchiveRecord =
  | SettingRecord
  | RuleRecord
  | ThreadRecord
  | CommentRecord
  | ReportRecord
  | SubscriptionRecord
  | MentionRecord;

/** The kinds of record, in the order an archive holds them: whatever a record names comes before it. */
export const archiveRecordTypes = [
  'setting',
  'rule',
  'thread',
  'comment',
  'report',
  'subscription',
  'mention',
] as const;

export type ArchiveRecordType = (typeof archiveRecordTypes)[number];

/**
 * The settings an archive carries: every one there is, as each belongs to the site (see settings.ts). Without its
 * keys a restored site would sign everyone out of their trust, draw other avatars, and could not open the
 * addresses its reply subscriptions hold.
 */
export const archivedSettingKeys = [
  'admin_password_hash',
  'signing_key',
  'read_only',
  'avatar_salt',
  'address_key',
  'post_secret_key',
] as const;

// A setting added to settings.ts and not here fails to compile: decide whether it belongs to the site.
const everySetting: Record<SettingKey, true> = Object.fromEntries(
  archivedSettingKeys.map((key) => [key, true]),
) as Record<(typeof archivedSettingKeys)[number], true>;
void everySetting;

export interface SettingRecord {
  type: 'setting';
  key: SettingKey;
  value: string;
}

export type RuleRecord = { type: 'rule' } & Rule;

/** A thread's own state; its counts are derived from its comments and mentions. */
export interface ThreadRecord {
  type: 'thread';
  key: string;
  createdAt: string;
  isLocked: boolean;
  moderation: ModerationMode | null;
}

/** A comment with everything stored of it but its conversation's reply count, which is derived. */
export type CommentRecord = { type: 'comment' } & Omit<StoredComment, 'replyCount'>;

export type ReportRecord = { type: 'report' } & StoredReport;

/** A guest's wish to hear of replies to their comment: the address as the store keeps it, hashed and sealed. */
export type SubscriptionRecord = { type: 'subscription' } & ReplySubscription;

/** A received Webmention or Pingback with what its source said, column for column (a queued one says nothing yet). */
export interface MentionRecord {
  type: 'mention';
  id: string;
  source: string;
  target: string;
  thread: string;
  via: MentionVia;
  state: 'queued' | 'verified' | 'refused' | 'removed';
  status: StoredStatus | null;
  reason: string | null;
  detail: string | null;
  sourceHost: string;
  senderIp: string | null;
  kind: string | null;
  url: string | null;
  title: string | null;
  authorName: string | null;
  authorUrl: string | null;
  authorPhoto: string | null;
  excerpt: string | null;
  publishedAt: string | null;
  attempts: number;
  nextAttemptAt: string | null;
  createdAt: string;
  updatedAt: string;
  verifiedAt: string | null;
  moderatedAt: string | null;
}

/** How many records of each kind were read or written. */
export type ArchiveCounts = Record<ArchiveRecordType, number>;

/**
 * A record that cannot be restored as it stands: a reply to a comment the archive does not hold, a second record
 * with one id. `record` is its place in the stream (1 for the first record), for the caller to turn into a line.
 */
export class ArchiveRecordError extends Error {
  override name = 'ArchiveRecordError';

  constructor(
    message: string,
    readonly record: number,
  ) {
    super(message);
  }
}

/** A restore into a store that holds comments, threads, rules or references already: it would mix two sites. */
export class ArchiveTargetNotEmptyError extends Error {
  override name = 'ArchiveTargetNotEmptyError';

  constructor() {
    super('the store is not empty');
  }
}

/** The whole of a store, out and back in: `natter export` and `natter import natter`. */
export interface ArchiveStore {
  /**
   * Whether the store holds no thread, comment, report, rule or mention: what a restore needs. Settings do not
   * count (a server started once on the new database has made its keys); a restore replaces them.
   */
  isEmpty(): Promise<boolean>;
  /**
   * Hands every record to `take`, awaiting each (so a slow reader holds the store back, and memory stays flat), in
   * the order of `archiveRecordTypes` and within each kind in an order that gives the same archive from the same
   * data on either backend; comments come parents first. Reads one snapshot: writes meanwhile are not seen.
   */
  readAll(take: (record: ArchiveRecord) => Promise<void>): Promise<void>;
  /**
   * Writes `records` into the store in one transaction, deriving what the store derives: all or nothing. Refuses
   * (`ArchiveRecordError`) a record that names what came not before it, repeats an id, or comes out of the order of
   * `archiveRecordTypes`; throws `ArchiveTargetNotEmptyError` when the store is not empty.
   */
  restore(records: AsyncIterable<ArchiveRecord>): Promise<ArchiveCounts>;
}
