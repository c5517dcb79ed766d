import { createServer as createHttpServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { isAdminFile } from '../admin/admin-page.js';
import { createApp, type AppOptions, type WebmentionOptions } from '../app.js';
import { demoPolicy, seedDemoThread } from '../demo-seed.js';
import { CommentEvents } from '../events.js';
import { createLogger, type Logger } from '../logger.js';
import { isWidgetFile } from '../routes/static-files.js';
import { isPostgresUrl, openStore } from '../storage/open-store.js';
import type { CommentStore } from '../storage/store.js';
import type { WebhookSettings } from '../notifications/webhook.js';
import type { PageFetcher } from '../webmention/source-page.js';
import { listeningOrigins } from './listening-origins.js';
import type { SmtpEmailSettings } from './notifications.js';
import type { SmtpReplySettings } from './reply-notifications.js';
import { findDemoDirectory, findWidgetDirectory, packageVersion } from './package-paths.js';
import type { ClosableStreamBus } from './postgres-stream-bus.js';
import { scryptPasswords } from './scrypt-passwords.js';
import type { SourceFetcherOptions } from './source-fetcher.js';
import { loadStaticAssets } from './static-assets.js';
import { sendReplayed } from './replay-answers.js';
import { AnswerReplay } from '../answer-replay.js';
import { zlibCompression } from './zlib-compression.js';

/** `createServer` options: the app's, plus where to listen, which database to open and what to serve. */
export interface ServerOptions extends Omit<
  AppOptions,
  | 'store'
  | 'widget'
  | 'demo'
  | 'peerAddress'
  | 'publicOrigins'
  | 'signal'
  | 'webmention'
  | 'replyNotifications'
> {
  /**
   * Receiving Webmentions and Pingbacks, verified through node/source-fetcher.ts; `allowLoopback` lets it fetch
   * sources on loopback addresses (tests, local development). None when left out.
   */
  webmention?: Omit<WebmentionOptions, 'fetchPage'> & { allowLoopback?: boolean };
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** A SQLite file path, or a `postgres://` URL. */
  database: string;
  /**
   * The URL browsers reach this server at, such as `https://comments.example.com/` behind a reverse proxy: its
   * origin is the server's own. By default, the addresses it listens on (and `localhost` for a loopback one).
   */
  publicUrl?: string;
  /** Serve the demo blog at `/` and give its thread its first comments. */
  demo?: boolean;
  /** Folder holding `natter.js` and its chunks; the package's own `dist/` when omitted. */
  widgetDirectory?: string;
  /** Milliseconds a new connection may stay silent before it is closed (default 10 000). */
  idleTimeoutMs?: number;
  /** POST signed comment events to the site owner's receiver (docs/moderation.md#notifications). */
  webhook?: WebhookSettings;
  /** E-mail the site owner through an SMTP server, per held comment or as a digest. */
  email?: SmtpEmailSettings;
  /** Milliseconds between looks for due notifications when none was just queued (default 5 000). */
  notificationIntervalMs?: number;
  /** E-mail authors who ask for it about replies to their comments (docs/notifications.md). */
  replyNotifications?: SmtpReplySettings;
}

/** A running natter server. */
export interface RunningServer {
  /** The base URL it listens on, e.g. `http://127.0.0.1:8080/`. */
  url: string;
  server: Server;
  store: CommentStore;
  /** Stops taking requests, finishes those in flight, then closes the database. */
  close(): Promise<void>;
}

/** Opens the database (migrating it), listens, and answers with the app: natter as a Node HTTP server. */
export async function createServer(options: ServerOptions): Promise<RunningServer> {
  const logger = options.logger ?? createLogger('silent');
  const { store, ownStreamBus } = await openStoreAndBus(options, logger);
  let listening: Server | undefined;
  try {
    if (options.demo) await seedDemoThread(store);
    const widgetDirectory = options.widgetDirectory ?? findWidgetDirectory();
    if (!widgetDirectory)
      logger.log('warn', 'natter.js not found: run `npm run build`; the widget is not served');
    const demoDirectory = options.demo ? findDemoDirectory() : undefined;
    const widget = widgetDirectory ? loadStaticAssets(widgetDirectory, isWidgetFile) : undefined;
    const demo = demoDirectory ? loadStaticAssets(demoDirectory) : undefined;
    const adminPage = widgetDirectory ? loadStaticAssets(widgetDirectory, isAdminFile) : undefined;

    // The app is made once the port is known (its own origins include it); until then nothing can connect.
    let listener: ReturnType<typeof getRequestListener> | undefined = undefined;
    // Each open connection, and the last response begun on it: what shutdown tells to close its connection once sent.
    // Kept per connection, not followed response by response: a listener on each would cost the hot path more than
    // a replayed answer itself.
    const connections = new Set<Socket>();
    const lastResponse = new WeakMap<Socket, ServerResponse>();
    let isClosing = false;
    const replay = new AnswerReplay();
    const now = options.now ?? Date.now;
    const server = createHttpServer((request, response) => {
      lastResponse.set(request.socket, response);
      if (isClosing) endConnectionWhenSent(response);
      if (listener) {
        if (sendReplayed(replay, request, response, { now, logger })) return;
        return listener(request, response);
      }
      // Not reached while nothing is awaited between listening and making the app; should that change, a request
      // in between still gets the protocol's answer rather than none.
      response
        .writeHead(503, {
          'Content-Type': 'application/json; charset=utf-8',
          'Cache-Control': 'no-store',
          'Retry-After': '1',
        })
        .end(JSON.stringify({ error: { code: 'unavailable', message: 'The server is starting' } }));
    });
    // Slow clients must not hold sockets for ever (slowloris), nor clients that connect and say nothing.
    server.headersTimeout = 10_000;
    server.requestTimeout = 30_000;
    const idleTimeoutMs = options.idleTimeoutMs ?? 10_000;
    server.on('connection', (socket: Socket) => {
      connections.add(socket);
      socket.once('close', () => connections.delete(socket));
      closeIfSilent(socket, idleTimeoutMs);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 8080, options.host ?? '127.0.0.1', () => resolve());
    });
    listening = server;
    const address = server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const url = `http://${host}:${address.port}/`;
    const events = options.events ?? new CommentEvents();
    const closeStreams = new AbortController();
    const publicUrl = options.publicUrl ?? url;
    const webmention = options.webmention && {
      ...options.webmention,
      fetchPage: sourceFetcherOnFirstUse({
        userAgent: `natter/${packageVersion()} (Webmention; +${publicUrl})`,
        allowLoopback: options.webmention.allowLoopback,
      }),
    };
    const app = createApp({
      ...options,
      events,
      logger,
      store,
      widget,
      demo,
      adminPage: adminPage?.has('admin.html') ? adminPage : undefined,
      passwords: options.passwords ?? scryptPasswords,
      policy: options.policy ?? (options.demo ? demoPolicy : undefined),
      publicOrigins: options.publicUrl ? [new URL(options.publicUrl).origin] : listeningOrigins(address),
      peerAddress: (c) => getConnInfo(c).remote.address,
      compression: options.compression ?? zlibCompression,
      streamBus: options.streamBus ?? ownStreamBus,
      signal: closeStreams.signal,
      webmention,
      replyNotifications: options.replyNotifications !== undefined,
      replay,
    });
    listener = getRequestListener(app.fetch);
    if ((options.webhook || options.email || options.replyNotifications) && !options.publicUrl) {
      logger.log('warn', 'notifications link to the listening address; set --public-url', { url });
    }
    // Loaded only when asked for: nodemailer and the notifier are a tenth of a start-up otherwise.
    const notifications =
      (options.webhook || options.email) &&
      (await import('./notifications.js')).startNotifications({
        queue: store.deliveries,
        events,
        publicUrl,
        webhook: options.webhook,
        email: options.email,
        intervalMs: options.notificationIntervalMs,
        logger,
      });
    const replyNotifications =
      options.replyNotifications &&
      (await import('./reply-notifications.js')).startReplyNotifications({
        store,
        events,
        publicUrl: new URL(publicUrl).href.replace(/\/?$/, '/'),
        siteUrl: options.siteUrl ?? options.origins?.find((origin) => origin !== '*'),
        settings: options.replyNotifications,
        intervalMs: options.notificationIntervalMs,
        logger,
      });

    let closing: Promise<void> | undefined;
    return {
      url,
      server,
      store,
      close() {
        closing ??= (async () => {
          isClosing = true;
          // Live streams never finish by themselves: they end now, and their connections close once sent.
          closeStreams.abort();
          for (const socket of connections) {
            const response = lastResponse.get(socket);
            if (response && !response.writableFinished) endConnectionWhenSent(response);
          }
          const closed = new Promise<void>((resolve) => server.close(() => resolve()));
          // Idle keep-alive sockets would hold close() open; busy ones finish their request first.
          server.closeIdleConnections();
          await closed;
          // Sends in flight are aborted (and tried again later); what is being queued is waited for.
          await notifications?.close();
          await replyNotifications?.close();
          await ownStreamBus?.close();
          await store.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    // What failed after listening (an unusable `publicUrl`, the notifiers) must not leave the port taken.
    if (listening) await closeNow(listening);
    await ownStreamBus?.close();
    await store.close();
    throw error;
  }
}

/**
 * Opens the store and, on PostgreSQL without a bus given, the stream bus through which several instances on one
 * database tell each other's live streams (one SQLite file has one process): at once, each on a connection of its
 * own, since each waits on PostgreSQL's round trips. Both before listening: once the server listens, nothing may be
 * awaited until the app answers. Whichever opened is closed again if the other fails.
 */
async function openStoreAndBus(
  options: ServerOptions,
  logger: Logger,
): Promise<{ store: CommentStore; ownStreamBus: ClosableStreamBus | undefined }> {
  const needsBus = !options.streamBus && isPostgresUrl(options.database);
  const [store, bus] = await Promise.allSettled([
    openStore(options.database),
    needsBus
      ? import('./postgres-stream-bus.js').then(({ postgresStreamBus }) =>
          postgresStreamBus(options.database, logger),
        )
      : undefined,
  ]);
  if (store.status === 'fulfilled' && bus.status === 'fulfilled') {
    return { store: store.value, ownStreamBus: bus.value };
  }
  if (store.status === 'fulfilled') await store.value.close();
  if (bus.status === 'fulfilled') await bus.value?.close();
  throw store.status === 'rejected' ? store.reason : (bus as PromiseRejectedResult).reason;
}

/** Closes `server` and every connection it holds, idle or not: for a server that never began to answer. */
function closeNow(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  return closed;
}

/** A source fetcher whose module (node:https, DNS lookups) is imported by the first source to fetch, not at start. */
function sourceFetcherOnFirstUse(options: SourceFetcherOptions): PageFetcher {
  let fetcher: Promise<PageFetcher> | undefined;
  return async (url, request) => {
    fetcher ??= import('./source-fetcher.js').then(({ createSourceFetcher }) => createSourceFetcher(options));
    return (await fetcher)(url, request);
  };
}

/**
 * Closes `socket` if it has sent not one byte after `timeoutMs`. Node's `headersTimeout` starts with a request's
 * first byte, so a connection that never sends one would otherwise stay open for ever.
 */
function closeIfSilent(socket: Socket, timeoutMs: number): void {
  const timer = setTimeout(() => {
    if (socket.bytesRead === 0) socket.destroy();
  }, timeoutMs);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
}

/**
 * Makes `response` close its connection once sent. During shutdown a keep-alive connection that was busy at the
 * signal would otherwise stay open after its answer, and a client that goes on sending on it would keep the
 * server (and the process) running for ever.
 */
function endConnectionWhenSent(response: ServerResponse): void {
  if (!response.headersSent) {
    response.setHeader('Connection', 'close');
    return;
  }
  const socket = response.socket;
  response.once('finish', () => socket?.end());
}
