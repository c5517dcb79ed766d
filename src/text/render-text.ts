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
import { copies } from './copies.js';

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

/** Whether `text` renders with its links now: it may hold some, and they can be found. */
export function linksAreReadyFor(text: string): boolean {
  return findLinks !== undefined && !cannotHoldLink(text);
}

/**
 * The fetch of linkifyjs that a render of plain text started, while it is under way: once it is done, text rendered
 * again is linked. If it fails, the text stays plain, and a later render tries again.
 */
export function linksPending(): Promise<unknown> | undefined {
  return findLinks ? undefined : linkifyLoading;
}

/** A link of user text without its address, copied for each: a clone costs less than its attributes set one by one. */
const userLink = copies(() => {
  const link = document.createElement('a');
  link.setAttribute('part', 'link');
  link.setAttribute('rel', userLinkRel);
  return link;
});

/** A paragraph's tokens as DOM: text nodes, `<br>` for line breaks, `<a>` for links. */
function paragraphOf(tokens: Paragraph): HTMLParagraphElement {
  const paragraph = document.createElement('p');
  for (const token of tokens) {
    if (token.type === 'text') paragraph.append(token.text);
    else if (token.type === 'break') paragraph.append(document.createElement('br'));
    else {
      const link = userLink();
      link.setAttribute('href', token.href);
      link.append(token.text);
      paragraph.append(link);
    }
  }
  return paragraph;
}

/** One paragraph's worth of user text as tokens: text, line breaks, and links once the link finder is here. */
function tokensOf(paragraph: string): Paragraph {
  if (findLinks) return linkedTokens(paragraph, findLinks);
  if (!cannotHoldLink(paragraph)) loadLinkify().catch(() => undefined);
  return plainTokens(paragraph);
}

/**
 * Turns a comment's plain text into paragraphs of DOM: every character of HTML stays text, URLs and bare domains
 * become links, blank lines separate paragraphs and single newlines break lines (the protocol's rendering rules,
 * read as tokens by src/protocol/text-tokens.ts, which the server's HTML shares). The text never passes through an
 * HTML parser: it becomes text nodes, and a link's address an attribute. Made by DOM calls rather than a template
 * for each paragraph and link, which a thread of thousands makes faster.
 */
export function renderText(text: string): HTMLParagraphElement[] {
  return paragraphsOf(text).map((paragraph) => paragraphOf(tokensOf(paragraph)));
}
