import { z } from 'zod';
import {
  archivedSettingKeys,
  archiveRecordTypes,
  type ArchiveCounts,
  type ArchiveRecord,
} from '../storage/archive.js';

/**
 * natter's export format, version 1 (docs/backup.md#the-export-format): JSON Lines, UTF-8. The first line is the
 * header, then one record a line in the order of `archiveRecordTypes`, then the end line with the counts, which
 * tells a whole file from a cut one. Every line is an object with a `type`.
 */
export const exportFormat = 'natter-export';
export const exportVersion = 1;

/** An ISO 8601 UTC time as the store keeps them: fixed width, so that they sort as text. */
const time = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, 'an ISO 8601 UTC time (…T12:00:00.000Z)');

/**
 * Text as a column takes it, at most `length` characters (none when `undefined`). NUL is refused: PostgreSQL
 * cannot store it, and natter never takes it in.
 */
const text = (length?: number) => {
  const base = z.string().refine((value) => !value.includes('\u0000'), 'no NUL character');
  return length === undefined ? base : base.max(length);
};

/** An id of some other row, as the columns hold them. */
const id = text(64).min(1);
/** A comment's id: its order key (`createdAt|id`) and stored path (keys joined with `/`) need it free of both. */
const commentId = id.regex(/^[^/|\s]+$/, 'an id without "/", "|" or spaces');
const count = z
  .int()
  .min(0)
  .max(2 ** 31 - 1);
const status = z.enum(['published', 'pending', 'spam', 'deleted']);

const header = z.strictObject({
  type: z.literal('header'),
  format: z.literal(exportFormat),
  version: z.literal(exportVersion),
  /** The natter that wrote it, for people: an import never reads it. */
  natter: z.string(),
  exportedAt: time,
});

const setting = z.strictObject({
  type: z.literal('setting'),
  key: z.enum(archivedSettingKeys),
  value: text(),
});

const rule = z.strictObject({
  type: z.literal('rule'),
  id,
  kind: z.enum(['word', 'domain', 'email', 'name', 'ip']),
  pattern: text(500),
  action: z.enum(['spam', 'pending', 'publish']),
  note: text(500).nullable(),
  createdAt: time,
});

const thread = z.strictObject({
  type: z.literal('thread'),
  key: text(500).min(1),
  createdAt: time,
  isLocked: z.boolean(),
  moderation: z.enum(['open', 'first-time', 'all']).nullable(),
});

const comment = z.strictObject({
  type: z.literal('comment'),
  id: commentId,
  thread: text(500).min(1),
  parent: commentId.nullable(),
  authorName: text(200),
  authorEmail: text(300).nullable(),
  authorUrl: text(600).nullable(),
  text: text(),
  status,
  createdAt: time,
  editedAt: time.nullable(),
  secretHash: text(64),
  editableUntil: time,
  reason: text(500).nullable(),
  authorIp: text(64).nullable(),
  reportCount: count,
  moderatedAt: time.nullable(),
  isDeleted: z.boolean(),
  likes: count,
});

const report = z.strictObject({
  type: z.literal('report'),
  id,
  commentId,
  reason: z.enum(['spam', 'abuse', 'off_topic']),
  clientKey: text(100),
  createdAt: time,
});

const subscription = z.strictObject({
  type: z.literal('subscription'),
  id,
  commentId,
  addressHash: text(64),
  sealedAddress: text(1024),
  createdAt: time,
  confirmedAt: time.nullable(),
});

const mention = z.strictObject({
  type: z.literal('mention'),
  id,
  source: text(2048),
  target: text(2048),
  thread: text(500).min(1),
  via: z.enum(['webmention', 'pingback']),
  state: z.enum(['queued', 'verified', 'refused', 'removed']),
  status: status.nullable(),
  reason: text(500).nullable(),
  detail: text(1000).nullable(),
  sourceHost: text(255),
  senderIp: text(64).nullable(),
  kind: text(16).nullable(),
  url: text(2048).nullable(),
  title: text(1000).nullable(),
  authorName: text(500).nullable(),
  authorUrl: text(2048).nullable(),
  authorPhoto: text(2048).nullable(),
  excerpt: text(2000).nullable(),
  publishedAt: time.nullable(),
  attempts: count,
  nextAttemptAt: time.nullable(),
  createdAt: time,
  updatedAt: time,
  verifiedAt: time.nullable(),
  moderatedAt: time.nullable(),
});

const end = z.strictObject({
  type: z.literal('end'),
  counts: z.strictObject(
    Object.fromEntries(archiveRecordTypes.map((type) => [type, count])) as Record<
      (typeof archiveRecordTypes)[number],
      typeof count
    >,
  ),
});

/** Any line after the header: a record or the end. */
export const exportLine = z.discriminatedUnion('type', [
  setting,
  rule,
  thread,
  comment,
  report,
  subscription,
  mention,
  end,
]);

export const exportHeader = header;

export type ExportHeader = z.infer<typeof header>;
export type ExportEnd = z.infer<typeof end>;

// The schemas and the store's records must describe the same thing: a field added to one and not the other fails here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const recordsMatch: Same<Exclude<z.infer<typeof exportLine>, ExportEnd>, ArchiveRecord> = true;
void recordsMatch;

/** The header line of an export written at `exportedAt` by natter `version`. */
export function headerLine(natterVersion: string, exportedAt: string): ExportHeader {
  return { type: 'header', format: exportFormat, version: exportVersion, natter: natterVersion, exportedAt };
}

/** The end line of an export that holds `counts` records. */
export function endLine(counts: ArchiveCounts): ExportEnd {
  return { type: 'end', counts };
}
