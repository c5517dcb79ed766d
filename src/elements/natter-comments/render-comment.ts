import { html, nothing } from 'lit';
import type { Comment } from '../../protocol/types.js';
import type { ThreadLocalizer } from '../../i18n/localizer.js';
import type { OwnCommentView } from './own-comments.js';
import { renderText, safeHref, userLinkRel } from '../../text/render-text.js';

/** The author's website, when it is an http or https URL; other schemes never become links. */
function authorHref(url: string | null): string | undefined {
  const href = safeHref(url);
  return href?.startsWith('http') ? href : undefined;
}

/**
 * One comment of the thread: author (linked to their site when given), date and time, and the escaped, linked
 * text; the reader's own get their controls, and the one they have just posted is marked and confirmed.
 * Name and text each get `dir="auto"`, a bidi isolate of their own (protocol rule 6), so that right-to-left
 * text reads right and direction overrides in them cannot reorder the rest of the comment.
 */
export function renderComment(comment: Comment, localizer: ThreadLocalizer, own?: OwnCommentView) {
  const href = authorHref(comment.author.url);
  const name = comment.author.name;
  return html`<li
    class=${own?.confirmation ? 'comment just-posted' : 'comment'}
    part="comment"
    id=${`comment-${comment.id}`}
  >
    <article aria-labelledby=${`author-${comment.id}`} tabindex="-1">
      <header>
        ${
          href
            ? html`<a
                id=${`author-${comment.id}`}
                class="author"
                part="author"
                dir="auto"
                href=${href}
                rel=${userLinkRel}
                >${name}</a
              >`
            : html`<span id=${`author-${comment.id}`} class="author" part="author" dir="auto">${name}</span>`
        }
        <span class="meta" part="meta">
          <time datetime=${comment.createdAt} title=${localizer.timestamp(comment.createdAt)}
            >${localizer.date(comment.createdAt)}</time
          >${
            comment.editedAt
              ? html`<span class="edited" title=${localizer.timestamp(comment.editedAt)}
                  >${localizer.t('edited')}</span
                >`
              : nothing
          }
        </span>
        ${
          comment.status === 'pending'
            ? html`<span class="badge" part="badge">${localizer.t('awaitingModeration')}</span>`
            : nothing
        }
      </header>
      ${own?.editor ?? html`<div class="body" part="body" dir="auto">${renderText(comment.text)}</div>`}
      ${own?.confirmation ?? nothing} ${own?.actions ?? nothing}
    </article>
  </li>`;
}
