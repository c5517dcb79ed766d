// What each format's reader yields: the source's own records, as close to the source as can be, before anything of
// natter's rules applies. The shared writer (import-writer.ts) turns them into natter's comments and references.

/** Where a comment stands in the source, in natter's words; `placeholder`: deleted there, kept for its replies. */
export type SourceState = 'published' | 'pending' | 'spam' | 'deleted' | 'placeholder';

/** How a source writes comment text: HTML (`html`), or text with line breaks that may hold HTML (`text`). */
export type SourceTextKind = 'html' | 'text';

/** A comment as the source stores it. */
export interface SourceComment {
  type: 'comment';
  /** The source's own id, unique in `scope`. */
  sourceId: string;
  /**
   * What makes the id unique among the exports of its format: '' for ids unique everywhere (Disqus', Remark42's),
   * the site for ids each site counts afresh (WordPress', Isso's).
   */
  scope: string;
  /** The source's parent id, or `null` for a top-level comment. */
  parentId: string | null;
  /** The page the comment belongs to, as the source names it: its URL, or a path or identifier. */
  page: string;
  authorName: string;
  authorEmail: string;
  authorUrl: string;
  authorIp: string;
  body: string;
  bodyKind: SourceTextKind;
  /** When it was posted, as the source writes it (ISO 8601, or SQL `YYYY-MM-DD HH:MM:SS` in UTC). */
  createdAt: string;
  state: SourceState;
  /** What the reader had to assume of this record, for the summary ("date without a time zone: taken as UTC"). */
  changes?: string[];
}

/** A Pingback, Trackback or Webmention as the source stores it: a link to the page from another website. */
export interface SourceReference {
  type: 'reference';
  sourceId: string;
  scope: string;
  via: 'pingback' | 'trackback' | 'webmention';
  page: string;
  /** The URL of the page that links here. */
  sourceUrl: string;
  /** The name the source gives it: a Pingback's page title, a Trackback's blog name, a Webmention's author. */
  name: string;
  /** Its excerpt as the source stores it (HTML). */
  excerpt: string;
  createdAt: string;
  state: Exclude<SourceState, 'placeholder'>;
}

/** A record the reader could not use at all, and why (a comment of a thread the export does not have, …). */
export interface SourceSkip {
  type: 'skip';
  reason: string;
}

/** Something the reader noticed about the file as a whole (an encoding it replaced bytes of, …). */
export interface SourceNote {
  type: 'note';
  note: string;
}

export type SourceRecord = SourceComment | SourceReference | SourceSkip | SourceNote;

/** A source format's reader: the file's records, in file order. */
export type SourceReader = AsyncIterable<SourceRecord>;

/**
 * The file cannot be read on: not the format it was said to be, or broken at some point (what came before was
 * read). The message says what and where, for the person who ran the import.
 */
export class SourceError extends Error {
  override name = 'SourceError';
}
