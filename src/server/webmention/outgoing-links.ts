import { mf2 } from 'microformats-parser';
import { parseFragment } from 'parse5';
import { attributeOf, elementsIn, parseHtml, type HtmlElement } from './html-elements.js';
import { hasType, isMicroformat, type Microformat, type PropertyValue } from './microformats.js';
import type { FetchedPage } from './source-page.js';

/**
 * The properties of an h-entry that name the page it answers, likes, reposts or bookmarks: those pages are the ones
 * most owed a mention, and a post names them beside its content (`<a class="u-in-reply-to">`), not in it.
 */
const responseProperties = ['in-reply-to', 'like-of', 'repost-of', 'bookmark-of'];

/**
 * The pages `page` (fetched from `source`) links to, in order of appearance, each once: the links of its h-entry
 * (those in its e-content, and the pages it replies to, likes, reposts or bookmarks) when it has an h-entry with
 * content, else every `<a href>` of the page. Absolute http and https URLs without their fragment, never the page
 * itself.
 */
export function outgoingLinks(page: FetchedPage, source: string): string[] {
  const entry = entryOf(page);
  const links = entry ? entryLinks(entry, page.url) : pageLinks(page);
  const self = new Set([source, page.url].map((url) => resolved(url, url)?.href));
  const pages = links.filter((link) => /^https?:$/.test(link.protocol)).map((link) => link.href);
  return [...new Set(pages)].filter((link) => !self.has(link));
}

/** `href` resolved against `base`, without its fragment; `undefined` when it is no URL. */
function resolved(href: string | undefined, base: string): URL | undefined {
  if (href === undefined || !URL.canParse(href, base)) return undefined;
  const url = new URL(href, base);
  url.hash = '';
  return url;
}

/**
 * The page's first h-entry that has an e-content, top-level or a child (in an h-feed), if any. A page the
 * microformats parser cannot read (it throws on a relative `<base href>`) is read as a page without one.
 */
function entryOf(page: FetchedPage): Microformat | undefined {
  let items: Microformat[];
  try {
    items = mf2(page.body, { baseUrl: page.url }).items;
  } catch {
    return undefined;
  }
  const pending = [...items].reverse();
  for (let item = pending.pop(); item; item = pending.pop()) {
    if (hasType(item, 'h-entry') && contentHtml(item) !== undefined) return item;
    for (const child of (item.children ?? []).toReversed()) pending.push(child);
  }
  return undefined;
}

function contentHtml(entry: Microformat): string | undefined {
  const [content] = entry.properties.content ?? [];
  return typeof content === 'object' && 'html' in content ? content.html : undefined;
}

/** The links of an h-entry's content (`<a href>`), then the pages it responds to. */
function entryLinks(entry: Microformat, base: string): URL[] {
  const inContent = anchorHrefs([...elementsIn(parseFragment(contentHtml(entry) ?? ''))]);
  const responses = responseProperties.flatMap((name) => (entry.properties[name] ?? []).map(urlOf));
  return [...inContent, ...responses].map((href) => resolved(href, base)).filter((url) => url !== undefined);
}

/** A URL property's value: a URL, or an embedded h-cite whose value or first `url` is the URL. */
function urlOf(value: PropertyValue): string | undefined {
  if (typeof value === 'string') return value;
  if (!isMicroformat(value)) return undefined;
  if (typeof value.value === 'string') return value.value;
  const [url] = value.properties.url ?? [];
  return typeof url === 'string' ? url : undefined;
}

/** Every `<a href>` of the page, resolved against its first `<base href>`, else its own URL. */
function pageLinks(page: FetchedPage): URL[] {
  const elements = [...elementsIn(parseHtml(page.body))];
  const baseHref = elements.find((element) => element.tagName === 'base' && attributeOf(element, 'href'));
  const base = resolved(baseHref && attributeOf(baseHref, 'href'), page.url)?.href ?? page.url;
  return anchorHrefs(elements)
    .map((href) => resolved(href, base))
    .filter((url) => url !== undefined);
}

function anchorHrefs(elements: readonly HtmlElement[]): string[] {
  return elements
    .filter((element) => element.tagName === 'a')
    .map((element) => attributeOf(element, 'href'))
    .filter((href) => href !== undefined);
}
