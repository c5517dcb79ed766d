import type { ReferenceKind } from '../../protocol/types.js';
import { cleanText, cleanUrl, sourceTextLimits } from './clean-values.js';
import type { HtmlPage } from './html-page.js';
import {
  entriesOf,
  first,
  isMicroformat,
  names,
  parseMicroformats,
  representativeCard,
  textOf,
  urlsOf,
  type FoundEntry,
  type Microformat,
  type Microformats,
  type PropertyValue,
} from './microformats.js';
import type { SourceDocument } from './source-document.js';
import type { SourceEntry } from './source-page.js';

/** The h-entry properties that make an entry a response of a kind, strongest first, and that kind. */
const responseProperties: [string, ReferenceKind][] = [
  ['in-reply-to', 'reply'],
  ['like-of', 'like'],
  ['repost-of', 'repost'],
  ['bookmark-of', 'bookmark'],
];

type Author = Pick<SourceEntry, 'authorName' | 'authorUrl' | 'authorPhoto'>;

const noAuthor: Author = { authorName: null, authorUrl: null, authorPhoto: null };

const nothing: SourceEntry = {
  kind: 'mention',
  url: null,
  title: null,
  ...noAuthor,
  excerpt: null,
  publishedAt: null,
};

/** The kind of response `entry` is to `target`: the first response property naming it, else a mention. */
function kindOf(entry: Microformat, target: string): ReferenceKind {
  return responseProperties.find(([property]) => names(entry, property, target))?.[1] ?? 'mention';
}

/**
 * The entry a page has for `target`: the first that answers it, else the one whose `url` is the page's own (the
 * page of a single post that mentions it), else the first.
 */
function chooseEntry(entries: FoundEntry[], target: string, pageUrl: string): FoundEntry | undefined {
  return (
    entries.find(({ entry }) => kindOf(entry, target) !== 'mention') ??
    entries.find(({ entry }) => names(entry, 'url', pageUrl)) ??
    entries[0]
  );
}

/** The first of `values` that is an http or https URL, cleaned; else `null`. */
function firstUrl(values: PropertyValue[] | undefined, base: string): string | null {
  for (const url of (values ?? []).flatMap(urlsOf)) {
    const clean = cleanUrl(url, base);
    if (clean) return clean;
  }
  return null;
}

/** An author as an entry names it: an h-card, or a bare name or URL. */
function authorFrom(value: PropertyValue | undefined, base: string): Author | null {
  if (value === undefined) return null;
  if (isMicroformat(value)) {
    const name = textOf(first(value, 'name')) ?? (typeof value.value === 'string' ? value.value : undefined);
    const url = firstUrl(value.properties['url'], base);
    const author = {
      // An h-card without a name implies one from its text, which is its URL when it is just a link.
      authorName: name === undefined || name === url ? null : cleanText(name, sourceTextLimits.name),
      authorUrl: url,
      authorPhoto: firstUrl(value.properties['photo'], base),
    };
    return author.authorName || author.authorUrl || author.authorPhoto ? author : null;
  }
  const text = textOf(value);
  if (text === undefined) return null;
  if (/^https?:\/\//i.test(text.trim())) return { ...noAuthor, authorUrl: cleanUrl(text, base) };
  const authorName = cleanText(text, sourceTextLimits.name);
  return authorName ? { ...noAuthor, authorName } : null;
}

/**
 * The entry's title: its `name`, unless the parser implied it from the entry's whole text (it does so only for an
 * entry with no p-, e- or h- property: no content, no summary, no embedded microformat), or it is the content or
 * summary again (a note marked `p-name e-content`), or the start of it (a name cut from the text).
 */
function entryTitle(entry: Microformat): string | null {
  const name = textOf(first(entry, 'name'));
  if (name === undefined) return null;
  const content = textOf(first(entry, 'content'));
  const summary = textOf(first(entry, 'summary'));
  const hasExplicitName =
    content !== undefined ||
    summary !== undefined ||
    Object.values(entry.properties).some((values) =>
      values.some((value) => typeof value === 'object' && !('alt' in value)),
    );
  if (!hasExplicitName) return null;
  const flat = (text: string) => cleanText(text, Infinity) ?? '';
  const title = flat(name).replace(/(…|\.\.\.)$/, '');
  const isText = (text: string | undefined) => text !== undefined && flat(text).startsWith(title);
  return isText(content) || isText(summary) ? null : cleanText(name, sourceTextLimits.title);
}

const isoDateTime = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * A microformats2 date (`2026-05-10`, `2026-05-10 09:30`, `2026-05-10T09:30:00+02:00`) in ISO 8601 UTC, else `null`.
 * Parsed here rather than by `Date`, which reads a time without offset in the server's own time zone: as UTC, so
 * that every server says the same.
 */
export function publishedAt(value: string | undefined): string | null {
  const match = value?.trim().match(isoDateTime);
  if (!match) return null;
  const [, date, time = '00:00', offset = 'Z'] = match;
  // `Date` rolls 30 February over into March: a day the calendar has not is no date.
  const [year, month, day] = date.split('-').map(Number);
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) return null;
  const zone = offset.length === 5 ? `${offset.slice(0, 3)}:${offset.slice(3)}` : offset.toUpperCase();
  const when = new Date(`${date}T${time}${zone}`);
  return Number.isNaN(when.getTime()) ? null : when.toISOString();
}

/** The page's own author, when its entry names none: its representative h-card, else `<meta name="author">`. */
function pageAuthor(page: HtmlPage, microformats: Microformats | null, pageUrl: string): Author {
  const card = microformats && representativeCard(microformats, pageUrl);
  const fromCard = card && authorFrom(card, page.baseUrl);
  if (fromCard) return fromCard;
  const authorName = page.author === null ? null : cleanText(page.author, sourceTextLimits.name);
  return { ...noAuthor, authorName };
}

/** What an HTML page says of itself: its h-entry for `target` where it has one, else its `<head>`. */
function readHtmlEntry(page: HtmlPage, pageUrl: string, target: string): SourceEntry {
  const microformats = parseMicroformats(page);
  const found = microformats && chooseEntry(entriesOf(microformats), target, pageUrl);
  const pageTitle = page.title === null ? null : cleanText(page.title, sourceTextLimits.title);
  const pageDescription =
    page.description === null ? null : cleanText(page.description, sourceTextLimits.excerpt);
  if (!found) {
    return {
      ...nothing,
      title: pageTitle,
      ...pageAuthor(page, microformats, pageUrl),
      excerpt: pageDescription,
    };
  }
  const { entry, feed } = found;
  const kind = kindOf(entry, target);
  const text = textOf(first(entry, 'summary')) ?? textOf(first(entry, 'content'));
  const excerpt = (text === undefined ? null : cleanText(text, sourceTextLimits.excerpt)) ?? pageDescription;
  return {
    kind,
    url: firstUrl(entry.properties['url'], page.baseUrl),
    title: entryTitle(entry) ?? pageTitle,
    ...(authorFrom(first(entry, 'author'), page.baseUrl) ??
      (feed && authorFrom(first(feed, 'author'), page.baseUrl)) ??
      pageAuthor(page, microformats, pageUrl)),
    // A like or a repost says nothing of its own: the text on its page is the post it likes or shares.
    excerpt: kind === 'like' || kind === 'repost' ? null : excerpt,
    publishedAt: publishedAt(textOf(first(entry, 'published'))),
  };
}

/**
 * What a source says about itself, for the reference it makes to `target`: in HTML its microformats2 h-entry (the
 * one that answers `target`, else its main one), else its `<title>` and meta description; in plain text its start
 * as the excerpt. JSON has no vocabulary natter reads (JF2 and ActivityStreams are rare as Webmention sources): a
 * mention with nothing to show but its URL.
 */
export function readEntry(source: SourceDocument, target: string): SourceEntry {
  switch (source.type) {
    case 'html':
      return readHtmlEntry(source.page, source.url, target);
    case 'text':
      return { ...nothing, excerpt: cleanText(source.text, sourceTextLimits.excerpt) };
    case 'json':
    case 'other':
      return { ...nothing };
  }
}
