import type { PagePosition } from './storage/store.js';

/** A page position as the opaque `next` cursor of the protocol. */
export function encodeCursor(position: PagePosition): string {
  return Buffer.from(JSON.stringify([position.rootKey, position.path])).toString('base64url');
}

/** The page position a cursor names, or `undefined` when it is not one this server handed out. */
export function decodeCursor(cursor: string): PagePosition | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((part) => typeof part === 'string')) {
      return { rootKey: value[0], path: value[1] };
    }
  } catch {
    // Not base64url JSON: answered as a bad cursor below.
  }
  return undefined;
}
