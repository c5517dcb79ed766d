import { html, nothing, type TemplateResult } from 'lit';
import type { AdminAction, AdminReference, AdminStatus } from '../../protocol/admin.js';
import { userLinkRel, webHref } from '../../protocol/text-tokens.js';
import type { MentionReason, MentionState, ReferenceKind } from '../../protocol/types.js';
import type { Localizer, PlainKey } from '../messages/localizer.js';
import { ltr, own, statusKeys, threadLink } from './render-comment.js';

/** What a reference card shows around the reference, and what its buttons call. */
export interface ReferenceCardView {
  l: Localizer;
  /** The level of its title: 2 under the screen's heading, 3 under a section's. */
  headingLevel: 2 | 3;
  isBusy: boolean;
  onChange: (status: AdminStatus) => void;
}

/** The status the lists' action keys give a reference: `r` puts it back in the queue, as it restores a comment. */
export const referenceStatusOf: Record<AdminAction, AdminStatus> = {
  approve: 'published',
  spam: 'spam',
  delete: 'deleted',
  restore: 'pending',
};

const keyOf: Record<AdminStatus, string> = { published: 'a', spam: 's', deleted: 'd', pending: 'r' };

const stateKeys = {
  queued: 'stateQueued',
  refused: 'stateRefused',
  removed: 'stateRemoved',
} as const satisfies Record<Exclude<MentionState, 'verified'>, PlainKey>;

const kindKeys = {
  reply: 'referenceKindReply',
  like: 'referenceKindLike',
  repost: 'referenceKindRepost',
  bookmark: 'referenceKindBookmark',
  mention: 'referenceKindMention',
} as const satisfies Record<ReferenceKind, PlainKey>;

const reasonKeys = {
  no_link: 'reasonNoLink',
  source_gone: 'reasonSourceGone',
  source_unreachable: 'reasonSourceUnreachable',
  source_error: 'reasonSourceError',
  not_text: 'reasonNotText',
  too_large: 'reasonTooLarge',
  too_many_redirects: 'reasonTooManyRedirects',
  forbidden_address: 'reasonForbiddenAddress',
  too_many_references: 'reasonTooManyReferences',
  deleted: 'reasonDeleted',
} as const satisfies Record<MentionReason, PlainKey>;

/**
 * The statuses a moderator can give `reference`, in the order their buttons show: none until it is verified. Spam
 * and deleted ones are published or restored to the queue, as comments are.
 */
export function referenceChoicesFor(reference: Pick<AdminReference, 'state' | 'status'>): AdminStatus[] {
  if (reference.state !== 'verified' || reference.status === null) return [];
  if (reference.status === 'pending') return ['published', 'spam', 'deleted'];
  if (reference.status === 'published') return ['pending', 'spam', 'deleted'];
  return ['published', 'pending'];
}

/** The words on the button that gives `reference` the status `to`. */
function referenceChoiceLabel(
  l: Localizer,
  to: AdminStatus,
  reference: Pick<AdminReference, 'status'>,
): string {
  if (to === 'pending') return l.t(reference.status === 'published' ? 'hold' : 'restore');
  return l.t(to === 'published' ? 'publish' : to === 'spam' ? 'spam' : 'delete');
}

/** Why a reference has its state or status, in words: the refusals' codes translated, moderation's reasons as given. */
function reasonText(l: Localizer, reason: string): string {
  return Object.hasOwn(reasonKeys, reason) ? l.t(reasonKeys[reason as MentionReason]) : reason;
}

/** The reference's title, linked to it: a link to another website that passes no reputation (`nofollow ugc`). */
function renderTitle(reference: AdminReference): TemplateResult {
  const address = reference.url ?? reference.source;
  const title = reference.title ?? address;
  const href = webHref(address);
  return href ? html`<a href=${href} target="_blank" rel=${userLinkRel} dir="auto">${title}</a>` : own(title);
}

function fact(label: string, value: TemplateResult | string): TemplateResult {
  return html`<div>
    <dt>${label}</dt>
    <dd>${value}</dd>
  </div>`;
}

function renderFacts(reference: AdminReference, l: Localizer): TemplateResult {
  const { author } = reference;
  return html`<dl class="facts">
    ${reference.reason ? fact(l.t('reasonLabel'), own(reasonText(l, reference.reason))) : nothing}
    ${reference.detail ? fact(l.t('detailLabel'), own(reference.detail)) : nothing}
    ${fact(l.t('pageLabel'), threadLink(reference.thread, reference.target))}
    ${
      reference.state === 'verified' || author.name
        ? fact(
            l.t('authorLabel'),
            author.name ? own(author.name) : html`<span class="muted">${l.t('authorUnnamed')}</span>`,
          )
        : nothing
    }
    ${author.url ? fact(l.t('websiteLabel'), ltr(author.url)) : nothing}
    ${fact(l.t('sourceHostLabel'), ltr(reference.sourceHost))}
    ${reference.url && reference.url !== reference.source ? fact(l.t('sourceLabel'), ltr(reference.source)) : nothing}
    ${fact(l.t('viaLabel'), l.t(reference.via === 'pingback' ? 'viaPingback' : 'viaWebmention'))}
    ${fact(l.t('senderLabel'), reference.senderIp ? ltr(reference.senderIp) : html`<span class="muted">${l.t('noIp')}</span>`)}
    ${reference.attempts > 0 ? fact(l.t('attemptsLabel'), l.number(reference.attempts)) : nothing}
  </dl>`;
}

/**
 * One reference as a card: its title linked to it, what it is, where it stands, when it came, its author and
 * excerpt (plain text), where it came from and why it has its status, and the moderator's choices. The card takes
 * focus (j/k) and is named by its title. The author's photo is never loaded: the page asks nothing of other sites.
 */
export function renderReference(reference: AdminReference, view: ReferenceCardView): TemplateResult {
  const { l } = view;
  const titleId = `title-${reference.id}`;
  const choices = referenceChoicesFor(reference);
  const standing =
    reference.state === 'verified' && reference.status
      ? html`<span class="status status-${reference.status}">${l.t(statusKeys[reference.status])}</span>`
      : reference.state === 'verified'
        ? nothing
        : html`<span class="status state-${reference.state}">${l.t(stateKeys[reference.state])}</span>`;
  return html`<article
    class="reference"
    id=${`reference-${reference.id}`}
    data-id=${reference.id}
    tabindex="-1"
    aria-labelledby=${titleId}
    aria-busy=${view.isBusy ? 'true' : 'false'}
  >
    <div class="comment-head">
      <span class="title" role="heading" aria-level=${view.headingLevel} id=${titleId}
        >${renderTitle(reference)}</span
      >
      ${reference.kind ? html`<span class="kind">${l.t(kindKeys[reference.kind])}</span>` : nothing}
      ${standing}
      <time class="when" datetime=${reference.createdAt} title=${l.date(reference.createdAt)}
        >${l.t('receivedAgo', { ago: l.ago(reference.createdAt) })}</time
      >
    </div>
    ${reference.excerpt ? html`<p class="text" dir="auto">${reference.excerpt}</p>` : nothing}
    ${renderFacts(reference, l)}
    ${
      choices.length > 0
        ? html`<div
            class="actions"
            role="group"
            aria-label=${l.t('referenceActions', { host: reference.sourceHost })}
          >
            ${choices.map(
              (to) =>
                html`<button
                  type="button"
                  class=${to === 'published' ? 'primary' : to === 'deleted' ? 'danger' : ''}
                  aria-keyshortcuts=${keyOf[to]}
                  ?disabled=${view.isBusy}
                  @click=${() => view.onChange(to)}
                >
                  ${referenceChoiceLabel(l, to, reference)}
                </button>`,
            )}
          </div>`
        : nothing
    }
  </article>`;
}
