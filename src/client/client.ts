import { isCommentId } from '../protocol/ids.js';
import { limits } from '../protocol/limits.js';
import type { Comment, EditComment, ListCommentsResponse, NewComment, SortOrder } from '../protocol/types.js';
import { badResponse, send, type RequestSpec } from './request.js';
import { isEditCommentResponse, isListCommentsResponse, isPostCommentResponse, readCounts } from './shape.js';

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

/** Which page of a thread to list. */
export interface ListCommentsQuery {
  thread: string;
  /** Comments per page, 1 to `limits.maxPageSize`; the server's default (`limits.defaultPageSize`) if omitted. */
  limit?: number;
  /** The `next` cursor of the previous page; omitted or `null` for the first page. */
  cursor?: string | null;
  /** `oldest` first (the default) or `newest` first; replies always follow their parent, oldest first. */
  sort?: SortOrder;
}

/** A comment the server accepted. */
export interface PostedComment {
  comment: Comment;
  /** Authorises `editComment` and `deleteComment` for this comment; the server never shows it again. */
  secret: string;
  /** ISO 8601 UTC instant after which the secret no longer edits or deletes. */
  editableUntil: string;
  /** Whether the comment waits for moderation (HTTP 202) instead of being published (HTTP 201). */
  isPending: boolean;
}

/** A typed client of natter's protocol v1 (docs/protocol.md). Every failure is a `NatterHttpError`. */
export interface NatterClient {
  /** One page of a thread's published comments, with what the server says about the thread. */
  listComments(query: ListCommentsQuery, options?: RequestOptions): Promise<ListCommentsResponse>;
  /** Posts a new comment or reply. */
  postComment(comment: NewComment, options?: RequestOptions): Promise<PostedComment>;
  /** Replaces a comment's text, authorised by the secret its posting returned; resolves with the new comment. */
  editComment(id: string, text: string, secret: string, options?: RequestOptions): Promise<Comment>;
  /** Deletes a comment, authorised by the secret its posting returned. */
  deleteComment(id: string, secret: string, options?: RequestOptions): Promise<void>;
  /**
   * Published comments per thread, keyed by the given thread keys. Asks in as many requests as the
   * protocol's limits require, and not at all for an empty list.
   */
  getCounts(threads: Iterable<string>, options?: RequestOptions): Promise<Record<string, number>>;
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

function call(
  { options }: Connection,
  method: RequestSpec['method'],
  url: URL,
  requestOptions: RequestOptions = {},
  content: Pick<RequestSpec, 'body' | 'secret'> = {},
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

/** One page of a thread's published comments, with what the server says about the thread. */
export async function listComments(
  connection: Connection,
  { thread, limit, cursor, sort }: ListCommentsQuery,
  requestOptions?: RequestOptions,
): Promise<ListCommentsResponse> {
  const url = withQuery(new URL('comments', connection.api), [
    ['thread', thread],
    ['limit', limit === undefined ? undefined : String(limit)],
    ['sort', sort],
    ['cursor', cursor ?? undefined],
  ]);
  const { status, body } = await call(connection, 'GET', url, requestOptions);
  if (!isListCommentsResponse(body)) throw badResponse(status, 'The comment list is malformed');
  return body;
}

/** Posts a new comment or reply. */
export async function postComment(
  connection: Connection,
  { thread, parent, name, email, url, text }: NewComment,
  requestOptions?: RequestOptions,
): Promise<PostedComment> {
  // Only the protocol's fields travel, whatever else the caller's object holds.
  const content = { body: { thread, parent, name, email, url, text } };
  const { status, body } = await call(
    connection,
    'POST',
    new URL('comments', connection.api),
    requestOptions,
    content,
  );
  if (!isPostCommentResponse(body)) throw badResponse(status, 'The posted comment is malformed');
  const { comment, secret, editableUntil } = body;
  return { comment, secret, editableUntil, isPending: comment.status === 'pending' };
}

/** Replaces a comment's text, authorised by the secret its posting returned; resolves with the new comment. */
export async function editComment(
  connection: Connection,
  id: string,
  text: string,
  secret: string,
  requestOptions?: RequestOptions,
): Promise<Comment> {
  const edit: EditComment = { text };
  const { status, body } = await call(connection, 'PATCH', commentUrl(connection.api, id), requestOptions, {
    body: edit,
    secret,
  });
  if (!isEditCommentResponse(body)) throw badResponse(status, 'The edited comment is malformed');
  return body.comment;
}

/** Deletes a comment, authorised by the secret its posting returned. */
export async function deleteComment(
  connection: Connection,
  id: string,
  secret: string,
  requestOptions?: RequestOptions,
): Promise<void> {
  await call(connection, 'DELETE', commentUrl(connection.api, id), requestOptions, { secret });
}

/**
 * Published comments per thread, keyed by the given thread keys. Asks in as many requests as the protocol's
 * limits require, and not at all for an empty list.
 */
export async function getCounts(
  connection: Connection,
  threads: Iterable<string>,
  requestOptions?: RequestOptions,
): Promise<Record<string, number>> {
  const base = new URL('counts', connection.api);
  const answers = await Promise.all(
    countBatches(base, threads).map(async (batch) => {
      const url = withQuery(
        new URL(base),
        batch.map((thread) => ['thread', thread]),
      );
      const { status, body } = await call(connection, 'GET', url, requestOptions);
      const counts = readCounts(body, batch);
      if (!counts) throw badResponse(status, 'The counts are malformed');
      return counts;
    }),
  );
  return Object.fromEntries(answers.flat());
}

/**
 * Creates a client for the natter server at `options.endpoint`: every call of the protocol as one object.
 * Throws a `TypeError` at once if the endpoint is not an absolute http or https URL.
 */
export function createClient(options: ClientOptions): NatterClient {
  const connection = connect(options);
  return {
    listComments: (query, requestOptions) => listComments(connection, query, requestOptions),
    postComment: (comment, requestOptions) => postComment(connection, comment, requestOptions),
    editComment: (id, text, secret, requestOptions) =>
      editComment(connection, id, text, secret, requestOptions),
    deleteComment: (id, secret, requestOptions) => deleteComment(connection, id, secret, requestOptions),
    getCounts: (threads, requestOptions) => getCounts(connection, threads, requestOptions),
  };
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

function commentUrl(api: URL, id: string): URL {
  // The id alphabet keeps `.` and `..` (which URL parsing would resolve away) out of the path.
  if (!isCommentId(id)) throw new TypeError(`Not a natter comment id: ${JSON.stringify(id)}`);
  return new URL(`comments/${encodeURIComponent(id)}`, api);
}

/**
 * Sets `url`'s query from name–value pairs, leaving out undefined values. Percent-encodes every value
 * (a space as `%20`, not `+`), which form decoders and plain percent-decoders read alike.
 */
function withQuery(url: URL, params: [string, string | undefined][]): URL {
  url.search = params
    .filter((param): param is [string, string] => param[1] !== undefined)
    .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
    .join('&');
  return url;
}

/** Splits thread keys, without repeats, into batches within the protocol's thread and URL length limits. */
function countBatches(base: URL, threads: Iterable<string>): string[][] {
  const batches: string[][] = [];
  let batch: string[] = [];
  let length = base.href.length;
  for (const thread of new Set(threads)) {
    const paramLength = `&thread=${encodeURIComponent(thread)}`.length;
    if (
      batch.length === limits.maxCountThreads ||
      (batch.length > 0 && length + paramLength > limits.requestUrlLength)
    ) {
      batches.push(batch);
      batch = [];
      length = base.href.length;
    }
    batch.push(thread);
    length += paramLength;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}
