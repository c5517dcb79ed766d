import { z } from 'zod';
import type { CommentEvent, CommentEventType } from '../events.js';
import type { StoredComment } from '../storage/store.js';

/**
 * What a notification tells of a comment event: the comment as it was when it happened, taken then and kept in the
 * delivery queue until it is sent, so that a retry a day later still says what happened, not what is true now.
 * It holds the author's e-mail address (the site owner's own data) but never the secret's hash or the IP address.
 */
export interface CommentNotice {
  type: CommentEventType;
  /** When it happened (ISO 8601). */
  at: string;
  /** Why, when there is a reason: "held: 4 links". */
  reason: string | null;
  /** The stored comment's fields that a notice keeps. */
  comment: Pick<StoredComment, NoticeField>;
}

/** The fields of a stored comment a notice keeps: never the secret's hash or the address it came from. */
type NoticeField =
  | 'id'
  | 'thread'
  | 'parent'
  | 'authorName'
  | 'authorEmail'
  | 'authorUrl'
  | 'text'
  | 'status'
  | 'reason'
  | 'createdAt'
  | 'editedAt'
  | 'reportCount';

/** The notice of `event`. */
export function noticeOf(event: CommentEvent): CommentNotice {
  const { comment } = event;
  return {
    type: event.type,
    at: new Date(event.at).toISOString(),
    reason: event.reason,
    comment: {
      id: comment.id,
      thread: comment.thread,
      parent: comment.parent,
      authorName: comment.authorName,
      authorEmail: comment.authorEmail,
      authorUrl: comment.authorUrl,
      text: comment.text,
      status: comment.status,
      reason: comment.reason,
      createdAt: comment.createdAt,
      editedAt: comment.editedAt,
      reportCount: comment.reportCount,
    },
  };
}

/** The page that opens the comment in the admin page: `<public url>/admin#/comment/<id>`. */
export function adminLink(publicUrl: string, commentId: string): string {
  const base = publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`;
  return new URL(`admin#/comment/${encodeURIComponent(commentId)}`, base).href;
}

const noticeSchema = z.object({
  type: z.enum(['published', 'held', 'spam', 'approved', 'moderated', 'reported']),
  at: z.string(),
  reason: z.string().nullable(),
  comment: z.object({
    id: z.string(),
    thread: z.string(),
    parent: z.string().nullable(),
    authorName: z.string(),
    authorEmail: z.string().nullable(),
    authorUrl: z.string().nullable(),
    text: z.string(),
    status: z.enum(['published', 'pending', 'spam', 'deleted']),
    reason: z.string().nullable(),
    createdAt: z.string(),
    editedAt: z.string().nullable(),
    reportCount: z.number(),
  }),
}) satisfies z.ZodType<CommentNotice>;

/** How an e-mail notice is sent: a message of its own, or with the others of its period in a digest. */
export type EmailFormat = 'each' | 'digest';

/** A delivery's payload, as the queue keeps it (JSON). */
export type QueuedNotice = { notice: CommentNotice; format?: EmailFormat };

const queuedSchema = z.object({ notice: noticeSchema, format: z.enum(['each', 'digest']).optional() });

/** The payload a delivery carries, or `undefined` when it is not one this version understands. */
export function readQueuedNotice(payload: string): QueuedNotice | undefined {
  try {
    const parsed = queuedSchema.safeParse(JSON.parse(payload));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
