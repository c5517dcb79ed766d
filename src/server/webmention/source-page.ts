import type { ReferenceKind } from '../../protocol/types.js';

/** A page fetched from another website: where it ended up after redirects, and what it said. */
export interface FetchedPage {
  /** The URL of the last hop, after redirects: relative links on the page resolve against it. */
  url: string;
  status: number;
  /** The media type without parameters, lower case (`text/html`); '' when the answer named none. */
  contentType: string;
  headers: Headers;
  /** The body as text (decoded by its charset, UTF-8 by default); '' unless the status is 2xx. */
  body: string;
}

/** Why a page could not be fetched at all (an HTTP answer, even 404 or 500, is a page: see `FetchedPage.status`). */
export type FetchFailure =
  'forbidden_address' | 'too_many_redirects' | 'too_large' | 'not_text' | 'source_unreachable';

export type FetchOutcome =
  | { ok: true; page: FetchedPage }
  | { ok: false; reason: FetchFailure; /** For logs and moderators. */ detail: string };

export interface FetchRequest {
  method?: 'GET' | 'POST';
  /** Form-encoded (`application/x-www-form-urlencoded`) or XML body of a POST. */
  body?: string;
  headers?: Record<string, string>;
}

/**
 * Fetches a page of another website safely for a server (node/source-fetcher.ts): never reaching the server's own
 * network, bounded in size, time and redirects.
 */
export type PageFetcher = (url: string, request?: FetchRequest) => Promise<FetchOutcome>;

/** What a verified source says about itself: its h-entry, or its `<title>` and meta description. */
export interface SourceEntry {
  kind: ReferenceKind;
  /** The entry's own URL (http or https), when it names one. */
  url: string | null;
  title: string | null;
  authorName: string | null;
  authorUrl: string | null;
  authorPhoto: string | null;
  /** Plain text, at most 300 characters; `null` for likes and reposts, and when the source has none. */
  excerpt: string | null;
  /** ISO 8601 UTC, when the source says when it was published. */
  publishedAt: string | null;
}
