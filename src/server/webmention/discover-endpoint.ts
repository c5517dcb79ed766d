import { documentUrl } from './clean-values.js';
import { attributeOf, elementsIn, parseHtml, relsOf, type HtmlElement } from './html-elements.js';
import { parseLinkHeader } from './link-header.js';
import type { FetchedPage, FetchFailure, PageFetcher } from './source-page.js';

/** Where a page takes mentions: its Webmention endpoint or, failing one, its Pingback server. */
export interface DiscoveredEndpoint {
  type: 'webmention' | 'pingback';
  /** Absolute, its query string kept: the endpoint is posted to exactly as advertised. */
  endpoint: string;
}

/** A target that could not be fetched at all (an answer, even 404, is a page, and may still name an endpoint). */
export class TargetUnavailableError extends Error {
  override name = 'TargetUnavailableError';

  constructor(
    readonly reason: FetchFailure,
    readonly detail: string,
  ) {
    super(detail);
  }
}

/**
 * Finds `target`'s endpoint as the W3C Webmention Recommendation (§3.1.2) says: fetch it, following redirects,
 * then take the first HTTP Link header with rel `webmention`, else the first `<link>` or `<a>` element with rel
 * `webmention` and an `href` in document order, resolved against the URL the redirects ended at. Without one, the
 * Pingback 1.0 way: the `X-Pingback` header, then `<link rel="pingback">`. `undefined` when the page names neither;
 * throws a `TargetUnavailableError` when it cannot be fetched.
 */
export async function discoverEndpoint(
  target: string,
  fetchPage: PageFetcher,
): Promise<DiscoveredEndpoint | undefined> {
  const outcome = await fetchPage(target);
  if (!outcome.ok) throw new TargetUnavailableError(outcome.reason, outcome.detail);
  return endpointOf(outcome.page);
}

function endpointOf(page: FetchedPage): DiscoveredEndpoint | undefined {
  const elements = isHtml(page.contentType) ? [...elementsIn(parseHtml(page.body))] : [];
  const webmention =
    headerLink(page, 'webmention') ?? elementLink(elements, ['link', 'a'], 'webmention', page.url);
  if (webmention !== undefined) return { type: 'webmention', endpoint: webmention };
  const pingback =
    absolute(page.headers.get('x-pingback')?.trim() || undefined, page.url) ??
    elementLink(elements, ['link'], 'pingback', page.url);
  return pingback === undefined ? undefined : { type: 'pingback', endpoint: pingback };
}

/** Whether a page of this media type is read for `<link>` and `<a>` elements ('' is a page that did not say). */
function isHtml(contentType: string): boolean {
  return contentType === 'text/html' || contentType === 'application/xhtml+xml' || contentType === '';
}

/** The first link of the page's Link headers (all of them, in order) with relation `rel`, resolved. */
function headerLink(page: FetchedPage, rel: string): string | undefined {
  const link = parseLinkHeader(page.headers.get('link') ?? '').find((each) => each.rels.includes(rel));
  return absolute(link?.target, page.url);
}

/**
 * The `href` of the first element among `tagNames` with relation `rel` that has one, resolved: an element without
 * `href` names no endpoint and is passed over, while `href=""` names the page itself.
 */
function elementLink(
  elements: readonly HtmlElement[],
  tagNames: readonly string[],
  rel: string,
  base: string,
): string | undefined {
  for (const element of elements) {
    if (!tagNames.includes(element.tagName)) continue;
    const href = attributeOf(element, 'href');
    if (href === undefined || !relsOf(element).includes(rel)) continue;
    const endpoint = absolute(href, base);
    if (endpoint !== undefined) return endpoint;
  }
  return undefined;
}

/** `url` resolved against `base`, if it is a URL at all: the fragment dropped, the query string kept. */
function absolute(url: string | undefined, base: string): string | undefined {
  return url === undefined ? undefined : documentUrl(url, base);
}
