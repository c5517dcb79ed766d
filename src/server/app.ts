import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { limits } from '../protocol/limits.js';
import { clientAddress, publicOrigin } from './client-address.js';
import { HttpError } from './http-error.js';
import { ResponseCache } from './response-cache.js';
import { createLogger, isLogged, type Logger } from './logger.js';
import { cors } from './middleware/cors.js';
import { rateLimit } from './middleware/rate-limit.js';
import { requestLog } from './middleware/request-log.js';
import { responseDefaults } from './middleware/response-defaults.js';
import { apiSecurityHeaders, securityHeaders } from './middleware/security-headers.js';
import type { ModerationMode } from './moderation.js';
import { commentRoutes } from './routes/comments.js';
import { countRoutes } from './routes/counts.js';
import { healthRoutes } from './routes/health.js';
import { staticFiles, widgetCacheControl } from './routes/static-files.js';
import type { CommentStore } from './storage/store.js';

/** What `createApp` needs: a store, and the operator's choices (each with a safe default). */
export interface AppOptions {
  store: CommentStore;
  /** Origins allowed to call the API from browsers (exact `scheme://host[:port]`; `*` for all). */
  origins?: readonly string[];
  /** Trust `X-Forwarded-For`, `-Proto` and `-Host` from a reverse proxy in front. */
  trustProxy?: boolean;
  moderation?: ModerationMode;
  /** Writes (post, edit, delete) per client and minute; `false` turns the limit off (load tests). */
  rateLimit?: number | false;
  /** Minutes an author may edit or delete a new comment. */
  editWindowMinutes?: number;
  maxBodyBytes?: number;
  maxTextLength?: number;
  /** The site owner's comment-policy HTML, shown above the form. */
  policy?: string;
  /** Folder holding `natter.js` and its chunks; found next to the package when omitted. */
  widgetDirectory?: string;
  /** Serve the demo blog pages from this folder at `/`. */
  demoDirectory?: string;
  logger?: Logger;
  /** The clock, for tests of the edit window. */
  now?: () => number;
}

/** Content-Security-Policy of the demo pages: what we recommend to site owners, Trusted Types included. */
export const demoPageSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html natter',
].join('; ');

/** Error codes of storage that is unreachable or busy, rather than wrong: worth a retry, so 503. */
const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'SQLITE_BUSY',
  '57P01',
  '57P03',
]);

/** The built widget: `dist/` when running from `dist/lib/server/`, `../../dist/` when running from source. */
export function findWidgetDirectory(): string | undefined {
  return [new URL('../../', import.meta.url), new URL('../../dist/', import.meta.url)]
    .map((url) => fileURLToPath(url))
    .find((directory) => existsSync(`${directory}/natter.js`));
}

/** The demo pages shipped with the package. */
export function findDemoDirectory(): string | undefined {
  return [new URL('../../../demo/', import.meta.url), new URL('../../demo/', import.meta.url)]
    .map((url) => fileURLToPath(url))
    .find((directory) => existsSync(`${directory}/index.html`));
}

/**
 * The natter server as a web-standard handler: `app.fetch(request)` answers protocol v1 (docs/protocol.md),
 * serves the widget bundle and, when asked, the demo. Hosting it (Node, other runtimes) is the caller's part.
 */
export function createApp(options: AppOptions): Hono {
  const { store, trustProxy = false } = options;
  const logger = options.logger ?? createLogger('silent');
  const app = new Hono();

  app.onError((error, c) => {
    if (error instanceof HttpError) {
      for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
      c.header('Cache-Control', 'no-store');
      return c.json(error.toBody(), error.status as ContentfulStatusCode);
    }
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && unavailableCodes.has(code)) {
      logger.log('error', 'storage unavailable', { error: String(error) });
      const unavailable = new HttpError(
        'unavailable',
        'Storage is unavailable; try again shortly',
        undefined,
        {
          'Retry-After': '5',
        },
      );
      for (const [name, value] of Object.entries(unavailable.headers)) c.header(name, value);
      return c.json(unavailable.toBody(), 503);
    }
    logger.log('error', 'unhandled error', { error: error.stack ?? String(error), path: c.req.path });
    return c.json(new HttpError('internal', 'The server failed to answer').toBody(), 500);
  });
  app.notFound((c) => c.json(new HttpError('not_found', 'Not found').toBody(), 404));

  // Not even timed when nobody reads the lines: the hot path stays free of it.
  if (isLogged(logger, 'info')) app.use(requestLog(logger));
  app.use(responseDefaults());
  app.use('/api/*', securityHeaders(apiSecurityHeaders));
  app.use(
    '/api/*',
    cors({ origins: options.origins ?? [], ownOrigin: (request) => publicOrigin(request, trustProxy) }),
  );
  if (options.rateLimit !== false) {
    const limitWrites = rateLimit({
      perMinute: options.rateLimit ?? 10,
      clientKey: (c) => clientAddress(c, trustProxy),
      now: options.now,
    });
    app.on(['POST', 'PATCH', 'DELETE'], '/api/*', limitWrites);
  }

  const now = options.now ?? Date.now;
  // Two seconds: how stale a page may be when another instance on the same database wrote to its thread.
  const cache = new ResponseCache(2_000);
  app.route(
    '/api/v1/comments',
    commentRoutes({
      store,
      moderation: options.moderation ?? 'open',
      editWindowMs: (options.editWindowMinutes ?? 15) * 60_000,
      maxBodyBytes: options.maxBodyBytes ?? limits.maxBodyBytes,
      maxTextLength: Math.min(options.maxTextLength ?? limits.textLength, limits.textLength),
      policy: options.policy,
      cache,
      now,
    }),
  );
  app.route('/api/v1/counts', countRoutes({ store, cache, now }));
  app.route('/', healthRoutes({ store }));

  const widgetDirectory = options.widgetDirectory ?? findWidgetDirectory();
  if (widgetDirectory) {
    app.route(
      '/',
      staticFiles({
        directory: widgetDirectory,
        include: (name) => /^natter[\w.-]*\.js(\.map)?$/.test(name),
        cacheControl: widgetCacheControl,
        // Module scripts load in CORS mode: every site may embed the widget.
        headers: {
          'Access-Control-Allow-Origin': '*',
          'Cross-Origin-Resource-Policy': 'cross-origin',
          'X-Content-Type-Options': 'nosniff',
        },
      }),
    );
  } else {
    logger.log('warn', 'natter.js not found: run `npm run build`; the widget is not served');
  }
  if (options.demoDirectory) {
    app.route(
      '/',
      staticFiles({
        directory: options.demoDirectory,
        index: 'index.html',
        cacheControl: () => 'no-cache',
        headers: {
          'Content-Security-Policy': demoPageSecurityPolicy,
          'X-Content-Type-Options': 'nosniff',
          'Referrer-Policy': 'strict-origin-when-cross-origin',
        },
      }),
    );
  }
  return app;
}
