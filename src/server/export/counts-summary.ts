import { archiveRecordTypes, type ArchiveCounts } from '../storage/archive.js';

/** "3 settings, 1 thread, 120 comments": the kinds of record there are, for a command's last line. */
export function countsSummary(counts: ArchiveCounts): string {
  const kinds = archiveRecordTypes
    .filter((type) => counts[type] > 0)
    .map((type) => `${counts[type]} ${type}${counts[type] === 1 ? '' : 's'}`);
  return kinds.length > 0 ? kinds.join(', ') : 'nothing (an empty site)';
}
