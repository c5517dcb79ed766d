import { retryDelayAfter } from './backoff.js';
import type { DeliveryReport } from './notifier.js';

/**
 * What a notifier has under way in the background: events on their way into the durable queue, and rounds of
 * sending. The site owner's notifier and the guests' reply notifier share it, so that both stop alike.
 */
export interface BackgroundWork {
  /** Aborted by `close()`: sends in flight stop, to be tried again. */
  readonly signal: AbortSignal;
  /** Puts an event into the queue in the background (`promise` handles its own failure). */
  queue(promise: Promise<unknown>): void;
  /** Runs a round of sending; none once closed. */
  round(work: () => Promise<DeliveryReport>): Promise<DeliveryReport>;
  /** Resolves once every event so far is in the queue. */
  flush(): Promise<void>;
  /** Calls `stopListening`, aborts the sends in flight and waits for what was under way. */
  close(stopListening: () => void): Promise<void>;
  /**
   * When a delivery that has now failed `failures` times is tried again (ISO 8601), or `null` once it is given up.
   * One cut short by `close()` is tried again at once (by this server when it is back, or another).
   */
  retryAt(failures: number, now: number): string | null;
}

/** A notifier's background work, nothing under way yet. */
export function backgroundWork(): BackgroundWork {
  const stopping = new AbortController();
  const queuing = new Set<Promise<unknown>>();
  const sending = new Set<Promise<unknown>>();
  const track = <T>(into: Set<Promise<unknown>>, promise: Promise<T>): Promise<T> => {
    into.add(promise);
    void promise.finally(() => into.delete(promise)).catch(() => {});
    return promise;
  };
  const settle = async (...sets: Set<Promise<unknown>>[]) => {
    while (sets.some((set) => set.size > 0)) await Promise.allSettled(sets.flatMap((set) => [...set]));
  };
  return {
    signal: stopping.signal,
    queue: (promise) => void track(queuing, promise),
    round(work) {
      if (stopping.signal.aborted) return Promise.resolve({ claimed: 0, delivered: 0, failed: 0, gaveUp: 0 });
      return track(sending, work());
    },
    flush: () => settle(queuing),
    async close(stopListening) {
      stopListening();
      stopping.abort();
      await settle(queuing, sending);
    },
    retryAt(failures, now) {
      const delay = stopping.signal.aborted ? 0 : retryDelayAfter(failures);
      return delay === undefined ? null : new Date(now + delay).toISOString();
    },
  };
}
