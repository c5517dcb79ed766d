import { html, nothing, type TemplateResult } from 'lit';
import type { Comment } from '../../protocol/types.js';
import type { ThreadLocalizer } from '../../i18n/localizer.js';

/** Replies under one comment beyond which the rest wait behind "Show N more replies"; the first two show. */
const collapseAbove = 3;
const shown = 2;
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

/** A comment's replies and all theirs, depth first, each with the comment it answers. */
function flatten(tree: CommentTree, comment: Comment): [Comment, Comment][] {
  return (tree.replies.get(comment.id) ?? []).flatMap((reply) => [
    [reply, comment] as [Comment, Comment],
    ...flatten(tree, reply),
  ]);
}

/**
 * The list of the top-level comments (no `owner`) or of `owner`'s replies, the comments in it at `level` (0 at the
 * top); below each, its replies nested down to `maxDepth`, and from there flattened into the last level. More than
 * three replies show the first two and a button for the rest.
 */
function renderList(view: TreeView, owner: Comment | undefined, level: number): unknown {
  const { tree, expanded } = view;
  const isNested = level < view.maxDepth;
  const items: [Comment, Comment?][] = (owner ? (tree.replies.get(owner.id) ?? []) : tree.roots).flatMap(
    (comment) => (isNested ? [[comment]] : [[comment], ...flatten(tree, comment)]),
  );
  if (!items[0]) return nothing;
  const hidden = owner && items.length > collapseAbove && !expanded.has(owner.id) ? items.splice(shown) : [];
  const first = hidden[0]?.[0];
  const count = hidden.reduce(
    (sum, [comment]) => sum + 1 + (isNested ? flatten(tree, comment).length : 0),
    0,
  );
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
 * The conversations in boxes of {@link groupSize}, each skipped by layout and paint while out of sight
 * (`content-visibility`).
 */
function groups(conversations: TemplateResult[]) {
  const boxes: TemplateResult[][] = [];
  for (let start = 0; start < conversations.length; start += groupSize)
    boxes.push(conversations.slice(start, start + groupSize));
  return boxes.map((box) => html`<div class="group">${box}</div>`);
}

/** The thread's comments as nested lists: the top-level ones, each with its conversation below it. */
export function renderTree(view: TreeView) {
  return renderList(view, undefined, 0);
}
