import { existsSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { countsSummary } from '../export/counts-summary.js';
import { writeExport } from '../export/write-export.js';
import { isPostgresUrl, openStore } from '../storage/open-store.js';
import { commandLineProblem } from './command-args.js';
import { databaseOf, databaseOptions } from './database-option.js';
import { packageVersion } from './package-paths.js';

const exportUsage = `Usage: natter export [--database …] > natter.jsonl

Writes everything the site holds to stdout, in natter's export format (JSON Lines, one record a line, described
in docs/backup.md): threads, comments with their authors' e-mail and IP addresses, reports, rules, reply
subscriptions, references, and the site's settings, its admin password's hash and keys among them. Keep the
file as safe as the database: it holds the same private data. Reads one consistent snapshot, a few rows at a
time, while the server runs on. natter import natter FILE restores it into an empty database, SQLite or
PostgreSQL.

Not exported: sign-in sessions, rate counts and notifications waiting to be sent (the running server's, not the
site's).

Options:
  --database        the database to export: a SQLite file path or a postgres:// URL (or NATTER_DATABASE, or
                    --config), as natter serve takes it
  --help            this text
`;

/** Where the command writes: the process's streams, or a test's. */
export interface ExportIo {
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable;
  env: NodeJS.ProcessEnv;
}

/** `natter export`: writes the store's archive to stdout, and a line of counts to stderr. */
export async function exportCommand(args: string[], io: ExportIo): Promise<number> {
  const explain = (message: string, hint = 'run natter export --help for how to use it') => {
    io.stderr.write(`natter export: ${message}\n${hint}\n`);
  };
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: { ...databaseOptions, help: { type: 'boolean', short: 'h' } },
      strict: true,
    }));
  } catch (error) {
    explain(commandLineProblem(error));
    return 2;
  }
  if (values.help) {
    io.stdout.write(exportUsage);
    return 0;
  }
  if (io.stdout.isTTY) {
    explain('the export would go to the terminal', 'send it to a file: natter export > natter.jsonl');
    return 2;
  }
  let database: string;
  try {
    database = databaseOf(values, io.env);
  } catch (error) {
    explain((error as Error).message);
    return 2;
  }
  // Opening a SQLite file that is not there would make an empty database, and export nothing without a word.
  if (!isPostgresUrl(database) && !existsSync(database)) {
    explain(`there is no database at ${database}`, 'name it with --database (or NATTER_DATABASE)');
    return 1;
  }
  let store;
  try {
    store = await openStore(database);
  } catch (error) {
    explain(`cannot open the database: ${(error as Error).message}`, 'nothing was exported');
    return 1;
  }
  // A reader that goes away (`natter export | head`) fails the write in hand, which says so below; the stream's own
  // 'error' event would otherwise end the process with a stack trace.
  const ignore = () => {};
  io.stdout.on('error', ignore);
  try {
    const write = (text: string) =>
      new Promise<void>((resolve, reject) => {
        io.stdout.write(text, (error) => (error ? reject(error) : resolve()));
      });
    const counts = await writeExport(store, write, {
      natterVersion: packageVersion(),
      exportedAt: new Date().toISOString(),
    });
    io.stderr.write(`exported ${countsSummary(counts)}\n`);
    return 0;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== 'EPIPE' && code !== 'ERR_STREAM_DESTROYED') throw error;
    explain('the output was closed before the export ended', 'what it wrote is incomplete');
    return 1;
  } finally {
    io.stdout.off('error', ignore);
    await store.close();
  }
}
