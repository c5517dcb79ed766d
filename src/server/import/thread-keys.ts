import { threadKeyError } from '../../protocol/input-rules.js';
import { threadKeyOf } from '../../protocol/thread-key.js';

/** A rewrite of the start of a page's URL (`--map-url 'https://old.example/blog/→/'`). */
export interface UrlMapping {
  from: string;
  to: string;
}

/** What `--map-url` separates the old start of a URL from the new one with. */
const mappingArrow = '→';

/** A `--map-url` value that is not `OLD→NEW`. */
export class UrlMappingError extends Error {
  override name = 'UrlMappingError';
}

/** The mappings of `--map-url` values, each `OLD→NEW` (or `OLD->NEW`, for keyboards without an arrow). */
export function parseUrlMappings(values: readonly string[]): UrlMapping[] {
  return values.map((value) => {
    const arrow = value.includes(mappingArrow) ? mappingArrow : '->';
    const at = value.indexOf(arrow);
    const from = value.slice(0, at).trim();
    if (at === -1 || from === '') {
      throw new UrlMappingError(
        `--map-url "${value}" is not OLD${mappingArrow}NEW, e.g. 'https://old.example/→/'`,
      );
    }
    return { from, to: value.slice(at + arrow.length).trim() };
  });
}

/** What a page of the source becomes: a thread key, or why it cannot be one. */
export type ThreadKeyResult = { key: string } | { error: string };

/**
 * The natter thread of each page of a source: its URL rewritten by the longest matching `--map-url`, then the path
 * of that URL as natter writes thread keys (`threadKeyOf`); a path stays a path, and any other identifier (Disqus'
 * and Isso's may be names) stays as it is.
 */
export class ThreadKeys {
  readonly #mappings: UrlMapping[];
  /** Pages whose URL had a query, which a thread key leaves out (`?p=12` pages would share a thread): a few of them. */
  readonly droppedQueries: string[] = [];
  /** How many pages' URLs had a query. */
  droppedQueryCount = 0;
  readonly #seenQueries = new Set<string>();

  constructor(mappings: readonly UrlMapping[]) {
    this.#mappings = [...mappings].sort((a, b) => b.from.length - a.from.length);
  }

  /** The thread key of `page`. */
  keyOf(page: string): ThreadKeyResult {
    const written = page.trim();
    if (written === '') return { error: 'no page: the source names none for it' };
    const mapping = this.#mappings.find(({ from }) => written.startsWith(from));
    const mapped = mapping ? mapping.to + written.slice(mapping.from.length) : written;
    const key = this.#keyOfMapped(mapped);
    const error = threadKeyError(key);
    if (error) {
      const why =
        error.code === 'too_long' ? `longer than ${error.limit} characters` : error.code.replace('_', ' ');
      return { error: `page "${page.slice(0, 100)}" makes no thread key: ${why}` };
    }
    return { key };
  }

  #keyOfMapped(mapped: string): string {
    let url: URL | undefined;
    if (/^https?:\/\//i.test(mapped)) url = parseUrl(mapped);
    else if (mapped.startsWith('/') && !mapped.startsWith('//'))
      url = parseUrl(mapped, 'http://path.invalid');
    if (!url) return mapped;
    // Counted once a page, with a few for the summary to show; bounded, as the set of pages seen is.
    if (url.search !== '' && !this.#seenQueries.has(mapped) && this.#seenQueries.size < 100_000) {
      this.#seenQueries.add(mapped);
      this.droppedQueryCount += 1;
      if (this.droppedQueries.length < 3) this.droppedQueries.push(mapped);
    }
    return threadKeyOf(url);
  }
}

/** `value` parsed as a URL (against `base`), or `undefined` when it is none. */
function parseUrl(value: string, base?: string): URL | undefined {
  try {
    return new URL(value, base);
  } catch {
    return undefined;
  }
}
