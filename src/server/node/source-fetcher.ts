import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import type { FetchFailure, FetchOutcome, FetchRequest, PageFetcher } from '../webmention/source-page.js';
import { allowedAddressOf, systemResolver, type HostResolver } from './public-address.js';
import { parseContentType, readResponseText } from './response-text.js';

export type { HostResolver, ResolvedAddress } from './public-address.js';

/** How a source fetcher behaves; every limit has a default but the User-Agent. */
export interface SourceFetcherOptions {
  /** Sent with every request, naming natter and where it runs: `natter/0.1.0 (Webmention; +https://comments.example/)`. */
  userAgent: string;
  /** Whether loopback addresses (127.0.0.0/8, ::1) may be fetched: for tests and local development. Default false. */
  allowLoopback?: boolean;
  /** The most bytes of a body, counted after decompression. Default 1 MiB. */
  maxBytes?: number;
  /** The most time a whole fetch may take: every redirect, and the body. Default 10 s. */
  timeoutMs?: number;
  /** The most redirects followed. Default 5. */
  maxRedirects?: number;
  /** Resolves host names to their addresses. Default: the system's resolver (`dns.promises.lookup`). */
  lookup?: HostResolver;
  /** PEM certificates to trust besides the system's: for tests, or a network whose sites a private CA signs. */
  ca?: string;
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

const accept = 'text/html, application/xhtml+xml, application/json;q=0.9, text/plain;q=0.8, */*;q=0.1';

const failure = (reason: FetchFailure, detail: string): FetchOutcome => ({ ok: false, reason, detail });

/** Why `url` may not be fetched at all, whatever its host resolves to; `undefined` when it may. */
function refusedUrl(url: URL): string | undefined {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `${url.protocol} URLs refused`;
  if (url.username !== '' || url.password !== '') return 'URLs with credentials refused';
  return undefined;
}

/** `headers` without those that describe a body (Content-Type…), for a request that no longer has one. */
function withoutBodyHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !/^content-/i.test(name)));
}

/** The response's headers as a `Headers`, repeated ones kept. */
function headersOf(response: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, values] of Object.entries(response.headersDistinct)) {
    for (const value of values ?? []) headers.append(name, value);
  }
  return headers;
}

interface Hop {
  url: URL;
  /** The address checked for `url`'s host, and the only one connected to. */
  address: string;
  method: 'GET' | 'POST';
  body: string | undefined;
  headers: OutgoingHttpHeaders;
}

/**
 * Sends one request to `hop.address`, naming `hop.url`'s host in the Host header and, for HTTPS, in the TLS server
 * name, against which the certificate is checked as usual. Connecting to the checked address rather than to the
 * name is what keeps a name that resolves differently a moment later (DNS rebinding) from leading elsewhere.
 */
function send(hop: Hop, signal: AbortSignal, ca: string | undefined): Promise<IncomingMessage> {
  const { url, address, method, body } = hop;
  const isHttps = url.protocol === 'https:';
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return new Promise((resolve, reject) => {
    const request = (isHttps ? httpsRequest : httpRequest)(
      {
        host: address,
        port: url.port === '' ? (isHttps ? 443 : 80) : Number(url.port),
        path: `${url.pathname}${url.search}`,
        method,
        headers: {
          ...hop.headers,
          Host: url.host,
          ...(body !== undefined && { 'Content-Length': Buffer.byteLength(body) }),
        },
        // A connection of its own: a pooled one would be shared by host and port, whatever name it was opened for.
        agent: false,
        signal,
        // TLS forbids an IP address as server name; without one, Node checks the certificate against `host`.
        ...(isHttps && { servername: isIP(hostname) ? '' : hostname, ...(ca !== undefined && { ca }) }),
      },
      resolve,
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** The detail of an error from the network: its message, which names the address and the cause. */
function networkDetail(error: unknown, signal: AbortSignal): string {
  if (signal.aborted) return 'timed out';
  return error instanceof Error ? error.message : String(error);
}

/**
 * A `PageFetcher` for the server: it fetches http and https URLs only, never reaching the server's own network
 * (every address a host resolves to, on every redirect, must be public unicast, and the connection goes to the
 * address checked), follows at most `maxRedirects` redirects, reads at most `maxBytes` of a text body, and gives up
 * after `timeoutMs`.
 */
export function createSourceFetcher(options: SourceFetcherOptions): PageFetcher {
  const {
    userAgent,
    allowLoopback = false,
    maxBytes = 1024 * 1024,
    timeoutMs = 10_000,
    maxRedirects = 5,
    lookup = systemResolver,
    ca,
  } = options;

  async function follow(start: string, request: FetchRequest, signal: AbortSignal): Promise<FetchOutcome> {
    let url: URL;
    try {
      url = new URL(start);
    } catch {
      return failure('source_unreachable', 'not a URL');
    }
    let method = request.method ?? 'GET';
    let body = request.body;
    let headers = request.headers ?? {};
    for (let redirects = 0; ; redirects += 1) {
      const onHop = redirects === 0 ? '' : 'redirect to ';
      const refused = refusedUrl(url);
      if (refused !== undefined) return failure('forbidden_address', `${onHop}${refused}`);
      const host = await allowedAddressOf(url.hostname, lookup, allowLoopback);
      if (!host.ok) return failure(host.reason, `${onHop}${host.detail}`);
      if (signal.aborted) return failure('source_unreachable', 'timed out');
      const hop: Hop = {
        url,
        address: host.address,
        method,
        body,
        headers: {
          'User-Agent': userAgent,
          Accept: accept,
          'Accept-Encoding': 'gzip, deflate, br',
          ...headers,
        },
      };
      let response: IncomingMessage;
      try {
        response = await send(hop, signal, ca);
      } catch (error) {
        return failure('source_unreachable', networkDetail(error, signal));
      }
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (redirectStatuses.has(status) && location !== undefined) {
        response.destroy();
        if (redirects === maxRedirects) {
          return failure('too_many_redirects', `more than ${maxRedirects} redirects`);
        }
        try {
          url = new URL(location, url);
        } catch {
          return failure('source_unreachable', `redirect to an invalid URL: ${location.slice(0, 200)}`);
        }
        // As browsers do: 303 asks for a GET, and 301 and 302 after a POST have long been taken as the same.
        if (status === 303 || (method === 'POST' && status !== 307 && status !== 308)) {
          method = 'GET';
          body = undefined;
          headers = withoutBodyHeaders(headers);
        }
        continue;
      }
      const contentType = parseContentType(response.headers['content-type']);
      const page = {
        url: url.href,
        status,
        contentType: contentType.mediaType,
        headers: headersOf(response),
      };
      if (status < 200 || status > 299) {
        // Only the status matters to the caller: the body is not read, and the connection is not kept.
        response.destroy();
        return { ok: true, page: { ...page, body: '' } };
      }
      try {
        const text = await readResponseText(response, contentType, maxBytes);
        if (!text.ok) return failure(text.reason, text.detail);
        return { ok: true, page: { ...page, body: text.text } };
      } catch (error) {
        return failure('source_unreachable', networkDetail(error, signal));
      }
    }
  }

  return async (url, request = {}) => {
    const deadline = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A name that takes long to resolve is not abortable: the race answers for it, and the abort for the rest.
    const timedOut = new Promise<FetchOutcome>((resolve) => {
      timer = setTimeout(() => {
        deadline.abort();
        resolve(failure('source_unreachable', 'timed out'));
      }, timeoutMs);
    });
    try {
      return await Promise.race([follow(url, request, deadline.signal), timedOut]);
    } finally {
      clearTimeout(timer);
    }
  };
}
