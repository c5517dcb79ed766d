import { html, nothing, type TemplateResult } from 'lit';
import type {
  AdminAction,
  AdminComment,
  AdminReport,
  AdminStatus,
  CommentDetailResponse,
} from '../../protocol/admin.js';
import { webHref } from '../../protocol/text-tokens.js';
import type { Localizer } from '../messages/localizer.js';

/** A comment's details, as loaded when the moderator opens them. */
export type DetailState =
  { kind: 'pending' } | { kind: 'complete'; detail: CommentDetailResponse } | { kind: 'error' };

/** A comment's edit in progress: the draft, and whether it is being saved (with the error of the last try). */
export interface EditState {
  draft: string;
  isSaving: boolean;
  error?: string;
}

/** What a comment card shows around the comment, and what its controls call. */
export interface CommentView {
  l: Localizer;
  /** The level of the author's heading: 2 under the screen's heading, 3 under a section's. */
  headingLevel: 2 | 3;
  isSelected: boolean;
  isBusy: boolean;
  detail?: DetailState;
  edit?: EditState;
  onSelect: (isSelected: boolean) => void;
  onAction: (action: AdminAction) => void;
  onToggleDetails: () => void;
  onEdit: () => void;
  onDraft: (text: string) => void;
  onSave: () => void;
  onCancelEdit: () => void;
}

/** The words for each status, on comment and reference cards alike. */
export const statusKeys = {
  published: 'statusPublished',
  pending: 'statusPending',
  spam: 'statusSpam',
  deleted: 'statusDeleted',
} as const satisfies Record<AdminStatus, string>;

const reportKeys = {
  spam: 'reportSpam',
  abuse: 'reportAbuse',
  off_topic: 'reportOffTopic',
} as const satisfies Record<AdminReport['reason'], string>;

/**
 * The actions that change `comment`, in the order their buttons show. A published comment readers reported can be
 * approved too: kept, its reports cleared.
 */
export function actionsFor(comment: Pick<AdminComment, 'status' | 'reportCount'>): AdminAction[] {
  if (comment.status === 'pending') return ['approve', 'spam', 'delete'];
  if (comment.status === 'published') {
    return comment.reportCount > 0 ? ['approve', 'spam', 'delete'] : ['spam', 'delete'];
  }
  return ['approve', 'restore'];
}

/** Whether approving `comment` keeps it where it is: published already, only its reports go. */
export function isKeeping(action: AdminAction, comment: Pick<AdminComment, 'status'>): boolean {
  return action === 'approve' && comment.status === 'published';
}

/** The key that does an action in the lists (j/k/x/o/? are the others). */
export const actionKeys: Record<AdminAction, string> = { approve: 'a', spam: 's', delete: 'd', restore: 'r' };

/**
 * An address that is safe in `href`: an http(s) URL or a path on this origin. The server makes page links so
 * already (admin-comment.ts); this holds even if it did not.
 */
function safeHref(url: string): string | undefined {
  return /^\/(?!\/)/.test(url) ? url : webHref(url);
}

/** The words on a button for `action`, on `comment` when it is a comment's own button. */
export function actionLabel(
  l: Localizer,
  action: AdminAction,
  comment?: Pick<AdminComment, 'status'>,
): string {
  return comment && isKeeping(action, comment) ? l.t('keep') : l.t(action);
}

/** A link to a comment's page, opened in a new tab: the admin page stays where the moderator was. */
export function threadLink(thread: string, url: string): TemplateResult {
  const href = safeHref(url);
  // A path reads left to right on a right-to-left page too.
  return href
    ? html`<a href=${href} target="_blank" rel="noopener noreferrer" dir="ltr">${thread}</a>`
    : ltr(thread);
}

/** A value that reads left to right whatever the page's direction (an address, a path), isolated from the text around it. */
export function ltr(value: string): TemplateResult {
  return html`<bdi dir="ltr">${value}</bdi>`;
}

/** Someone's words (a name, a reason) in their own direction, isolated from the page's. */
export function own(value: string): TemplateResult {
  return html`<bdi>${value}</bdi>`;
}

function renderDetails(comment: AdminComment, view: CommentView): TemplateResult {
  const { l, detail } = view;
  const level = view.headingLevel + 1;
  const id = `details-${comment.id}`;
  if (!detail || detail.kind === 'pending') {
    return html`<div class="details" id=${id} role="region" aria-label=${l.t('detailsHeading')}>
      <p>${l.t('loading')}</p>
    </div>`;
  }
  if (detail.kind === 'error') {
    return html`<div class="details" id=${id} role="region" aria-label=${l.t('detailsHeading')}>
      <p class="error">${l.t('loadError')}</p>
    </div>`;
  }
  const { thread, earlier, reports } = detail.detail;
  return html`<div class="details" id=${id} role="region" aria-label=${l.t('detailsHeading')}>
    <p class="details-heading" role="heading" aria-level=${level}>${l.t('threadLabel')}</p>
    <p>
      ${threadLink(thread.key, thread.url)} ·
      ${l.plural('threadCount', thread.count)}${thread.locked ? html` · ${l.t('threadLocked')}` : nothing}
    </p>
    <p class="details-heading" role="heading" aria-level=${level}>${l.t('earlierHeading')}</p>
    ${
      comment.author.email === null
        ? html`<p>${l.t('earlierNoEmail')}</p>`
        : earlier.length === 0
          ? html`<p>${l.t('earlierNone')}</p>`
          : html`<ul class="earlier">
              ${earlier.map(
                (other) =>
                  html`<li>
                    <span class="status status-${other.status}">${l.t(statusKeys[other.status])}</span>
                    <time datetime=${other.createdAt}>${l.date(other.createdAt)}</time>,
                    ${threadLink(other.thread, other.pageUrl)}:
                    <span class="excerpt" dir="auto">${excerpt(other.text)}</span>
                  </li>`,
              )}
            </ul>`
    }
    <p class="details-heading" role="heading" aria-level=${level}>${l.t('reportsHeading')}</p>
    ${
      reports.length === 0
        ? html`<p>${l.t('reportsNone')}</p>`
        : html`<ul>
            ${reports.map(
              (report) =>
                html`<li>
                  ${l.t('reportLine', { reason: l.t(reportKeys[report.reason]), date: l.date(report.createdAt) })}
                </li>`,
            )}
          </ul>`
    }
  </div>`;
}

/** The first 140 characters of a text, on one line. */
function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 140 ? `${line.slice(0, 139)}…` : line;
}

function renderEditor(comment: AdminComment, view: CommentView, edit: EditState): TemplateResult {
  const { l } = view;
  const fieldId = `edit-${comment.id}`;
  return html`<form
    class="editor"
    @submit=${(event: Event) => {
      event.preventDefault();
      view.onSave();
    }}
  >
    <label class="visually-hidden" for=${fieldId}>${l.t('editLabel', { author: comment.author.name })}</label>
    <textarea
      id=${fieldId}
      rows="6"
      .value=${edit.draft}
      ?disabled=${edit.isSaving}
      aria-invalid=${edit.error ? 'true' : 'false'}
      aria-describedby=${edit.error ? `${fieldId}-error` : nothing}
      @input=${(event: Event) => view.onDraft((event.target as HTMLTextAreaElement).value)}
      @keydown=${(event: KeyboardEvent) => {
        if (event.key === 'Escape') view.onCancelEdit();
      }}
    ></textarea>
    ${edit.error ? html`<p class="field-error" id=${`${fieldId}-error`}>${edit.error}</p>` : nothing}
    <div class="actions">
      <button class="primary" type="submit" ?disabled=${edit.isSaving}>
        ${edit.isSaving ? l.t('saving') : l.t('save')}
      </button>
      <button type="button" ?disabled=${edit.isSaving} @click=${view.onCancelEdit}>${l.t('cancel')}</button>
    </div>
  </form>`;
}

/**
 * One comment as a card: selection, author, status, time, thread, reason, e-mail and IP address, reports, the text,
 * and its actions. The card itself takes focus (j/k), and is named by its author.
 */
export function renderComment(comment: AdminComment, view: CommentView): TemplateResult {
  const { l } = view;
  const headingId = `author-${comment.id}`;
  const checkboxId = `select-${comment.id}`;
  return html`<article
    class="comment ${view.isSelected ? 'selected' : ''}"
    id=${`comment-${comment.id}`}
    data-id=${comment.id}
    tabindex="-1"
    aria-labelledby=${headingId}
    aria-busy=${view.isBusy ? 'true' : 'false'}
  >
    <div class="comment-head">
      <input
        type="checkbox"
        id=${checkboxId}
        .checked=${view.isSelected}
        aria-label=${l.t('selectComment', { author: comment.author.name })}
        aria-keyshortcuts="x"
        @change=${(event: Event) => view.onSelect((event.target as HTMLInputElement).checked)}
      />
      <span class="author" role="heading" aria-level=${view.headingLevel} id=${headingId} dir="auto"
        >${comment.author.name}</span
      >
      <span class="status status-${comment.status}">${l.t(statusKeys[comment.status])}</span>
      ${
        comment.reportCount > 0
          ? html`<span class="reported">${l.plural('reportedTimes', comment.reportCount)}</span>`
          : nothing
      }
      <time class="when" datetime=${comment.createdAt} title=${l.date(comment.createdAt)}
        >${l.ago(comment.createdAt)}</time
      >
    </div>
    <p class="thread">
      ${comment.parent ? html`<span class="reply">${l.t('replyMark')}</span> ` : nothing}${threadLink(
        comment.thread,
        comment.pageUrl,
      )}
    </p>
    <dl class="facts">
      ${
        comment.reason
          ? html`<div>
              <dt>${l.t('reasonLabel')}</dt>
              <dd>${own(comment.reason)}</dd>
            </div>`
          : nothing
      }
      <div>
        <dt>${l.t('emailLabel')}</dt>
        <dd>
          ${comment.author.email ? ltr(comment.author.email) : html`<span class="muted">${l.t('noEmail')}</span>`}
        </dd>
      </div>
      <div>
        <dt>${l.t('ipLabel')}</dt>
        <dd>
          ${comment.author.ip ? ltr(comment.author.ip) : html`<span class="muted">${l.t('noIp')}</span>`}
        </dd>
      </div>
      ${
        comment.author.url
          ? html`<div>
              <dt>${l.t('websiteLabel')}</dt>
              <dd>${ltr(comment.author.url)}</dd>
            </div>`
          : nothing
      }
    </dl>
    ${
      view.edit
        ? renderEditor(comment, view, view.edit)
        : html`<p class="text" dir="auto">${comment.text}</p>
            ${comment.editedAt ? html`<p class="muted">${l.t('editedMark')}</p>` : nothing}
            <div
              class="actions"
              role="group"
              aria-label=${l.t('commentActions', { author: comment.author.name })}
            >
              ${actionsFor(comment).map(
                (action) =>
                  html`<button
                    type="button"
                    class=${action === 'approve' ? 'primary' : action === 'delete' ? 'danger' : ''}
                    aria-keyshortcuts=${actionKeys[action]}
                    ?disabled=${view.isBusy}
                    @click=${() => view.onAction(action)}
                  >
                    ${actionLabel(l, action, comment)}
                  </button>`,
              )}
              <button type="button" ?disabled=${view.isBusy} @click=${view.onEdit}>${l.t('edit')}</button>
              <button
                type="button"
                aria-expanded=${view.detail ? 'true' : 'false'}
                aria-controls=${view.detail ? `details-${comment.id}` : nothing}
                aria-keyshortcuts="o"
                @click=${view.onToggleDetails}
              >
                ${view.detail ? l.t('hideDetails') : l.t('details')}
              </button>
            </div>`
    }
    ${view.detail ? renderDetails(comment, view) : nothing}
  </article>`;
}
