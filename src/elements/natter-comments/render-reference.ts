import { html, nothing, type TemplateResult } from 'lit';
import type { Localizer, PlainKey } from '../../i18n/localizer.js';
import type { ReferenceMessages, ThreadMessages } from '../../i18n/messages.en.js';
import type { Reference, ReferenceKind } from '../../protocol/types.js';
import { userLinkRel, webHref } from '../../text/render-text.js';
import { initials } from './avatar.js';
import { renderTime } from './relative-time.js';

/** The words the references list reads: those that show a thread, and its own. */
export type ReferenceWords = Localizer<ThreadMessages & ReferenceMessages>;

/** How many names "Liked by" spells out before it counts the rest. */
const namedReactions = 2;

/** The kinds of reference listed one by one; likes and reposts are counted in a row each. */
export type ListedKind = Exclude<ReferenceKind, 'like' | 'repost'>;

const listedLabels: Record<ListedKind, PlainKey<ReferenceMessages>> = {
  reply: 'referenceReplied',
  mention: 'referenceMentioned',
  bookmark: 'referenceBookmarked',
};

/** Whether `reference` is listed one by one: a reply, a mention or a bookmark. */
export const isListed = (reference: Reference): reference is Reference & { kind: ListedKind } =>
  Object.hasOwn(listedLabels, reference.kind);

/** The host of `url` (`blog.example`), or `undefined` when it is no URL. */
function hostOf(url: string | null): string | undefined {
  try {
    return url ? new URL(url).host || undefined : undefined;
  } catch {
    return undefined;
  }
}

/** Whom a reference is by: the author's name, else their site's host, else the host of the response itself. */
export function authorName({ author, url }: Reference): string {
  return author.name?.trim() || hostOf(author.url) || hostOf(url) || url;
}

/**
 * A message with a `{name}` (or `{names}`) placeholder, with `name` in its place: a template, so that the name can
 * be a link or a bidi isolate that the words around it never reorder.
 */
function around(message: string, placeholder: string, name: unknown) {
  const [before, after] = message.split(placeholder);
  return after === undefined ? message : html`${before}${name}${after}`;
}

/** The date a reference was published, when the server sent one a browser can read. */
function renderPublished(iso: string, words: ReferenceWords) {
  if (Number.isNaN(Date.parse(iso))) return nothing;
  // The separator is a binding, which the templates' minifier leaves as it is: its spaces stay.
  return html`<span aria-hidden="true">${' · '}</span>${renderTime(iso, words)}`;
}

/**
 * A reply, mention or bookmark: who responded how and when, the response's title (or its site, when it has none)
 * linked to it, and its excerpt. Every text is the source's, as plain text in bidi isolates; links only to http and
 * https addresses, with the `rel` of every link from users; no image of the source's is loaded.
 */
export function renderReference(
  reference: Reference & { kind: ListedKind },
  words: ReferenceWords,
): TemplateResult {
  const name = authorName(reference);
  const authorHref = webHref(reference.author.url);
  const author = authorHref
    ? html`<a class="author" part="author" dir="auto" href=${authorHref} rel=${userLinkRel}>${name}</a>`
    : html`<bdi class="author" part="author">${name}</bdi>`;
  const href = webHref(reference.url);
  const title = reference.title?.trim() || hostOf(reference.url) || reference.url;
  return html`<li class="reference" part="reference">
    <p class="reference-meta" part="reference-meta">
      ${around(words.t(listedLabels[reference.kind]), '{name}', author)}${renderPublished(
        reference.publishedAt,
        words,
      )}
    </p>
    ${
      href
        ? html`<a class="reference-title" part="reference-title" dir="auto" href=${href} rel=${userLinkRel}
            >${title}</a
          >`
        : html`<span class="reference-title" part="reference-title" dir="auto">${title}</span>`
    }
    ${
      reference.excerpt?.trim()
        ? html`<p class="reference-excerpt" part="reference-excerpt" dir="auto">${reference.excerpt}</p>`
        : nothing
    }
  </li>`;
}

/** Formatters of lists of names ("A, B and 3 others"), per locale: made once each. */
const listFormats = new Map<string, Intl.ListFormat>();

function listFormat(locale: string): Intl.ListFormat {
  let format = listFormats.get(locale);
  if (!format) listFormats.set(locale, (format = new Intl.ListFormat(locale, { type: 'conjunction' })));
  return format;
}

/**
 * Likes or reposts, compactly: their authors' initials in a row, each linked to the author's site (or, without one,
 * to the like itself) and named by them, then "Liked by A, B and 3 others". Initials, never the source's photos:
 * nothing is fetched from another site (privacy, and pages whose CSP allows only their own images).
 */
export function renderReactions(
  references: Reference[],
  kind: 'like' | 'repost',
  words: ReferenceWords,
): TemplateResult | typeof nothing {
  if (references.length === 0) return nothing;
  const names = references.map(authorName);
  // "and 1 other" says no more than the name would: the names are all spelled out up to one more than the limit.
  const named = names.length > namedReactions + 1 ? names.slice(0, namedReactions) : names;
  const others = names.length - named.length;
  const items = others > 0 ? [...named, words.plural('referenceOthers', others)] : named;
  let index = 0;
  const list = listFormat(words.locale)
    .formatToParts(items)
    .map((part) =>
      part.type === 'element' && index++ < named.length ? html`<bdi>${part.value}</bdi>` : part.value,
    );
  return html`<div class="reactions" part="reactions">
    <ul class="faces">
      ${references.map((reference, position) => {
        const href = webHref(reference.author.url) ?? webHref(reference.url);
        const name = names[position] ?? '';
        const face = html`<span aria-hidden="true">${initials(name)}</span>`;
        return html`<li>
          ${
            href
              ? html`<a
                  class="face"
                  part="reaction"
                  href=${href}
                  rel=${userLinkRel}
                  title=${name}
                  aria-label=${name}
                  >${face}</a
                >`
              : html`<span class="face" part="reaction" role="img" title=${name} aria-label=${name}
                  >${face}</span
                >`
          }
        </li>`;
      })}
    </ul>
    <p>${around(words.t(kind === 'like' ? 'likedBy' : 'repostedBy'), '{names}', list)}</p>
  </div>`;
}
