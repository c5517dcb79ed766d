import { mf2 } from 'microformats-parser';
import { documentUrl } from './clean-values.js';
import type { HtmlPage } from './html-page.js';

/** What microformats-parser makes of a page (its types are not exported by name). */
export type Microformats = ReturnType<typeof mf2>;
/** One microformat: an h-entry, an h-card, an h-feed… */
export type Microformat = Microformats['items'][number];
/** One value of a property: text, a URL, an image (`{value, alt}`), HTML (`{html, value}`) or a microformat. */
export type PropertyValue = Microformat['properties'][string][number];

/** The page's microformats2, or `null` when the parser gives up on it (no `<body>` element, nesting too deep…). */
export function parseMicroformats(page: HtmlPage): Microformats | null {
  try {
    // Without the parser's experimental `textContent`: it would put an image's `src` into an h-card's implied name
    // when its `alt` is empty (`<a class="h-card"><img alt="" src>Name</a>`, microformats-parser issue 400).
    return mf2(page.html(), { baseUrl: page.baseUrl });
  } catch {
    return null;
  }
}

/** Whether `value` is an embedded microformat (an h-card, an h-cite), not text, a URL, an image or HTML. */
export const isMicroformat = (value: PropertyValue | undefined): value is Microformat =>
  typeof value === 'object' && 'properties' in value;

/** Whether `item` is of the microformats2 type `type` (`h-entry`). */
export const hasType = (item: Microformat, type: string) => item.type?.includes(type) ?? false;

/** The first value of `item`'s property `name`. */
export const first = (item: Microformat, name: string): PropertyValue | undefined =>
  item.properties[name]?.[0];

/** The text a value holds: text itself, an image's `alt`, HTML's text, a microformat's `value` or name. */
export function textOf(value: PropertyValue | undefined): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  if (isMicroformat(value)) return textOf(value.value) ?? textOf(first(value, 'name'));
  return 'html' in value ? value.value : value.alt;
}

/** The URLs a value names: a URL itself, an image's source, an embedded microformat's (an h-cite's) `url`s. */
export function urlsOf(value: PropertyValue): string[] {
  if (typeof value === 'string') return [value];
  if (isMicroformat(value))
    return (value.properties['url'] ?? []).flatMap((url) => (typeof url === 'string' ? [url] : []));
  return 'html' in value || value.value === undefined ? [] : [value.value];
}

/** Whether one of `item`'s values of property `name` names the document `url` (compared without fragments). */
export function names(item: Microformat, name: string, url: string): boolean {
  const wanted = documentUrl(url);
  return (item.properties[name] ?? []).some((value) =>
    urlsOf(value).some((each) => documentUrl(each) === wanted),
  );
}

/** An h-entry, and the h-feed it is an entry of: where its author may be, when it names none. */
export interface FoundEntry {
  entry: Microformat;
  feed: Microformat | null;
}

/** The page's h-entries: those at the top, and the entries of its h-feeds, in page order. */
export function entriesOf({ items }: Microformats): FoundEntry[] {
  return items.flatMap((item): FoundEntry[] => {
    if (hasType(item, 'h-entry')) return [{ entry: item, feed: null }];
    if (!hasType(item, 'h-feed')) return [];
    return (item.children ?? [])
      .filter((child) => hasType(child, 'h-entry'))
      .map((entry) => ({ entry, feed: item }));
  });
}

/**
 * The page's representative h-card (microformats wiki, "representative h-card parsing"): the h-card whose `uid` and
 * `url` are the page's URL, else one whose `url` is also a `rel=me` link, else the only one whose `url` is the page's.
 */
export function representativeCard(microformats: Microformats, pageUrl: string): Microformat | null {
  const cards = microformats.items
    .flatMap((item) => [item, ...(item.children ?? [])])
    .filter((item) => hasType(item, 'h-card'));
  const me = microformats.rels['me'] ?? [];
  const atPage = cards.filter((card) => names(card, 'url', pageUrl));
  return (
    atPage.find((card) => names(card, 'uid', pageUrl)) ??
    cards.find((card) => me.some((url) => names(card, 'url', url))) ??
    (atPage.length === 1 ? atPage[0] : null)
  );
}
