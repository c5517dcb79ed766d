import { html, serialize, type DefaultTreeAdapterMap } from 'parse5';
import { parseHtmlDocument } from '../parse-html.js';
import { attributeOf, elementsIn, maxPageDepth, type HtmlElement } from './html-elements.js';

type Node = DefaultTreeAdapterMap['node'];

/** What one parse of an HTML source page tells: its links, its base URL, and what its `<head>` says of it. */
export interface HtmlPage {
  /** The URL relative links resolve against: the page's, or its first `<base href>` (http or https). */
  baseUrl: string;
  /**
   * The values of every attribute that links to a document, as written: `href` of `<a>`, `<area>` and `<link>`, and
   * `src` of `<img>`, `<video>`, `<audio>` and a `<source>` of either (Webmention §3.2.2's "and other similar links").
   */
  links: string[];
  /** The text of the first `<title>`, as written. */
  title: string | null;
  /** `<meta name="description">`, else `<meta property="og:description">`. */
  description: string | null;
  /** `<meta name="author">`. */
  author: string | null;
  /** The page as read, for a parser that takes only a string (microformats-parser): cut where too deep, `<base href>` absolute. */
  html(): string;
}

/** Whether `node` is a `<video>` or an `<audio>`, whose `<source>`s are links. */
const isMedia = (node: Node | null) =>
  node !== null && 'tagName' in node && ['video', 'audio'].includes(node.tagName);

/** The attribute of `element` that links to another document, when it is a link. */
function linkOf(element: HtmlElement): string | undefined {
  switch (element.tagName) {
    case 'a':
    case 'area':
    case 'link':
      return attributeOf(element, 'href');
    case 'img':
    case 'video':
    case 'audio':
      return attributeOf(element, 'src');
    case 'source':
      // A `<source>` of `<picture>` names images by `srcset`, and is no link.
      return isMedia(element.parentNode) ? attributeOf(element, 'src') : undefined;
    default:
      return undefined;
  }
}

/** The text of `element`'s text children (what `<title>` holds). */
const textOf = (element: HtmlElement) =>
  element.childNodes
    .map((child) => ('value' in child && child.nodeName === '#text' ? child.value : ''))
    .join('');

/** `href` resolved against `url` when it is http or https, else `url` (a `data:` or `javascript:` base is no base). */
function baseFrom(href: string | undefined, url: string): string {
  if (href === undefined) return url;
  try {
    const base = new URL(href.trim(), url);
    return base.protocol === 'http:' || base.protocol === 'https:' ? base.href : url;
  } catch {
    return url;
  }
}

/** Parses `body`, an HTML page fetched from `url`, once, and reads what natter needs of it in one walk. */
export function readHtmlPage(body: string, url: string): HtmlPage {
  const { root: document, isCut } = parseHtmlDocument(body, maxPageDepth);
  const links: string[] = [];
  let baseElement: HtmlElement | undefined;
  let title: string | null = null;
  const meta = new Map<string, string>();
  for (const element of elementsIn(document)) {
    const link = linkOf(element);
    if (link !== undefined) links.push(link);
    // SVG and MathML have `<title>` and such of their own.
    if (element.namespaceURI !== html.NS.HTML) continue;
    if (element.tagName === 'base' && attributeOf(element, 'href') !== undefined) baseElement ??= element;
    else if (element.tagName === 'title') title ??= textOf(element);
    else if (element.tagName === 'meta') {
      const key = (attributeOf(element, 'name') ?? attributeOf(element, 'property'))?.toLowerCase();
      const content = attributeOf(element, 'content');
      if (key && content !== undefined && !meta.has(key)) meta.set(key, content);
    }
  }
  const baseAttribute = baseElement?.attrs.find((attribute) => attribute.name === 'href');
  const baseUrl = baseFrom(baseAttribute?.value, url);
  return {
    baseUrl,
    links,
    title,
    description: meta.get('description') ?? meta.get('og:description') ?? null,
    author: meta.get('author') ?? null,
    html() {
      // The page as read, when that is not the page as written: microformats-parser would parse all of a page too
      // deep again, and resolves against `<base href>` as written, throwing on a relative one ("/").
      if (!isCut && (!baseAttribute || baseAttribute.value === baseUrl)) return body;
      if (baseAttribute) baseAttribute.value = baseUrl;
      return serialize(document);
    },
  };
}
