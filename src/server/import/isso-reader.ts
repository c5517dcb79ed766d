import { decodeUtf8OrLegacy } from './text-decoding.js';
import type { SourceRecord, SourceState } from './source-records.js';
import { storedTimeOfSeconds } from './source-date.js';

// Isso's database (the SQLite file its `dbpath` names): `threads (id, uri, title)`, `uri` the page's path or the
// `data-isso-id` a page gave; `comments (tid, id, parent, created, modified, mode, remote_addr, text, author, email,
// website, likes, dislikes, voters, notification)`, `created` in seconds since 1970, `mode` 1 for accepted, 2 for
// awaiting moderation, 4 for deleted while replies answered it (Isso empties it and shows it as deleted); `text` is
// what its author typed (Markdown, which may hold HTML). Ids count per database; `preferences` holds a random
// `session-key` that tells one database from another.

/** A row of Isso's comments with its thread's `uri`; text columns as their bytes (they need not be UTF-8). */
export interface IssoRow {
  id: number;
  parent: number | null;
  created: number;
  mode: number;
  uri: Uint8Array | null;
  remoteAddr: Uint8Array | null;
  text: Uint8Array | null;
  author: Uint8Array | null;
  email: Uint8Array | null;
  website: Uint8Array | null;
}

/** What the reader needs of an Isso database: which one it is, and its comments, parents first. */
export interface IssoDatabase {
  /** The database's `session-key`, or '' when it has none. */
  scope: string;
  rows: Iterable<IssoRow>;
}

/** `mode` in natter's words. */
function stateOf(mode: number): SourceState {
  if (mode === 4) return 'placeholder';
  if (mode === 2) return 'pending';
  return 'published';
}

/** The comments of an Isso database, in the order of their ids (a reply's is above its parent's). */
export async function* readIsso(database: IssoDatabase): AsyncGenerator<SourceRecord> {
  for (const row of database.rows) {
    const legacy: string[] = [];
    const field = (name: string, bytes: Uint8Array | null) => {
      if (bytes === null) return '';
      const { text, isUtf8 } = decodeUtf8OrLegacy(bytes);
      if (!isUtf8) legacy.push(name);
      return text;
    };
    const record = {
      type: 'comment' as const,
      sourceId: String(row.id),
      scope: database.scope,
      parentId: row.parent === null ? null : String(row.parent),
      page: field('thread uri', row.uri),
      authorName: field('author', row.author),
      authorEmail: field('email', row.email),
      authorUrl: field('website', row.website),
      authorIp: field('remote_addr', row.remoteAddr),
      body: field('text', row.text),
      bodyKind: 'text' as const,
      createdAt: storedTimeOfSeconds(row.created) ?? String(row.created),
      state: stateOf(row.mode),
    };
    yield legacy.length > 0
      ? { ...record, changes: [`${legacy.join(', ')}: not UTF-8, read as Windows-1252`] }
      : record;
  }
}
