import { html, nothing, type TemplateResult } from 'lit';
import type { Comment } from '../../protocol/types.js';
import type { ThreadLocalizer } from '../../i18n/localizer.js';

/** Replies under one comment beyond which the rest wait behind "Show N more replies"; the first two show. */
const collapseAbove = 3;
const shownWhenCollapsed = 2;

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

export interface TreeView {
  tree: CommentTree;
  localizer: ThreadLocalizer;
  /** How many levels replies nest below the top; deeper ones show at the last level, saying whom they answer. */
  maxDepth: number;
  /** The comments whose long list of replies the reader opened (or a permalink or their own reply opened). */
  expanded: ReadonlySet<string>;
  expand(id: string, firstRevealed: string): void;
  /** One comment with its replies; `inReplyTo` when the nesting stopped short of showing whom it answers. */
  renderOne(comment: Comment, replies: unknown, inReplyTo?: Comment): TemplateResult;
}

/** A comment's replies and all theirs, depth first, each with the comment it answers. */
function flatten(tree: CommentTree, comment: Comment): [Comment, Comment][] {
  return (tree.replies.get(comment.id) ?? []).flatMap((reply) => [
    [reply, comment] as [Comment, Comment],
    ...flatten(tree, reply),
  ]);
}

/** How many comments `comment` shows: itself and, nested below it, its replies. */
function size(tree: CommentTree, comment: Comment, isNested: boolean): number {
  return isNested ? 1 + flatten(tree, comment).length : 1;
}

/**
 * The list of replies to `owner` at `level` (1 for replies to a top-level comment), with the replies of those
 * nested below them down to `maxDepth`, and below that flattened into the last level. More than three replies
 * show the first two and a button for the rest.
 */
function renderReplies(view: TreeView, owner: Comment, level: number): TemplateResult | typeof nothing {
  const { tree, maxDepth, expanded, localizer } = view;
  const isNested = level < maxDepth;
  const items: [Comment, Comment?][] = (tree.replies.get(owner.id) ?? []).flatMap((reply) =>
    isNested ? [[reply]] : [[reply], ...flatten(tree, reply)],
  );
  if (items.length === 0) return nothing;
  const isCollapsed = items.length > collapseAbove && !expanded.has(owner.id);
  const shown = isCollapsed ? items.slice(0, shownWhenCollapsed) : items;
  const hidden = items.slice(shown.length);
  const firstHidden = hidden[0]?.[0];
  const hiddenCount = hidden.reduce((sum, [comment]) => sum + size(tree, comment, isNested), 0);
  return html`<ol class="replies" part="replies">
      ${shown.map(([comment, inReplyTo]) =>
        view.renderOne(comment, isNested ? renderReplies(view, comment, level + 1) : nothing, inReplyTo),
      )}
    </ol>
    ${
      firstHidden
        ? html`<button
            type="button"
            part="button more-replies"
            class="secondary more-replies"
            @click=${() => view.expand(owner.id, firstHidden.id)}
          >
            ${localizer.plural('moreReplies', hiddenCount)}
          </button>`
        : nothing
    }`;
}

/** The thread's comments as nested lists: the top-level ones, each with its conversation below it. */
export function renderTree(view: TreeView) {
  const { tree, maxDepth } = view;
  return html`<ol class="comments" part="list">
    ${tree.roots.map((comment) =>
      maxDepth > 0
        ? view.renderOne(comment, renderReplies(view, comment, 1))
        : html`${view.renderOne(comment, nothing)}${flatten(tree, comment).map(([reply, parent]) =>
            view.renderOne(reply, nothing, parent),
          )}`,
    )}
  </ol>`;
}
