import BetterSqlite3 from 'better-sqlite3';
import type { DriverErrorKind } from '../errors.js';

/**
 * Result codes (and their extended forms, `SQLITE_BUSY_SNAPSHOT` and the like) of a database that is busy or
 * cannot be written right now: another process holds the lock, the disk is full or failing, the file went away.
 * Nothing was committed, so the client may try again.
 */
const unavailablePrefixes = [
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_FULL',
  'SQLITE_IOERR',
  'SQLITE_CANTOPEN',
  'SQLITE_READONLY',
  'SQLITE_PROTOCOL',
];

/** What a better-sqlite3 error means for the store. */
export function classifySqliteError(error: unknown): DriverErrorKind {
  if (error instanceof BetterSqlite3.SqliteError) {
    if (error.code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return 'broken_reference';
    if (unavailablePrefixes.some((prefix) => error.code.startsWith(prefix))) return 'unavailable';
    return 'other';
  }
  // better-sqlite3 throws a TypeError for a connection closed during shutdown.
  if (error instanceof TypeError && /database connection is not open/i.test(error.message))
    return 'unavailable';
  return 'other';
}
