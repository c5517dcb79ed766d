import { find } from 'linkifyjs';
import { held, type ModerationLayer } from './verdict.js';

/** The schemes the widget ever makes a link of (src/text/render-text.ts); anything else stays text. */
const linkProtocols = new Set(['http:', 'https:', 'mailto:']);

/**
 * The links readers will see in `text`, as the widget makes them: what linkify finds (URLs, bare domains as https,
 * e-mail addresses as mailto), kept only when it parses as an http, https or mailto URL.
 */
export function linksIn(text: string): URL[] {
  const links: URL[] = [];
  for (const found of find(text, { defaultProtocol: 'https' })) {
    try {
      const url = new URL(found.href);
      if (linkProtocols.has(url.protocol)) links.push(url);
    } catch {
      // Not a URL after all: the widget shows it as text, and so it is no link.
    }
  }
  return links;
}

/** Holds a comment with more than `maxLinks` links in its text ("held: 4 links"): link spam's mark. */
export function tooManyLinks(maxLinks: number): ModerationLayer {
  return ({ comment }) => {
    const count = linksIn(comment.text).length;
    return count > maxLinks ? held(`${count} link${count === 1 ? '' : 's'}`) : undefined;
  };
}
