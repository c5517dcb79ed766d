import type { Context, MiddlewareHandler } from 'hono';
import type { RateLimiter } from '../rate-limiter.js';

export interface RateLimitOptions {
  /** The limit, shared by every instance on the database (rate-limiter.ts). */
  limiter: RateLimiter;
  /** Who is asking: the client's address (or network). */
  clientKey: (c: Context) => string;
}

/** The rate limiter's key of a client's writes, wherever they are counted. */
export function clientLimitKey(clientKey: string): string {
  return `client:${clientKey}`;
}

/**
 * Counts each request against its client (`client:` and its key) and answers 429 with `Retry-After` past the
 * limit, before the request is read.
 */
export function rateLimit({ limiter, clientKey }: RateLimitOptions): MiddlewareHandler {
  return async (c, next) => {
    await limiter.take(clientLimitKey(clientKey(c)));
    return next();
  };
}
