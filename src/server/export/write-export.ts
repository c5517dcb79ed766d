import { archiveRecordTypes, type ArchiveCounts } from '../storage/archive.js';
import type { CommentStore } from '../storage/store.js';
import { endLine, headerLine } from './format.js';

/** How much text is gathered before it is written: few writes, and never more than this in memory. */
const chunkCharacters = 64 * 1024;

/**
 * Writes everything `store` holds that belongs to the site through `write` in natter's export format
 * (docs/backup.md#the-export-format): the header, one record a line, the end line with the counts. Streams: the
 * store is read a few rows at a time and each chunk waits for `write`. Resolves with the counts.
 */
export async function writeExport(
  store: CommentStore,
  /** Writes text out, resolving once it is taken (a full pipe holds the export back) or rejecting. */
  write: (text: string) => Promise<void>,
  { natterVersion, exportedAt }: { natterVersion: string; exportedAt: string },
): Promise<ArchiveCounts> {
  const counts = Object.fromEntries(archiveRecordTypes.map((type) => [type, 0])) as ArchiveCounts;
  let pending = `${JSON.stringify(headerLine(natterVersion, exportedAt))}\n`;
  await store.archive.readAll(async (record) => {
    counts[record.type]++;
    pending += `${JSON.stringify(record)}\n`;
    if (pending.length < chunkCharacters) return;
    const chunk = pending;
    pending = '';
    await write(chunk);
  });
  await write(`${pending}${JSON.stringify(endLine(counts))}\n`);
  return counts;
}
