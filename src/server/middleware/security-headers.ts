import type { MiddlewareHandler } from 'hono';

/** Headers that keep an API answer from ever running as a page (docs/protocol.md#responses). */
export const apiSecurityHeaders: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
};

/** Sets `headers` on every response that has not set them itself. */
export function securityHeaders(headers: Record<string, string>): MiddlewareHandler {
  return async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(headers)) {
      if (!c.res.headers.has(name)) c.res.headers.set(name, value);
    }
  };
}

/** How long browsers keep to HTTPS once told: a year, as the HSTS preload list asks. */
const hstsMaxAgeSeconds = 365 * 24 * 60 * 60;

/**
 * `Strict-Transport-Security` on answers to requests that came over HTTPS (directly, or through a trusted proxy):
 * browsers then never try this server over plain HTTP, where a secret could be read on the way.
 */
export function hsts(isHttps: (request: Request) => boolean): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (isHttps(c.req.raw)) c.res.headers.set('Strict-Transport-Security', `max-age=${hstsMaxAgeSeconds}`);
  };
}
