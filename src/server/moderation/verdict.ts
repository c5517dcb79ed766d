import type { NewComment } from '../../protocol/types.js';
import type { ModerationMode, StoredComment, StoredStatus, StoredThread } from '../storage/store.js';

/** A new comment, or an edit, as the moderation layers see it. */
export interface Submission {
  /** The comment as normalised; for an edit, the stored comment with its new text. */
  comment: NewComment;
  /** The comment as stored before this edit; absent for a new comment. */
  previous?: StoredComment;
  thread: StoredThread;
  /** The moderation mode that applies: the thread's own, or the server's. */
  mode: ModerationMode;
  /** The client's address, as the rate limiter sees it; absent when the runtime cannot tell. */
  clientAddress?: string;
  /** The request's `User-Agent` and `Referer`, which spam services weigh. */
  userAgent?: string;
  referrer?: string;
  /** The protocol's optional anti-spam members of the body (docs/protocol.md): absent when the client sent none. */
  formToken?: string;
  honeypot?: string;
  /** The trust token the author's client kept from an earlier approved comment. */
  trust?: string;
  /** A reference from another website, not a comment: how it came (its `comment` is made from its source). */
  via?: 'webmention' | 'pingback';
  /** The comment's id: the one it will have when stored, for a new comment. */
  id: string;
  /** When the comment was posted (ISO 8601): now, for a new comment. */
  createdAt: string;
  /** Milliseconds since the epoch, now. */
  now: number;
}

/** What becomes of a comment, and why (shown to moderators: "held: 4 links", "spam: honeypot"). */
export interface Verdict {
  status: StoredStatus;
  reason: string | null;
}

/**
 * One layer of spam defence or moderation: a verdict that settles the comment, or `undefined` to leave it to the
 * next layer. The last layer, the moderation mode, always decides.
 */
export type ModerationLayer = (submission: Submission) => Verdict | undefined | Promise<Verdict | undefined>;

/** The longest reason the store keeps. */
const reasonLength = 500;

/** A reason as moderators read it, `outcome: why`, cut to what the store keeps. */
function reasonOf(outcome: string, why: string): string {
  const reason = `${outcome}: ${why}`;
  return reason.length > reasonLength ? `${reason.slice(0, reasonLength - 1)}…` : reason;
}

/** Sends a comment to spam: `spam("honeypot")` is "spam: honeypot". */
export function spam(why: string): Verdict {
  return { status: 'spam', reason: reasonOf('spam', why) };
}

/** Holds a comment for a moderator: `held("4 links")` is "held: 4 links". */
export function held(why: string): Verdict {
  return { status: 'pending', reason: reasonOf('held', why) };
}

/** Publishes a comment, saying why when a layer, not the mode, decided it. */
export function published(why?: string): Verdict {
  return { status: 'published', reason: why === undefined ? null : reasonOf('published', why) };
}
