// The plain-DOM baseline of `npm run bench -- render` (scripts/bench/render.mjs), loaded into the benchmark's page:
// the thread <natter-comments> shows, built from the same JSON with document.createElement and append alone, no
// framework, into a shadow root with the widget's own stylesheets. The same elements, classes, parts, attributes,
// text and links (render.mjs compares the two trees and stops when they differ), the same formatting of dates,
// and a listener on every button, as a hand-written widget would have. It knows only what the benchmark's thread
// needs: comments and replies nested to any depth, conversations in boxes of eight, "Show more comments"; no
// collapsed replies (no comment of that thread has more than three), no placeholders, no forms.

const locale = 'en';
const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' });
const timestampFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short' });
const relativeFormat = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
const plurals = new Intl.PluralRules(locale);
const numbers = new Intl.NumberFormat(locale);
const units = [
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
];
const userLinkRel = 'nofollow ugc noopener';
const svgNamespace = 'http://www.w3.org/2000/svg';
const groupSize = 8;

/** An element with `attributes`, holding `children` (nodes or strings). */
function element(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const name in attributes) node.setAttribute(name, attributes[name]);
  node.append(...children);
  return node;
}

function svgElement(tag, attributes, ...children) {
  const node = document.createElementNS(svgNamespace, tag);
  for (const name in attributes) node.setAttribute(name, attributes[name]);
  node.append(...children);
  return node;
}

/** "5 minutes ago" within a week, else undefined (as the widget's localizer says it). */
function ago(iso, now) {
  const seconds = (now - Date.parse(iso)) / 1000;
  if (!(seconds < 7 * 86400)) return undefined;
  for (const [unit, size] of units) {
    if (seconds >= size) return relativeFormat.format(-Math.floor(seconds / size), unit);
  }
  return relativeFormat.format(0, 'second');
}

/** FNV-1a, as the widget's identicon reads an avatar value. */
function hash(value) {
  let bits = 0x811c9dc5;
  for (let index = 0; index < value.length; index++)
    bits = Math.imul(bits ^ value.charCodeAt(index), 0x01000193);
  return bits >>> 0;
}

function avatar({ avatar: value, author }) {
  const picture = svgElement(
    'svg',
    { class: 'avatar', part: 'avatar', viewBox: '0 0 10 10', 'aria-hidden': 'true' },
    svgElement('rect', { width: '10', height: '10', fill: 'currentColor', opacity: '0.1' }),
  );
  if (!value) {
    const words = author.name.trim().split(/\s+/);
    const first = (word = '') => [...word][0] ?? '';
    const initials = (first(words[0]) + (words.length > 1 ? first(words.at(-1)) : '')).toLocaleUpperCase();
    picture.append(
      svgElement(
        'text',
        { x: '5', y: '6.6', 'font-size': '4.4', 'text-anchor': 'middle', fill: 'currentColor' },
        initials,
      ),
    );
    return picture;
  }
  const bits = hash(value);
  let squares = '';
  const square = (column, row) => `M${(10 + column * 16) / 10} ${(10 + row * 16) / 10}h1.6v1.6h-1.6z`;
  for (let index = 0; index < 15; index++) {
    if (!((bits >>> index) & 1)) continue;
    const row = index % 5;
    const column = Math.floor(index / 5);
    squares += square(column, row);
    if (column < 2) squares += square(4 - column, row);
  }
  picture.append(svgElement('path', { d: squares, fill: `hsl(${(bits >>> 15) % 360},55%,52%)` }));
  return picture;
}

/** An http(s) or mailto URL as the widget allows it, else undefined. */
function safeHref(href) {
  if (!href) return undefined;
  try {
    const url = new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'mailto:'
      ? url.href
      : undefined;
  } catch {
    return undefined;
  }
}

/** A comment's text as paragraphs of text, line breaks and links (the protocol's rendering rules). */
function body(text, tokenize) {
  const node = element('div', { class: 'body', part: 'body', dir: 'auto' });
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n(?:[^\S\n]*\n)+/)
    .map((paragraph) => paragraph.replace(/^(?:[^\S\n]*\n)+/, '').trimEnd())
    .filter(Boolean);
  for (const paragraph of paragraphs) {
    const p = document.createElement('p');
    if (!/[.:@]/.test(paragraph)) {
      paragraph
        .split('\n')
        .forEach((line, index) => (index ? p.append(document.createElement('br'), line) : p.append(line)));
    } else {
      for (const token of tokenize(paragraph)) {
        if (token.t === 'nl') p.append(document.createElement('br'));
        else {
          const href = token.isLink ? safeHref(token.toHref('https')) : undefined;
          p.append(
            href
              ? element('a', { part: 'link', href, rel: userLinkRel }, token.toString())
              : token.toString(),
          );
        }
      }
    }
    node.append(p);
  }
  return node;
}

function button(attributes, onClick, ...children) {
  const node = element('button', { type: 'button', ...attributes }, ...children);
  node.addEventListener('click', onClick);
  return node;
}

/**
 * Builds the thread into `root` (a shadow root carrying the widget's stylesheets), page by page: `show` the first
 * page's JSON text, `append` each next one's.
 */
export function plainThread(root, { tokenize, pageUrl, onShowMore }) {
  const itemsById = new Map();
  const list = element('div', { role: 'list', class: 'comments', part: 'list' });
  const actions = element('div', { class: 'actions' });
  const more = button(
    { part: 'button show-more', class: 'secondary' },
    () => {
      more.disabled = true;
      onShowMore();
    },
    'Show more comments',
  );
  let group;
  let conversations = 0;
  const noop = () => undefined;

  function article(comment, now) {
    const { id } = comment;
    const authorId = `author-${id}`;
    const href = safeHref(comment.author.url);
    const author = href?.startsWith('http')
      ? element(
          'a',
          { id: authorId, class: 'author', part: 'author', dir: 'auto', href, rel: userLinkRel },
          comment.author.name,
        )
      : element('span', { id: authorId, class: 'author', part: 'author', dir: 'auto' }, comment.author.name);
    const full = timestampFormat.format(new Date(comment.createdAt));
    const recent = ago(comment.createdAt, now);
    const time = element(
      'time',
      { datetime: comment.createdAt, title: full },
      ...(recent === undefined
        ? [dateFormat.format(new Date(comment.createdAt))]
        : [
            element('span', { 'aria-hidden': 'true' }, recent),
            element('span', { class: 'visually-hidden' }, full),
          ]),
    );
    const likes = comment.likes ?? 0;
    const likeLabel = `Like (${numbers.format(likes)} ${plurals.select(likes) === 'one' ? 'like' : 'likes'})`;
    return element(
      'article',
      { 'aria-labelledby': authorId, tabindex: '-1' },
      element(
        'header',
        {},
        avatar(comment),
        author,
        element(
          'span',
          { class: 'meta', part: 'meta' },
          element('a', { class: 'permalink', part: 'permalink', href: `${pageUrl}#comment-${id}` }, time),
        ),
      ),
      body(comment.text, tokenize),
      element(
        'div',
        { class: 'comment-actions' },
        element(
          'div',
          { class: 'reply', part: 'reply' },
          button(
            {
              class: 'reply-open secondary',
              part: 'button',
              'aria-describedby': authorId,
              'aria-expanded': 'false',
            },
            noop,
            'Reply',
          ),
        ),
        element(
          'div',
          { class: 'like', part: 'like' },
          button(
            {
              class: 'like-button secondary',
              part: 'button like-button',
              'aria-pressed': 'false',
              'aria-label': likeLabel,
              'aria-describedby': authorId,
            },
            noop,
            element('span', { class: 'like-icon', 'aria-hidden': 'true' }, '♡'),
            ' Like',
          ),
        ),
        element(
          'div',
          { class: 'report', part: 'report' },
          button(
            { class: 'report-open secondary', part: 'button', 'aria-describedby': authorId },
            noop,
            'Report',
          ),
        ),
      ),
    );
  }

  /** Adds a page's comments, each under its parent when that is shown (every reply comes after its parent). */
  function add(text) {
    const page = JSON.parse(text);
    const now = Date.now();
    for (const comment of page.comments) {
      const parent = comment.parent === null ? undefined : itemsById.get(comment.parent);
      const attributes = { class: 'comment', part: 'comment', id: `comment-${comment.id}` };
      const item = parent
        ? element('li', attributes, article(comment, now))
        : element('div', { role: 'listitem', ...attributes }, article(comment, now));
      itemsById.set(comment.id, item);
      if (parent) {
        let replies = parent.lastElementChild;
        if (replies.localName !== 'ol')
          parent.append((replies = element('ol', { class: 'replies', part: 'replies' })));
        replies.append(item);
      } else {
        if (conversations++ % groupSize === 0) list.append((group = element('div', { class: 'group' })));
        group.append(item);
      }
    }
    if (page.next) {
      if (!actions.isConnected) root.append(actions);
      more.disabled = false;
    } else {
      actions.remove();
    }
    return page.next;
  }

  actions.append(more);
  return {
    show(text) {
      const next = add(text);
      root.prepend(list);
      return next;
    },
    append: add,
    button: more,
  };
}
