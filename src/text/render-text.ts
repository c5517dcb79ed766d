import { html, nothing, type TemplateResult } from 'lit';
import { until } from 'lit/directives/until.js';
import { afterPaint } from './after-paint.js';

type Tokenize = typeof import('linkifyjs').tokenize;

/**
 * linkifyjs, a third of the widget's size, comes in a chunk of its own, fetched only once a paragraph that may hold
 * a link is shown, after the browser has painted it: until then that paragraph is plain text, and it becomes
 * linked in place. Nothing of it is fetched before the first comment shows.
 */
let tokenizeLinks: Tokenize | undefined;
let linkifyLoading: Promise<Tokenize> | undefined;

function loadLinkify(): Promise<Tokenize> {
  linkifyLoading ??= afterPaint()
    .then(() => import('linkifyjs'))
    .then(
      ({ tokenize }) => (tokenizeLinks = tokenize),
      (error: unknown) => {
        // Offline, or a deploy replaced the chunk: the text stays plain, and a later paragraph tries again.
        linkifyLoading = undefined;
        throw error;
      },
    );
  return linkifyLoading;
}

/** Resolves once URLs become links at once (tests and callers that must see them wait for this). */
export function whenLinksReady(): Promise<void> {
  return loadLinkify().then(() => undefined);
}

/** Text in which linkify could find nothing: no dot, colon or at sign, so no URL, domain or address. */
const cannotHoldLink = (text: string) => !/[.:@]/.test(text);

/** Link schemes that may ever become a link; anything else stays text. */
const allowedProtocols = new Set(['http:', 'https:', 'mailto:']);

/** The `rel` every link taken from user text carries. */
export const userLinkRel = 'nofollow ugc noopener';

/**
 * Returns `href` when it is an absolute http, https or mailto URL, otherwise `undefined`.
 * Used for every URL that came from a user before it may become a link.
 */
export function safeHref(href: string | null | undefined): string | undefined {
  if (!href) return undefined;
  try {
    const url = new URL(href);
    return allowedProtocols.has(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Returns `href` when it is an absolute http or https URL (a website: an author's, a response's), else `undefined`. */
export function webHref(href: string | null | undefined): string | undefined {
  const safe = safeHref(href);
  return safe?.startsWith('http') ? safe : undefined;
}

/** One paragraph as text nodes and `<br>` for newlines, without links. */
function renderPlain(text: string): unknown[] {
  return text.split('\n').flatMap((line, index) => (index === 0 ? [line] : [html`<br />`, line]));
}

/** Renders one paragraph's worth of user text: text nodes, `<br>` for newlines, `<a>` for URLs. */
function renderInline(text: string): unknown {
  if (tokenizeLinks) return renderLinked(tokenizeLinks, text);
  if (cannotHoldLink(text)) return renderPlain(text);
  return until(
    loadLinkify().then((tokenize) => renderLinked(tokenize, text)),
    renderPlain(text),
  );
}

function renderLinked(tokenize: Tokenize, text: string): unknown[] {
  return tokenize(text).map((token) => {
    if (token.t === 'nl') return html`<br />`;
    const href = token.isLink ? safeHref(token.toHref('https')) : undefined;
    return href
      ? html`<a part="link" href=${href} rel=${userLinkRel}>${token.toString()}</a>`
      : token.toString();
  });
}

/**
 * Turns a comment's plain text into DOM as a Lit template: every character of HTML stays text, URLs and bare
 * domains become links, blank lines separate paragraphs and single newlines break lines. Leading whitespace is
 * the author's indentation and stays (protocol rendering rule 2; the styles keep it with `pre-wrap`); only blank
 * lines and whitespace at the end of a paragraph, which nobody would see, go. The text never passes through an
 * HTML parser.
 */
export function renderText(text: string): TemplateResult | typeof nothing {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    // A blank line holds nothing but whitespace; a run of them ends a paragraph.
    .split(/\n(?:[^\S\n]*\n)+/)
    .map((paragraph) => paragraph.replace(/^(?:[^\S\n]*\n)+/, '').trimEnd())
    .filter(Boolean);
  if (paragraphs.length === 0) return nothing;
  return html`${paragraphs.map((paragraph) => html`<p>${renderInline(paragraph)}</p>`)}`;
}
