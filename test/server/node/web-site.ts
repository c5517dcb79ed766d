import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Certificate } from '../notifications/receivers.js';

/** A request a test web site received, its body read whole. */
export interface ReceivedRequest {
  method: string;
  /** The path and query. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Answers one request; `body` is the request's, read whole. */
export type PageHandler = (request: IncomingMessage, response: ServerResponse, body: string) => void;

/** Another website, as far as the fetcher can tell: a real HTTP(S) server on a free port of 127.0.0.1. */
export interface WebSite {
  port: number;
  /** `http://127.0.0.1:port` (or https). */
  origin: string;
  requests: ReceivedRequest[];
}

/**
 * Starts a web site answering with `handle` (over TLS with `certificate`), runs `use` with it, and closes it and
 * every connection it still holds whatever happens.
 */
export async function withWebSite(
  handle: PageHandler,
  use: (site: WebSite) => Promise<void>,
  certificate?: Certificate,
): Promise<void> {
  const requests: ReceivedRequest[] = [];
  const answer = (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
      handle(request, response, body);
    });
  };
  const server: Server = certificate
    ? createHttpsServer({ key: certificate.key, cert: certificate.cert }, answer)
    : createServer(answer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    await use({ port, origin: `${certificate ? 'https' : 'http'}://127.0.0.1:${port}`, requests });
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

/** Writes `chunk` to `response` for as long as the other side reads, never ending it. */
export function writeForever(response: ServerResponse, chunk: Buffer): void {
  const write = () => {
    while (!response.destroyed && response.write(chunk));
  };
  response.on('drain', write);
  write();
}
