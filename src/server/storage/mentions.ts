import type { MentionReason, MentionState } from '../../protocol/types.js';
import type { SourceEntry } from '../webmention/source-page.js';
import type { StatusChange, StoredStatus } from './store.js';

/** How a mention came: the Webmention endpoint or the Pingback one. */
export type MentionVia = 'webmention' | 'pingback';

/** A received Webmention or Pingback as stored: its place in the queue, then the reference it became. */
export interface StoredMention {
  id: string;
  source: string;
  /** The target page, without fragment. */
  target: string;
  thread: string;
  via: MentionVia;
  state: MentionState;
  /** Once verified: its moderation status; `null` before. */
  status: StoredStatus | null;
  /** Why it is refused or removed (a MentionReason), or why it has its status ("held: first reference from …"). */
  reason: string | null;
  /** What went wrong fetching the source, for moderators. */
  detail: string | null;
  sourceHost: string;
  senderIp: string | null;
  /** What the source said when last verified; `null` before. */
  entry: SourceEntry | null;
  attempts: number;
  /** While queued: when it is (next) due. */
  nextAttemptAt: string | null;
  createdAt: string;
  updatedAt: string;
  verifiedAt: string | null;
  moderatedAt: string | null;
}

/** A mention as received, before anything is known of its source. */
export interface ReceivedMention {
  id: string;
  source: string;
  target: string;
  thread: string;
  via: MentionVia;
  sourceHost: string;
  senderIp: string | null;
  at: string;
}

/** A verified source: what it says, and the status moderation gave it. */
export interface Verification {
  entry: SourceEntry;
  status: StoredStatus;
  reason: string | null;
  at: string;
}

/** Which mentions a moderator looks at, newest first. */
export interface MentionQuery {
  statuses?: readonly StoredStatus[];
  states?: readonly MentionState[];
  thread?: string;
  /** Only mentions received before this one (`createdAt|id`), for the next page. */
  before?: string;
  limit: number;
}

/** The most queued mentions there may be before one more is refused: of its source's host, and in all. */
export interface QueueBounds {
  perHost: number;
  total: number;
}

/** The queue is as full as its bounds allow, for the mention's source host (`host`) or for everyone (`all`). */
export class QueueFullError extends Error {
  constructor(readonly scope: 'host' | 'all') {
    super(
      scope === 'host' ? "The queue holds as many of this host's mentions as it may" : 'The queue is full',
    );
    this.name = 'QueueFullError';
  }
}

/**
 * Received mentions: the durable queue of their verification (a crash or a restart loses none: a claimed mention
 * whose worker died is claimed again when its lease ends) and the references they become. Each change that shows
 * or hides a reference keeps its thread's count in the same transaction.
 */
export interface MentionStore {
  /**
   * Queues a mention, due at once. A mention of the same source and target is the same one, sent again: it keeps
   * its id and is queued again, to be verified anew. With `bounds`, rejects with `QueueFullError` instead when the
   * queue already holds as many as they allow: counted and queued as one step, so that concurrent senders, on any
   * instance, cannot all pass the count before any of them is queued.
   */
  receive(mention: ReceivedMention, bounds?: QueueBounds): Promise<StoredMention>;
  get(id: string): Promise<StoredMention | undefined>;
  /** Up to `limit` queued mentions due at `now`, oldest first, each leased to the caller until `leaseUntil`. */
  claim(now: string, leaseUntil: string, limit: number): Promise<StoredMention[]>;
  /** Leaves a queued mention for later (its source was unreachable, or its host's rate is spent). */
  postpone(id: string, retryAt: string, detail: string | null, isAttempt: boolean): Promise<void>;
  /**
   * Stores what a verified source says and its status. A mention verified before keeps the status a moderator or
   * the pipeline gave it unless `verification.status` is further from published (a source may lose, never gain).
   */
  verify(id: string, verification: Verification): Promise<StoredMention | undefined>;
  /**
   * Refuses a mention (`refused`), or removes a verified one whose source no longer links or is gone (`removed`):
   * it leaves the page.
   */
  refuse(
    id: string,
    reason: MentionReason,
    detail: string | null,
    at: string,
  ): Promise<StoredMention | undefined>;
  /** A verified mention whose retries ran out while its source was unreachable: verified as it was. */
  keepVerified(id: string, detail: string | null, at: string): Promise<void>;
  /** A moderator's (or a rule's) decision about a verified mention. */
  setStatus(id: string, change: StatusChange): Promise<StoredMention | undefined>;
  /** The published references of a thread, oldest first, at most `limit`. */
  listPublished(thread: string, limit: number): Promise<StoredMention[]>;
  /** Mentions for moderators, newest first. */
  find(query: MentionQuery): Promise<StoredMention[]>;
  /** Whether a reference from this host was ever published and still is (what `first-time` trusts). */
  hasPublishedFromHost(host: string): Promise<boolean>;
  /** Verified mentions waiting for a moderator: the admin page's badge. */
  countPending(): Promise<number>;
  /** Queued mentions, of one source host or of all. */
  countQueued(sourceHost?: string): Promise<number>;
  /** Mentions of a thread that are queued or verified: what a thread holds. */
  countInThread(thread: string): Promise<number>;
}
