import { noChange, nothing, render, type RenderOptions } from 'lit';
import { Directive, directive, type ChildPart } from 'lit/directive.js';
import type { Comment } from '../../protocol/types.js';
import type { ThreadLocalizer } from '../../i18n/localizer.js';
import type { OwnCommentView } from './own-comments.js';
import { linksAreReadyFor, renderText } from '../../text/render-text.js';
import { copies, element, setAttribute, setText } from './build-dom.js';
import { commentHeader, inReplyToLink } from './comment-content.js';

// The thread's comments, each as its list item and article, made by DOM calls and brought up to date in place: a
// template for the item, the article and its row of buttons, and a Lit part for each item of a list, made Lit's own
// work most of what a page of a long thread cost. A list keeps its items by their comments' ids, so a comment keeps
// its elements (and a focused button its focus) wherever the list shows it. What only a reader's action brings (a
// form, the editor, their own controls) is rendered by Lit, into the element that holds it.

/** A piece of a comment made by DOM calls (action-buttons.ts): made once for its comment, then shown anew. */
export interface Piece<View> {
  /** The piece's element, brought up to `view`. */
  show(view: View): Element;
}

/** What a controller gives for a piece: which kind it is and what it shows. */
export interface PieceResult<View = unknown> {
  readonly piece: new () => Piece<View>;
  readonly view: View;
}

function isPiece(value: unknown): value is PieceResult {
  return typeof value === 'object' && value !== null && 'piece' in value;
}

/** What a comment's article shows besides its own words: whom it answers, and what a reader can do. */
export interface ArticleView {
  /** The reader's own controls, or Report. */
  own?: OwnCommentView;
  /** Reply. */
  replyButton?: unknown;
  /** Like, with the count of likes. */
  like?: unknown;
}

/** The list of a comment's replies, below it. */
export interface RepliesView {
  /** The replies shown. */
  items: ItemView[];
  /** "Show N more replies", when some wait behind it. */
  more?: { label: string; onClick(): void };
}

/** What one comment's list item shows. */
export interface ItemView {
  comment: Comment;
  localizer: ThreadLocalizer;
  /** The comment it answers, when the nesting stopped short of showing that (deeper than `max-depth`). */
  inReplyTo?: Comment;
  /**
   * Everything the article shows besides the comment, compared by identity: it is made again only when one of
   * these, the comment or the words changed.
   */
  articleKey: unknown[];
  /** What the article shows besides the comment's own words, asked for only when it is made again. */
  article(): ArticleView;
  /** The reply form, while it is open. */
  form?: unknown;
  replies?: RepliesView;
  /** Whether the page's fragment names it (a permalink): it is highlighted. */
  isTarget?: boolean;
  /** Whether the reader has just posted it: it is marked. */
  isJustPosted?: boolean;
  /**
   * Whether it starts a conversation: an ARIA list item, not an `<li>`, because the top-level list groups its
   * items (comment-tree.ts) and an `<ol>` may hold nothing but `<li>`.
   */
  isTopLevel?: boolean;
}

const isSame = (a: readonly unknown[] | undefined, b: readonly unknown[]): boolean =>
  a?.length === b.length && a.every((value, index) => value === b[index]);

/**
 * The children of one element of an item: nodes put in place by DOM calls, leaving in place those that stay (a
 * focused button keeps its focus); from the first value that is no node (a template), by Lit.
 */
class Children {
  readonly #container: Element;
  #shown: Node[] = [];
  #isLit = false;

  constructor(container: Element) {
    this.#container = container;
  }

  show(values: unknown[], options: RenderOptions): void {
    const container = this.#container;
    if (!this.#isLit && values.every((value) => value === undefined || value instanceof Node)) {
      const nodes = values.filter((value): value is Node => value !== undefined);
      if (isSame(this.#shown, nodes)) return;
      // A new element's children (every comment of a page more) go in at once.
      if (!this.#shown.length) container.append(...nodes);
      else this.#move(nodes);
      this.#shown = nodes;
      return;
    }
    if (!this.#isLit) {
      container.replaceChildren();
      this.#isLit = true;
    }
    render(
      values.map((value) => value ?? nothing),
      container as HTMLElement,
      options,
    );
  }

  /** Puts `nodes` in place of those shown, leaving in place those that stay. */
  #move(nodes: Node[]): void {
    const container = this.#container;
    const kept = new Set(nodes);
    for (const node of this.#shown) if (!kept.has(node)) node.parentNode?.removeChild(node);
    let at = container.firstChild;
    for (const node of nodes) {
      if (node === at) at = at.nextSibling;
      else container.insertBefore(node, at);
    }
  }
}

const articleOf = copies(() => element('article', { tabindex: '-1' }));
const bodyOf = copies(() => element('div', { class: 'body', part: 'body', dir: 'auto' }));
const topLevelItem = copies(() => element('div', { role: 'listitem' }));

/** An item's article: the comment's header and text made again only when they changed, its pieces kept. */
class Article {
  readonly node: HTMLElement;
  readonly #children: Children;
  readonly #pieces = new Map<unknown, Piece<unknown>>();
  #actions?: { node: HTMLDivElement; children: Children };
  #header?: { key: unknown[]; node: HTMLElement };
  #body?: { key: unknown[]; node: HTMLElement };

  constructor(id: string) {
    this.node = articleOf();
    this.node.setAttribute('aria-labelledby', `author-${id}`);
    this.#children = new Children(this.node);
  }

  /**
   * Shows `comment` with `view`: author, date and the escaped, linked text; the reader's own get their controls,
   * and the one they have just posted is confirmed. A deleted one that replies answer is a placeholder, without
   * author, text or actions.
   */
  show(
    { comment, localizer, inReplyTo }: ItemView,
    { own, replyButton, like }: ArticleView,
    options: RenderOptions,
  ): void {
    const { id, text } = comment;
    if (comment.deleted) {
      const said = element(
        'p',
        { class: 'deleted', part: 'deleted', id: `author-${id}` },
        localizer.t('deleted'),
      );
      this.#children.show([said, inReplyTo && inReplyToLink(inReplyTo, localizer)], options);
      return;
    }
    const headerKey = [comment, localizer, inReplyTo];
    if (!this.#header || !isSame(this.#header.key, headerKey)) {
      const host = options.host ?? this;
      this.#header = { key: headerKey, node: commentHeader(comment, localizer, inReplyTo, host) };
    }
    // The text made again only when it, or whether links can be found in it, changed.
    const bodyKey = [text, linksAreReadyFor(text)];
    if (!this.#body || !isSame(this.#body.key, bodyKey)) {
      const node = bodyOf();
      node.append(...renderText(text));
      this.#body = { key: bodyKey, node };
    }
    const actions = [own?.isChanging ? undefined : replyButton, like, own?.actions].filter(
      (value) => value !== undefined && value !== nothing,
    );
    if (actions.length) {
      this.#actions ??= this.#actionsRow();
      this.#actions.children.show(
        actions.map((value) => this.#piece(value)),
        options,
      );
    }
    this.#children.show(
      [
        this.#header.node,
        own?.editor ?? this.#body.node,
        own?.confirmation,
        actions.length ? this.#actions?.node : undefined,
      ],
      options,
    );
  }

  #actionsRow() {
    const node = element('div', { class: 'comment-actions' });
    return { node, children: new Children(node) };
  }

  /** A piece's element, the piece made for this comment the first time it shows; anything else as it is. */
  #piece(value: unknown): unknown {
    if (!isPiece(value)) return value;
    let piece = this.#pieces.get(value.piece);
    if (!piece) this.#pieces.set(value.piece, (piece = new value.piece()));
    return piece.show(value.view);
  }
}

/** The items of one list (a box of conversations, or a comment's replies), each kept by its comment's id. */
class ItemList {
  readonly #children: Children;
  #items = new Map<string, CommentItem>();

  constructor(container: Element) {
    this.#children = new Children(container);
  }

  show(views: ItemView[], options: RenderOptions): void {
    const items = new Map<string, CommentItem>();
    const nodes = views.map((view) => {
      const { id } = view.comment;
      const item = this.#items.get(id) ?? new CommentItem(id);
      items.set(id, item);
      return item.show(view, options);
    });
    this.#items = items;
    this.#children.show(nodes, options);
  }
}

/** A comment's list of replies and "Show N more replies" below it. */
class Replies {
  readonly list = element('ol', { class: 'replies', part: 'replies' });
  readonly #items = new ItemList(this.list);
  #more?: { node: HTMLButtonElement; label: Text; onClick(): void };

  /** Shows `view`; returns the nodes to show below the comment's article. */
  show({ items, more }: RepliesView, options: RenderOptions): Node[] {
    this.#items.show(items, options);
    if (!more) return [this.list];
    if (!this.#more) {
      const label = new Text();
      const node = element(
        'button',
        { type: 'button', part: 'button more-replies', class: 'secondary more-replies' },
        label,
      );
      const shown = { node, label, onClick: more.onClick };
      node.addEventListener('click', () => shown.onClick());
      this.#more = shown;
    }
    this.#more.onClick = more.onClick;
    setText(this.#more.label, more.label);
    return [this.list, this.#more.node];
  }
}

/**
 * One comment of the thread as a list item: its article, its open reply form and its replies. The article, which
 * changes least, is made again only when what it shows changed ({@link ItemView.articleKey}).
 */
class CommentItem {
  readonly #id: string;
  #node?: HTMLElement;
  #isTopLevel?: boolean;
  #children?: Children;
  readonly #article: Article;
  /** What the article was made from. */
  #articleShown?: Pick<ItemView, 'comment' | 'localizer' | 'inReplyTo'> & { key: unknown[] };
  #replies?: Replies;

  constructor(id: string) {
    this.#id = id;
    this.#article = new Article(id);
  }

  show(view: ItemView, options: RenderOptions): HTMLElement {
    const { isTopLevel = false } = view;
    const id = this.#id;
    if (!this.#node || !this.#children || this.#isTopLevel !== isTopLevel) {
      // An ARIA list item at the top, whose list groups its items, and an <li> in an <ol> below.
      this.#node = isTopLevel ? topLevelItem() : element('li', {});
      this.#node.setAttribute('id', `comment-${id}`);
      this.#isTopLevel = isTopLevel;
      this.#children = new Children(this.#node);
    }
    const node = this.#node;
    setAttribute(
      node,
      'class',
      `comment${view.isJustPosted ? ' just-posted' : ''}${view.isTarget ? ' target' : ''}`,
    );
    setAttribute(node, 'part', view.isTarget ? 'comment target' : 'comment');
    const { comment, localizer, inReplyTo, articleKey } = view;
    const shown = this.#articleShown;
    if (
      shown?.comment !== comment ||
      shown.localizer !== localizer ||
      shown.inReplyTo !== inReplyTo ||
      !isSame(shown.key, articleKey)
    ) {
      this.#articleShown = { comment, localizer, inReplyTo, key: articleKey };
      this.#article.show(view, view.article(), options);
    }
    let replies: Node[] = [];
    if (view.replies?.items.length) replies = (this.#replies ??= new Replies()).show(view.replies, options);
    else this.#replies?.show({ items: [] }, options);
    this.#children.show([this.#article.node, view.form, ...replies], options);
    return node;
  }
}

/**
 * A box of conversations (comment-tree.ts): its top-level comments as items kept by their ids, each with its
 * replies.
 */
class CommentGroup extends Directive {
  #node?: HTMLDivElement;
  #items?: ItemList;

  /** The box, as an update makes it (without its host's listing of times said "5 minutes ago"). */
  render(views: ItemView[]): HTMLDivElement {
    return this.#show(views, {});
  }

  override update(part: ChildPart, [views]: [ItemView[]]): unknown {
    const before = this.#node;
    // Lit renders into elements of an item with the host's options, but not before the host's first node.
    const node = this.#show(views, { ...part.options, renderBefore: undefined });
    return node === before ? noChange : node;
  }

  #show(views: ItemView[], options: RenderOptions): HTMLDivElement {
    this.#node ??= element('div', { class: 'group' });
    this.#items ??= new ItemList(this.#node);
    this.#items.show(views, options);
    return this.#node;
  }
}

/** A box of conversations ({@link CommentGroup}). */
export const commentGroup = directive(CommentGroup);
