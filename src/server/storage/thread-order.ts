// How comments are ordered within a thread, in the two keys every comment stores (see schema.ts): `root_key`, the
// order key of the top-level comment it belongs to, and `path`, the chain of order keys from there down to it.

/** Order keys a stored path holds at most. Deeper replies are stored at this depth (see `childPath`). */
export const maxStoredDepth = 10;

/** The order key of one comment: fixed-width timestamp and id, so keys compare correctly as bytes. */
export function orderKey(createdAt: string, id: string): string {
  return `${createdAt}|${id}`;
}

/**
 * The path of a reply whose parent has `parentPath`. A reply at the depth cap is stored as a sibling of its parent
 * (the parent's parent's path plus its own key): so a path never grows beyond `maxStoredDepth` keys, whatever the
 * depth of a conversation, and storage grows linearly with the number of replies instead of with the square of
 * their depth. Such replies sort by time among their parent's siblings; `parent_id` still names the real parent.
 */
export function childPath(parentPath: string, ownKey: string): string {
  const ancestors = parentPath.split('/');
  return [...ancestors.slice(0, maxStoredDepth - 1), ownKey].join('/');
}

/** The id of the top-level comment whose order key is `rootKey` (ids never hold `|`). */
export function rootIdOf(rootKey: string): string {
  return rootKey.slice(rootKey.indexOf('|') + 1);
}
