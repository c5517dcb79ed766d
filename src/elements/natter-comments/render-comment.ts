import { html, nothing } from 'lit';
import type { Comment } from '../../protocol/types.js';
import type { Localizer } from '../../i18n/localizer.js';
import { renderText, safeHref, userLinkRel } from '../../text/render-text.js';

/** The author's website, when it is an http or https URL; other schemes never become links. */
function authorHref(url: string | null): string | undefined {
  const href = safeHref(url);
  return href?.startsWith('http') ? href : undefined;
}

/** One comment of the thread: author (linked to their site when given), date, and the escaped, linked text. */
export function renderComment(comment: Comment, localizer: Localizer) {
  const href = authorHref(comment.author.url);
  const name = comment.author.name;
  return html`<li class="comment" part="comment" id=${`comment-${comment.id}`}>
    <article aria-label=${name}>
      <header>
        ${
          href
            ? html`<a class="author" part="author" href=${href} rel=${userLinkRel}>${name}</a>`
            : html`<span class="author" part="author">${name}</span>`
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
      <div class="body" part="body">${renderText(comment.text)}</div>
    </article>
  </li>`;
}
