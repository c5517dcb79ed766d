import { html, nothing, type TemplateResult } from 'lit';
import {
  cannotHoldLink,
  linkedTokens,
  paragraphsOf,
  plainTokens,
  type FindLinks,
  type Paragraph,
  userLinkRel,
} from '../protocol/text-tokens.js';
import { afterPaint } from './after-paint.js';

export { safeHref, userLinkRel, webHref } from '../protocol/text-tokens.js';

/**
 * linkifyjs, a third of the widget's size, comes in a chunk of its own, fetched only once a paragraph that may hold
 * a link is shown, after the browser has painted it: until then that paragraph is plain text, and the text's next
 * render links it (`linksPending` says when). Nothing of it is fetched before the first comment shows.
 */
let findLinks: FindLinks | undefined;
let linkifyLoading: Promise<FindLinks> | undefined;

function loadLinkify(): Promise<FindLinks> {
  linkifyLoading ??= afterPaint()
    .then(() => import('linkifyjs'))
    .then(
      ({ tokenize }) => (findLinks = tokenize),
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

/** Whether text renders with its links now; before, a paragraph that may hold one renders plain and fetches them. */
export function linksAreReady(): boolean {
  return findLinks !== undefined;
}

/**
 * The fetch of linkifyjs that a render of plain text started, while it is under way: once it is done, text rendered
 * again is linked. If it fails, the text stays plain, and a later render tries again.
 */
export function linksPending(): Promise<unknown> | undefined {
  return findLinks ? undefined : linkifyLoading;
}

/** A paragraph's tokens as DOM: text nodes, `<br>` for line breaks, `<a>` for links. */
function renderTokens(tokens: Paragraph): unknown[] {
  return tokens.map((token) => {
    if (token.type === 'break') return html`<br />`;
    if (token.type === 'text') return token.text;
    return html`<a part="link" href=${token.href} rel=${userLinkRel}>${token.text}</a>`;
  });
}

/** Renders one paragraph's worth of user text: text nodes, `<br>` for newlines, `<a>` for URLs. */
function renderInline(paragraph: string): unknown {
  if (findLinks) return renderTokens(linkedTokens(paragraph, findLinks));
  if (!cannotHoldLink(paragraph)) loadLinkify().catch(() => undefined);
  return renderTokens(plainTokens(paragraph));
}

/**
 * Turns a comment's plain text into DOM as a Lit template: every character of HTML stays text, URLs and bare
 * domains become links, blank lines separate paragraphs and single newlines break lines (the protocol's rendering
 * rules, read as tokens by src/protocol/text-tokens.ts, which the server's HTML shares). The text never passes
 * through an HTML parser.
 */
export function renderText(text: string): TemplateResult | typeof nothing {
  const paragraphs = paragraphsOf(text);
  if (paragraphs.length === 0) return nothing;
  return html`${paragraphs.map((paragraph) => html`<p>${renderInline(paragraph)}</p>`)}`;
}
