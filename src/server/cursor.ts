import type { SortOrder } from '../protocol/types.js';
import { fromBase64Url, sha256, toBase64Url } from './base64url.js';
import type { PagePosition } from './storage/store.js';

/** What a cursor was made for: a cursor only continues the listing it came from. */
export interface CursorScope {
  thread: string;
  sort: SortOrder;
}

/** A short fingerprint of the listing, so that a cursor of another thread or order is recognised as such. */
async function scopeTag({ thread, sort }: CursorScope): Promise<string> {
  return toBase64Url(await sha256(`${sort}\n${thread}`)).slice(0, 11);
}

/** A page position of the listing `scope` names, as the opaque `next` cursor of the protocol. */
export async function encodeCursor(position: PagePosition, scope: CursorScope): Promise<string> {
  const parts = [position.rootKey, position.commentKey, position.parentId, await scopeTag(scope)];
  return toBase64Url(new TextEncoder().encode(JSON.stringify(parts)));
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The page position a cursor names, or `undefined` when it is not one this server handed out for the listing
 * `scope` names (docs/protocol.md#cursors: another thread's or order's cursor is refused, not misapplied).
 */
export async function decodeCursor(cursor: string, scope: CursorScope): Promise<PagePosition | undefined> {
  const bytes = fromBase64Url(cursor);
  if (!bytes) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(strictUtf8.decode(bytes));
  } catch {
    return undefined;
  }
  if (
    Array.isArray(value) &&
    value.length === 4 &&
    typeof value[0] === 'string' &&
    typeof value[1] === 'string' &&
    (value[2] === null || typeof value[2] === 'string') &&
    value[3] === (await scopeTag(scope))
  ) {
    return { rootKey: value[0], commentKey: value[1], parentId: value[2] };
  }
  return undefined;
}
