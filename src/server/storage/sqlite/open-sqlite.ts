import { setTimeout as sleep } from 'node:timers/promises';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely';
import { KyselyStore } from '../kysely-store.js';
import { migrateToLatest } from '../migrate.js';
import type { Database } from '../schema.js';
import { ensureDatabaseFolder } from './database-folder.js';
import { classifySqliteError } from './driver-errors.js';

/**
 * Hands Kysely the same prepared statement for the same SQL: a page of a thread and the counts call then cost
 * no SQL parsing per request. better-sqlite3 is synchronous, so one statement is never used twice at once.
 */
function withStatementCache(database: BetterSqlite3.Database): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    close: () => database.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (!statement) {
        statement = database.prepare(sql) as unknown as SqliteStatement;
        // Queries with a variable number of parameters (counts of n threads) must not grow the cache for ever.
        if (statements.size < 500) statements.set(sql, statement);
      }
      return statement;
    },
  };
}

/** SQLite's page cache, in KiB. */
const sqliteCacheKiB = 4096;

/** How long a write waits for another process's lock before the store reports itself unavailable. */
const defaultBusyTimeoutMs = 5000;
/** How long a server waits for another one to finish migrating the same file. */
const migrationLockTimeoutMs = 30_000;

/**
 * Runs `step` until SQLite stops answering busy, for at most `migrationLockTimeoutMs`: while another server opens or
 * migrates the same fresh file, switching it to WAL or beginning the migration finds it locked. Polls instead of
 * waiting in SQLite's busy handler, which would block the event loop and with it a connection of this same process
 * that holds the lock.
 */
async function whenNotBusy(database: BetterSqlite3.Database, step: () => void): Promise<void> {
  const deadline = Date.now() + migrationLockTimeoutMs;
  const busyTimeout = database.pragma('busy_timeout', { simple: true }) as number;
  database.pragma('busy_timeout = 0');
  try {
    for (;;) {
      try {
        step();
        return;
      } catch (error) {
        const isBusy = error instanceof BetterSqlite3.SqliteError && error.code.startsWith('SQLITE_BUSY');
        if (!isBusy || Date.now() > deadline) throw error;
        await sleep(10);
      }
    }
  } finally {
    database.pragma(`busy_timeout = ${busyTimeout}`);
  }
}

/**
 * Opens (creating it and its folder if needed) the SQLite file at `file` with natter's settings. Errors name the
 * file: SQLite's own "unable to open database file" does not say which one.
 */
async function openDatabaseFile(file: string, busyTimeoutMs: number): Promise<BetterSqlite3.Database> {
  if (file !== ':memory:') ensureDatabaseFolder(file);
  let database: BetterSqlite3.Database | undefined;
  try {
    database = new BetterSqlite3(file);
    database.pragma(`busy_timeout = ${busyTimeoutMs}`);
    const opened = database;
    await whenNotBusy(opened, () => opened.pragma('journal_mode = WAL'));
    // FULL: a commit is on disk before the server acknowledges the comment, whatever happens next.
    database.pragma('synchronous = FULL');
    database.pragma('foreign_keys = ON');
    // better-sqlite3 builds SQLite with a 16 MB page cache, which writes fill: a fifth of a busy server's memory. The
    // thread pages are cached above it (response-cache.ts), and the kernel caches the file: 4 MB costs no speed.
    database.pragma(`cache_size = -${sqliteCacheKiB}`);
    return database;
  } catch (error) {
    database?.close();
    throw new Error(`Cannot open the SQLite database ${file}: ${(error as Error).message}`, { cause: error });
  }
}

/** Opens (creating it and its folder if needed) the SQLite file at `file`, migrated to the latest schema. */
export async function openSqliteStore(
  file: string,
  { busyTimeoutMs = defaultBusyTimeoutMs } = {},
): Promise<KyselyStore> {
  const database = await openDatabaseFile(file, busyTimeoutMs);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
  try {
    // Kysely's migrator locks nothing on SQLite: without this write lock, two servers opening one fresh file at
    // once would both create the tables.
    await whenNotBusy(database, () => database.exec('BEGIN IMMEDIATE'));
    await migrateToLatest(db as Kysely<unknown>, 'sqlite');
    database.exec('COMMIT');
  } catch (error) {
    if (database.inTransaction) database.exec('ROLLBACK');
    await db.destroy();
    throw error;
  }
  return new KyselyStore(db, {
    dialect: 'sqlite',
    classify: classifySqliteError,
    groupsInserts: { nextTurn: setImmediate },
  });
}
