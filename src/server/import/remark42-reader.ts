import { SourceError, type SourceRecord, type SourceState } from './source-records.js';
import type { TextLine } from './text-decoding.js';

// Remark42's backup (`remark42 backup`, or the admin's export; gzip-compressed as it writes it): lines of JSON. The
// first is the site's metadata, `{"version":1,"users":[{"id","blocked":{"status"}}…],"posts":[{"url","read_only"}…]}`;
// each other a comment: `{"id","pid","text" (HTML),"orig" (its Markdown),"user":{"name","id","ip" (hashed),
// "email"?},"locator":{"site","url"},"time","delete","imported","title"}`. Ids are UUIDs.

/** A user whom the site's moderators blocked: their comments are hidden in Remark42. */
interface BlockedUser {
  id?: unknown;
  blocked?: { status?: unknown };
}

/** A field of a parsed line, as a string ('' when it is none). */
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** A JSON object, or `undefined`. */
function objectOf(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** The comments of a Remark42 backup, line by line. */
export async function* readRemark42(lines: AsyncIterable<TextLine>): AsyncGenerator<SourceRecord> {
  const blocked = new Set<string>();
  let hasMetadata = false;
  for await (const line of lines) {
    if (line.isTooLong) {
      yield { type: 'skip', reason: `line ${line.number}: longer than 16 MB` };
      continue;
    }
    if (line.text.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line.text);
    } catch {
      if (!hasMetadata) throw new SourceError('this is not a Remark42 backup: its first line is not JSON');
      yield { type: 'skip', reason: `line ${line.number}: not JSON` };
      continue;
    }
    const record = objectOf(parsed);
    if (!hasMetadata) {
      if (!record || typeof record.version !== 'number') {
        throw new SourceError(
          'this is not a Remark42 backup: its first line is not its metadata ({"version":…})',
        );
      }
      hasMetadata = true;
      for (const user of Array.isArray(record.users) ? (record.users as BlockedUser[]) : []) {
        if (user?.blocked?.status === true && typeof user.id === 'string') blocked.add(user.id);
      }
      continue;
    }
    if (line.wasLegacy)
      yield { type: 'note', note: `line ${line.number} was not UTF-8: read as Windows-1252` };
    const user = objectOf(record?.user) ?? {};
    const locator = objectOf(record?.locator) ?? {};
    const id = text(record?.id);
    if (!record || id === '') {
      yield { type: 'skip', reason: `line ${line.number}: no comment (no "id")` };
      continue;
    }
    const parent = text(record.pid);
    yield {
      type: 'comment',
      sourceId: id,
      scope: text(locator.site),
      parentId: parent === '' ? null : parent,
      page: text(locator.url),
      authorName: text(user.name),
      authorEmail: text(user.email),
      authorUrl: '',
      // Remark42 keeps a hash of the address, which is none: dropped as no address.
      authorIp: text(user.ip),
      body: text(record.text),
      bodyKind: 'html',
      createdAt: text(record.time),
      state: stateOf(record, blocked.has(text(user.id))),
    };
  }
  if (!hasMetadata) throw new SourceError('this is not a Remark42 backup: the file is empty');
}

/** A comment's state: deleted ones are shown as such for their replies; a blocked user's are hidden, as deleted. */
function stateOf(record: Record<string, unknown>, isAuthorBlocked: boolean): SourceState {
  if (record.delete === true) return 'placeholder';
  if (isAuthorBlocked) return 'deleted';
  return 'published';
}
