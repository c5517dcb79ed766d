import { limits } from './protocol/limits.js';
import type { SortOrder } from './protocol/types.js';

// `natter/render`: the thread's HTML for a page, to put inside <natter-comments> when the page is made (a static-site
// generator's build, a Node server's answer), so that readers and crawlers without JavaScript see the comments, and the
// widget, once it runs, shows them in the same place without asking for them again (docs/no-javascript.md). The
// HTML is the natter server's own (`GET /thread/embed`): what it shows is escaped as the widget escapes it.

/** Which thread to render, from which server, and as the element on the page will show it. */
export interface RenderOptions {
  /** The natter server's URL, as the element's `endpoint`. */
  endpoint: string | URL;
  /**
   * The page's URL: its thread is the page's path, as the widget reads it, and readers without JavaScript are led
   * back here after posting. The server takes only pages of the origins it allows.
   */
  url?: string | URL;
  /** The thread key, when the element names one (`thread`) rather than using the page's path. */
  thread?: string;
  /** The element's `page-size` (comments on the first page; default 50). */
  pageSize?: number;
  /** The element's `sort` (default `oldest`). */
  sort?: SortOrder;
  /** The element's `max-depth` (default 3). */
  maxDepth?: number;
  /**
   * The language to write the thread in, a BCP 47 tag: the element's `locale` (or the page's `lang`), so that the
   * widget takes over the same words. English by default, and for a language the widget does not speak.
   */
  locale?: string;
  /** The `fetch` to ask the server with (default the global one). */
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

/** The server could not render the thread: its status, and what it said. */
export class RenderError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'RenderError';
  }
}

/** The address of the server's HTML for `options`' thread. */
export function renderUrl(options: RenderOptions): URL {
  const endpoint = new URL(options.endpoint);
  if (!endpoint.pathname.endsWith('/')) endpoint.pathname += '/';
  const url = new URL('thread/embed', endpoint);
  if (options.url !== undefined) url.searchParams.set('url', new URL(options.url).href);
  if (options.thread !== undefined) url.searchParams.set('thread', options.thread);
  if (options.url === undefined && options.thread === undefined) {
    throw new TypeError('natter/render: name the page (url) or the thread (thread)');
  }
  url.searchParams.set('limit', String(options.pageSize ?? limits.defaultPageSize));
  url.searchParams.set('sort', options.sort ?? 'oldest');
  url.searchParams.set('depth', String(options.maxDepth ?? 3));
  // Intl.getCanonicalLocales throws a RangeError for what is no BCP 47 tag: a mistake of the caller's, as a bad URL.
  if (options.locale !== undefined) {
    const [locale] = Intl.getCanonicalLocales(options.locale);
    if (locale) url.searchParams.set('lang', locale);
  }
  return url;
}

/**
 * The thread's HTML for the inside of `<natter-comments>`: the comments as light-DOM content, a stylesheet link that
 * lays them out as the widget will, and the first page as JSON for the widget to take over. Rejects with a
 * {@link RenderError} when the server refuses.
 */
export async function renderThread(options: RenderOptions): Promise<string> {
  const fetchFrom = options.fetch ?? fetch;
  const response = await fetchFrom(renderUrl(options), {
    headers: { accept: 'text/html' },
    ...(options.signal && { signal: options.signal }),
  });
  const text = await response.text();
  if (!response.ok) {
    let message = text;
    try {
      message = (JSON.parse(text) as { error: { message: string } }).error.message;
    } catch {
      // Not the protocol's error shape (a proxy's page): its text says what there is to say.
    }
    throw new RenderError(
      response.status,
      `natter/render: the server answered ${response.status}: ${message}`,
    );
  }
  return text;
}
