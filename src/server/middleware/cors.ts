import type { MiddlewareHandler } from 'hono';
import { HttpError } from '../http-error.js';

export interface CorsOptions {
  /** Exact origins (`https://blog.example.com`) allowed to call the API; `*` allows every origin. */
  origins: readonly string[];
  /** Whether `origin` is this server's own (its own pages may always call it). */
  isOwnOrigin: (origin: string, request: Request) => boolean;
  /** Request headers pages may send besides `Content-Type` and `Authorization`. */
  allowHeaders?: readonly string[];
  /** Told of every request from an origin that is not allowed (the operator may have forgotten `--origin`). */
  onRefusedOrigin?: (origin: string) => void;
}

const writeMethods = new Set(['POST', 'PATCH', 'DELETE']);

/**
 * CORS as the protocol specifies (docs/protocol.md#cors): allowed origins get the headers, every other origin
 * gets none, and a write or preflight from an origin that is not allowed is refused with 403 before any work.
 * Every answer varies by `Origin`, whether or not this request had one: a shared cache must never hand the
 * copy made for a request without `Origin` (and so without CORS headers) to a browser.
 */
export function cors({
  origins,
  isOwnOrigin,
  allowHeaders = [],
  onRefusedOrigin,
}: CorsOptions): MiddlewareHandler {
  const allowed = new Set(origins);
  const allowsAll = allowed.has('*');
  const allowedHeaders = ['Content-Type', 'Authorization', ...allowHeaders].join(', ');
  return async (c, next) => {
    c.header('Vary', 'Origin', { append: true });
    const origin = c.req.header('origin');
    const isPreflight =
      c.req.method === 'OPTIONS' && c.req.header('access-control-request-method') !== undefined;
    if (origin === undefined) {
      if (isPreflight) return c.body(null, 204);
      return next();
    }
    const isAllowed = allowsAll || allowed.has(origin) || isOwnOrigin(origin, c.req.raw);
    if (!isAllowed) onRefusedOrigin?.(origin);
    if (!isAllowed && (isPreflight || writeMethods.has(c.req.method))) {
      throw new HttpError('forbidden', `Origin ${origin} may not write to this server`);
    }
    if (isAllowed) {
      c.header('Access-Control-Allow-Origin', allowsAll ? '*' : origin);
      c.header('Access-Control-Expose-Headers', 'Retry-After');
    }
    if (isPreflight) {
      c.header('Access-Control-Allow-Methods', 'GET, POST, PATCH, DELETE');
      c.header('Access-Control-Allow-Headers', allowedHeaders);
      c.header('Access-Control-Max-Age', '7200');
      return c.body(null, 204);
    }
    return next();
  };
}
