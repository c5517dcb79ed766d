import { Hono, type Context } from 'hono';
import { tokenize } from 'linkifyjs';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { limits } from '../protocol/limits.js';
import { clientAddress, forwardedOrigin, forwardedProtocol, rateLimitKey } from './client-address.js';
import { webCompression, type Compression } from './compression.js';
import { HttpError } from './http-error.js';
import { idempotencyKeys } from './idempotency-keys.js';
import { ResponseCache } from './response-cache.js';
import type { AnswerReplay } from './answer-replay.js';
import { recordReplays } from './middleware/record-replays.js';
import { createLogger, isLogged, type Logger } from './logger.js';
import { compressAnswers } from './middleware/compress-answers.js';
import { cors } from './middleware/cors.js';
import { clientLimitKey, rateLimit } from './middleware/rate-limit.js';
import { warnOfRefusedOrigins } from './middleware/refused-origins.js';
import { requestLog } from './middleware/request-log.js';
import { responseDefaults } from './middleware/response-defaults.js';
import { apiSecurityHeaders, hsts, securityHeaders } from './middleware/security-headers.js';
import { CommentEvents } from './events.js';
import { localStreamBus, type StreamBus } from './live/stream-bus.js';
import { StreamHub, type StreamLimits } from './live/stream-hub.js';
import { adminApi } from './admin/admin-api.js';
import { adminPageHeaders } from './admin/admin-page.js';
import type { PasswordHasher } from './admin/password.js';
import type { AkismetOptions } from './moderation/akismet.js';
import { formTokens, type FormTokenOptions } from './moderation/form-token.js';
import type { ModerationHookOptions } from './moderation/hook.js';
import { createModerator } from './moderation/moderator.js';
import { spamDefences } from './moderation/spam-defences.js';
import { trustTokens } from './moderation/trust-token.js';
import type { ModerationLayer } from './moderation/verdict.js';
import { createRateLimiter, type RateLimiter } from './rate-limiter.js';
import { sha256, toBase64Url } from './base64url.js';
import { createSigner } from './signing.js';
import { createSiteState, type SiteState } from './site-state.js';
import { IncompleteBodyError } from './read-json.js';
import { commentRoutes } from './routes/comments.js';
import { countRoutes } from './routes/counts.js';
import { feedRoutes } from './routes/feed.js';
import { formTokenRoutes } from './routes/form-token.js';
import { reportRoutes } from './routes/reports.js';
import { likeRoutes } from './routes/likes.js';
import { createAvatars, gravatarOrigin, type AvatarStyle } from './avatars.js';
import { publicComment } from './public-comment.js';
import { demoThread } from './demo-seed.js';
import { healthRoutes } from './routes/health.js';
import { streamRoutes } from './routes/stream.js';
import { staticFiles, widgetCacheControl, type StaticAssets } from './routes/static-files.js';
import { pingbackRoutes } from './routes/pingback.js';
import { referenceRoutes } from './routes/references.js';
import { threadPageRoutes } from './routes/thread-page.js';
import { anyOrigin, webmentionRoutes } from './routes/webmention.js';
import { startQueueWorker } from './queue-worker.js';
import { newCommentId } from './secrets.js';
import { referenceDefences } from './moderation/spam-defences.js';
import { mentionModerator } from './webmention/moderate-mention.js';
import { maxReferencesPerThread } from './webmention/receive-mention.js';
import type { PageFetcher } from './webmention/source-page.js';
import { createMentionVerifier } from './webmention/verifier.js';
import { replyRoutes } from './reply-notifications/reply-routes.js';
import { replySubscriber } from './reply-notifications/subscribe.js';
import { StoreUnavailableError } from './storage/errors.js';
import type { CommentStore, ModerationMode } from './storage/store.js';

/**
 * What `createApp` needs: a store, and the operator's choices (each with a safe default). Everything here is
 * web-standard data; what depends on the runtime (files, the socket's peer address) comes from its adapter
 * (node/node-server.ts on Node).
 */
export interface AppOptions {
  store: CommentStore;
  /** Origins allowed to call the API from browsers (exact `scheme://host[:port]`; `*` for all). */
  origins?: readonly string[];
  /**
   * The origins browsers reach this server at (its public URL; on Node, by default, the addresses it listens on):
   * its own pages, the demo among them, may write. Never taken from the `Host` header, which any page can make a
   * browser send (DNS rebinding).
   */
  publicOrigins?: readonly string[];
  /**
   * Reverse proxies in front whose `X-Forwarded-For`, `-Proto` and `-Host` to believe: `true` for one (nginx),
   * a number for a chain (a CDN and nginx: 2); `false` (the default) believes none.
   */
  trustProxy?: boolean | number;
  /** Request headers, besides `Content-Type` and `Authorization`, that pages on allowed origins may send. */
  allowHeaders?: readonly string[];
  /** How new comments are moderated, unless a thread has its own mode; `first-time` by default. */
  moderation?: ModerationMode;
  /**
   * Moderation layers of your own, after natter's spam defences (moderation/spam-defences.ts) and before the mode:
   * the first verdict settles a comment, and the moderation mode decides what none settled.
   */
  moderationLayers?: readonly ModerationLayer[];
  /**
   * Writes (post, edit, delete, report) per client and minute, counted in the store so that every instance on the
   * database shares them; `false` turns the limit off (load tests).
   */
  rateLimit?: number | false;
  /** Posts and edits per thread and minute, from every client together (default 30); `false`: no limit. */
  threadRateLimit?: number | false;
  /** Form tokens and the honeypot (docs/protocol.md#spam-defence): by default required, 3 s to 24 h old. */
  formToken?: FormTokenOptions;
  /** Most links a comment may hold before it is held for a moderator (default 2); `false`: no limit. */
  maxLinks?: number | false;
  /** Readers' reports that hold a published comment for a moderator (default 3); `false`: they never do. */
  reportThreshold?: number | false;
  /** An Akismet-compatible spam check of every comment the local defences left open; none when left out. */
  akismet?: AkismetOptions;
  /** The site owner's moderation hook, asked last before the mode; none when left out. */
  moderationHook?: ModerationHookOptions;
  /** Minutes an author may edit or delete a new comment. */
  editWindowMinutes?: number;
  maxBodyBytes?: number;
  maxTextLength?: number;
  /** The site owner's comment-policy HTML, shown above the form. */
  policy?: string;
  /**
   * Authors' avatars: `identicon` (the default: an opaque value drawn in the browser, no third party asked) or
   * `gravatar` (comments also carry a Gravatar image URL, which readers' browsers then fetch from Gravatar).
   */
  avatars?: AvatarStyle;
  /** The built widget (`natter.js`, its chunks and maps), served at `/`; not served when left out. */
  widget?: StaticAssets;
  /** The demo blog pages, served at `/` with the CSP recommended to site owners. */
  demo?: StaticAssets;
  /**
   * How the runtime hashes and checks the moderators' password (scrypt through `node:crypto` on Node): the admin
   * API (`/admin/api/`) and the admin page are served only with it.
   */
  passwords?: PasswordHasher;
  /** The admin password's hash from the operator's configuration, used instead of the one in the database. */
  adminPasswordHash?: string;
  /** The built admin page (`admin.html`, `admin.js`, `admin.css`), served at `/admin/` with `passwords`. */
  adminPage?: StaticAssets;
  /**
   * The site whose pages hold the threads (thread keys are their paths), for the admin page's links; by default
   * the first of `origins` other than `*`, else none (links on the server's own origin, as for the demo).
   */
  siteUrl?: string;
  /** The address of the peer a request came from, as the runtime knows it (the socket's, on Node). */
  peerAddress?: (c: Context) => string | undefined;
  /**
   * How the runtime compresses JSON answers of 1 KiB or more (brotli and gzip through zlib, on Node); by default
   * gzip through `CompressionStream`. A cached answer is compressed once, when it is cached.
   */
  compression?: Compression;
  logger?: Logger;
  /** Told of every comment posted, edited or moderated (notifications listen here); one of its own when omitted. */
  events?: CommentEvents;
  /**
   * How the live streams of every instance learn of new comments (docs/protocol.md#get-apiv1stream); in process when
   * left out. On Node, `createServer` backs it with PostgreSQL's LISTEN/NOTIFY when the database is PostgreSQL.
   */
  streamBus?: StreamBus;
  /** Bounds on the live streams: per thread, in all, per client, and each one's buffer. */
  streamLimits?: StreamLimits;
  /**
   * The URL browsers reach this server at, with any path prefix (`https://example.com/natter/`): feeds and streams
   * are named under it. By default the origin the trusted proxies saw, else the first of `publicOrigins`, else
   * the origin of the request's own URL.
   */
  publicUrl?: string;
  /**
   * Receiving Webmentions and Pingbacks (docs/webmention.md): `POST /webmention`, `POST /xmlrpc`, and a worker that
   * verifies what they queue by fetching the sources through `fetchPage`. None when left out.
   */
  webmention?: WebmentionOptions;
  /**
   * Offers authors reply notifications (docs/notifications.md): threads say `replyNotifications`, and a post with
   * `notify: true` stores a subscription (`/notifications/confirm` and `/notifications/unsubscribe` answer its
   * links whether or not the option is on). Sending is `createReplyNotifier`'s, on the same `events`, which the
   * runtime's adapter runs (on Node, node/reply-notifications.ts): offer it only where e-mail can be sent.
   */
  replyNotifications?: boolean;
  /** Aborted when the server closes: live streams end at once, and the mentions' worker stops. */
  signal?: AbortSignal;
  /** The clock, for tests of the edit window. */
  now?: () => number;
  /**
   * Where to keep the cached GET answers as sent, for the runtime's adapter to send again without the app (on Node,
   * node/replay-answers.ts). None when left out.
   */
  replay?: AnswerReplay;
}

/** How a server receives and verifies references from other websites. */
export interface WebmentionOptions {
  /** Fetches sources safely (node/source-fetcher.ts on Node). */
  fetchPage: PageFetcher;
  /**
   * Origins whose pages may be a mention's target (`https://blog.example`); by default `origins` (but `*`) and
   * `publicOrigins`.
   */
  targets?: readonly string[];
  /** Sources fetched per host and minute, from every instance together (default 6); `false`: no limit. */
  sourceRateLimit?: number | false;
  /** Milliseconds between looks at the queue when nothing was just queued (default 5 000). */
  intervalMs?: number;
}

/**
 * Content-Security-Policy of the demo pages: what we recommend to site owners, Trusted Types included. With
 * Gravatar's avatars, images may come from Gravatar too, as a site owner's own policy must then allow.
 */
export function demoPageSecurityPolicy(avatars: AvatarStyle = 'identicon'): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' data:${avatars === 'gravatar' ? ` ${gravatarOrigin}` : ''}`,
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "require-trusted-types-for 'script'",
    'trusted-types lit-html natter',
  ].join('; ');
}

/** The number of trusted proxies an `AppOptions.trustProxy` value stands for. */
function proxyHops(trustProxy: boolean | number | undefined): number {
  if (trustProxy === true) return 1;
  return typeof trustProxy === 'number' && trustProxy > 0 ? Math.floor(trustProxy) : 0;
}

/** `url` as a base URL: without query or fragment, ending in `/`. */
function asBaseUrl(url: string): string {
  const base = new URL(url);
  base.search = '';
  base.hash = '';
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  return base.href;
}

/** Renders a thrown error as the protocol's error shape; faults are logged, and only faults. */
function renderError(error: Error, c: Context, logger: Logger): Response {
  if (error instanceof IncompleteBodyError) {
    logger.log('debug', 'request body not received whole', { path: c.req.path, error: String(error.cause) });
  }
  if (error instanceof StoreUnavailableError) {
    logger.log('error', 'storage unavailable', { error: String(error.cause) });
    error = new HttpError('unavailable', 'Storage is unavailable; try again shortly', undefined, {
      'Retry-After': '5',
    });
  }
  if (error instanceof HttpError) {
    for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
    c.header('Cache-Control', 'no-store');
    return c.json(error.toBody(), error.status as ContentfulStatusCode);
  }
  logger.log('error', 'unhandled error', { error: error.stack ?? String(error), path: c.req.path });
  return c.json(new HttpError('internal', 'The server failed to answer').toBody(), 500);
}

/** Calls `stop` when `signal` is aborted, at once if it is already. */
function whenAborted(signal: AbortSignal | undefined, stop: () => void): void {
  if (signal?.aborted) stop();
  else signal?.addEventListener('abort', stop, { once: true });
}

/** What the mention endpoints share with the rest of the app, made once by `createApp`. */
interface MentionWiring {
  store: CommentStore;
  site: SiteState;
  cache: ResponseCache;
  logger: Logger;
  moderation: ModerationMode;
  now: () => number;
  /** Origins whose pages may be a mention's target, as URLs write them. */
  targetOrigins: readonly string[];
  clientAddress: (c: Context) => string | undefined;
  clientKey: (c: Context) => string;
  /** The per-client write limit, which the endpoints count against; none when it is off. */
  clientLimiter: RateLimiter | undefined;
  baseUrl: (request: Request) => string;
  maxBodyBytes: number;
}

/**
 * Receiving Webmentions and Pingbacks (docs/webmention.md): `POST /webmention` and its status URLs, `POST /xmlrpc`,
 * and the worker that verifies what they queue, moderated by the site's lists, Akismet and hook, stopped with
 * `options.signal`.
 */
function receiveMentions(
  app: Hono,
  options: AppOptions,
  webmention: WebmentionOptions,
  wiring: MentionWiring,
): void {
  const { store, cache, logger, now, clientLimiter, clientKey } = wiring;
  const verifier = createMentionVerifier({
    store,
    fetchPage: webmention.fetchPage,
    // The page parsers (parse5, microformats) are imported by the first mention to verify, not at start.
    readSource: async (page, target) =>
      (await import('./webmention/read-source.js')).readSource(page, target),
    moderate: mentionModerator({
      store,
      layers: referenceDefences({
        rules: store.rules,
        akismet: options.akismet,
        hook: options.moderationHook,
        logger,
      }),
      mode: wiring.moderation,
    }),
    sourceLimiter:
      webmention.sourceRateLimit === false
        ? undefined
        : createRateLimiter({ counter: store.rates, perMinute: webmention.sourceRateLimit ?? 6, now }),
    onChange: (mention) => cache.invalidate(mention.thread),
    maxPerThread: maxReferencesPerThread,
    logger,
  });
  const worker = startQueueWorker({
    processDue: (time) => verifier.processDue(time),
    intervalMs: webmention.intervalMs ?? 5_000,
    logger,
    failure: 'mentions could not be verified',
  });
  whenAborted(options.signal, () => worker.stop());
  const receiving = {
    store,
    targetOrigins: new Set(wiring.targetOrigins),
    site: wiring.site,
    newId: newCommentId,
    now,
    clientAddress: wiring.clientAddress,
    queued: () => worker.wake(),
  };
  // After the Webmention endpoint's CORS, so that a page can read the 429; Pingback's limit is its endpoint's own,
  // answered as an XML-RPC fault.
  if (clientLimiter) app.post('/webmention', anyOrigin, rateLimit({ limiter: clientLimiter, clientKey }));
  app.route(
    '/webmention',
    webmentionRoutes({ ...receiving, baseUrl: wiring.baseUrl, maxBodyBytes: wiring.maxBodyBytes }),
  );
  app.route(
    '/xmlrpc',
    pingbackRoutes({
      ...receiving,
      limitClient: clientLimiter && ((c) => clientLimiter.take(clientLimitKey(clientKey(c)))),
    }),
  );
}

/**
 * The natter server as a web-standard handler: `app.fetch(request)` answers protocol v1 (docs/protocol.md),
 * serves the widget bundle and, when given, the demo. It and everything it imports use only web-platform APIs
 * (Request, Response, Web Crypto, streams, `CompressionStream`); hosting it is the runtime adapter's part
 * (node/node-server.ts).
 */
export function createApp(options: AppOptions): Hono {
  const { store } = options;
  const proxies = { hops: proxyHops(options.trustProxy) };
  const logger = options.logger ?? createLogger('silent');
  const app = new Hono();

  app.onError((error, c) => renderError(error, c, logger));
  app.notFound((c) => c.json(new HttpError('not_found', 'Not found').toBody(), 404));

  const compression = options.compression ?? webCompression;
  // Two seconds: how stale a page may be when another instance on the same database wrote to its thread.
  const cache = new ResponseCache({ ttlMs: 2_000, compression });
  // First, so that it sees the answers as every other middleware left them.
  if (options.replay) app.use(recordReplays(options.replay, cache));
  // Not even timed when nobody reads the lines: the hot path stays free of it.
  if (isLogged(logger, 'info')) app.use(requestLog(logger));
  app.use(responseDefaults());
  app.use(securityHeaders({ 'X-Content-Type-Options': 'nosniff' }));
  const isHttps = (request: Request) =>
    request.url.startsWith('https:') || forwardedProtocol(request, proxies) === 'https';
  app.use(hsts(isHttps));
  app.use('/api/*', securityHeaders(apiSecurityHeaders));
  const publicOrigins = new Set(options.publicOrigins ?? []);
  app.use(
    '/api/*',
    cors({
      origins: options.origins ?? [],
      allowHeaders: options.allowHeaders ?? [],
      onRefusedOrigin: warnOfRefusedOrigins(logger),
      // The configured public origins; behind trusted proxies without them, the origin the outermost proxy saw.
      isOwnOrigin: (origin, request) =>
        publicOrigins.size > 0 ? publicOrigins.has(origin) : origin === forwardedOrigin(request, proxies),
    }),
  );
  const addressOf = (c: Context) => clientAddress(c.req.raw, proxies, options.peerAddress?.(c));
  const clientKey = (c: Context) => rateLimitKey(addressOf(c));
  const clientLimiter =
    options.rateLimit === false
      ? undefined
      : createRateLimiter({ counter: store.rates, perMinute: options.rateLimit ?? 10, now: options.now });
  if (clientLimiter) {
    app.on(['POST', 'PATCH', 'DELETE'], '/api/*', rateLimit({ limiter: clientLimiter, clientKey }));
  }
  const threadLimiter =
    options.threadRateLimit === false
      ? undefined
      : createRateLimiter({
          counter: store.rates,
          perMinute: options.threadRateLimit ?? 30,
          now: options.now,
        });
  // The answers made per request that can be large: a post's or an edit's, which echo the comment.
  app.on(['POST', 'PATCH'], '/api/*', compressAnswers(compression));

  const now = options.now ?? Date.now;
  const signer = createSigner(store.settings);
  const trust = trustTokens(signer);
  const site = createSiteState(store.settings);
  const forms = formTokens(signer, options.formToken);
  const layers = [
    ...spamDefences({
      rules: store.rules,
      formTokens: forms,
      isFormTokenRequired: options.formToken?.isRequired ?? true,
      maxLinks: options.maxLinks ?? 2,
      akismet: options.akismet,
      hook: options.moderationHook,
      logger,
    }),
    ...(options.moderationLayers ?? []),
  ];
  const moderate = createModerator({ store, layers, trust });
  const events = options.events ?? new CommentEvents();
  const avatars = createAvatars(store.settings, options.avatars);
  // The request's Host, which any page can choose (DNS rebinding), only when trusted proxies vouch for it or when
  // nothing else names the server (createApp without publicUrl or publicOrigins; createServer always passes its
  // own origins). What the options fix is made a base URL once, not at every listing and feed that names one.
  const publicBaseUrl = options.publicUrl ? asBaseUrl(options.publicUrl) : undefined;
  const firstOrigin = options.publicOrigins?.[0];
  const originBaseUrl = firstOrigin === undefined ? undefined : asBaseUrl(firstOrigin);
  const baseUrlOf = (request: Request): string => {
    if (publicBaseUrl) return publicBaseUrl;
    const forwarded = forwardedOrigin(request, proxies);
    if (forwarded !== undefined) return asBaseUrl(forwarded);
    return originBaseUrl ?? asBaseUrl(new URL(request.url).origin);
  };
  const streamBus = options.streamBus ?? localStreamBus();
  const streams = new StreamHub({
    store,
    bus: streamBus,
    present: (comment) => publicComment(comment, avatars),
    limits: options.streamLimits,
    logger,
  });
  // What this instance publishes reaches the streams of every instance through the bus.
  const stopAnnouncing = events.listen(({ type, comment }) => {
    const isNewlyPublic = type === 'published' || type === 'approved' || type === 'moderated';
    if (isNewlyPublic && comment.status === 'published') {
      streamBus.announce({ thread: comment.thread, id: comment.id });
    }
  });
  const stopStreams = () => {
    stopAnnouncing();
    streams.close();
  };
  whenAborted(options.signal, stopStreams);
  const siteUrl = options.siteUrl ?? options.origins?.find((origin) => origin !== '*');
  const moderation = options.moderation ?? 'first-time';
  const maxBodyBytes = options.maxBodyBytes ?? limits.maxBodyBytes;
  const maxTextLength = Math.min(options.maxTextLength ?? limits.textLength, limits.textLength);
  const editWindowMs = (options.editWindowMinutes ?? 15) * 60_000;
  app.route(
    '/api/v1/comments',
    commentRoutes({
      store,
      moderation,
      moderate,
      trust,
      site,
      events,
      clientAddress: addressOf,
      editWindowMs,
      idempotencyKeys: idempotencyKeys({ settings: store.settings, postKeys: store.postKeys, editWindowMs }),
      maxBodyBytes,
      maxTextLength,
      policy: options.policy,
      avatars,
      baseUrl: baseUrlOf,
      cache,
      takesWebmentions: options.webmention !== undefined,
      // A thread key may be 500 characters long: its count is kept under a hash of it.
      limitThread:
        threadLimiter &&
        (async (thread) => threadLimiter.take(`thread:${toBase64Url(await sha256(thread))}`)),
      subscribeToReplies: options.replyNotifications ? replySubscriber(store, logger, now) : undefined,
      now,
    }),
  );
  // Always: the links of e-mails already sent keep working (unsubscribing above all) when the option is off.
  app.route(
    '/notifications',
    replyRoutes({ store, signer, siteUrl: (request) => siteUrl ?? baseUrlOf(request), now }),
  );
  app.route(
    '/api/v1/comments',
    reportRoutes({
      store,
      events,
      site,
      clientKey,
      threshold: options.reportThreshold ?? 3,
      maxBodyBytes,
      cache,
      now,
    }),
  );
  app.route('/api/v1/comments', likeRoutes({ store, site, cache, now }));
  app.route('/api/v1/form-token', formTokenRoutes({ tokens: forms, now }));
  app.route('/api/v1/counts', countRoutes({ store, cache, now }));
  app.route('/api/v1/feed.atom', feedRoutes({ store, cache, siteUrl, baseUrl: baseUrlOf, now }));
  app.route('/api/v1/stream', streamRoutes({ hub: streams, clientKey }));
  app.route('/api/v1/references', referenceRoutes({ store, cache, now }));
  app.route('/', healthRoutes({ store }));
  // The site's origins, as URLs write them (`https://Blog.example:443` is `https://blog.example`): where threads' pages
  // are, and by default the pages mentions may target.
  const siteOrigins = [...(options.origins ?? []).filter((origin) => origin !== '*'), ...publicOrigins].map(
    (origin) => new URL(origin).origin,
  );
  // Comments without JavaScript: the thread page, its form and the markup natter render embeds, through the JSON API.
  const sitePageOrigins = [...siteOrigins, ...(siteUrl ? [new URL(siteUrl).origin] : [])];
  app.route(
    '/thread',
    threadPageRoutes({
      api: async (request, env) => app.fetch(request, env),
      tokens: forms,
      findLinks: tokenize,
      baseUrl: baseUrlOf,
      pageOrigins: (request) => new Set([...sitePageOrigins, new URL(baseUrlOf(request)).origin]),
      maxBodyBytes,
      maxTextLength,
      now,
    }),
  );
  if (options.webmention) {
    receiveMentions(app, options, options.webmention, {
      store,
      site,
      cache,
      logger,
      moderation,
      now,
      targetOrigins: options.webmention.targets?.map((origin) => new URL(origin).origin) ?? siteOrigins,
      clientAddress: addressOf,
      clientKey,
      clientLimiter,
      baseUrl: baseUrlOf,
      maxBodyBytes,
    });
  }

  if (options.passwords) {
    app.use('/admin/api/*', securityHeaders(apiSecurityHeaders));
    // Lists of comments run long; a sign-in's answer (which carries the CSRF token) stays under the threshold.
    app.get('/admin/api/comments', compressAnswers(compression));
    app.get('/admin/api/references', compressAnswers(compression));
    app.route(
      '/admin/api',
      adminApi({
        store,
        events,
        cache,
        site,
        passwords: options.passwords,
        signer,
        passwordHash: options.adminPasswordHash,
        siteUrl,
        moderation,
        clientKey,
        isHttps,
        maxBodyBytes,
        maxTextLength,
        now,
      }),
    );
    if (options.adminPage) {
      // Relative, so that the page's own relative links stay right behind a proxy that adds a path prefix.
      app.get('/admin', (c) => c.redirect('admin/', 308));
      app.route(
        '/admin',
        staticFiles({
          files: options.adminPage,
          index: 'admin.html',
          cacheControl: () => 'no-cache',
          headers: adminPageHeaders,
        }),
      );
    }
  }

  if (options.widget) {
    app.route(
      '/',
      staticFiles({
        files: options.widget,
        cacheControl: widgetCacheControl,
        // Module scripts load in CORS mode: every site may embed the widget.
        headers: { 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' },
      }),
    );
  }
  if (options.demo) {
    const demoFiles = staticFiles({
      files: options.demo,
      index: 'index.html',
      cacheControl: () => 'no-cache',
      headers: {
        'Content-Security-Policy': demoPageSecurityPolicy(options.avatars),
        'Referrer-Policy': 'strict-origin-when-cross-origin',
        // The demo article advertises where responses go in its headers too, as docs/webmention.md shows.
        ...(options.webmention && { Link: '</webmention>; rel="webmention"' }),
      },
    });
    app.route('/', demoFiles);
    // The article at its canonical URL too, which other sites link to (and send Webmentions for).
    app.get(demoThread, (c) => demoFiles.fetch(new Request(new URL('/', c.req.url), c.req.raw), c.env));
  }
  return app;
}
