import { createHash } from 'node:crypto';
import type { SortOrder } from '../protocol/types.js';
import type { PagePosition } from './storage/store.js';

/** What a cursor was made for: a cursor only continues the listing it came from. */
export interface CursorScope {
  thread: string;
  sort: SortOrder;
}

/** A short fingerprint of the listing, so that a cursor of another thread or order is recognised as such. */
function scopeTag({ thread, sort }: CursorScope): string {
  return createHash('sha256').update(`${sort}\n${thread}`).digest('base64url').slice(0, 11);
}

/** A page position of the listing `scope` names, as the opaque `next` cursor of the protocol. */
export function encodeCursor(position: PagePosition, scope: CursorScope): string {
  const parts = [position.rootKey, position.commentKey, position.parentId, scopeTag(scope)];
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

/**
 * The page position a cursor names, or `undefined` when it is not one this server handed out for the listing
 * `scope` names (docs/protocol.md#cursors: another thread's or order's cursor is refused, not misapplied).
 */
export function decodeCursor(cursor: string, scope: CursorScope): PagePosition | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 4 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string' &&
      (value[2] === null || typeof value[2] === 'string') &&
      value[3] === scopeTag(scope)
    ) {
      return { rootKey: value[0], commentKey: value[1], parentId: value[2] };
    }
  } catch {
    // Not base64url JSON: answered as a bad cursor below.
  }
  return undefined;
}
