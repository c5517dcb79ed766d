import { readHtmlPage, type HtmlPage } from './html-page.js';
import type { FetchedPage } from './source-page.js';

/** What of a fetched page natter reads. */
export type SourcePage = Pick<FetchedPage, 'url' | 'contentType' | 'body'>;

/** A source page parsed once by its media type, for both the link check and the entry. */
export type SourceDocument =
  | { type: 'html'; url: string; page: HtmlPage }
  | { type: 'json'; url: string; value: unknown }
  | { type: 'text'; url: string; text: string }
  /** A media type Webmention gives no rule for, or JSON that does not parse: it links to nothing. */
  | { type: 'other'; url: string };

const htmlTypes = new Set(['text/html', 'application/xhtml+xml']);

/** `page` parsed as its media type says: HTML (and XHTML, which the HTML parser reads well enough), JSON or text. */
export function parseSource(page: SourcePage): SourceDocument {
  const { url, contentType, body } = page;
  if (htmlTypes.has(contentType)) return { type: 'html', url, page: readHtmlPage(body, url) };
  if (contentType === 'application/json' || contentType.endsWith('+json')) {
    try {
      return { type: 'json', url, value: JSON.parse(body) };
    } catch {
      return { type: 'other', url };
    }
  }
  if (contentType === 'text/plain') return { type: 'text', url, text: body };
  return { type: 'other', url };
}
