import { HttpError } from './http-error.js';
import type { RateCounter } from './storage/rate-counts.js';

export interface RateLimiterOptions {
  /** Where the counts live: the store's `rate_counts`, shared by every instance on the database. */
  counter: RateCounter;
  /** Writes a key may make per minute. */
  perMinute: number;
  /**
   * Most keys this instance remembers as refused, so that a client hammering past its limit costs no query until
   * it may write again. Past it, a refused key is asked about in the store each time: memory stays bounded.
   */
  maxRemembered?: number;
  now?: () => number;
}

/** Counts writes per key and refuses those past the limit. */
export interface RateLimiter {
  /** Counts one write against `key`; rejects with 429 `rate_limited` and `Retry-After` past the limit. */
  take(key: string): Promise<void>;
}

const windowMs = 60_000;

/**
 * A sliding-window limit shared by every instance on one database: per key and minute, `counter` keeps a count
 * every instance adds to, and a write is allowed while the previous minute's count, weighted by how much of it the
 * last 60 seconds still cover, plus this minute's stays within `perMinute`. A refused write counts too, once per
 * instance per wait: the wait it is told (`Retry-After`) covers it.
 *
 * The counter forgets minutes older than the previous one whenever an instance sees a new minute begin, so the
 * table holds at most two minutes of keys, however many strangers write. When the store cannot count, the write
 * fails with the store (503 `unavailable`), as it would have when storing the comment: there is no local fallback
 * that would let a flood through exactly while the database struggles.
 */
export function createRateLimiter({
  counter,
  perMinute,
  maxRemembered = 10_000,
  now = Date.now,
}: RateLimiterOptions): RateLimiter {
  let lastWindow = Number.NEGATIVE_INFINITY;
  /** Keys refused, and when they may write again at the earliest. */
  const refusedUntil = new Map<string, number>();

  const refuse = (key: string, until: number, time: number) => {
    if (refusedUntil.has(key) || refusedUntil.size < maxRemembered) refusedUntil.set(key, until);
    throw new HttpError('rate_limited', 'Too many requests; try again later', undefined, {
      'Retry-After': String(Math.max(1, Math.ceil((until - time) / 1000))),
    });
  };

  return {
    async take(key) {
      const time = now();
      const known = refusedUntil.get(key);
      if (known !== undefined && known > time) refuse(key, known, time);
      const window = Math.floor(time / windowMs);
      if (window !== lastWindow) {
        lastWindow = window;
        for (const [refused, until] of refusedUntil) if (until <= time) refusedUntil.delete(refused);
        // Any instance may prune; one that fails now prunes at the next minute, and the write goes on.
        await counter.prune(window - 1).catch(() => {});
      }
      const { current, previous } = await counter.hit(key, window);
      const elapsed = (time - window * windowMs) / windowMs;
      // `current` holds this write.
      if (previous * (1 - elapsed) + current <= perMinute) {
        refusedUntil.delete(key);
        return;
      }
      const waitMs = msUntilAllowed(perMinute, previous, current, elapsed);
      // Whole seconds, rounded up: told to come back after N seconds, a client that does is let in.
      refuse(key, time + Math.max(1, Math.ceil(waitMs / 1000)) * 1000, time);
    },
  };
}

/**
 * How long, with no further writes, until one more is allowed: within this minute once the previous minute's
 * weight has shrunk enough, or else in the next, where this minute's count is the one that shrinks.
 */
function msUntilAllowed(limit: number, previous: number, current: number, elapsed: number): number {
  if (current + 1 <= limit && previous > 0) {
    const fraction = 1 - (limit - current - 1) / previous;
    if (fraction < 1) return Math.max(0, fraction - elapsed) * windowMs;
  }
  const fractionOfNext = current > 0 ? Math.max(0, 1 - (limit - 1) / current) : 0;
  return (1 - elapsed + fractionOfNext) * windowMs;
}
