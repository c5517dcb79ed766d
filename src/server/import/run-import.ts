import type { CommentStore } from '../storage/store.js';
import type { HtmlTextOptions } from './html-text.js';
import { ImportProgress, type ProgressOutput } from './import-progress.js';
import { ImportSummary, printable } from './import-summary.js';
import { ImportWriter } from './import-writer.js';
import { SourceError, type SourceReader } from './source-records.js';
import { ThreadKeys, type UrlMapping } from './thread-keys.js';

/** One import: a format's records, where they go, and where to speak. */
export interface ImportJob {
  /** The format's name, as the command and ids have it: `disqus`. */
  format: string;
  /** The source's name for people: `Disqus`. */
  source: string;
  /** The file, as named on the command line. */
  file: string;
  records: SourceReader;
  /** How much of the source there is to read, and how much has been: in bytes, or rows. */
  total: number;
  position: () => number;
  /** What the reading noticed of the file as a whole (its encoding), asked once it is read. */
  notes?: () => readonly string[];
  store: CommentStore;
  mappings: readonly UrlMapping[];
  text?: Partial<HtmlTextOptions>;
  /** The summary goes here. */
  stdout: { write(text: string): unknown };
  /** Progress goes here, and why reading stopped. */
  stderr: ProgressOutput;
}

/**
 * Reads a source's records into the store and prints a summary; resolves with the exit code: 0 when the file was
 * read to its end (whatever was skipped, as the summary says), 1 when it broke off (what came before is stored, and
 * importing the mended file adds only the rest). A file that is not the format at all throws `SourceError`, and
 * nothing is stored.
 */
export async function runImport(job: ImportJob): Promise<number> {
  const summary = new ImportSummary();
  const threads = new ThreadKeys(job.mappings);
  const writer = new ImportWriter(job.store, {
    format: job.format,
    source: job.source,
    threads,
    summary,
    ...(job.text && { text: job.text }),
  });
  const progress = new ImportProgress(job.stderr, job.total);
  let records = 0;
  let failure: string | undefined;
  try {
    for await (const record of job.records) {
      records += 1;
      if (record.type === 'comment') await writer.addComment(record);
      else if (record.type === 'reference') await writer.addReference(record);
      else if (record.type === 'skip') summary.skip(record.reason);
      else summary.notes.push(record.note);
      progress.update(job.position(), records);
    }
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    if (records === 0) throw error;
    failure = error.message;
  }
  await writer.finish();
  progress.end(failure === undefined);
  summary.notes.push(...(job.notes?.() ?? []));
  if (threads.droppedQueryCount > 0) {
    summary.notes.push(
      `${threads.droppedQueryCount} page URL(s) had a query, which thread keys leave out (${threads.droppedQueries.join(', ')}): map them with --map-url if they are different pages`,
    );
  }
  job.stdout.write(`${summary.lines(job.source, job.file).join('\n')}\n`);
  if (failure === undefined) return 0;
  job.stderr.write(
    `natter import ${job.format}: ${printable(failure)}\nwhat came before it is imported; import the mended file again to add the rest (nothing is added twice)\n`,
  );
  return 1;
}
