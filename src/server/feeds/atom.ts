import { sha256, toHex } from '../base64url.js';

/** One entry of an Atom feed: a comment. */
export interface AtomEntry {
  /** A stable IRI (`urn:uuid:…`). */
  id: string;
  title: string;
  authorName: string;
  authorUrl: string | null;
  published: string;
  updated: string;
  /** Plain text, sent as `<content type="text">`. */
  text: string;
  /** The page the comment is on, with its fragment. */
  link: string;
}

/** An Atom 1.0 feed (RFC 4287). */
export interface AtomFeed {
  id: string;
  title: string;
  updated: string;
  /** The feed's own URL. */
  self: string;
  /** The page (or site) the feed is about. */
  alternate: string;
  entries: readonly AtomEntry[];
}

/*
 * What XML 1.0 may hold: tab, line feed, carriage return, and every character from space on but the surrogates
 * and U+FFFE and U+FFFF. Comment text may hold others (the protocol allows some control characters, and a key or
 * a name could come from an older row); each becomes U+FFFD, so that the document always parses.
 */
const notXmlCharacter = /[^\t\n\r\u{20}-\u{D7FF}\u{E000}-\u{FFFD}\u{10000}-\u{10FFFF}]/gu;
const markup: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** `text` as XML character data or an attribute value: escaped, whatever it holds (`]]>` and `<script>` too). */
function xmlEscape(text: string): string {
  return text.replace(notXmlCharacter, '\uFFFD').replace(/[&<>"']/g, (character) => markup[character] ?? '');
}

/** A name-based UUID (version 8, from SHA-256) as a `urn:uuid:` IRI: the same name always gives the same id. */
export async function uuidIri(name: string): Promise<string> {
  const bytes = (await sha256(name)).subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x80;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = toHex(bytes);
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const element = (name: string, text: string) => `<${name}>${xmlEscape(text)}</${name}>`;
const link = (rel: string, href: string, type?: string) =>
  `<link rel="${rel}" href="${xmlEscape(href)}"${type ? ` type="${type}"` : ''}/>`;

/** The feed as an Atom 1.0 document in UTF-8. */
export function renderAtom(feed: AtomFeed): string {
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    element('id', feed.id),
    element('title', feed.title),
    element('updated', feed.updated),
    link('self', feed.self, 'application/atom+xml'),
    link('alternate', feed.alternate, 'text/html'),
    '<generator>natter</generator>',
  ];
  for (const entry of feed.entries) {
    lines.push(
      '<entry>',
      element('id', entry.id),
      element('title', entry.title),
      '<author>',
      element('name', entry.authorName),
      ...(entry.authorUrl ? [element('uri', entry.authorUrl)] : []),
      '</author>',
      element('published', entry.published),
      element('updated', entry.updated),
      link('alternate', entry.link, 'text/html'),
      `<content type="text">${xmlEscape(entry.text)}</content>`,
      '</entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}
