import type { Comment, ListCommentsResponse } from '../../protocol/types.js';
import {
  textTokens,
  userLinkRel,
  webHref,
  type FindLinks,
  type Paragraph,
} from '../../protocol/text-tokens.js';
import { commentTree, inGroups, threadList, type CommentTree } from '../../protocol/thread-tree.js';
import { h, jsonScript, type Child } from './markup.js';
import type { PageLocalizer } from './page-language.js';

// A thread as HTML, for readers and crawlers without JavaScript: the same comments, conversations, texts and links as
// the widget shows (one reading of the text, src/protocol/text-tokens.ts; one shape of the thread,
// src/protocol/thread-tree.ts), as light-DOM content of <natter-comments> or on the thread page. Its classes all
// start with `natter-`, so that a host page's own (`.comment`, `.avatar`) do not restyle it; thread.css lays it out
// as the widget's shadow styles lay out the first paint.

/** Where a thread's links lead. */
export interface ThreadLinks {
  /** The next page of comments, when there is one. */
  more?: string;
  /** Where to write a comment; no such link when the thread is locked. */
  write?: string;
  /** The thread page, where folded replies show too. */
  thread?: string;
  /** Where to reply to comment `id` (the thread page's form); no Reply links without it. */
  reply?: (id: string) => string;
}

export interface ThreadMarkupOptions {
  /** The page of the thread as the API lists it. */
  page: ListCommentsResponse;
  /** linkifyjs's `tokenize`, as the widget's. */
  findLinks: FindLinks;
  /** How many levels replies nest below the top-level comments, as the element's `max-depth`. */
  maxDepth: number;
  /**
   * Whether the markup stands in for the widget until it runs: where scripts run, long lists of replies fold and the
   * form's place is held as the widget's first paint does, so that nothing moves when it takes over.
   */
  isEmbedded: boolean;
  links: ThreadLinks;
  /** The words and numbers of the reader's language (page-language.ts). */
  localizer: PageLocalizer;
}

/** What the comments of one thread's markup are written with: its options, and the date as its language writes it. */
interface Writer extends ThreadMarkupOptions {
  /** A comment's day, in UTC: the server knows no reader's time zone. */
  dateFormat: Intl.DateTimeFormat;
}

/** A comment's text as paragraphs: text nodes, `<br>` and links with `rel="nofollow ugc noopener"`. */
function textMarkup(paragraphs: Paragraph[]): Child[] {
  return paragraphs.map((tokens) =>
    h(
      'p',
      {},
      tokens.map((token) => {
        if (token.type === 'break') return h('br');
        if (token.type === 'text') return token.text;
        return h('a', { class: 'natter-link', href: token.href, rel: userLinkRel }, token.text);
      }),
    ),
  );
}

function inReplyTo(parent: Comment, localizer: PageLocalizer): Child {
  // The name goes into the sentence as an element of its own (<bdi>), so the template is split where it stands.
  const template = localizer.t(parent.deleted ? 'inReplyToDeleted' : 'inReplyTo');
  const [before = '', after] = template.split('{name}');
  return h(
    'a',
    { class: 'natter-in-reply-to', href: `#comment-${parent.id}` },
    before,
    after === undefined ? null : [h('bdi', {}, parent.author.name), after],
  );
}

function article(comment: Comment, options: Writer, parent: Comment | undefined): Child {
  const { id } = comment;
  const { localizer } = options;
  const labelled = { 'aria-labelledby': `author-${id}` };
  if (comment.deleted) {
    return h(
      'article',
      labelled,
      h('p', { class: 'natter-deleted', id: `author-${id}` }, localizer.t('deleted')),
      parent && inReplyTo(parent, localizer),
    );
  }
  const href = webHref(comment.author.url);
  const name = comment.author.name;
  const author = href
    ? h('a', { id: `author-${id}`, class: 'natter-author', dir: 'auto', href, rel: userLinkRel }, name)
    : h('span', { id: `author-${id}`, class: 'natter-author', dir: 'auto' }, name);
  const reply = options.links.reply;
  return h(
    'article',
    labelled,
    h(
      'header',
      {},
      h('span', { class: 'natter-avatar', 'aria-hidden': 'true' }),
      author,
      h(
        'span',
        { class: 'natter-meta' },
        h(
          'a',
          { class: 'natter-permalink', href: `#comment-${id}` },
          h(
            'time',
            { datetime: comment.createdAt },
            options.dateFormat.format(Date.parse(comment.createdAt)),
          ),
        ),
        comment.editedAt && h('span', { class: 'natter-edited' }, localizer.t('edited')),
      ),
      parent && inReplyTo(parent, localizer),
    ),
    h('div', { class: 'natter-body', dir: 'auto' }, textMarkup(textTokens(comment.text, options.findLinks))),
    reply && h('p', { class: 'natter-actions' }, h('a', { href: reply(id) }, localizer.t('reply'))),
  );
}

/**
 * The top-level list (no `owner`) or `owner`'s replies, nested as the widget nests them. What the widget folds behind
 * "Show N more replies" is here too, for readers without scripts; embedded, it is folded while scripts run
 * (thread.css), as the widget's first paint shows it.
 */
function list(tree: CommentTree, options: Writer, owner: Comment | undefined, level: number): Child {
  const { items, isNested, hidden, hiddenCount } = threadList(tree, owner, level, options.maxDepth, false);
  const all = [
    ...items.map((item) => ({ item, isFolded: false })),
    ...hidden.map((item) => ({ item, isFolded: true })),
  ];
  if (!all[0]) return null;
  const rendered = all.map(({ item: [comment, answered], isFolded }) => {
    const attributes = {
      class: isFolded && options.isEmbedded ? 'natter-comment natter-folded' : 'natter-comment',
      id: `comment-${comment.id}`,
    };
    const content = [
      article(comment, options, answered),
      isNested && list(tree, options, comment, level + 1),
    ];
    return owner ? h('li', attributes, content) : h('div', { role: 'listitem', ...attributes }, content);
  });
  if (!owner) {
    return h(
      'div',
      { role: 'list', class: 'natter-comments' },
      inGroups(rendered).map((box) => h('div', { class: 'natter-group' }, box)),
    );
  }
  return [
    h('ol', { class: 'natter-replies' }, rendered),
    options.isEmbedded &&
      hiddenCount > 0 &&
      h(
        'a',
        { class: 'natter-more-replies natter-button', href: options.links.thread },
        options.localizer.plural('moreReplies', hiddenCount),
      ),
  ];
}

/**
 * The thread: its heading with the count, the comments in their conversations, a link to the next page, and a link
 * to write (or, locked, the notice that comments are closed).
 */
export function threadMarkup(options: ThreadMarkupOptions): Child {
  const { page, links, localizer } = options;
  const { thread, comments, next } = page;
  const tree = commentTree(comments);
  const dateFormat = new Intl.DateTimeFormat(localizer.locale, { dateStyle: 'long', timeZone: 'UTC' });
  return [
    h(
      'h2',
      { class: 'natter-heading' },
      thread.count > 0 ? localizer.plural('heading', thread.count) : localizer.t('headingEmpty'),
    ),
    tree.roots.length === 0
      ? h('p', { class: 'natter-empty' }, localizer.t('empty'))
      : list(tree, { ...options, dateFormat }, undefined, 0),
    next &&
      links.more &&
      h(
        'div',
        { class: 'natter-more' },
        h('a', { class: 'natter-button', href: links.more }, localizer.t('showMore')),
      ),
    thread.locked
      ? h('p', { class: 'natter-notice' }, localizer.t('locked'))
      : links.write &&
        h('p', { class: 'natter-write' }, h('a', { href: links.write }, localizer.t('writeComment'))),
  ];
}

/** The query a widget makes for a thread's first page: the embedded page is taken only for the same one. */
export interface EmbeddedQuery {
  thread: string;
  sort: string;
  limit: number;
}

/**
 * What `natter render` puts inside <natter-comments>: the thread's markup, folded and held as the widget's first
 * paint, its stylesheet, and the first page as JSON (`query` and `page`), which the widget shows instead of asking
 * for it again. All in one element, which the widget removes once it shows the thread.
 */
export function embeddedThread(
  options: Omit<ThreadMarkupOptions, 'isEmbedded'> & {
    query: EmbeddedQuery;
    stylesheet: string;
    /** When the page was read: a widget asks again for a page older than a minute (a static site's build). */
    renderedAt: string;
  },
): Child {
  const { query, stylesheet, renderedAt, ...markup } = options;
  // Its language and direction said, since they may not be the page's: screen readers then read its words in their
  // language, and Arabic or Hebrew lay it out right to left, as the widget taking it over will.
  const { locale, direction } = options.localizer;
  return h(
    'div',
    { class: 'natter-thread natter-embedded', lang: locale, dir: direction },
    h('link', { rel: 'stylesheet', href: stylesheet }),
    threadMarkup({ ...markup, isEmbedded: true }),
    jsonScript({ query, renderedAt, page: options.page }, { class: 'natter-data' }),
  );
}
