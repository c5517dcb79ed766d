import type { Context } from 'hono';
import type { HttpBindings } from '@hono/node-server';

/**
 * Who is asking. Behind a trusted reverse proxy, the address the proxy appended last to `X-Forwarded-For`
 * (earlier entries are whatever the client claimed); otherwise the socket's peer address.
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  const bindings = c.env as Partial<HttpBindings> | undefined;
  return bindings?.incoming?.socket.remoteAddress ?? 'unknown';
}

/** The origin the client used to reach this server, for recognising same-origin pages. */
export function publicOrigin(request: Request, trustProxy: boolean): string {
  const url = new URL(request.url);
  if (trustProxy) {
    const protocol = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim();
    const host = request.headers.get('x-forwarded-host')?.split(',')[0]?.trim();
    if (protocol) url.protocol = protocol;
    if (host) url.host = host;
  }
  return url.origin;
}
