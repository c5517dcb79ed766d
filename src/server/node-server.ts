import { createServer as createHttpServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { createApp, findDemoDirectory, type AppOptions } from './app.js';
import { demoPolicy, seedDemoThread } from './demo-seed.js';
import { openStore } from './storage/open-store.js';
import type { CommentStore } from './storage/store.js';

/** `createServer` options: the app's, plus where to listen and which database to open. */
export interface ServerOptions extends Omit<AppOptions, 'store' | 'demoDirectory'> {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** A SQLite file path, or a `postgres://` URL. */
  database: string;
  /** Serve the demo blog at `/` and give its thread its first comments. */
  demo?: boolean;
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

/** Opens the database (migrating it), builds the app and listens: natter as a Node HTTP server. */
export async function createServer(options: ServerOptions): Promise<RunningServer> {
  const store = await openStore(options.database);
  try {
    const demoDirectory = options.demo ? findDemoDirectory() : undefined;
    if (options.demo) await seedDemoThread(store);
    const policy = options.policy ?? (options.demo ? demoPolicy : undefined);
    const app = createApp({ ...options, store, demoDirectory, policy });
    const listener = getRequestListener(app.fetch);
    const inFlight = new Set<ServerResponse>();
    let isClosing = false;
    const server = createHttpServer((request, response) => {
      inFlight.add(response);
      response.once('close', () => inFlight.delete(response));
      if (isClosing) endConnectionWhenSent(response);
      return listener(request, response);
    });
    // Slow clients must not hold sockets for ever (slowloris).
    server.headersTimeout = 10_000;
    server.requestTimeout = 30_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 8080, options.host ?? '127.0.0.1', () => resolve());
    });
    const address = server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    let closing: Promise<void> | undefined;
    return {
      url: `http://${host}:${address.port}/`,
      server,
      store,
      close() {
        closing ??= (async () => {
          isClosing = true;
          for (const response of inFlight) endConnectionWhenSent(response);
          const closed = new Promise<void>((resolve) => server.close(() => resolve()));
          // Idle keep-alive sockets would hold close() open; busy ones finish their request first.
          server.closeIdleConnections();
          await closed;
          await store.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
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
