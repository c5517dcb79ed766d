// A reverse proxy on loopback in front of a real `natter serve`, which passes every request on unless told to fail
// those a rule matches, the ways a server or the network fails a browser: never answering, resetting the
// connection, or answering 500 (a proxy's HTML page), 503 or 429 (the server's JSON error, with Retry-After).
import { createServer, request as forward } from 'node:http';
import { freePort } from './server-process.mjs';

/** What each fault answers; `timeout` and `reset` answer nothing. */
const answers = {
  500: {
    headers: { 'Content-Type': 'text/html' },
    body: '<html><body><h1>500 Internal Server Error</h1></body></html>',
  },
  503: {
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Retry-After': '5' },
    body: JSON.stringify({
      error: { code: 'unavailable', message: 'Storage is unavailable; try again shortly' },
    }),
  },
  429: {
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Retry-After': '30' },
    body: JSON.stringify({ error: { code: 'rate_limited', message: 'Too many requests' } }),
  },
};

/** The faults the proxy can inject. */
export const faults = ['timeout', 'reset', '500', '503', '429'];

/**
 * Starts the proxy on a free port. Resolves with its `url` and:
 * - `forwardTo(targetUrl)`: where to pass requests on (the proxy's address is needed to start the server);
 * - `fail(matches, fault)`: from now on, a request for which `matches({ method, path, body })` is true (`body` the
 *   request's text) meets `fault`; resolves `hit`, a promise of the first such request;
 * - `heal()`: passes everything on again;
 * - `close()`: closes the proxy and every connection, hanging ones included.
 */
export async function startFaultProxy() {
  const port = await freePort();
  let target;
  let rule;
  const sockets = new Set();
  const server = createServer(async (request, response) => {
    const chunks = [];
    for await (const chunk of request) chunks.push(chunk);
    const body = Buffer.concat(chunks);
    const current = rule;
    if (current?.matches({ method: request.method, path: request.url, body: body.toString() })) {
      current.hit();
      if (current.fault === 'timeout') return;
      if (current.fault === 'reset') return request.socket.resetAndDestroy();
      const { headers, body: answer } = answers[current.fault];
      response.writeHead(Number(current.fault), { ...headers, 'Cache-Control': 'no-store' }).end(answer);
      return;
    }
    const onward = forward(new URL(request.url, target), {
      method: request.method,
      headers: request.headers,
    });
    onward.once('response', (upstream) => {
      response.writeHead(upstream.statusCode, upstream.headers);
      upstream.pipe(response);
    });
    onward.once('error', () => response.destroy());
    response.once('close', () => onward.destroy());
    onward.end(body);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}/`,
    forwardTo(targetUrl) {
      target = targetUrl;
    },
    fail(matches, fault) {
      let hit;
      const wasHit = new Promise((resolve) => (hit = resolve));
      rule = { matches, fault, hit };
      return wasHit;
    },
    heal() {
      rule = undefined;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}
