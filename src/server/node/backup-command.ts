import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { isPostgresUrl } from '../storage/open-store.js';
import { BackupError, backupSqliteFile } from '../storage/sqlite/online-backup.js';
import { commandLineProblem } from './command-args.js';
import { databaseOf, databaseOptions } from './database-option.js';

const backupUsage = `Usage: natter backup FILE [--database …]

Copies the SQLite database to FILE while the server runs, through SQLite's backup API: the copy is the database
at one moment, whole, whatever the server writes meanwhile, which copying the file with cp is not (the newest
commits sit in natter.sqlite-wal beside it, and a copy taken during a write can be torn). The copy is checked,
is one self-contained SQLite file, and replaces FILE only once it is complete. To restore it, stop the server
and put it in the database's place (or start natter serve --database FILE).

For PostgreSQL, use pg_dump; docs/backup.md says how, and how to export and restore with natter export.

Options:
  --database        the SQLite file to back up (or NATTER_DATABASE, or --config), as natter serve takes it
  --help            this text
`;

/** Where the command writes: the process's streams, or a test's. */
export interface BackupIo {
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
}

/** `natter backup FILE`: an online backup of the SQLite database; refused, with a pointer, for PostgreSQL. */
export async function backupCommand(args: string[], io: BackupIo): Promise<number> {
  const explain = (message: string, hint = 'run natter backup --help for how to use it') => {
    io.stderr.write(`natter backup: ${message}\n${hint}\n`);
  };
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { ...databaseOptions, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    explain(commandLineProblem(error));
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(backupUsage);
    return 0;
  }
  const [file, ...extra] = positionals;
  if (file === undefined) {
    explain('name the file to write', 'for example: natter backup backups/natter-2026-12-01.sqlite');
    return 2;
  }
  if (extra.length > 0) {
    explain(`one file, not also "${extra[0]}"`);
    return 2;
  }
  let database: string;
  try {
    database = databaseOf(values, io.env);
  } catch (error) {
    explain((error as Error).message);
    return 2;
  }
  if (isPostgresUrl(database)) {
    explain(
      'the database is PostgreSQL, which natter backup does not copy',
      'use pg_dump (docs/backup.md#postgresql), or natter export > natter.jsonl',
    );
    return 2;
  }
  try {
    const { pages, bytes } = await backupSqliteFile(database, file);
    io.stdout.write(`backed up ${database} to ${file} (${pages} pages, ${bytes} bytes; checked)\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    explain(error.message, `nothing was written to ${file}`);
    return 1;
  }
}
