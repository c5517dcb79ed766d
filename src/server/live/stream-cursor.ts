import { isCommentId } from '../../protocol/ids.js';
import type { PublishedPosition } from '../storage/published.js';

/** The latest time a cursor may name: JavaScript's last date, so that every cursor decodes to a valid one. */
const latestTime = 8.64e15;

/**
 * A position in a thread's order of publication as an SSE event id: the publication time in milliseconds, in base
 * 36, a dot and the comment id. Opaque to clients (docs/protocol.md#get-apiv1stream); short, and free of the
 * line breaks and NUL an SSE id may not hold.
 */
export function encodeStreamCursor({ publishedAt, id }: PublishedPosition): string {
  return `${Date.parse(publishedAt).toString(36)}.${id}`;
}

/** The position an event id of this server names, or `undefined` when it is not one. */
export function decodeStreamCursor(cursor: string): PublishedPosition | undefined {
  const match = /^([0-9a-z]{1,11})\.([A-Za-z0-9_-]{1,64})$/.exec(cursor);
  if (!match) return undefined;
  const [, time = '', id = ''] = match;
  const milliseconds = parseInt(time, 36);
  if (!(milliseconds <= latestTime) || !isCommentId(id)) return undefined;
  return { publishedAt: new Date(milliseconds).toISOString(), id };
}
