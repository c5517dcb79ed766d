import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../logger.js';

/** One `info` line per request: method, path, status and duration in milliseconds. */
export function requestLog(logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    const start = performance.now();
    await next();
    logger.log('info', 'request', {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - start) * 10) / 10,
    });
  };
}
