import type { ListCommentsResponse, SortOrder } from '../protocol/types.js';
import { countBatches } from './count-batches.js';
import { call, withQuery, type Connection, type RequestOptions } from './connection.js';
import { badResponse } from './request.js';
import { isListCommentsResponse, readCounts } from './shape.js';

// The calls about whole threads: one page of a thread, and the counts of several.

/** Which page of a thread to list. */
export interface ListCommentsQuery {
  thread: string;
  /** Comments per page, 1 to `limits.maxPageSize`; the server's default (`limits.defaultPageSize`) if omitted. */
  limit?: number;
  /** The `next` cursor of the previous page; omitted or `null` for the first page. */
  cursor?: string | null;
  /** `oldest` first (the default) or `newest` first; replies always follow their parent, oldest first. */
  sort?: SortOrder;
  /**
   * Additive to v1: the page that holds comment `around` (a permalink's target) instead of the first; it starts
   * with the top-level comment whose conversation holds it, and its `previous` is the cursor of the page before.
   * Ignored with a `cursor`.
   */
  around?: string;
}

/** One page of a thread's published comments, with what the server says about the thread. */
export async function listComments(
  connection: Connection,
  { thread, limit, cursor, sort, around }: ListCommentsQuery,
  requestOptions?: RequestOptions,
): Promise<ListCommentsResponse> {
  const url = withQuery(new URL('comments', connection.api), [
    ['thread', thread],
    ['limit', limit === undefined ? undefined : String(limit)],
    ['sort', sort],
    ['cursor', cursor ?? undefined],
    ['around', cursor ? undefined : around],
  ]);
  const { status, body } = await call(connection, 'GET', url, requestOptions);
  if (!isListCommentsResponse(body)) throw badResponse(status, 'The comment list is malformed');
  return body;
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
