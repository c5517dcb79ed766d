// The protocol's rendering rules for comment text (docs/protocol.md#rendering-rules-for-clients) as data: paragraphs
// of text, line breaks and links. The widget turns these tokens into DOM (src/text/render-text.ts), the server into
// HTML through the HTML standard's serializer (src/server/html/): one reading of a comment for both, so that what
// a reader without JavaScript sees is what the widget shows. Plain ECMAScript: neither the DOM nor Node, and no
// package; the link finder (linkifyjs's `tokenize`) is passed in, so that the widget can load it lazily.

/** One piece of a paragraph: text as written, a line break, or a link with the text it was written as. */
export type InlineToken =
  { type: 'text'; text: string } | { type: 'break' } | { type: 'link'; text: string; href: string };

/** A paragraph's pieces, in order. */
export type Paragraph = InlineToken[];

/** What the rules need of a link finder's token: linkifyjs's `MultiToken` provides it. */
export interface FoundToken {
  readonly t: string;
  readonly isLink: boolean;
  toString(): string;
  toHref(defaultProtocol?: string): string;
}

/** A link finder: linkifyjs's `tokenize`, or anything that splits text the same way. */
export type FindLinks = (text: string) => readonly FoundToken[];

/** What the rules need of a parsed URL: the WHATWG `URL` every JavaScript runtime natter runs on provides. */
interface ParsedUrl {
  readonly href: string;
  readonly protocol: string;
}
const { URL: WhatwgUrl } = globalThis as unknown as { URL: new (input: string) => ParsedUrl };

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
    const url = new WhatwgUrl(href);
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

/** Text in which a link finder could find nothing: no dot, colon or at sign, so no URL, domain or address. */
export const cannotHoldLink = (text: string): boolean => !/[.:@]/.test(text);

/**
 * A comment's text as paragraphs, each its own text: blank lines separate paragraphs; leading whitespace is the
 * author's indentation and stays (rule 2), only blank lines and whitespace at the end of a paragraph, which nobody
 * would see, go.
 */
export function paragraphsOf(text: string): string[] {
  return (
    text
      .replace(/\r\n?/g, '\n')
      // A blank line holds nothing but whitespace; a run of them ends a paragraph.
      .split(/\n(?:[^\S\n]*\n)+/)
      .map((paragraph) => paragraph.replace(/^(?:[^\S\n]*\n)+/, '').trimEnd())
      .filter(Boolean)
  );
}

/** One paragraph as text and line breaks, without links (before the link finder is there, or with none). */
export function plainTokens(paragraph: string): Paragraph {
  return paragraph
    .split('\n')
    .flatMap((line, index): InlineToken[] =>
      index === 0 ? [{ type: 'text', text: line }] : [{ type: 'break' }, { type: 'text', text: line }],
    );
}

/**
 * One paragraph as text, line breaks and links: URLs, bare domains and e-mail addresses that `findLinks` finds
 * become links when their address is http, https or mailto (bare ones over https); the rest stays text.
 */
export function linkedTokens(paragraph: string, findLinks: FindLinks): Paragraph {
  return findLinks(paragraph).map((token): InlineToken => {
    if (token.t === 'nl') return { type: 'break' };
    const href = token.isLink ? safeHref(token.toHref('https')) : undefined;
    return href ? { type: 'link', text: token.toString(), href } : { type: 'text', text: token.toString() };
  });
}

/** A comment's whole text as paragraphs of tokens, linked by `findLinks`. */
export function textTokens(text: string, findLinks: FindLinks): Paragraph[] {
  return paragraphsOf(text).map((paragraph) =>
    cannotHoldLink(paragraph) ? plainTokens(paragraph) : linkedTokens(paragraph, findLinks),
  );
}
