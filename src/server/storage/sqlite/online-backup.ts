import { open, rename, rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

/** How long the backup waits for a writer's lock on the source before it gives up. */
const busyTimeoutMs = 5000;

/** Why a backup was not made, in words for the person who asked for it. */
export class BackupError extends Error {
  override name = 'BackupError';
}

/**
 * Copies the SQLite database at `source` to `destination` through SQLite's online backup API, while servers go on
 * writing to it: the copy is the database as one transaction saw it, never a mix of before and after (which is what
 * copying the file, its WAL and its shared memory one after the other can give). The copy is made beside the
 * destination, checked (`PRAGMA quick_check`), switched to a rollback journal so that it is one self-contained file,
 * and renamed into place: a failed or interrupted backup leaves any earlier one at `destination` as it was.
 * Resolves with the copy's size in pages and bytes.
 */
export async function backupSqliteFile(
  source: string,
  destination: string,
): Promise<{ pages: number; bytes: number }> {
  const from = resolve(source);
  const to = resolve(destination);
  if (to === from || to === `${from}-wal` || to === `${from}-shm` || to === `${from}-journal`) {
    throw new BackupError('the backup would overwrite the database itself');
  }
  let database: BetterSqlite3.Database;
  try {
    database = new BetterSqlite3(from, { fileMustExist: true });
  } catch (error) {
    throw new BackupError(`cannot open ${source}: ${(error as Error).message}`, { cause: error });
  }
  const partial = `${to}.partial-${process.pid}`;
  try {
    database.pragma(`busy_timeout = ${busyTimeoutMs}`);
    // Every page in one step after the first: a step holds only a read snapshot, which in WAL mode blocks no
    // writer, and a write between two steps (which restarts the backup) then has just one gap to fall in.
    const { totalPages } = await database.backup(partial, { progress: () => 2 ** 31 - 1 });
    checkCopy(partial);
    await syncFile(partial);
    await rename(partial, to);
    await syncFile(dirname(to));
    const handle = await open(to, 'r');
    const { size } = await handle.stat().finally(() => handle.close());
    return { pages: totalPages, bytes: size };
  } catch (error) {
    await rm(partial, { force: true });
    if (error instanceof BackupError) throw error;
    throw new BackupError((error as Error).message, { cause: error });
  } finally {
    database.close();
  }
}

/** Checks the copy's structure, and makes it one file: a WAL copy would need its -wal and -shm beside it to open. */
function checkCopy(file: string): void {
  const copy = new BetterSqlite3(file, { fileMustExist: true });
  try {
    const result = copy.pragma('quick_check', { simple: true });
    if (result !== 'ok') throw new BackupError(`the copy failed its check: ${String(result)}`);
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

/** Flushes a file (or a folder's entries) to the disk: a backup is worth what survives a power cut. */
async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
