import type { StoredComment } from './storage/store.js';

/** What happened to a comment: the moments site owners are told of (notifications) and may act on. */
export type CommentEventType =
  /** Posted and published at once. */
  | 'published'
  /** Posted (or edited) and held for a moderator. */
  | 'held'
  /** Posted (or edited) and sent to spam by a rule or a spam defence. */
  | 'spam'
  /** Published by a moderator. */
  | 'approved'
  /** Marked as spam, deleted or restored by a moderator. */
  | 'moderated'
  /** Reported by a reader. */
  | 'reported';

export interface CommentEvent {
  type: CommentEventType;
  /** The comment as it is after the event. */
  comment: StoredComment;
  /** Why, when there is a reason: "held: 4 links". */
  reason: string | null;
  /** Milliseconds since the epoch. */
  at: number;
}

/** Something that wants to know what happens to comments. It must not throw, and must not make anyone wait. */
export type CommentListener = (event: CommentEvent) => void;

/**
 * The comment events of one app: routes and the admin page emit, notifications listen. A listener's failure is
 * its own: it never fails the request that emitted.
 */
export class CommentEvents {
  readonly #listeners = new Set<CommentListener>();

  /** Calls `listener` for every event from now on; returns the function that stops it. */
  listen(listener: CommentListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(event: CommentEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch {
        // A listener that throws has broken its own contract; the comment is saved whatever it does.
      }
    }
  }
}

/** The event a new or edited comment's status stands for. */
export function eventTypeOf(status: StoredComment['status']): CommentEventType {
  return status === 'published' ? 'published' : status === 'spam' ? 'spam' : 'held';
}
