import ipaddr from 'ipaddr.js';

/** What the app knows about the reverse proxies in front of it, from the operator's configuration. */
export interface ProxyTrust {
  /**
   * How many reverse proxies stand in front of the server (a CDN and nginx: 2). 0 trusts no `X-Forwarded-*`
   * header: whatever a client writes there is ignored.
   */
  hops: number;
}

/** The values of a comma-separated header, trimmed, empty ones left out. */
function listHeader(request: Request, name: string): string[] {
  return (request.headers.get(name) ?? '')
    .split(',')
    .map((value) => value.trim())
    .filter(Boolean);
}

/**
 * Who is asking. Behind `hops` trusted proxies, the address the outermost of them saw: each proxy appends the
 * address of its peer to `X-Forwarded-For`, so that one is `hops` entries from the end (earlier entries are
 * whatever the client claimed). Otherwise, or without the header, the socket's peer address.
 */
export function clientAddress(
  request: Request,
  { hops }: ProxyTrust,
  peerAddress: string | undefined,
): string | undefined {
  if (hops > 0) {
    const forwarded = listHeader(request, 'x-forwarded-for');
    if (forwarded.length > 0) return forwarded[Math.max(0, forwarded.length - hops)];
  }
  return peerAddress;
}

/**
 * The bucket a client's address counts against for rate limits: the address itself for IPv4 (IPv4-mapped IPv6
 * included), its /64 network for IPv6, where one subscriber is routinely given a whole /64 to pick addresses from.
 */
export function rateLimitKey(address: string | undefined): string {
  if (!address || !ipaddr.isValid(address)) return address ?? 'unknown';
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const network = (parsed as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16));
  return `${network.join(':')}::/64`;
}

/**
 * The scheme and host the outermost trusted proxy was reached at, as an origin; `undefined` without trusted
 * proxies or their headers. Host and port are taken together, so `X-Forwarded-Host: comments.example` behind a
 * backend on port 8080 means `https://comments.example`, not `https://comments.example:8080`.
 */
export function forwardedOrigin(request: Request, { hops }: ProxyTrust): string | undefined {
  if (hops === 0) return undefined;
  const protocol = forwardedProtocol(request, { hops });
  const host = listHeader(request, 'x-forwarded-host')[0];
  if (!protocol || !host) return undefined;
  try {
    return new URL(`${protocol}://${host}`).origin;
  } catch {
    return undefined;
  }
}

/** `http` or `https` as the outermost trusted proxy was reached, or `undefined` without one. */
export function forwardedProtocol(request: Request, { hops }: ProxyTrust): 'http' | 'https' | undefined {
  if (hops === 0) return undefined;
  const protocol = listHeader(request, 'x-forwarded-proto')[0]?.toLowerCase();
  return protocol === 'http' || protocol === 'https' ? protocol : undefined;
}
