import type { MentionStatusResponse, Reference } from '../protocol/types.js';
import { call, withQuery, type Connection, type RequestOptions } from './connection.js';
import { badResponse } from './request.js';
import { isListReferencesResponse, isMentionStatusResponse } from './reference-shape.js';

// The calls about references, the responses to a page from other websites: a thread's list of them, and sending a
// Webmention (the reader's own response) with reading how it stands.

/** A Webmention the server received, to verify later. */
export interface SentMention {
  /** How it stands now (normally `queued`). */
  mention: MentionStatusResponse;
  /**
   * Where {@link getMentionStatus} reads how it stands later: the answer's `Location`, when there is one and the
   * browser lets the page read it (a server on another origin must expose the header to CORS).
   */
  statusUrl?: string;
}

/** `url` as an absolute http or https URL (relative to `base`); anything else throws a `TypeError`. */
function webUrl(url: string | URL, base?: URL): URL {
  const parsed = new URL(url, base);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TypeError(`Not an http or https URL: ${parsed.href}`);
  }
  return parsed;
}

/** A thread's published references (responses on other websites), oldest first (additive to v1). */
export async function listReferences(
  connection: Connection,
  thread: string,
  requestOptions?: RequestOptions,
): Promise<Reference[]> {
  const url = withQuery(new URL('references', connection.api), [['thread', thread]]);
  const { status, body } = await call(connection, 'GET', url, requestOptions);
  if (!isListReferencesResponse(body)) throw badResponse(status, 'The references are malformed');
  return body.references;
}

/**
 * Tells the Webmention `endpoint` (a thread's `ThreadInfo.webmention`) that `source`, a page on another website,
 * links to `target`, the thread's page: a form-encoded `POST`, as the W3C Webmention spec has it. Resolves once the
 * server has queued it for verification; a refusal (`validation_failed` with `field: 'source'`, `rate_limited`, …)
 * throws as every failure does. Throws a `TypeError` at once for an endpoint that is not an http or https URL.
 */
export async function sendWebmention(
  connection: Connection,
  endpoint: string | URL,
  { source, target }: { source: string; target: string },
  requestOptions?: RequestOptions,
): Promise<SentMention> {
  const url = webUrl(endpoint);
  const form = new URLSearchParams({ source, target });
  const { status, body, headers } = await call(connection, 'POST', url, requestOptions, { form });
  // The spec lets a receiver answer with no body at all: then it is queued.
  const mention: unknown = body ?? { state: 'queued', source, target, updatedAt: new Date().toISOString() };
  if (!isMentionStatusResponse(mention)) throw badResponse(status, 'The mention status is malformed');
  const location = headers.get('Location');
  let statusUrl: string | undefined;
  try {
    statusUrl = location ? webUrl(location, url).href : undefined;
  } catch {
    // A status address that is no web address is one the client cannot read: the mention is queued all the same.
  }
  return { mention, ...(statusUrl && { statusUrl }) };
}

/** How a Webmention stands, read from its status URL ({@link SentMention.statusUrl}). */
export async function getMentionStatus(
  connection: Connection,
  statusUrl: string | URL,
  requestOptions?: RequestOptions,
): Promise<MentionStatusResponse> {
  const { status, body } = await call(connection, 'GET', webUrl(statusUrl), requestOptions);
  if (!isMentionStatusResponse(body)) throw badResponse(status, 'The mention status is malformed');
  return body;
}
