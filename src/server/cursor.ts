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

/**
 * Which way a cursor pages: `after` its position (`next`), or `before` it (`previous`, the page before a page).
 */
export type CursorDirection = 'after' | 'before';

/** A position and the way to page from it, as a cursor names them. */
export interface CursorTarget {
  position: PagePosition;
  direction: CursorDirection;
}

/**
 * A page position of the listing `scope` names, as an opaque cursor of the protocol: `next` (after it) or
 * `previous` (before it). A forward cursor without a rank has the shape cursors had before ranks and `previous`
 * existed, so that cursors handed out then still work.
 */
export async function encodeCursor(
  position: PagePosition,
  scope: CursorScope,
  direction: CursorDirection = 'after',
): Promise<string> {
  const parts: unknown[] = [position.rootKey, position.commentKey, position.parentId, await scopeTag(scope)];
  if (direction === 'before' || position.rootValue !== undefined) {
    parts.push(direction === 'before' ? 'b' : 'a', position.rootValue ?? null);
  }
  return toBase64Url(new TextEncoder().encode(JSON.stringify(parts)));
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The page position a cursor names, or `undefined` when it is not one this server handed out for the listing
 * `scope` names (docs/protocol.md#cursors: another thread's or order's cursor is refused, not misapplied).
 */
export async function decodeCursor(cursor: string, scope: CursorScope): Promise<CursorTarget | undefined> {
  const bytes = fromBase64Url(cursor);
  if (!bytes) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(strictUtf8.decode(bytes));
  } catch {
    return undefined;
  }
  const isRanked = scope.sort === 'liked' || scope.sort === 'replied';
  if (
    !Array.isArray(value) ||
    (value.length !== 4 && value.length !== 6) ||
    typeof value[0] !== 'string' ||
    typeof value[1] !== 'string' ||
    (value[2] !== null && typeof value[2] !== 'string') ||
    value[3] !== (await scopeTag(scope))
  ) {
    return undefined;
  }
  const position: PagePosition = { rootKey: value[0], commentKey: value[1], parentId: value[2] };
  if (value.length === 4) return isRanked ? undefined : { position, direction: 'after' };
  const [, , , , direction, rank] = value as unknown[];
  if (direction !== 'a' && direction !== 'b') return undefined;
  if (isRanked) {
    if (!Number.isSafeInteger(rank) || (rank as number) < 0) return undefined;
    position.rootValue = rank as number;
  } else if (rank !== null) {
    return undefined;
  }
  return { position, direction: direction === 'a' ? 'after' : 'before' };
}
