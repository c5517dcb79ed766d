import type { Comment } from './types.js';

// How a page of a thread reads as conversations (docs/protocol.md#order: every reply after its parent), shared by the
// widget (src/elements/natter-comments/comment-tree.ts) and the server's HTML (src/server/html/), so that a thread
// has one shape whether a script draws it or a server writes it. Plain ECMAScript: neither the DOM nor Node.

/** Replies under one comment beyond which the rest wait behind "Show N more replies"; the first two show. */
const collapseAbove = 3;
const shownReplies = 2;
/**
 * Conversations per box that the browser skips while it is out of sight: measured with 10,000 comments
 * (`scripts/bench/large-thread.mjs`), one a box checks too many boxes each frame, twenty lay out too much at once
 * as a box comes into sight, and eight keep scrolling at 60 frames a second.
 */
const groupSize = 8;

/** A thread's comments as a tree: each comment's replies, in thread order, and the comments at the top. */
export interface CommentTree {
  roots: Comment[];
  replies: Map<string, Comment[]>;
  byId: Map<string, Comment>;
}

/**
 * Builds the tree from comments in thread order (every reply after its parent, protocol: Order). A reply whose
 * parent is not shown stands at the top; a deleted comment's placeholder only while replies under it are shown.
 */
export function commentTree(comments: Comment[]): CommentTree {
  const byId = new Map(comments.map((comment) => [comment.id, comment]));
  const replies = new Map<string, Comment[]>();
  const roots: Comment[] = [];
  for (const comment of comments) {
    const { parent } = comment;
    if (parent === null || !byId.has(parent)) roots.push(comment);
    else if (replies.has(parent)) replies.get(parent)?.push(comment);
    else replies.set(parent, [comment]);
  }
  const isShown = (comment: Comment): boolean =>
    !comment.deleted || (replies.get(comment.id) ?? []).some(isShown);
  for (const [id, list] of replies) replies.set(id, list.filter(isShown));
  return { roots: roots.filter(isShown), replies, byId };
}

/** The ids of the comments above `id`, nearest first. */
export function ancestors(tree: CommentTree, id: string): string[] {
  const above: string[] = [];
  for (let parent = tree.byId.get(id)?.parent; parent && tree.byId.has(parent);) {
    above.push(parent);
    parent = tree.byId.get(parent)?.parent;
  }
  return above;
}

/** A comment's replies and all theirs, depth first, each with the comment it answers. */
function flatten(tree: CommentTree, comment: Comment): [Comment, Comment][] {
  return (tree.replies.get(comment.id) ?? []).flatMap((reply) => [
    [reply, comment] as [Comment, Comment],
    ...flatten(tree, reply),
  ]);
}

/** One list of a thread: the comments in it, each with whom it answers when the nesting stopped short of showing it. */
export interface ThreadList {
  /** The comments shown, each with the comment it answers when that is not the list's owner. */
  items: [Comment, Comment?][];
  /** Whether each comment of `items` has a list of its own below it (it is above the deepest level). */
  isNested: boolean;
  /** The comments left behind "Show N more replies", with how many comments they stand for in all. */
  hidden: [Comment, Comment?][];
  hiddenCount: number;
}

/**
 * The list of the top-level comments (no `owner`) or of `owner`'s replies, at `level` (0 at the top): below each
 * comment its replies nest down to `maxDepth`, and from there they are flattened into the last level. More than
 * three replies show the first two, the rest behind a button, unless `isExpanded`.
 */
export function threadList(
  tree: CommentTree,
  owner: Comment | undefined,
  level: number,
  maxDepth: number,
  isExpanded: boolean,
): ThreadList {
  const isNested = level < maxDepth;
  const items: [Comment, Comment?][] = (owner ? (tree.replies.get(owner.id) ?? []) : tree.roots).flatMap(
    (comment) => (isNested ? [[comment]] : [[comment], ...flatten(tree, comment)]),
  );
  const hidden = owner && items.length > collapseAbove && !isExpanded ? items.splice(shownReplies) : [];
  const hiddenCount = hidden.reduce(
    (sum, [comment]) => sum + 1 + (isNested ? flatten(tree, comment).length : 0),
    0,
  );
  return { items, isNested, hidden, hiddenCount };
}

/** `items` in boxes of {@link groupSize}. */
export function inGroups<T>(items: T[]): T[][] {
  const boxes: T[][] = [];
  for (let start = 0; start < items.length; start += groupSize)
    boxes.push(items.slice(start, start + groupSize));
  return boxes;
}
