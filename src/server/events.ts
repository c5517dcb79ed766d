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
 * Listeners called in turn, each with every value told from when it was added. A listener must not throw; one
 * that does has broken only its own contract: the others are still told, and the teller never fails.
 */
export class Listeners<T> {
  readonly #listeners = new Set<(value: T) => void>();

  /** Calls `listener` with every value from now on; returns the function that stops it. */
  add(listener: (value: T) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  tell(value: T): void {
    for (const listener of this.#listeners) {
      try {
        listener(value);
      } catch {
        // The value reaches the others whatever one listener does.
      }
    }
  }
}

/**
 * The comment events of one app: routes and the admin page emit, notifications listen. A listener's failure is
 * its own: it never fails the request that emitted (the comment is saved whatever it does).
 */
export class CommentEvents {
  readonly #listeners = new Listeners<CommentEvent>();

  /** Calls `listener` for every event from now on; returns the function that stops it. */
  listen(listener: CommentListener): () => void {
    return this.#listeners.add(listener);
  }

  emit(event: CommentEvent): void {
    this.#listeners.tell(event);
  }
}

/** The event a new or edited comment's status stands for. */
export function eventTypeOf(status: StoredComment['status']): CommentEventType {
  return status === 'published' ? 'published' : status === 'spam' ? 'spam' : 'held';
}
