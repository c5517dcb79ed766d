import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { countsSummary } from '../export/counts-summary.js';
import { ExportFileError, readExport } from '../export/read-export.js';
import { ArchiveRecordError, ArchiveTargetNotEmptyError, type ArchiveCounts } from '../storage/archive.js';
import { ImportFailure, type ImportRun } from './import-format.js';

/** `natter import natter --help`. */
export const usage = `Usage: natter import natter FILE [--database …]

Restores an export that natter export wrote (natter export > natter.jsonl) into an empty database: every thread,
comment, report, rule, reply subscription, reference and the site's settings (its admin password and keys), as
they were. The database is a SQLite file or a PostgreSQL server, whichever the export came from. Reads the file a
line at a time and checks each line; one transaction, so a file with a fault at any line restores nothing.

A database that holds comments, threads, rules or references already is refused: restoring into it would mix two
sites. Point --database at a new file (or an empty PostgreSQL database) instead. docs/backup.md says more.

Options:
  --database        the database to restore into: a SQLite file path or a postgres:// URL (or NATTER_DATABASE,
                    or --config)
  --help            this text
`;

/** Restores `file` into the (empty) store, or says which line stopped it; nothing is restored then. */
export async function importFile({ file, store, io }: ImportRun): Promise<number> {
  const emptyFirst = 'restore into a new database: natter import natter FILE --database data/restored.sqlite';
  if (!(await store.archive.isEmpty())) {
    throw new ImportFailure('the database is not empty; nothing was imported', emptyFirst);
  }
  const input = createReadStream(file);
  const lines = createInterface({ input, crlfDelay: Infinity });
  let counts: ArchiveCounts;
  try {
    counts = await store.archive.restore(readExport(lines));
  } catch (error) {
    if (error instanceof ExportFileError) {
      throw new ImportFailure(`${file}, line ${error.line}: ${error.problem}`);
    }
    // The header is line 1, so the first record is line 2.
    if (error instanceof ArchiveRecordError) {
      throw new ImportFailure(`${file}, line ${error.record + 1}: ${error.message}`);
    }
    if (error instanceof ArchiveTargetNotEmptyError) {
      throw new ImportFailure('the database is no longer empty: something wrote to it meanwhile', emptyFirst);
    }
    throw error;
  } finally {
    // Also when the store stopped at a record before the end of the file.
    lines.close();
    input.destroy();
  }
  io.stdout.write(`restored ${countsSummary(counts)} from ${file}\n`);
  return 0;
}
