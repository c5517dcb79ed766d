import { html, nothing, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import type { Comment } from '../../protocol/types.js';
import type { ThreadLocalizer } from '../../i18n/localizer.js';
import { inGroups, threadList, type CommentTree } from '../../protocol/thread-tree.js';

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
    replies: unknown,
    inReplyTo: Comment | undefined,
    level: number,
  ): TemplateResult;
}

/**
 * The list of the top-level comments (no `owner`) or of `owner`'s replies, the comments in it at `level` (0 at the
 * top); below each, its replies nested down to `maxDepth`, and from there flattened into the last level. More than
 * three replies show the first two and a button for the rest.
 */
function renderList(view: TreeView, owner: Comment | undefined, level: number): unknown {
  const { tree, expanded } = view;
  const {
    items,
    isNested,
    hidden,
    hiddenCount: count,
  } = threadList(tree, owner, level, view.maxDepth, Boolean(owner && expanded.has(owner.id)));
  if (!items[0]) return nothing;
  const first = hidden[0]?.[0];
  const renderItem = ([comment, inReplyTo]: [Comment, Comment?]) =>
    view.renderOne(comment, isNested ? renderList(view, comment, level + 1) : nothing, inReplyTo, level);
  if (!owner)
    return html`<div role="list" class="comments" part="list">
      ${boxes(view, items, isNested, renderItem)}
    </div>`;
  return html`<ol class="replies" part="replies">
      ${items.map(renderItem)}
    </ol>
    ${
      first
        ? html`<button
            type="button"
            part="button more-replies"
            class="secondary more-replies"
            @click=${() => view.expand(owner.id, first.id)}
          >
            ${view.localizer.plural('moreReplies', count)}
          </button>`
        : nothing
    }`;
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
  renderItem: (item: [Comment, Comment?]) => unknown,
) {
  return inGroups(items).map((box) => {
    const shown: unknown[] = [view.revision];
    for (const [comment, inReplyTo] of box)
      shown.push(comment, isNested ? view.tree.replies.get(comment.id) : inReplyTo);
    return guard(shown, () => html`<div class="group">${box.map(renderItem)}</div>`);
  });
}

/** The thread's comments as nested lists: the top-level ones, each with its conversation below it. */
export function renderTree(view: TreeView) {
  return renderList(view, undefined, 0);
}
