import type { Context, MiddlewareHandler } from 'hono';
import { HttpError } from '../http-error.js';

export interface RateLimitOptions {
  /** Requests a client may make per minute. */
  perMinute: number;
  /** Who is asking: the client's address (or network). */
  clientKey: (c: Context) => string;
  /**
   * Most clients counted one by one in a minute. Past it, further new clients share one count, so a flood of
   * distinct addresses costs bounded memory and is itself limited, while clients already counted keep theirs.
   */
  maxClients?: number;
  now?: () => number;
}

/** The count that new clients share once a minute has seen `maxClients` of them. */
const overflowKey = '\0overflow';

/**
 * A per-client sliding-window limit (the previous minute's count weighted by how much of it still overlaps),
 * answering 429 with `Retry-After` in seconds. Kept in memory: with several instances, each limits on its own.
 */
export function rateLimit({
  perMinute,
  clientKey,
  maxClients = 100_000,
  now = Date.now,
}: RateLimitOptions): MiddlewareHandler {
  const windowMs = 60_000;
  let windowIndex = -1;
  let current = new Map<string, number>();
  let previous = new Map<string, number>();

  return async (c, next) => {
    const time = now();
    const index = Math.floor(time / windowMs);
    if (index !== windowIndex) {
      // Older windows are dropped whole, so memory is bounded by the clients of the last two minutes.
      previous = index === windowIndex + 1 ? current : new Map();
      current = new Map();
      windowIndex = index;
    }
    const client = clientKey(c);
    const key = current.has(client) || current.size < maxClients ? client : overflowKey;
    const elapsed = (time % windowMs) / windowMs;
    const used = (previous.get(key) ?? 0) * (1 - elapsed) + (current.get(key) ?? 0);
    if (used >= perMinute) {
      const retryAfter = Math.max(1, Math.ceil((windowMs - (time % windowMs)) / 1000));
      throw new HttpError('rate_limited', 'Too many requests; try again later', undefined, {
        'Retry-After': String(retryAfter),
      });
    }
    current.set(key, (current.get(key) ?? 0) + 1);
    return next();
  };
}
