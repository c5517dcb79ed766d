import { Listeners } from '../events.js';

/** A comment that has just become public: enough for every instance to read it again and tell its streams. */
export interface PublishedNotice {
  thread: string;
  id: string;
}

/** Called with each notice; must not throw. */
export type NoticeListener = (notice: PublishedNotice) => void;

/** Called when the bus may have missed notices; must not throw. */
export type GapListener = () => void;

/**
 * How the live streams of every instance on one database learn that a comment was published, without polling. The
 * app announces its own comments; the runtime's adapter provides the bus: in process by default, PostgreSQL's
 * LISTEN/NOTIFY on Node when several instances share a PostgreSQL database (node/postgres-stream-bus.ts).
 */
export interface StreamBus {
  /** Tells the listeners of this instance at once, and those of the others when the bus reaches them. */
  announce(notice: PublishedNotice): void;
  /** Calls `listener` for every notice from now on; returns the function that stops it. */
  listen(listener: NoticeListener): () => void;
  /**
   * Calls `listener` each time the bus may have missed notices of other instances (its connection to them was lost
   * and is back: notices from now on arrive again); returns the function that stops it. A bus that never misses
   * any, such as the one of a single process, leaves it out.
   */
  listenForGaps?(listener: GapListener): () => void;
}

/** The bus of one process: enough for one instance, and for SQLite, which one process serves. */
export function localStreamBus(): StreamBus {
  const listeners = new Listeners<PublishedNotice>();
  return { announce: (notice) => listeners.tell(notice), listen: (listener) => listeners.add(listener) };
}
