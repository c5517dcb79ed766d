import { find } from 'linkifyjs';
import { held, type ModerationLayer, type Submission } from './verdict.js';

/** The schemes the widget ever makes a link of (src/text/render-text.ts); anything else stays text. */
const linkProtocols = new Set(['http:', 'https:', 'mailto:']);

/**
 * The links readers will see in `text`, as the widget makes them: what linkify finds (URLs, bare domains as https,
 * e-mail addresses as mailto), kept only when it parses as an http, https or mailto URL.
 */
function linksIn(text: string): URL[] {
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

const found = new WeakMap<Submission, readonly URL[]>();

/** The links in a submission's text, found once however many layers ask (the link limit, both rule lists). */
export function linksOf(submission: Submission): readonly URL[] {
  let links = found.get(submission);
  if (!links) found.set(submission, (links = linksIn(submission.comment.text)));
  return links;
}

/** Holds a comment with more than `maxLinks` links in its text ("held: 4 links"): link spam's mark. */
export function tooManyLinks(maxLinks: number): ModerationLayer {
  return (submission) => {
    const count = linksOf(submission).length;
    return count > maxLinks ? held(`${count} link${count === 1 ? '' : 's'}`) : undefined;
  };
}
