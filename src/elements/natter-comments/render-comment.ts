import { html, nothing, type TemplateResult } from 'lit';
import type { Comment } from '../../protocol/types.js';
import type { ThreadLocalizer } from '../../i18n/localizer.js';
import type { OwnCommentView } from './own-comments.js';
import { renderText, safeHref, userLinkRel } from '../../text/render-text.js';
import { renderAvatar } from './avatar.js';
import { renderTime } from './relative-time.js';

/** The author's website, when it is an http or https URL; other schemes never become links. */
function authorHref(url: string | null): string | undefined {
  const href = safeHref(url);
  return href?.startsWith('http') ? href : undefined;
}

/** What goes with a comment besides its own words: where it sits in the conversation, and what a reader can do. */
export interface CommentView {
  /** The reader's own controls, or Report. */
  own?: OwnCommentView;
  /** Reply, and the reply form while it is open. */
  reply?: { button: TemplateResult; form?: TemplateResult };
  /** The comment it answers, when the nesting stopped short of showing that (deeper than `max-depth`). */
  inReplyTo?: Comment;
  /** Whether the page's fragment names it (a permalink): it is highlighted. */
  isTarget?: boolean;
  /** Its replies, nested below it. */
  replies?: unknown;
  /** Like, with the count of likes. */
  like?: TemplateResult;
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
 * One comment of the thread, as a list item holding its replies: author (linked to their site when given), date
 * and time as a link to the comment itself, and the escaped, linked text; the reader's own get their controls, and
 * the one they have just posted is marked and confirmed. A deleted one that replies answer is a placeholder,
 * without author, text or actions. Name and text each get `dir="auto"`, a bidi isolate of their own (protocol
 * rule 6), so that right-to-left text reads right and direction overrides in them cannot reorder the rest.
 */
export function renderComment(comment: Comment, localizer: ThreadLocalizer, view: CommentView = {}) {
  const { own, reply, inReplyTo, isTarget, replies, like } = view;
  const { id } = comment;
  const href = authorHref(comment.author.url);
  const name = comment.author.name;
  const classes = `comment${own?.confirmation ? ' just-posted' : ''}${isTarget ? ' target' : ''}`;
  const meta = html`<a class="permalink" part="permalink" href=${permalink(id)}
    >${renderTime(comment.createdAt, localizer)}</a
  >`;
  return html`<li class=${classes} part=${isTarget ? 'comment target' : 'comment'} id=${`comment-${id}`}>
    ${
      comment.deleted
        ? html`<article aria-labelledby=${`author-${id}`} tabindex="-1">
            <p class="deleted" part="deleted" id=${`author-${id}`}>${localizer.t('deleted')}</p>
            ${inReplyTo ? renderInReplyTo(inReplyTo, localizer) : nothing}
          </article>`
        : html`<article aria-labelledby=${`author-${id}`} tabindex="-1">
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
                reply || own?.actions || like
                  ? html`<div class="comment-actions">
                      ${own?.isChanging ? nothing : (reply?.button ?? nothing)}${like ?? nothing}${own?.actions ?? nothing}
                    </div>`
                  : nothing
              }
            </article>
            ${reply?.form ?? nothing}`
    }
    ${replies ?? nothing}
  </li>`;
}
