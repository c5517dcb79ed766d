import { html, nothing } from 'lit';
import { guard } from 'lit/directives/guard.js';
import type { Comment } from '../../protocol/types.js';
import type { ThreadLocalizer } from '../../i18n/localizer.js';
import { inGroups, threadList, type CommentTree } from '../../protocol/thread-tree.js';
import { commentGroup, type ItemView, type RepliesView } from './comment-item.js';

export { ancestors, commentTree, type CommentTree } from '../../protocol/thread-tree.js';

export interface TreeView {
  /**
   * The comments, as a tree whose lists of replies are replaced, never changed, when a comment is added below them
   * (shown-thread.ts): a conversation whose first comment's list is the same as at the last render is unchanged.
   */
  tree: CommentTree;
  localizer: ThreadLocalizer;
  /** How many levels replies nest below the top; deeper ones show at the last level, saying whom they answer. */
  maxDepth: number;
  /** The comments whose long list of replies the reader opened (or a permalink or their own reply opened). */
  expanded: ReadonlySet<string>;
  expand(id: string, firstRevealed: string): void;
  /**
   * Changes whenever anything but the comments themselves may change how a comment shows (the words, a
   * controller's state, the expanded lists): a box of conversations whose comments are the same objects as at the
   * last render, and this the same, is not rendered again.
   */
  revision: unknown;
  /**
   * One comment with its replies; `inReplyTo` when the nesting stopped short of showing whom it answers, `level` 0
   * when it starts a conversation.
   */
  renderOne(
    comment: Comment,
    replies: RepliesView | undefined,
    inReplyTo: Comment | undefined,
    level: number,
  ): ItemView;
}

/** The thread's comments as nested lists: the top-level ones, each with its conversation below it. */
export function renderTree(view: TreeView): unknown {
  const { items, isNested } = threadList(view.tree, undefined, 0, view.maxDepth, false);
  if (!items[0]) return nothing;
  return html`<div role="list" class="comments" part="list">
    ${boxes(view, items, isNested, (item) => renderItem(view, item, isNested, 0))}
  </div>`;
}

/** A comment of the list at `level`, with its replies when the list `isNested` (it is above the deepest level). */
function renderItem(
  view: TreeView,
  [comment, inReplyTo]: [Comment, Comment?],
  isNested: boolean,
  level: number,
) {
  return view.renderOne(
    comment,
    isNested ? renderReplies(view, comment, level + 1) : undefined,
    inReplyTo,
    level,
  );
}

/**
 * `owner`'s replies, at `level`; below each, its replies nested down to `maxDepth`, and from there flattened into
 * the last level. More than three replies show the first two and a button for the rest.
 */
function renderReplies(view: TreeView, owner: Comment, level: number): RepliesView | undefined {
  const { tree, expanded } = view;
  const { items, isNested, hidden, hiddenCount } = threadList(
    tree,
    owner,
    level,
    view.maxDepth,
    expanded.has(owner.id),
  );
  if (!items[0]) return undefined;
  const first = hidden[0]?.[0];
  return {
    items: items.map((item) => renderItem(view, item, isNested, level)),
    more: first && {
      label: view.localizer.plural('moreReplies', hiddenCount),
      onClick: () => view.expand(owner.id, first.id),
    },
  };
}

/**
 * The top-level items in boxes ({@link inGroups}), each skipped by layout and paint while out of sight
 * (`content-visibility`), and rendered only when one of its conversations is new or changed (its first comment,
 * or that comment's list of replies), or the view's revision moved: a page more of a long thread costs the boxes
 * it adds to, not every box shown.
 */
function boxes(
  view: TreeView,
  items: [Comment, Comment?][],
  isNested: boolean,
  itemOf: (item: [Comment, Comment?]) => ItemView,
) {
  return inGroups(items).map((box) => {
    const shown: unknown[] = [view.revision];
    for (const [comment, inReplyTo] of box)
      shown.push(comment, isNested ? view.tree.replies.get(comment.id) : inReplyTo);
    return guard(shown, () => commentGroup(box.map(itemOf)));
  });
}
