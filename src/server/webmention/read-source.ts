import { linksToTarget } from './links-to-target.js';
import { readEntry } from './read-entry.js';
import { parseSource, type SourcePage } from './source-document.js';
import type { SourceEntry } from './source-page.js';

/** What a fetched source says: whether it links to the target, and if so, what it says about itself. */
export type SourceReading = { linksToTarget: false } | { linksToTarget: true; entry: SourceEntry };

/**
 * Reads a fetched Webmention or Pingback source for `target` (an absolute URL without fragment): whether it links to
 * it (Webmention §3.2.2), and, only then, its entry (its microformats2 h-entry, or its title and description). The
 * page is parsed once for both; its microformats only when it links.
 */
export function readSource(page: SourcePage, target: string): SourceReading {
  const source = parseSource(page);
  if (!linksToTarget(source, target)) return { linksToTarget: false };
  return { linksToTarget: true, entry: readEntry(source, target) };
}
