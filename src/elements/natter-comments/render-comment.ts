import { html, nothing, type TemplateResult } from 'lit';
import type { Comment } from '../../protocol/types.js';
import type { ThreadLocalizer } from '../../i18n/localizer.js';
import type { OwnCommentView } from './own-comments.js';
import { renderText, userLinkRel, webHref } from '../../text/render-text.js';
import { renderAvatar } from './avatar.js';
import { renderTime } from './relative-time.js';

/** What a comment's article shows besides its own words: whom it answers, and what a reader can do. */
export interface ArticleView {
  /** The reader's own controls, or Report. */
  own?: OwnCommentView;
  /** Reply. */
  replyButton?: TemplateResult;
  /** The comment it answers, when the nesting stopped short of showing that (deeper than `max-depth`). */
  inReplyTo?: Comment;
  /** Like, with the count of likes. */
  like?: TemplateResult;
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

/** The link that leads to comment `id` on this page, in full, so that it can be copied and shared as it is. */
export function permalink(id: string): string {
  return `${location.href.split('#')[0]}#comment-${id}`;
}

/** "in reply to NAME", linked to that comment, the name isolated as every author's name is. */
function renderInReplyTo(parent: Comment, localizer: ThreadLocalizer) {
  const [before, after] = localizer.t(parent.deleted ? 'inReplyToDeleted' : 'inReplyTo').split('{name}');
  return html`<a class="in-reply-to" part="in-reply-to" href=${permalink(parent.id)}
    >${before}${after === undefined ? nothing : html`<bdi>${parent.author.name}</bdi>${after}`}</a
  >`;
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
  const content = html`${article}${form ?? nothing}${replies ?? nothing}`;
  return isTopLevel
    ? html`<div role="listitem" class=${classes} part=${part} id=${`comment-${id}`}>${content}</div>`
    : html`<li class=${classes} part=${part} id=${`comment-${id}`}>${content}</li>`;
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
      ${inReplyTo ? renderInReplyTo(inReplyTo, localizer) : nothing}
    </article>`;
  }
  // The author's website, when it is an http or https URL; other schemes never become links.
  const href = webHref(comment.author.url);
  const name = comment.author.name;
  const meta = html`<a class="permalink" part="permalink" href=${permalink(id)}
    >${renderTime(comment.createdAt, localizer)}</a
  >`;
  return html`<article aria-labelledby=${`author-${id}`} tabindex="-1">
    <header>
      ${renderAvatar(comment)}
      ${
        href
          ? html`<a
              id=${`author-${id}`}
              class="author"
              part="author"
              dir="auto"
              href=${href}
              rel=${userLinkRel}
              >${name}</a
            >`
          : html`<span id=${`author-${id}`} class="author" part="author" dir="auto">${name}</span>`
      }
      <span class="meta" part="meta"
        >${meta}${
          comment.editedAt
            ? html`<span class="edited" title=${localizer.timestamp(comment.editedAt)}
                >${localizer.t('edited')}</span
              >`
            : nothing
        }</span
      >
      ${
        comment.status === 'pending'
          ? html`<span class="badge" part="badge">${localizer.t('awaitingModeration')}</span>`
          : nothing
      }
      ${inReplyTo ? renderInReplyTo(inReplyTo, localizer) : nothing}
    </header>
    ${own?.editor ?? html`<div class="body" part="body" dir="auto">${renderText(comment.text)}</div>`}
    ${own?.confirmation ?? nothing}
    ${
      replyButton || own?.actions || like
        ? html`<div class="comment-actions">
            ${own?.isChanging ? nothing : (replyButton ?? nothing)}${like ?? nothing}${own?.actions ?? nothing}
          </div>`
        : nothing
    }
  </article>`;
}
