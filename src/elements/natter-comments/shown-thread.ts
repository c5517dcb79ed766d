import type { Comment, SortOrder, ThreadInfo } from '../../protocol/types.js';
import { commentTree } from '../../protocol/thread-tree.js';

/** What the shown thread is made from: the pages loaded, and what the reader did since. */
export interface ShownFrom {
  /** Every comment of the pages loaded so far, in thread order. */
  loaded: Comment[];
  /** Comments added since the thread loaded: the reader's own new ones, and others' that came live. */
  posted: Comment[];
  /** The reader's edits (the comment as it is now) and deletions (`null`) since the thread loaded. */
  changed: ReadonlyMap<string, Comment | null>;
  sort: SortOrder;
  /** The thread as its first page described it. */
  thread: ThreadInfo;
}

/**
 * Every comment shown, in the thread's order: loaded pages, then the reader's own new ones, each as the reader
 * last changed it; deleted ones left out.
 */
function shownComments({ loaded, posted, changed, sort }: ShownFrom): Comment[] {
  const known = new Set(loaded.map((comment) => comment.id));
  // The reader's own top-level comments: each goes before the first top-level comment posted after it
  // (before it, newest first), so that a held one shown again after a reload is where it was posted.
  const isNewest = sort === 'newest';
  const ordered = [...loaded];
  for (const comment of posted) {
    if (known.has(comment.id)) continue;
    // A reply is the newest of its conversation: the tree puts it last under its parent.
    const next =
      comment.parent !== null
        ? -1
        : ordered.findIndex(
            (other) =>
              other.parent === null &&
              (isNewest ? comment.createdAt > other.createdAt : comment.createdAt < other.createdAt),
          );
    ordered.splice(next < 0 ? ordered.length : next, 0, comment);
  }
  return ordered.flatMap((comment) => {
    const now = changed.get(comment.id);
    return now === undefined ? [comment] : now === null ? [] : [now];
  });
}

/**
 * The heading's count: the server's, corrected for what the reader did since it loaded. Their new comments count
 * once published; a comment they deleted, or whose edit the server holds for moderation, leaves the public listing,
 * and so do the replies below it (protocol: Visibility). `byId` holds the comments shown.
 */
function countOf({ thread, loaded, posted }: ShownFrom, byId: ReadonlyMap<string, Comment>): number {
  const loadedIds = new Set(loaded.map((comment) => comment.id));
  const isShown = (id: string): boolean => {
    const comment = byId.get(id);
    if (comment?.status !== 'published') return false;
    // A parent this page never loaded is listed: the server listed its reply.
    return comment.parent === null || !loadedIds.has(comment.parent) || isShown(comment.parent);
  };
  // A deleted comment's placeholder keeps its replies listed, but is no comment of its own.
  const isListed = (id: string): boolean => isShown(id) && !byId.get(id)?.deleted;
  const wasListed = new Set(loaded.filter((comment) => !comment.deleted).map((comment) => comment.id));
  const postedIds = new Set(posted.map((comment) => comment.id));
  let count = thread.count;
  for (const id of postedIds) count += isListed(id) ? 1 : 0;
  // Every loaded comment was listed when it arrived, so the server's count holds it already.
  for (const id of wasListed) if (!postedIds.has(id)) count -= isListed(id) ? 0 : 1;
  return count;
}

/**
 * The thread as the element shows it, made again only when what it is made from changed; when only a page more
 * came, the page is added to what was made, so that a long thread's next page costs that page, not every comment
 * shown again. A list of replies in its tree is never changed: a new one takes its place when a comment is added
 * to it, and to the lists above it, so that a conversation whose first comment's list is the same is unchanged.
 */
export class ShownThread {
  #from?: ShownFrom;
  /** The comments shown, as a tree. */
  tree = commentTree([]);
  /** The heading's count. */
  count = 0;

  /** Brings the thread up to date with `from`; nothing to do when it is what the thread was made from. */
  update(from: ShownFrom): void {
    const last = this.#from;
    this.#from = from;
    const changes = (Object.keys(from) as (keyof ShownFrom)[]).filter((key) => from[key] !== last?.[key]);
    if (!changes.length) return;
    const isUntouched = !from.posted.length && !from.changed.size;
    if (last && changes.join() === 'loaded' && isUntouched && this.#addPage(last.loaded, from)) return;
    this.tree = commentTree(shownComments(from));
    this.count = countOf(from, this.tree.byId);
  }

  /**
   * Adds the comments of `from` loaded after `earlier`, when they simply follow them: the reader changed nothing
   * yet, and no placeholder is among them or above one of them (which could bring a placeholder into sight). Then
   * every comment added is listed, as the server's count says already. Returns whether it did.
   */
  #addPage(earlier: Comment[], { loaded }: ShownFrom): boolean {
    const { roots, replies, byId } = this.tree;
    const added = loaded.slice(earlier.length);
    if (
      !added.length ||
      !earlier.every((comment, index) => loaded[index] === comment) ||
      added.some((comment) => comment.deleted || byId.get(comment.parent ?? '')?.deleted)
    )
      return false;
    for (const comment of added) {
      const parent = byId.get(comment.parent ?? '');
      byId.set(comment.id, comment);
      if (!parent) roots.push(comment);
      for (let above = parent, below = comment; above; below = above, above = byId.get(above.parent ?? '')) {
        const list = replies.get(above.id) ?? [];
        replies.set(above.id, below === comment ? [...list, comment] : [...list]);
      }
    }
    return true;
  }
}
