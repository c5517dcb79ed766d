import { html, nothing, type TemplateResult } from 'lit';
import type { Comment } from '../../protocol/types.js';
import type { ThreadLocalizer } from '../../i18n/localizer.js';
import { inGroups, threadList, type CommentTree } from '../../protocol/thread-tree.js';

export { ancestors, commentTree, type CommentTree } from '../../protocol/thread-tree.js';

export interface TreeView {
  tree: CommentTree;
  localizer: ThreadLocalizer;
  /** How many levels replies nest below the top; deeper ones show at the last level, saying whom they answer. */
  maxDepth: number;
  /** The comments whose long list of replies the reader opened (or a permalink or their own reply opened). */
  expanded: ReadonlySet<string>;
  expand(id: string, firstRevealed: string): void;
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
  const rendered = items.map(([comment, inReplyTo]) =>
    view.renderOne(comment, isNested ? renderList(view, comment, level + 1) : nothing, inReplyTo, level),
  );
  if (!owner) return html`<div role="list" class="comments" part="list">${groups(rendered)}</div>`;
  return html`<ol class="replies" part="replies">
      ${rendered}
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
 * The conversations in boxes ({@link inGroups}), each skipped by layout and paint while out of sight
 * (`content-visibility`).
 */
function groups(conversations: TemplateResult[]) {
  return inGroups(conversations).map((box) => html`<div class="group">${box}</div>`);
}

/** The thread's comments as nested lists: the top-level ones, each with its conversation below it. */
export function renderTree(view: TreeView) {
  return renderList(view, undefined, 0);
}
