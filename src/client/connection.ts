import { isCommentId } from '../protocol/ids.js';
import { send, type RequestSpec } from './request.js';

/** How to reach a natter server. */
export interface ClientOptions {
  /**
   * The server's absolute base URL, with any path prefix it is mounted under (`https://example.com/natter/`);
   * the API lives at `api/v1/` below it. A missing trailing slash is added; a query or fragment is dropped.
   */
  endpoint: string | URL;
  /** The `fetch` to send requests with; the global one when omitted. */
  fetch?: typeof fetch;
  /** Milliseconds a request may take, reading its body included; 0 waits for ever. Default 10 000. */
  timeout?: number;
  /** Headers added to every request. Cross-origin, the server's CORS configuration must allow them. */
  headers?: Record<string, string>;
}

/** Options of a single call. */
export interface RequestOptions {
  /** Aborting it rejects the call with the signal's own reason (an `AbortError`), never a `NatterHttpError`. */
  signal?: AbortSignal;
  /** Milliseconds this call may take, instead of the client's `timeout`. */
  timeout?: number;
}

/** The default of {@link ClientOptions.timeout}, in milliseconds. */
export const defaultTimeout = 10_000;

/**
 * A natter server to talk to: what the call functions take. Made once by {@link connect}; holds no state
 * besides the options, so one connection serves any number of concurrent calls.
 */
export interface Connection {
  /** The API root, `…/api/v1/`. */
  readonly api: URL;
  readonly options: ClientOptions;
}

/**
 * Checks `options.endpoint` and returns the connection the call functions take. Throws a `TypeError` at once
 * if the endpoint is not an absolute http or https URL (resolve relative ones first, against `document.baseURI`).
 * Apps that want a bundle without the calls they do not make use this with the free functions below;
 * {@link createClient} bundles them all.
 */
export function connect(options: ClientOptions): Connection {
  return { api: apiRoot(options.endpoint), options };
}

/** Sends one request on `connection`, with its options. */
export function call(
  { options }: Connection,
  method: RequestSpec['method'],
  url: URL,
  requestOptions: RequestOptions = {},
  content: Pick<RequestSpec, 'body' | 'form' | 'secret'> = {},
) {
  return send({
    method,
    url,
    ...content,
    headers: options.headers ?? {},
    // Looked up per call, so a fetch replaced after the client was made is still used.
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    timeout: requestOptions.timeout ?? options.timeout ?? defaultTimeout,
    signal: requestOptions.signal,
  });
}

/** The API root below the endpoint: `https://example.com/natter/` → `https://example.com/natter/api/v1/`. */
function apiRoot(endpoint: string | URL): URL {
  let root: URL;
  try {
    root = new URL(endpoint);
  } catch {
    throw new TypeError(`The natter endpoint must be an absolute URL: ${String(endpoint)}`);
  }
  if (root.protocol !== 'http:' && root.protocol !== 'https:') {
    throw new TypeError(`The natter endpoint must be an http or https URL: ${root.href}`);
  }
  root.search = '';
  root.hash = '';
  if (!root.pathname.endsWith('/')) root.pathname += '/';
  return new URL('api/v1/', root);
}

/** The path of one comment below the API root; refuses anything but a comment id. */
export function commentUrl(api: URL, id: string): URL {
  // The id alphabet keeps `.` and `..` (which URL parsing would resolve away) out of the path.
  if (!isCommentId(id)) throw new TypeError(`Not a natter comment id: ${JSON.stringify(id)}`);
  return new URL(`comments/${encodeURIComponent(id)}`, api);
}

/**
 * Sets `url`'s query from name–value pairs, leaving out undefined values. Percent-encodes every value
 * (a space as `%20`, not `+`), which form decoders and plain percent-decoders read alike.
 */
export function withQuery(url: URL, params: [string, string | undefined][]): URL {
  url.search = params
    .filter((param): param is [string, string] => param[1] !== undefined)
    .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
    .join('&');
  return url;
}
