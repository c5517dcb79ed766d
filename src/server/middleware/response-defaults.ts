import type { MiddlewareHandler } from 'hono';

/**
 * What docs/protocol.md#responses asks of every answer its handler left to the defaults: JSON labelled as
 * UTF-8, and `Cache-Control: no-store` unless the handler chose its own caching, so that no error, 204 or new
 * route can ever end up in a cache.
 */
export function responseDefaults(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const headers = c.res.headers;
    if (headers.get('content-type') === 'application/json') {
      headers.set('Content-Type', 'application/json; charset=utf-8');
    }
    if (!headers.has('cache-control')) headers.set('Cache-Control', 'no-store');
  };
}
