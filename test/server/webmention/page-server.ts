import { createServer, type OutgoingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a route answers. */
export interface Answer {
  status?: number;
  /** Repeated headers as an array: `{ Link: ['<a>; rel=other', '<b>; rel=webmention'] }` sends two Link headers. */
  headers?: OutgoingHttpHeaders;
  body?: string;
}

/** A request the server received, its body read. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A website on a free loopback port: its origin, the requests it received, and `close`. */
export interface PageServer {
  origin: string;
  received: ReceivedRequest[];
  close(): Promise<void>;
}

/**
 * Serves `routes` (path and query → answer, or a function of the request and the server's origin) on 127.0.0.1;
 * any other path is a 404. HTML answers default to `text/html; charset=utf-8`.
 */
export async function startPageServer(
  routes: Record<string, Answer | ((request: ReceivedRequest, origin: string) => Answer | Promise<Answer>)>,
): Promise<PageServer> {
  const received: ReceivedRequest[] = [];
  let origin = '';
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const path = request.url ?? '/';
    const entry: ReceivedRequest = {
      method: request.method ?? 'GET',
      path,
      headers: request.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    received.push(entry);
    const route = routes[path];
    const answer =
      typeof route === 'function' ? await route(entry, origin) : (route ?? { status: 404, body: '' });
    response.writeHead(answer.status ?? 200, {
      'Content-Type': 'text/html; charset=utf-8',
      ...answer.headers,
    });
    response.end(answer.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    received,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A small HTML page with `head` and `body` as given. */
export function htmlPage(body: string, head = ''): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>A page</title>${head}</head><body>${body}</body></html>`;
}
