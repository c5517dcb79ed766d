import { html, nothing } from 'lit';
import type { DirectiveResult } from 'lit/directive.js';
import type { Comment } from '../../protocol/types.js';
import type { ThreadLocalizer } from '../../i18n/localizer.js';
import type { OwnCommentView } from './own-comments.js';
import { guard } from 'lit/directives/guard.js';
import { linksAreReadyFor, renderText } from '../../text/render-text.js';
import { element } from './build-dom.js';
import { commentHeader, inReplyToLink } from './comment-content.js';

/** What a comment's article shows besides its own words: whom it answers, and what a reader can do. */
export interface ArticleView {
  /** The reader's own controls, or Report. */
  own?: OwnCommentView;
  /** Reply. */
  replyButton?: DirectiveResult;
  /** The comment it answers, when the nesting stopped short of showing that (deeper than `max-depth`). */
  inReplyTo?: Comment;
  /** Like, with the count of likes. */
  like?: DirectiveResult;
}

/** What a comment's list item holds around its article. */
export interface ItemView {
  /** The comment itself: {@link renderArticle}'s, or a directive standing for it. */
  article: unknown;
  /** The reply form, while it is open. */
  form?: unknown;
  /** Its replies, nested below it. */
  replies?: unknown;
  /** Whether the page's fragment names it (a permalink): it is highlighted. */
  isTarget?: boolean;
  /** Whether the reader has just posted it: it is marked. */
  isJustPosted?: boolean;
  /**
   * Whether it starts a conversation: an ARIA list item, not an `<li>`, because the top-level list groups its
   * items (see {@link renderTree}) and an `<ol>` may hold nothing but `<li>`.
   */
  isTopLevel?: boolean;
}

/**
 * One comment of the thread, as a list item holding its article, its open reply form and its replies. Apart, so
 * that the article, which changes least, can be kept from one render to the next while its replies change.
 */
export function renderCommentItem(
  { id }: Comment,
  { article, form, replies, isTarget, isJustPosted, isTopLevel }: ItemView,
) {
  const classes = `comment${isJustPosted ? ' just-posted' : ''}${isTarget ? ' target' : ''}`;
  const part = isTarget ? 'comment target' : 'comment';
  return isTopLevel
    ? html`<div role="listitem" class=${classes} part=${part} id=${`comment-${id}`}>
        ${article}${form ?? nothing}${replies ?? nothing}
      </div>`
    : html`<li class=${classes} part=${part} id=${`comment-${id}`}>
        ${article}${form ?? nothing}${replies ?? nothing}
      </li>`;
}

/**
 * A comment itself: author (linked to their site when given), date and time as a link to the comment itself, and
 * the escaped, linked text; the reader's own get their controls, and the one they have just posted is confirmed. A
 * deleted one that replies answer is a placeholder, without author, text or actions. Name and text each get
 * `dir="auto"`, a bidi isolate of their own (protocol rule 6), so that right-to-left text reads right and direction
 * overrides in them cannot reorder the rest.
 */
export function renderArticle(comment: Comment, localizer: ThreadLocalizer, view: ArticleView = {}) {
  const { own, replyButton, inReplyTo, like } = view;
  const { id } = comment;
  if (comment.deleted) {
    return html`<article aria-labelledby=${`author-${id}`} tabindex="-1">
      <p class="deleted" part="deleted" id=${`author-${id}`}>${localizer.t('deleted')}</p>
      ${inReplyTo ? inReplyToLink(inReplyTo, localizer) : nothing}
    </article>`;
  }
  // The text made again only when it, or whether links can be found in it, changed.
  const { text } = comment;
  const body = guard([text, linksAreReadyFor(text)], () =>
    element('div', { class: 'body', part: 'body', dir: 'auto' }, ...renderText(text)),
  );
  return html`<article aria-labelledby=${`author-${id}`} tabindex="-1">
    ${commentHeader(comment, localizer, inReplyTo)}${own?.editor ?? body} ${own?.confirmation ?? nothing}
    ${
      replyButton || own?.actions || like
        ? html`<div class="comment-actions">
            ${own?.isChanging ? nothing : (replyButton ?? nothing)}${like ?? nothing}${own?.actions ?? nothing}
          </div>`
        : nothing
    }
  </article>`;
}
